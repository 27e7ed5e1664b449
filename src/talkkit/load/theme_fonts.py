"""The font files a theme's text is measured with: theme.yaml's `fonts`, found in assets/fonts/."""

from __future__ import annotations

from talkkit.diagnostics import Diagnostic, Location, error
from talkkit.load.fonts import FontSet, font_faces
from talkkit.load.theme_file import ThemeFile
from talkkit.load.workspace import Workspace


class Measures(dict):
    """The fonts read and the text fitted with a theme as loaded: kept with the theme, and
    left behind when the theme is copied to another process (which measures afresh)."""

    def __reduce__(self):
        return (Measures, ())


def font_files(
    workspace: Workspace,
    spec: ThemeFile,
    face: str | None,
    role: str,
    rel_deck: str,
    found: list[Diagnostic],
) -> FontSet | None:
    """The files each face of a master's font is measured with, from theme.yaml's `fonts`;
    None (with the problem in `found`) when the font has none or a file is missing."""
    top = spec.location() or Location(workspace.templates)
    if not face:
        found.append(
            error(
                Location(workspace.templates),
                "template-broken",
                f"{rel_deck} names no {role} font in its theme",
                "set Design > Variants > Fonts",
            )
        )
        return None
    files = spec.fonts.get(face)
    if files is None:
        found.append(
            error(
                spec.location("fonts") or top,
                "template-broken",
                f"the master's {role} font '{face}' has no font files to measure text with",
                f"add `{face}: {{regular: ..., bold: ...}}` under fonts, naming metric-compatible "
                "files in assets/fonts/",
            )
        )
        return None
    primary = font_faces(workspace, files, face, top, found)
    substitute = (
        font_faces(workspace, files.substitute, face, top, found) if files.substitute else None
    )
    if primary is None or (files.substitute is not None and substitute is None):
        return None
    if substitute is None:
        return tuple((path,) for path in primary)  # type: ignore[return-value]
    return tuple(zip(primary, substitute, strict=True))  # type: ignore[return-value]
