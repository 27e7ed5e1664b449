"""Printable: every character a talk shows is in a font its outputs have.

The handout and notes are set only in the fonts of assets/fonts/ (Typst falls
back from the theme's fonts to any of them), and the deck is measured in them:
a character none of them has (an emoji, a script other than Latin and Hangul)
would stop the build inside the typesetter. The check finds it first, at the
character, in the talk's own words and in the library entries the talk shows.

The handout is then typeset as the build typesets it (for a talk the other
rules pass), so that a handout too full for its sheet, or a template that
cannot print it, is found by the check and not first by the build.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, error
from talkkit.resolve import Talk
from talkkit.text.shown import outline_texts, position_in_file, talk_library_texts

_ALWAYS = frozenset("\n\r\t\u00ad\u200b\u200c\u200d\u2060\ufeff")
"""Characters that print as nothing or as a line's end: never refused."""


def _named(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"'{char}' ({name.lower()}, {code})" if name else f"{code}"


def unprintable(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """The first character of each text that no bundled or theme font can print."""
    covered = given.printable()
    if covered is None:
        return
    for shown in (*outline_texts(talk), *talk_library_texts(talk)):
        missing = next(
            (ch for ch in shown.text if ord(ch) not in covered and ch not in _ALWAYS), None
        )
        if missing is None:
            continue
        where = position_in_file(shown.location, missing, given.file_text)
        yield error(
            where,
            "unprintable-character",
            f"{_named(missing)} in {shown.what} is in none of the fonts the deck, handout "
            "and notes are printed in (assets/fonts/), so it cannot be printed",
            "take the character out or write it in words; the fonts print Latin and Korean "
            "(Hangul) letters",
        )


def handout_prints(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """The handout the build would print does not fit its sheet, or cannot be typeset."""
    problem = given.handout(talk)
    if problem is None:
        return
    no_room, words = problem
    if no_room:
        yield error(
            talk.location(),
            "handout-too-long",
            words,
            "the handout is one sheet, front and back, for every seat: show fewer facts or "
            "ways to help in the outline",
        )
    else:
        yield error(
            talk.location(),
            "handout-broken",
            f"the handout cannot be printed: {words}",
            "staff: repair the theme's handout template in templates/ as the message says",
        )
