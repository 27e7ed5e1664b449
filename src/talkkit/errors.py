"""The exceptions talkkit raises; only the command line turns them into exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talkkit.diagnostics import Diagnostic


class TalkkitError(Exception):
    """Base of every error talkkit reports to its user in plain words."""


class WorkspaceNotFound(TalkkitError):
    """No talkkit.yaml in the folder or any folder above it."""


class UsageError(TalkkitError):
    """The command was asked for something it cannot do (exit status 2)."""


class CheckFailed(TalkkitError):
    """Checks found errors; the diagnostics say which."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} problem(s) found")
