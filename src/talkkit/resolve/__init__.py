"""Resolve: outline + library -> Talk, with `extends` merged and every id looked up.

The merge works on the YAML data itself, before it becomes a model, so each
value keeps the file and line it was written on: an error in a slide an event
inherits points into the standard talk, an error in a change points into the
event's outline.
"""

from talkkit.resolve.extends import MAX_EXTENDS, OutlineReader
from talkkit.resolve.lookup import resolve
from talkkit.resolve.talk import ResolvedSlide, Talk

__all__ = ["MAX_EXTENDS", "OutlineReader", "ResolvedSlide", "Talk", "resolve"]
