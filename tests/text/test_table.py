"""Plain-text tables: columns lined up under their header."""

from __future__ import annotations

from talkkit.text.table import text_table


def test_columns_line_up_under_the_header_and_trailing_spaces_go():
    assert text_table(("id", "words"), [("a-long-id", 3), ("b", 12)], indent=2) == [
        "  id         words",
        "  a-long-id  3",
        "  b          12",
    ]


def test_no_rows_say_none():
    assert text_table(("id",), [], indent=4) == ["    (none)"]
