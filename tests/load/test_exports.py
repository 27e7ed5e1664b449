"""Reading CSV exports: a byte-order mark, semicolons, quoted newlines, rows numbered as a spreadsheet does."""

from __future__ import annotations

import pytest

from talkkit.errors import UsageError
from talkkit.load.exports import read_export


def test_a_bom_semicolons_and_a_quoted_newline():
    data = '\ufeffName;Notes;Amount\r\nA;"two\r\nlines";1,50\r\n\r\nB;;2\r\n'.encode()
    export = read_export(data, "x.csv")
    assert export.headers == ["Name", "Notes", "Amount"]
    assert [(r.number, r.cells) for r in export.rows] == [
        (2, {"Name": "A", "Notes": "two\r\nlines", "Amount": "1,50"}),
        (4, {"Name": "B", "Notes": "", "Amount": "2"}),
    ]


def test_commas_win_when_the_header_has_more_of_them():
    export = read_export(b'a,b,"c;d"\n1,2,3\n', "x.csv")
    assert export.headers == ["a", "b", "c;d"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Name\n\xff\n", "x.csv is not UTF-8 text (byte 6); export it again as CSV UTF-8"),
        (b"  \n", "x.csv is empty: export the form's answers as CSV"),
    ],
)
def test_what_is_not_a_csv_export_is_refused(data, message):
    with pytest.raises(UsageError) as refused:
        read_export(data, "x.csv")
    assert str(refused.value) == message
