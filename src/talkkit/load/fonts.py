"""Fonts a master may name: which common clients lack them, and what they draw instead."""

from __future__ import annotations

from talkkit.diagnostics import Diagnostic, Location, warning
from talkkit.load.master import MasterInfo

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
