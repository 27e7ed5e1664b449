"""talkkit: turn a library of true stories and checked facts into talks that move people to help."""

__version__ = "0.1.0"
