"""`talkkit new --from-requests`: a form export becomes checked event outlines, once, privately."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from printed_pdf import pdf_text
from samples import ROOT

TODAY = "2027-01-05"
HEADER = [
    "Timestamp",
    "Email address",
    "Your name",
    "Phone",
    "Organization",
    "Event name",
    "Date of the event",
    "City",
    "Audience or grade",
    "Expected attendance",
    "Minutes available",
    "Will the talk be recorded or streamed?",
    "Anything else we should know?",
]


def _row(stamp, email, name, phone, org, event, date, audience, minutes, notes="", people="80"):
    return [stamp, email, name, phone, org, event, date, "Springfield", audience, people, minutes]


ROWS = [
    # row 2: clean, middle school
    [
        *_row(
            "2026/11/02 9:14:03",
            "jordan@example.org",
            "Jordan Alvarez",
            "(555) 010-2244",
            "Oak Ridge Middle School",
            "Oak Ridge assembly",
            "4/20/2027",
            "Grades 6-8",
            "40",
        ),
        "No",
        "We meet in the gym.\nCall 555-0190 at the front desk.",
    ],
    # row 3: clean, college
    [
        *_row(
            "2026/11/03 16:51:40",
            "morgan@example.edu",
            "Morgan Chen",
            "555-0108",
            "Springfield College Human Rights Club",
            "Human Rights Week",
            "March 18, 2027",
            "college",
            "55",
        ),
        "no",
        "",
    ],
    # row 4: clean, high school
    [
        *_row(
            "2026/11/04 10:00:00",
            "casey@example.org",
            "Casey Park",
            "555-0111",
            "Lincoln High School",
            "",
            "2027-05-03",
            "Grades 9-12",
            "45 minutes",
        ),
        "No",
        "",
    ],
    # row 5: a Korean organization's name
    [
        *_row(
            "2026/11/05 11:02:17",
            "minji@example.kr",
            "김민지",
            "010-5555-0123",
            "서울 한인 청년회",
            "Youth forum",
            "2027-06-12",
            "ages 18-25",
            "60",
        ),
        "No",
        "한국어 통역이 필요합니다",
    ],
    # row 6: the same request as row 2, sent twice
    [
        *_row(
            "2026/11/02 9:14:03",
            "jordan@example.org",
            "Jordan Alvarez",
            "(555) 010-2244",
            "Oak Ridge Middle School",
            "Oak Ridge assembly",
            "4/20/2027",
            "Grades 6-8",
            "40",
        ),
        "No",
        "",
    ],
    # row 7: a date in the past
    [
        *_row(
            "2026/11/06 08:00:00",
            "pat@example.org",
            "Pat Doe",
            "555-0120",
            "Maple Elementary PTA",
            "",
            "3/1/2026",
            "Grades 6-8",
            "40",
        ),
        "No",
        "",
    ],
    # row 8: a date written day first
    [
        *_row(
            "2026/11/06 09:00:00",
            "sam@example.org",
            "Sam Roe",
            "555-0121",
            "Westside Middle School",
            "",
            "13/4/2027",
            "7th grade",
            "40",
        ),
        "No",
        "",
    ],
    # row 9: a grade with no audience
    [
        *_row(
            "2026/11/06 10:00:00",
            "lee@example.org",
            "Lee Fox",
            "555-0122",
            "Brook Primary",
            "",
            "2027-04-01",
            "Grade 2",
            "40",
        ),
        "No",
        "",
    ],
    # row 10: too few minutes
    [
        *_row(
            "2026/11/06 11:00:00",
            "ray@example.org",
            "Ray Poe",
            "555-0123",
            "Hill Middle School",
            "",
            "2027-04-02",
            "Grades 6-8",
            "10",
        ),
        "No",
        "",
    ],
    # row 11: an audience that could be several
    [
        *_row(
            "2026/11/06 12:00:00",
            "kim@example.org",
            "Dana Kim",
            "555-0124",
            "Grace Church",
            "",
            "2027-04-03",
            "church youth group",
            "45",
        ),
        "No",
        "",
    ],
    # row 12: clean, community, notes on two lines
    [
        *_row(
            "2026/11/07 13:00:00",
            "alex@example.org",
            "Alex Moss",
            "555-0125",
            "Springfield Rotary Club",
            "Rotary lunch",
            "May 20, 2027",
            "Community group",
            "90",
            people="35",
        ),
        "No",
        "Lunch is served first.\nParking behind the hall.",
    ],
    # row 13: a day that does not exist
    [
        *_row(
            "2026/11/07 14:00:00",
            "jo@example.org",
            "Jo Bell",
            "555-0126",
            "East Middle School",
            "",
            "2/30/2027",
            "Grades 6-8",
            "40",
        ),
        "No",
        "",
    ],
    # row 14: clean, one grade
    [
        *_row(
            "2026/11/08 15:00:00",
            "nik@example.org",
            "Nik Vale",
            "555-0127",
            "Pine Middle School",
            "",
            "2027-09-14",
            "7th grade",
            "30",
        ),
        "No",
        "",
    ],
]
EMAILS = [r[1] for r in ROWS]
PHONES = [r[3] for r in ROWS] + ["555-0190"]

CREATED = [
    ("oak-ridge-middle-school-2027-04-20", 2, "standard/middle-school-30"),
    ("springfield-college-human-rights-club-2027-03-18", 3, "standard/university-50"),
    ("lincoln-high-school-2027-05-03", 4, "standard/high-school-45"),
    ("seoul-hanin-cheongnyeonhoe-2027-06-12", 5, "standard/university-50"),
    ("springfield-rotary-club-2027-05-20", 12, "standard/community-60"),
    ("pine-middle-school-2027-09-14", 14, "standard/middle-school-30"),
]
REFUSED = [
    'requests.csv row 7, column "Date of the event": 2026-03-01 is in the past '
    "(today is 2027-01-05); check the year with the organizer",
    "requests.csv row 8, column \"Date of the event\": '13/4/2027' reads as day first, but the "
    "export's dates are read month first; write it like 2027-03-12 or March 12, 2027",
    "requests.csv row 9, column \"Audience or grade\": 'Grade 2' (ages 7 to 8) is no audience of "
    "talkkit.yaml; audiences: Middle school, High school, University, Community group",
    'requests.csv row 10, column "Minutes available": 10 minutes is too short: the shortest '
    "Middle school talk, standard/middle-school-30, takes 30; ask the organizer for more time",
    "requests.csv row 11, column \"Audience or grade\": 'church youth group' could be Middle "
    "school, High school or Community group; ask the organizer which, or write the grades or ages",
    "requests.csv row 13, column \"Date of the event\": '2/30/2027' is not a day of the calendar: "
    "February 2027 has no day 30",
]


def export_bytes(rows=ROWS, delimiter=",") -> bytes:
    """The export as a form service writes it: UTF-8 with a byte-order mark, quoted newlines."""
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter).writerows([HEADER, *rows])
    return text.getvalue().encode("utf-8-sig")


@pytest.fixture
def imported(workspace, talkkit):
    (workspace / "requests.csv").write_bytes(export_bytes())
    before = set((workspace / "decks").glob("*.yaml"))
    result = talkkit("--today", TODAY, "new", "--from-requests", "requests.csv", cwd=workspace)
    made = sorted(set((workspace / "decks").glob("*.yaml")) - before)
    return result, made


def test_the_export_makes_exactly_the_talks_it_should(imported, workspace):
    result, made = imported
    assert result.status == 1, result.err
    wrote = [line for line in result.lines if " wrote " in line]
    names = [name for name, _, _ in CREATED]
    assert wrote == [
        f"row {row}: wrote decks/{name}.yaml (from {standard})"
        for (_, row, standard), name in zip(CREATED, names, strict=True)
    ]
    assert sorted(p.stem for p in made) == sorted(names)
    assert "row 6: skipped, the same request as row 2" in result.lines
    assert result.err.splitlines() == [*REFUSED, "requests.csv: 6 created, 1 skipped, 6 refused"]
    # each created outline was checked at once: no error, only the missing speaker
    problems = [line for line in result.lines if ": warning " in line or ": error " in line]
    assert problems == [
        f"decks/{name}.yaml:4:1: warning speaker-missing the outline names no speaker; add "
        "`speaker:` with the name of who gives the talk; the title slide and handout show it"
        for name in names
    ]


@pytest.mark.usefixtures("imported")
def test_each_outline_says_why_its_talk_was_chosen_and_keeps_the_organizer(workspace):
    text = (workspace / "decks/oak-ridge-middle-school-2027-04-20.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../schema/outline.schema.json\n"
        "# Made from row 2 of requests.csv: standard/middle-school-30 (30 minutes) is the longest\n"
        "# standard talk for Middle school that fits the 40 minutes asked.\n"
        "extends: standard/middle-school-30\n"
        "event:\n"
        '  name: "Oak Ridge assembly"\n'
        "  date: 2027-04-20\n"
        '  city: "Springfield"\n'
        "  recorded: false\n"
        "# Who asked for the talk, for staff: never shown in the deck, handout or notes.\n"
        "organizer:\n"
        '  organization: "Oak Ridge Middle School"\n'
        '  name: "Jordan Alvarez"\n'
        '  email: "jordan@example.org"\n'
        '  phone: "(555) 010-2244"\n'
        "  attendance: 80\n"
        '  notes: "We meet in the gym.\\nCall 555-0190 at the front desk."\n'
        '  request: "'
    )
    korean = (workspace / "decks/seoul-hanin-cheongnyeonhoe-2027-06-12.yaml").read_text()
    assert '  organization: "서울 한인 청년회"\n' in korean
    assert '  name: "Youth forum"\n' in korean
    assert "jordan@example.org" not in korean


def test_a_second_run_creates_nothing(imported, workspace, talkkit):
    _, made = imported
    texts = {p: p.read_bytes() for p in made}
    again = talkkit("--today", TODAY, "new", "--from-requests", "requests.csv", cwd=workspace)
    assert again.err.splitlines()[-1] == "requests.csv: 0 created, 7 skipped, 6 refused"
    assert " wrote " not in again.out
    assert "row 6: skipped, already imported as decks/oak-ridge-middle-school-2027-04-20.yaml" in (
        again.lines
    )
    assert {p: p.read_bytes() for p in made} == texts
    assert len(list((workspace / "decks").glob("*.yaml"))) == 2 + len(made)


def test_semicolons_and_an_existing_file_name_are_handled(workspace, talkkit):
    (workspace / "decks/pine-middle-school-2027-09-14.yaml").write_text("# someone's own\n")
    (workspace / "requests.csv").write_bytes(export_bytes(ROWS[-1:], delimiter=";"))
    result = talkkit("--today", TODAY, "new", "--from-requests", "requests.csv", cwd=workspace)
    assert result.lines[0] == (
        "row 2: wrote decks/pine-middle-school-2027-09-14-2.yaml (from standard/middle-school-30)"
    )
    assert (workspace / "decks/pine-middle-school-2027-09-14.yaml").read_text() == (
        "# someone's own\n"
    )


def test_an_export_without_the_form_columns_is_refused_whole(workspace, talkkit):
    (workspace / "requests.csv").write_text("Name,When\nA,2027-04-01\n", encoding="utf-8")
    result = talkkit("new", "--from-requests", "requests.csv", cwd=workspace)
    assert result.status == 2
    assert result.err == (
        'talkkit: requests.csv has no column "Timestamp", "Organization", "Date of the event", '
        '"Audience or grade"; its columns: "Name", "When". Set the column names under '
        "`requests: columns:` in talkkit.yaml\n"
    )


def test_the_sample_export_matches_the_default_columns(workspace, talkkit):
    result = talkkit(
        "--today",
        TODAY,
        "new",
        "--from-requests",
        str(ROOT / "examples/requests.csv"),
        cwd=workspace,
    )
    assert result.err.splitlines()[-1] == "requests.csv: 2 created, 0 skipped, 1 refused"


def _pptx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_no_email_or_phone_reaches_any_output(imported, workspace, talkkit):
    _, made = imported
    names = [p.stem for p in made]
    built = talkkit(
        "--today", TODAY, "build", *[f"decks/{n}.yaml" for n in names], "-j", "2", cwd=workspace
    )
    assert built.status == 0, built.out + built.err
    checked = talkkit(
        "--today",
        TODAY,
        "check",
        "--format",
        "json",
        *[f"decks/{n}.yaml" for n in names],
        cwd=workspace,
    )
    outputs = sorted((workspace / "build").iterdir())
    assert len([p for p in outputs if p.suffix in (".pptx", ".pdf")]) == 3 * len(names)
    texts = {"check --format json": checked.out, "build's messages": built.out + built.err}
    for path in outputs:
        if path.is_file():
            data = path.read_bytes()
            texts[path.name + " (bytes)"] = data.decode("latin-1")
            if path.suffix == ".pptx":
                texts[path.name] = _pptx_text(path)
            elif path.suffix == ".pdf":
                texts[path.name] = pdf_text(path)
    assert json.loads(checked.out)
    for secret in EMAILS + PHONES + ["Jordan Alvarez", "김민지"]:
        assert [where for where, text in texts.items() if secret in text] == [], secret


def test_from_requests_takes_no_other_detail(workspace, talkkit):
    (workspace / "requests.csv").write_bytes(export_bytes(ROWS[:1]))
    result = talkkit("new", "x", "--from-requests", "requests.csv", cwd=workspace)
    assert (result.status, result.err) == (
        2,
        "talkkit: --from-requests takes every detail from the export: give it alone, without "
        "NAME or other options\n",
    )
    assert talkkit("new", cwd=workspace).err == (
        "talkkit: give the new outline's NAME, or --from-requests with a CSV export\n"
    )
