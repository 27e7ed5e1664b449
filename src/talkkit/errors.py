"""The exceptions talkkit raises; only the command line turns them into exit codes."""

from __future__ import annotations


class TalkkitError(Exception):
    """Base of every error talkkit reports to its user in plain words."""

    exit_code = 1


class WorkspaceNotFound(TalkkitError):
    """No talkkit.yaml in the folder or any folder above it."""

    exit_code = 2


class UsageError(TalkkitError):
    """The command was asked for something it cannot do (exit status 2)."""

    exit_code = 2


class RenderError(TalkkitError):
    """An output could not be made from its inputs (an unsupported image, a broken template)."""


class DoesNotFit(RenderError):
    """A printed output's content needs more room than its paper has, at its smallest size."""
