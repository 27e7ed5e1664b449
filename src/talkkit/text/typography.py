"""Typographic quotation marks and apostrophes: the one rule every output sets words by.

Library texts, outlines and settings are typed with straight marks (" and ')
or curly ones, often both in one talk. What the audience sees uses the curly
ones throughout: an apostrophe and a closing single quote are ’, an opening
one ‘, double quotes “ and ”. A mark opens at the start of the text or after a
space, a dash, an opening bracket or another opening mark, and closes
otherwise; a single mark before a digit (’90s) is an apostrophe. Addresses are
left as they are. Korean text has no straight marks to change and passes
through unchanged.
"""

from __future__ import annotations

import re

_OPENS_AFTER = frozenset(" \t\n\r\u00a0([{<\u2014\u2013-/\u201c\u2018")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def curly(text: str) -> str:
    """`text` with straight quotation marks and apostrophes made typographic."""
    if '"' not in text and "'" not in text:
        return text
    pieces = []
    last = 0
    for found in _ADDRESS.finditer(text):
        pieces.append(_marks(text[last : found.start()], text[: found.start()][-1:]))
        pieces.append(found.group(0))
        last = found.end()
    pieces.append(_marks(text[last:], text[:last][-1:]))
    return "".join(pieces)


def _marks(text: str, before: str) -> str:
    out = []
    previous = before
    for index, char in enumerate(text):
        if char in "\"'":
            following = text[index + 1 : index + 2]
            opens = previous == "" or previous in _OPENS_AFTER
            if char == '"':
                char = "\u201c" if opens and following not in ("", " ") else "\u201d"
            elif opens and following and not following.isspace() and not following.isdigit():
                char = "\u2018"
            else:
                char = "\u2019"
        out.append(char)
        previous = char
    return "".join(out)
