"""Measuring text with the bundled fonts' own advance widths: greedy wrapping, words that cannot fit."""

from __future__ import annotations

from samples import ROOT
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


EAST = (ROOT / "assets" / "fonts" / "NotoSansCJKkr-Subset-Regular.otf",)


def test_hangul_is_measured_in_the_east_asian_font_with_room_for_the_clients_fonts():
    # Noto Sans CJK KR sets each syllable 0.92 em; measured at 1.1 times that, 10.12 pt at
    # 10 pt, the width of a full em and more (Malgun Gothic, Apple SD Gothic Neo).
    assert wrap("한인교회", FONT, 10, 40.4, east_asian=EAST) == (["한인교회"], False)
    assert wrap("한인교회", FONT, 10, 40.5, east_asian=EAST) == (["한인교회"], True)
    # Without the East Asian font, the Latin font's blank box (0.72 em) is all it knows.
    assert wrap("한인교회", FONT, 10, 35) == (["한인교회"], True)
    assert wrap("한인교회", FONT, 10, 35, east_asian=EAST) == (["한인교회"], False)


def test_korean_lines_break_only_between_words():
    lines, fits = wrap("서울 한인교회 청년부 모임", FONT, 10, 75, east_asian=EAST)
    assert (lines, fits) == (["서울 한인교회", "청년부 모임"], True)


def test_latin_text_is_measured_as_before_when_the_theme_has_an_east_asian_font():
    text = "Freedom of information"
    assert wrap(text, FONT, 10, 55, east_asian=EAST) == wrap(text, FONT, 10, 55)
