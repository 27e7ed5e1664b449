"""Help in plain words: no programmer notation, nothing cut off, an example for every command."""

from __future__ import annotations

import re

import pytest

COMMANDS = [
    ("build",),
    ("check",),
    ("library",),
    ("library", "approve"),
    ("new",),
    ("preview",),
    ("schema",),
    ("template",),
    ("template", "check"),
    ("watch",),
]
PROGRAMMER = re.compile(r"%[Ymd]|INTEGER|RANGE|<=x<=|\bTEXT\b|\w\.\.\.")
"""Click's notation for formats, number ranges and plain text, and a description cut off."""


@pytest.mark.parametrize("words", [(), *COMMANDS], ids=lambda w: " ".join(w) or "talkkit")
def test_help_is_in_plain_words_with_an_example(talkkit, workspace, words):
    result = talkkit(*words, "--help", cwd=workspace)
    assert result.status == 0
    assert PROGRAMMER.findall(result.out) == []
    if words:
        assert re.search(r"\n  Examples?:\n    talkkit ", result.out), result.out


def test_dates_and_minutes_are_asked_for_in_plain_words(talkkit, workspace):
    help_text = talkkit("new", "--help", cwd=workspace).out
    assert "--date DATE" in help_text and "a date like 2027-03-12" in help_text
    assert "--minutes MINUTES" in help_text and "1 to 240" in help_text
    bad = talkkit("new", "x", "--from", "high-school-45", "--minutes", "300", cwd=workspace)
    assert bad.status == 2
    assert bad.err.endswith("Error: Invalid value for '--minutes': 300 is not between 1 and 240\n")
    day = talkkit("new", "x", "--from", "high-school-45", "--date", "2027-02-30", cwd=workspace)
    assert day.err.endswith(
        "Error: Invalid value for '--date': '2027-02-30' is not a date like 2027-03-12\n"
    )
