"""The font files a theme's text is measured with: theme.yaml's `fonts`, found in assets/fonts/."""

from __future__ import annotations

from pathlib import Path

from talkkit.diagnostics import Diagnostic, Location, error
from talkkit.load.theme_file import Faces, ThemeFile
from talkkit.load.workspace import Workspace

FontSet = tuple[tuple[Path, ...], tuple[Path, ...], tuple[Path, ...], tuple[Path, ...]]
"""Regular, bold, italic and bold italic: for each, the files its text is measured with."""


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
    primary = _faces(workspace, files, face, top, found)
    substitute = _faces(workspace, files.substitute, face, top, found) if files.substitute else None
    if primary is None or (files.substitute is not None and substitute is None):
        return None
    if substitute is None:
        return tuple((path,) for path in primary)  # type: ignore[return-value]
    return tuple(zip(primary, substitute, strict=True))  # type: ignore[return-value]


def _faces(
    workspace: Workspace, files: Faces, face: str, top: Location, found: list[Diagnostic]
) -> tuple[Path, Path, Path, Path] | None:
    fonts_folder = workspace.assets / "fonts"
    chosen: list[Path] = []
    ok = True
    for attr in ("regular", "bold", "italic", "bold_italic"):
        value = getattr(files, attr)
        if value is None:
            fallback = {"bold": 0, "italic": 0, "bold_italic": 1}[attr]
            chosen.append(chosen[fallback] if chosen else fonts_folder)
            continue
        path = (fonts_folder / value).resolve()
        if not path.is_relative_to(fonts_folder.resolve()) or not path.is_file():
            found.append(
                error(
                    files.location(attr) or top,
                    "template-broken",
                    f"no font file '{value}' in assets/fonts/ (for the {attr.replace('_', ' ')} "
                    f"face of {face})",
                )
            )
            ok = False
        chosen.append(path)
    return tuple(chosen) if ok else None  # type: ignore[return-value]
