"""Measuring text with the bundled fonts' own advance widths: greedy wrapping, words that cannot fit."""

from __future__ import annotations

from conftest import ROOT
from talkkit.text.measure import wrap

FONT = (ROOT / "assets" / "fonts" / "LiberationSans-Regular.ttf",)


def test_words_wrap_greedily_to_the_width():
    # At 10 pt: "Freedom" 40.0 pt, a space 2.8, "of" 8.3, "information" 49.5.
    lines, fits = wrap("Freedom of information", FONT, 10, 55)
    assert (lines, fits) == (["Freedom of", "information"], True)


def test_a_word_wider_than_the_line_does_not_fit():
    lines, fits = wrap("Unbreakableword here", FONT, 20, 60)
    assert fits is False
    assert lines[0] == "Unbreakableword"


def test_one_empty_line_for_no_text():
    assert wrap("", FONT, 12, 100) == ([""], True)
