"""Fonts a master may name: which common clients lack them, and what they draw instead."""

from __future__ import annotations

from pathlib import Path

from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.load.master import MasterInfo
from talkkit.load.theme_file import Faces, FontFiles, ThemeFile
from talkkit.load.workspace import Workspace

FontSet = tuple[tuple[Path, ...], tuple[Path, ...], tuple[Path, ...], tuple[Path, ...]]
"""Regular, bold, italic and bold italic: for each, the files its text is measured with."""

SAFE_FONTS = frozenset(
    {"Arial", "Helvetica", "Times New Roman", "Courier New", "Liberation Sans", "DejaVu Sans"}
)
"""Fonts every common client has, or draws in a twin of the same widths (LibreOffice: Arial in
Liberation Sans, Times New Roman in Liberation Serif, Courier New in Liberation Mono)."""
EAST_ASIAN_FONT = "Noto Sans CJK KR"
"""The East Asian font of every theme that names none: bundled in assets/fonts/, subset to
Latin, punctuation and Hangul by tools/subset_korean_font.py (SIL Open Font License)."""
EAST_ASIAN_FILES = {
    "regular": "NotoSansCJKkr-Subset-Regular.otf",
    "bold": "NotoSansCJKkr-Subset-Bold.otf",
}
"""The files of EAST_ASIAN_FONT in assets/fonts/."""
CLIENT_SUBSTITUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "Calibri": (
        ("LibreOffice with Debian's default fonts", "DejaVu Sans, about 24% wider"),
        ("Keynote on a Mac without Microsoft Office", "Helvetica Neue, wider"),
    ),
    "Cambria": (
        ("LibreOffice with Debian's default fonts", "DejaVu Serif, wider"),
        ("Keynote on a Mac without Microsoft Office", "Times New Roman"),
    ),
    "Aptos": (
        ("LibreOffice", "DejaVu Sans, wider"),
        ("Keynote", "Helvetica Neue"),
        ("PowerPoint 2019 and older", "Calibri"),
    ),
    "Segoe UI": (
        ("LibreOffice", "DejaVu Sans, wider"),
        ("Keynote", "Helvetica Neue"),
    ),
}
"""Fonts a common client lacks: the client, and what it draws the font in instead."""


def missing_in_clients(face: str) -> str | None:
    """Which common clients lack a font and what they draw it in; None for a font all have.

    A font neither in SAFE_FONTS nor in CLIENT_SUBSTITUTES is taken to be missing
    from LibreOffice, which then draws it in its default, DejaVu Sans.
    """
    if face in SAFE_FONTS:
        return None
    clients = CLIENT_SUBSTITUTES.get(face, (("LibreOffice", "DejaVu Sans"),))
    said = [f"{client}, which draws it in {instead}" for client, instead in clients]
    listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + f", and from {said[-1]}"
    return f"is missing from {listed}"


def _font_roles(master: MasterInfo) -> list[tuple[str, str]]:
    """(role, font) of the master's heading and body fonts, each font once."""
    roles: list[tuple[str, str]] = []
    for role, face in (("heading", master.heading_font), ("body", master.body_font)):
        if face and face not in {f for _, f in roles}:
            roles.append((role, face))
    return roles


def substituted_fonts(master: MasterInfo, where: Location) -> list[Diagnostic]:
    """A `font-substituted` warning for each font of the master that a common client lacks."""
    found = []
    for role, face in _font_roles(master):
        problem = missing_in_clients(face)
        if problem:
            found.append(
                warning(
                    where,
                    "font-substituted",
                    f"the master's {role} font '{face}' {problem}; text measured for {face} "
                    "may run out of its boxes there",
                    "name Arial in the master (Design > Variants > Fonts): PowerPoint, Keynote "
                    "and Google Slides have it and LibreOffice draws it in Liberation Sans, of "
                    "the same widths",
                )
            )
    return found


def east_asian_faces(
    workspace: Workspace, spec: ThemeFile, top: Location, found: list[Diagnostic]
) -> FontSet | None:
    """The faces of the theme's East Asian font; the bundled font's when it names none.

    A font the theme names must be listed under `fonts` with files whose family
    is that name (the handout and notes find it by that name). Without its
    files, the bundled font leaves the theme without an East Asian font, and
    the check refuses Hangul it cannot print.
    """
    name = spec.east_asian
    if name is None:
        fonts_folder = workspace.assets / "fonts"
        if not all((fonts_folder / f).is_file() for f in EAST_ASIAN_FILES.values()):
            return None
        files = FontFiles(**EAST_ASIAN_FILES)
    else:
        named = spec.fonts.get(name)
        if named is None:
            found.append(
                error(
                    spec.location("east_asian") or top,
                    "template-broken",
                    f"the East Asian font '{name}' has no font files under `fonts`",
                    f"add `{name}: {{regular: ..., bold: ...}}` under fonts, naming its files in "
                    "assets/fonts/",
                )
            )
            return None
        files = named
    faces = font_faces(workspace, files, name or EAST_ASIAN_FONT, top, found)
    if faces is None:
        return None
    if name is not None:
        family = _family(faces[0])
        if family != name:
            found.append(
                error(
                    spec.location("east_asian") or top,
                    "template-broken",
                    f"the East Asian font is named '{name}', but its file {faces[0].name} is "
                    f"the font '{family}'",
                    f"write `east_asian: {family}`, the name the handout and notes know it by",
                )
            )
            return None
    return tuple((path,) for path in faces)  # type: ignore[return-value]


def _family(path: Path) -> str:
    """The family name a font file gives itself."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    try:
        names = font["name"]
        return str(names.getDebugName(16) or names.getDebugName(1) or "")
    finally:
        font.close()


def font_faces(
    workspace: Workspace, files: Faces, face: str, top: Location, found: list[Diagnostic]
) -> tuple[Path, Path, Path, Path] | None:
    """The regular, bold, italic and bold italic files of a font in assets/fonts/ (a face left
    out is another's); None, with an error for each, when a file is not there."""
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
