"""Typographic quotation marks and apostrophes."""

from __future__ import annotations

import pytest

from talkkit.text.typography import curly


@pytest.mark.parametrize(
    ("typed", "set"),
    [
        ('I think, "This is freedom."', "I think, \u201cThis is freedom.\u201d"),
        ("doesn't", "doesn\u2019t"),
        ("the '90s", "the \u201990s"),
        ("'Hello,' she said", "\u2018Hello,\u2019 she said"),
        ("\u201cWow\u201d it's", "\u201cWow\u201d it\u2019s"),
        ('("quoted")', "(\u201cquoted\u201d)"),
        ('강지현의 "말"', "강지현의 \u201c말\u201d"),
        ("no marks at all", "no marks at all"),
    ],
)
def test_marks_open_and_close_by_their_place(typed, set):
    assert curly(typed) == set


def test_addresses_are_left_as_they_are():
    typed = "see https://example.org/a'b?c=\"d\" and it's done"
    assert curly(typed) == 'see https://example.org/a\'b?c="d" and it\u2019s done'


def test_setting_twice_changes_nothing():
    once = curly("\"It's 'fine',\" he said.")
    assert curly(once) == once
