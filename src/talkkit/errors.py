"""The exceptions talkkit raises; only the command line turns them into exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talkkit.diagnostics import Diagnostic


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


class CheckFailed(TalkkitError):
    """Checks found errors; the diagnostics say which."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} problem(s) found")
