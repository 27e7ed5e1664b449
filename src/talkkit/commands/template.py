"""`talkkit template check`: a theme's master and theme.yaml, checked for what a deck needs."""

from __future__ import annotations

from talkkit.checks.fit import standard_talks_fit
from talkkit.commands.ui import Ui, report
from talkkit.diagnostics import Diagnostic, display_path
from talkkit.errors import UsageError
from talkkit.load.theme import load_theme, theme_names
from talkkit.load.workspace import Workspace
from talkkit.session import Session


def check_themes(workspace: Workspace, theme: str | None, ui: Ui) -> bool:
    """Load one theme (or every theme), lay out every standard talk on it, report the problems.

    Returns whether they fail the command.
    """
    known = theme_names(workspace)
    if theme is not None and theme not in known:
        raise UsageError(
            f"no theme '{theme}' in templates/; themes: " + (", ".join(known) or "none")
        )
    names = [theme] if theme else known
    if not names:
        raise UsageError("no themes: templates/ has no theme folders")
    diagnostics: list[Diagnostic] = []
    session = Session(workspace)
    talks = [session.talk(path)[0] for path in workspace.outlines(workspace.standard)]
    standard = [talk for talk in talks if talk is not None]
    for name in names:
        loaded, problems = load_theme(workspace, name)
        diagnostics.extend(problems)
        if loaded is not None:
            ui.err(
                f"theme '{name}': {len(loaded.master.layouts)} layouts in "
                f"{display_path(loaded.deck_path)}, every slide kind mapped, "
                f"{len(standard)} standard talks laid out"
            )
            diagnostics.extend(standard_talks_fit(standard, loaded))
    checked = f"theme '{theme}'" if theme else "every theme"
    return report(ui, diagnostics, output_format="text", strict=False, checked=checked)
