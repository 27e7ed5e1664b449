"""Which writing system a character belongs to, as the outputs need to know: Hangul, or not.

A run of text holding Hangul is set in the theme's East Asian font, tagged as
Korean, and kept whole between spaces; other text keeps the theme's own font.
"""

from __future__ import annotations

import re

HANGUL_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7A3),  # Hangul Syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
)
"""The code points of Hangul, first and last of each block."""
_EAST_ASIAN_RANGES = (
    *HANGUL_RANGES,
    (0x2E80, 0x2FFF),  # CJK radicals
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility
    (0x3400, 0x9FFF),  # CJK ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)

HANGUL = re.compile("[" + "".join(f"\\u{a:04X}-\\u{b:04X}" for a, b in HANGUL_RANGES) + "]")
"""One Hangul character."""


def has_hangul(text: str | None) -> bool:
    """Whether the text holds a Hangul character."""
    return bool(text) and HANGUL.search(text) is not None  # type: ignore[arg-type]


def is_east_asian(char: str) -> bool:
    """Whether a character is set in the East Asian font: Hangul, CJK ideographs and symbols, full-width forms."""
    code = ord(char)
    return any(first <= code <= last for first, last in _EAST_ASIAN_RANGES)
