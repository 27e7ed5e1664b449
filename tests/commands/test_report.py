"""`talkkit report --donations`: gifts joined to events by campaign and medium, summed exactly."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

LANDING = (
    "https://www.libertyinnorthkorea.org/donate/?utm_source=talkkit&utm_medium={}&utm_campaign={}"
)
GIFTS = [
    ["Date", "Amount", "Currency", "utm_campaign", "utm_medium", "Landing page"],
    ["2027-03-13", "25.00", "USD", "lincoln-high-2027-03", "slides", ""],  # row 2
    [
        "2027-03-13 18:02:11",
        "50.00",
        "USD",
        "",
        "",
        LANDING.format("handout", "lincoln-high-2027-03"),
    ],
    ["2027-03-14", "10.50", "USD", "lincoln-high-2027-03", "slides", ""],  # row 4
    ["2027-03-15", "-25.00", "USD", "lincoln-high-2027-03", "slides", ""],  # row 5: a refund
    ["2027-03-15", "30000", "KRW", "lincoln-high-2027-03", "handout", ""],  # row 6
    ["2027-04-16", "100.00", "USD", "riverside-library-2027-04", "slides", ""],  # row 7
    ["2027-04-16", "1,250.50", "USD", "riverside-library-2027-04", "handout", ""],  # row 8
    ["2027-04-17", "20.00", "EUR", "", "", LANDING.format("handout", "riverside-library-2027-04")],
    ["2027-04-17", "15.00", "USD", "spring-gala-2027", "slides", ""],  # row 10: no such event
    ["2027-04-18", "abc", "USD", "riverside-library-2027-04", "slides", ""],  # row 11
    ["2027-04-18", "5.00", "USX", "riverside-library-2027-04", "slides", ""],  # row 12
    ["2027-04-19", "7.25", "usd", "riverside-library-2027-04", "email", ""],  # row 13: other
    ["2026-12-01", "40.00", "USD", "lincoln-high-2027-03", "slides", ""],  # row 14: too early
]

# Worked out by hand from the rows above, for gifts from 2027-01-01 on.
LINCOLN = {
    ("slides", "USD"): (3, Decimal("10.50")),  # 25.00 + 10.50 - 25.00
    ("handout", "USD"): (1, Decimal("50.00")),
    ("handout", "KRW"): (1, Decimal("30000")),
    ("all media", "USD"): (4, Decimal("60.50")),
    ("all media", "KRW"): (1, Decimal("30000")),
}
RIVERSIDE = {
    ("slides", "USD"): (1, Decimal("100.00")),
    ("handout", "EUR"): (1, Decimal("20.00")),
    ("handout", "USD"): (1, Decimal("1250.50")),
    ("other", "USD"): (1, Decimal("7.25")),
    ("all media", "EUR"): (1, Decimal("20.00")),
    ("all media", "USD"): (3, Decimal("1357.75")),  # 100.00 + 1250.50 + 7.25
}


def gifts_csv(rows=GIFTS) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8")


@pytest.fixture
def reported(workspace, talkkit):
    (workspace / "gifts.csv").write_bytes(gifts_csv())
    result = talkkit("report", "--donations", "gifts.csv", "--since", "2027-01-01", cwd=workspace)
    rows = list(csv.DictReader(io.StringIO((workspace / "build/report.csv").read_text())))
    return result, rows


def _sums(rows, campaign):
    return {
        (r["medium"], r["currency"]): (int(r["gifts"]), Decimal(r["total"]))
        for r in rows
        if r["section"] == "event" and r["campaign"] == campaign
    }


def test_totals_per_event_and_medium_equal_the_sums_worked_by_hand(reported):
    result, rows = reported
    assert result.lines == ["wrote build/report.html", "wrote build/report.csv"]
    assert _sums(rows, "lincoln-high-2027-03") == LINCOLN
    assert _sums(rows, "riverside-library-2027-04") == RIVERSIDE
    lincoln = next(r for r in rows if r["campaign"] == "lincoln-high-2027-03")
    assert (lincoln["date"], lincoln["audience"], lincoln["organization"]) == (
        "2027-03-12",
        "High school",
        "Lincoln High School assembly (sample event)",
    )


def test_unmatched_and_malformed_rows_are_reported_apart(reported):
    result, rows = reported
    assert result.status == 1
    assert result.err.splitlines() == [
        "gifts.csv row 11, column \"Amount\": 'abc' is not an amount; write it like 25.00 or "
        "-25.00; left out of every total",
        "gifts.csv row 12, column \"Currency\": 'USX' is not a currency code; write its ISO "
        "code, like USD or KRW; left out of every total",
        "gifts.csv: 9 gifts to 2 events, 1 with no event, 2 rows left out, 1 outside the period",
    ]
    unmatched = [r for r in rows if r["section"] == "no event"]
    assert [(r["row"], r["campaign"], r["currency"], r["total"]) for r in unmatched] == [
        ("10", "spring-gala-2027", "USD", "15.00")
    ]
    assert [r["row"] for r in rows if r["section"] == "left out"] == ["11", "12"]


def test_an_event_with_no_gift_is_listed_with_its_organizer(workspace, talkkit):
    (workspace / "decks/oak-ridge-2027-04-20.yaml").write_text(
        "extends: standard/middle-school-30\nspeaker: Sam Rivera\n"
        "event: {name: Oak Ridge assembly, date: 2027-04-20}\n"
        "organizer: {organization: Oak Ridge Middle School, attendance: 250, "
        "email: jordan@example.org}\n",
        encoding="utf-8",
    )
    (workspace / "gifts.csv").write_bytes(gifts_csv(GIFTS[:2]))
    talkkit("report", "--donations", "gifts.csv", cwd=workspace)
    rows = list(csv.DictReader(io.StringIO((workspace / "build/report.csv").read_text())))
    assert [
        (r["campaign"], r["organization"], r["audience"], r["expected_attendance"])
        for r in rows
        if r["section"] == "no gift"
    ] == [
        (
            "riverside-library-2027-04",
            "Riverside Library community evening (sample event)",
            "Community group",
            "",
        ),
        ("oak-ridge-2027-04-20", "Oak Ridge Middle School", "Middle school", "250"),
    ]
    html = (workspace / "build/report.html").read_text()
    assert "jordan@example.org" not in html


def test_the_campaign_is_the_one_the_talk_carries(workspace, talkkit):
    """An event whose `campaign:` differs from its file name gets the gifts of its campaign."""
    path = workspace / "decks/lincoln-high-2027-03.yaml"
    path.write_text(path.read_text().replace("campaign: lincoln-high-2027-03", "campaign: lh27"))
    rows = [GIFTS[0], ["2027-03-13", "25.00", "USD", "lh27", "slides", ""], GIFTS[1]]
    (workspace / "gifts.csv").write_bytes(gifts_csv(rows))
    result = talkkit("report", "--donations", "gifts.csv", cwd=workspace)
    assert result.err.splitlines()[-1] == (
        "gifts.csv: 1 gift to 1 event, 1 with no event, 0 rows left out"
    )


def test_an_export_with_no_campaign_column_is_refused(workspace, talkkit):
    (workspace / "gifts.csv").write_bytes(gifts_csv([["Date", "Amount", "Currency"]]))
    result = talkkit("report", "--donations", "gifts.csv", cwd=workspace)
    assert result.status == 2
    assert result.err == (
        'talkkit: gifts.csv has neither a "utm_campaign" column nor a "Landing page" column to '
        "find each gift's campaign; set them under `donations: columns:` in talkkit.yaml\n"
    )
    assert not (workspace / "build/report.html").exists()


def test_an_event_that_cannot_be_read_is_named(workspace, talkkit):
    (workspace / "decks/broken-2027-05-01.yaml").write_text(
        "extends: standard/nowhere\n", encoding="utf-8"
    )
    (workspace / "gifts.csv").write_bytes(gifts_csv(GIFTS[:2]))
    result = talkkit("report", "--donations", "gifts.csv", cwd=workspace)
    assert result.err.splitlines()[-1] == (
        "talkkit: these events cannot be read, so no gift is joined to them: "
        "decks/broken-2027-05-01.yaml; run `talkkit check` to see why"
    )
    html = (workspace / "build/report.html").read_text()
    assert "These events cannot be read, so no gift is joined to them: decks/broken" in html
