"""`talkkit template check`: a theme's master and theme.yaml, checked for what a deck needs."""

from __future__ import annotations

from talkkit.commands.ui import Ui, report
from talkkit.diagnostics import Diagnostic, display_path
from talkkit.errors import UsageError
from talkkit.load.theme import load_theme, theme_names
from talkkit.load.workspace import Workspace


def check_themes(workspace: Workspace, theme: str | None, ui: Ui) -> bool:
    """Load one theme (or every theme) and report its problems; whether they fail the command."""
    known = theme_names(workspace)
    if theme is not None and theme not in known:
        raise UsageError(
            f"no theme '{theme}' in templates/; themes: " + (", ".join(known) or "none")
        )
    names = [theme] if theme else known
    if not names:
        raise UsageError("no themes: templates/ has no theme folders")
    diagnostics: list[Diagnostic] = []
    for name in names:
        loaded, problems = load_theme(workspace, name)
        diagnostics.extend(problems)
        if loaded is not None:
            ui.err(
                f"theme '{name}': {len(loaded.master.layouts)} layouts in "
                f"{display_path(loaded.deck_path)}, every slide kind mapped"
            )
    checked = f"theme '{theme}'" if theme else "every theme"
    return report(ui, diagnostics, output_format="text", strict=False, checked=checked)
