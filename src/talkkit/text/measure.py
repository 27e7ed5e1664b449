"""Measuring text: wrap paragraphs into a placeholder's box and find the largest size that fits.

The widths and line heights come from the metric-compatible font files a theme
names (Liberation Sans for Arial) and, where the theme names one, the font a
client lacking them substitutes (DejaVu Sans): each character is measured at the
wider of the two, so text fits whichever is drawn. A paragraph holding Hangul
is measured with the theme's East Asian font as well (see `_Mixed`). The files are read with
fontTools, so the check and the deck measure alike on any machine. Both `talkkit check` and the
deck renderer call `fit_text`: a deck the check passes has no text outside its box.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talkkit.text.script import has_hangul, is_east_asian

if TYPE_CHECKING:
    from talkkit.load.theme import Slot

WIDTH_SAFETY = 0.95
"""The share of a box's width text may fill: room for renderers that set text a little wider."""
HEIGHT_SAFETY = 0.95
"""The share of a box's height text may fill."""
MIN_LINE_HEIGHT = 1.2
"""The least line height assumed, in multiples of the text size (PowerPoint's single spacing)."""
STEP = 1.0
"""Sizes are tried from the largest down in steps of this many points."""
EAST_ASIAN_MARGIN = 1.1
"""East Asian characters are measured this much wider than the East Asian font sets them. The
bundled Noto Sans CJK KR sets Hangul 0.92 em wide, so a syllable is measured at 1.01 em, a
little over a full em: room for the font a client draws Korean in when it lacks the theme's
(Malgun Gothic on Windows, Apple SD Gothic Neo on macOS), should it set Hangul wider."""


@dataclass(frozen=True)
class Para:
    """One paragraph of a placeholder: its text and how it differs from the slot's style."""

    text: str
    small: bool = False
    """Set in the slot's smaller size (a source line, a credit, an address)."""
    bold: bool | None = None
    """Bold or not; the slot's style when None."""
    italic: bool | None = None
    """Italic or not; the slot's style when None."""
    gap: bool = True
    """Whether the slot's paragraph gap comes before it (never before the first)."""
    link: str | None = None
    """An address the paragraph's text links to."""


@dataclass(frozen=True)
class Fitted:
    """The outcome of fitting paragraphs into a slot."""

    size: float
    """The size of normal paragraphs, in points."""
    fits: bool
    lines: tuple[tuple[str, ...], ...]
    """The lines of each paragraph, as wrapped at that size."""
    needed: float
    """The height the text takes at that size, in points."""
    available: float
    """The height the box offers, in points."""

    def size_of(self, para: Para, slot: Slot) -> float:
        return para_size(self.size, para, slot)


class _Font:
    """Advance widths and line height of one face, in ems; of several, the widest of each."""

    def __init__(self, paths: tuple[Path, ...], cache: Path | None = None):
        if len(paths) == 1:
            self.advances, self.missing, self.line = font_metrics(paths[0], cache)
        else:
            self.advances, self.missing, self.line = widest_metrics(paths, cache)
        self._words: dict[str, float] = {}

    def width(self, text: str, size: float) -> float:
        ems = self._words.get(text)
        if ems is None:
            ems = sum(self.advances.get(ord(ch), self.missing) for ch in text)
            self._words[text] = ems
        return ems * size


class _Mixed:
    """A paragraph with Hangul: East Asian characters in the East Asian font (with its margin),
    letters of other scripts in the theme's font, and spaces, digits and punctuation, which a
    client may set in either, at the wider of the two."""

    def __init__(self, latin: _Font, east: _Font):
        self.latin = latin
        self.east = east
        self.line = max(latin.line, east.line)
        self._words: dict[str, float] = {}

    def _char(self, char: str) -> float:
        code = ord(char)
        east = self.east.advances.get(code)
        latin = self.latin.advances.get(code)
        if is_east_asian(char) or latin is None:
            return (east if east is not None else self.east.missing) * EAST_ASIAN_MARGIN
        if char.isalpha() or east is None:
            return latin
        return max(latin, east)

    def width(self, text: str, size: float) -> float:
        ems = self._words.get(text)
        if ems is None:
            ems = sum(self._char(ch) for ch in text)
            self._words[text] = ems
        return ems * size


Metrics = tuple[dict[int, float], float, float]
"""Advance widths by code point and the `.notdef` width, in ems, and the line height."""


def font_metrics(path: Path, cache: Path | None = None) -> Metrics:
    """A font file's advance widths by code point and its `.notdef` width, in ems, and its line height.

    Read with fontTools once; with a cache folder, kept there by the file's
    content, so later runs neither parse the font nor import fontTools.
    """
    from talkkit.cache import cached, file_key

    return cached(cache, "font-metrics", file_key(path), lambda: _read_metrics(path), _unpack)


def widest_metrics(paths: tuple[Path, ...], cache: Path | None = None) -> Metrics:
    """The metrics of several fonts merged: each character at its widest, the tallest line."""
    from talkkit.cache import cached, file_key

    def merge() -> bytes:
        advances: dict[int, float] = {}
        missing, line = 0.0, MIN_LINE_HEIGHT
        for path in paths:
            widths, blank, height = font_metrics(path, cache)
            for code, width in widths.items():
                if width > advances.get(code, 0.0):
                    advances[code] = width
            missing, line = max(missing, blank), max(line, height)
        return _pack(advances, missing, line)

    key = b"".join(file_key(path) for path in paths)
    return cached(cache, "widest-metrics", key, merge, _unpack)


def _pack(advances: dict[int, float], missing: float, line: float) -> bytes:
    flat = [v for code in sorted(advances) for v in (code, advances[code])]
    record = {"units": 1, "missing": missing, "line": line, "advances": flat}
    return json.dumps(record, separators=(",", ":")).encode()


def _unpack(data: bytes) -> Metrics:
    record = json.loads(data)
    units, flat = record["units"], record["advances"]
    advances = {flat[i]: flat[i + 1] / units for i in range(0, len(flat), 2)}
    return advances, record["missing"] / units, record["line"]


def _read_metrics(path: Path) -> bytes:
    import logging

    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(str(path), lazy=True)
    units = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    flat: list[int] = []
    for code, name in sorted(cmap.items()):
        if name in metrics:
            flat += [code, metrics[name][0]]
    hhea, os2 = font["hhea"], font["OS/2"]
    line = max(
        (hhea.ascent - hhea.descent + hhea.lineGap) / units,
        (os2.usWinAscent + os2.usWinDescent) / units,
        (os2.sTypoAscender - os2.sTypoDescender + os2.sTypoLineGap) / units,
        MIN_LINE_HEIGHT,
    )
    missing = metrics.get(".notdef", (units // 2, 0))[0]
    font.close()
    record = {"units": units, "missing": missing, "line": line, "advances": flat}
    return json.dumps(record, separators=(",", ":")).encode()


def _font(paths: tuple[Path, ...], slot: Slot | None) -> _Font:
    """The measured faces of `paths`, read once for the theme the slot belongs to."""
    if slot is None:
        return _Font(paths)
    key = ("font", paths)
    font = slot.measures.get(key)
    if font is None:
        font = slot.measures[key] = _Font(paths, slot.cache)
    return font


def para_size(size: float, para: Para, slot: Slot) -> float:
    """The size of one paragraph when the slot's text is `size` points, to the half point."""
    value = size * slot.style.small if para.small else size
    return round(value * 2) / 2


def _measured_in(
    text: str,
    font_paths: tuple[Path, ...],
    slot: Slot | None,
    east_asian: tuple[Path, ...] | None,
) -> _Font | _Mixed:
    """The font a paragraph is measured in: mixed with the East Asian font when it holds Hangul."""
    font = _font(font_paths, slot)
    if east_asian is None or not has_hangul(text):
        return font
    return _Mixed(font, _font(east_asian, slot))


def wrap(
    text: str,
    font_paths: tuple[Path, ...],
    size: float,
    width: float,
    slot: Slot | None = None,
    east_asian: tuple[Path, ...] | None = None,
) -> tuple[list[str], bool]:
    """Greedy word wrap of one paragraph in the widest of the fonts; False when a word is wider than the line.

    Lines break only at spaces, Korean words included, as Korean typesetting expects
    (the deck asks PowerPoint not to break a Korean word, and the printed outputs never
    do); a renderer that breaks inside Korean words needs no more lines than counted.
    """
    font = _measured_in(text, font_paths, slot, east_asian)
    space = font.width(" ", size)
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    ok = True
    for word in text.split():
        word_width = font.width(word, size)
        if word_width > width:
            ok = False
        if current and current_width + space + word_width > width:
            lines.append(" ".join(current))
            current, current_width = [word], word_width
        else:
            current_width += (space if current else 0.0) + word_width
            current.append(word)
    if current or not lines:
        lines.append(" ".join(current))
    return lines, ok


def layout(
    paras: list[Para], slot: Slot, size: float
) -> tuple[tuple[tuple[str, ...], ...], float, bool]:
    """The lines of each paragraph at `size`, the height they take, and whether every word fits a line."""
    style = slot.style
    width = slot.frame.text_width_pt * WIDTH_SAFETY
    height = 0.0
    all_lines = []
    ok = True
    for index, para in enumerate(paras):
        psize = para_size(size, para, slot)
        bold = style.bold if para.bold is None else para.bold
        italic = style.italic if para.italic is None else para.italic
        paths = slot.font_files(bold=bold, italic=italic)
        east = slot.east_asian_files(bold=bold, italic=italic)
        lines, fits_width = wrap(para.text, paths, psize, width, slot, east)
        ok = ok and fits_width
        if index and para.gap:
            height += style.gap * psize
        line = _measured_in(para.text, paths, slot, east).line
        height += len(lines) * psize * line * style.line_spacing
        all_lines.append(tuple(lines))
    return tuple(all_lines), height, ok


def fit_text(paras: list[Para], slot: Slot) -> Fitted:
    """The largest size, from the slot's size down to its smallest, at which every paragraph fits.

    When nothing fits even at the smallest size, the result is at that size
    with `fits` False; the deck renderer refuses such a slide and the check
    reports it. The same text in the same slot is measured once for the theme
    as loaded (events that extend one standard talk share most of their
    slides); a theme loaded again after an edit measures afresh.
    """
    key = ("fit", id(slot), tuple(paras))
    cached = slot.measures.get(key)
    if cached is not None and cached[0] is slot:
        return cached[1]
    fitted = _fit(paras, slot)
    slot.measures[key] = (slot, fitted)
    return fitted


def _fit(paras: list[Para], slot: Slot) -> Fitted:
    style = slot.style
    assert style.size is not None and style.min is not None
    available = slot.frame.text_height_pt * HEIGHT_SAFETY
    size = style.size
    while True:
        lines, needed, ok = layout(paras, slot, size)
        if ok and needed <= available:
            return Fitted(size, True, lines, needed, available)
        if size - STEP < style.min - 1e-9:
            return Fitted(size, False, lines, needed, available)
        size = max(style.min, size - STEP)
