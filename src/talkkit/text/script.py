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


_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "-",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINALS = [
    "-",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]


def romanize(text: str) -> str:
    """Hangul syllables spelt in Latin letters, syllable by syllable (the Revised Romanization's
    letters, without its sound changes): 서울 한인교회 is "seoul haningyohoe". Other text is kept."""
    out = []
    for char in text:
        code = ord(char) - 0xAC00
        if 0 <= code <= 0xD7A3 - 0xAC00:
            initial, rest = divmod(code, 21 * 28)
            vowel, final = divmod(rest, 28)
            letters = _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final]
            out.append(letters.replace("-", ""))
        else:
            out.append(char)
    return "".join(out)
