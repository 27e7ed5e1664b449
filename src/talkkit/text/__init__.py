"""Text: what a slide shows, how much room it needs, and its images; for the checks and the deck alike."""
