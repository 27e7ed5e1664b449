"""The local page of `talkkit serve`."""
