"""Renderers: a resolved Talk in, the bytes of a deck, a handout or speaker notes out."""
