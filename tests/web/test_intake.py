"""Staff tools on the page: the request export in, the donations report out, as the commands do."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from conftest import copy_workspace, start

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TODAY = dt.date(2027, 1, 5)
REQUESTS = [
    [
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
    ],
    [
        "2026/11/02 9:14:03",
        "jordan@example.org",
        "Jordan Alvarez",
        "(555) 010-2244",
        "Oak Ridge Middle School",
        "Oak Ridge assembly",
        "4/20/2027",
        "Springfield",
        "Grades 6-8",
        "250",
        "40",
        "No",
        "Gym door B.\nCall 555-0190.",
    ],
    [
        "2026/11/06 12:00:00",
        "kim@example.org",
        "Dana Kim",
        "555-0124",
        "Grace Church",
        "",
        "2027-04-03",
        "Springfield",
        "church youth group",
        "",
        "45",
        "No",
        "",
    ],
]
LANDING = "https://www.libertyinnorthkorea.org/donate/?utm_medium={}&utm_campaign={}"
GIFTS = [
    ["Date", "Amount", "Currency", "utm_campaign", "utm_medium", "Landing page"],
    ["2027-03-13", "25.00", "USD", "lincoln-high-2027-03", "slides", ""],
    ["2027-03-14", "-5.00", "USD", "lincoln-high-2027-03", "slides", ""],
    ["2027-03-14", "30000", "KRW", "", "", LANDING.format("handout", "lincoln-high-2027-03")],
    ["2027-04-16", "<b>12</b>", "USD", "riverside-library-2027-04", "slides", ""],
    ["2027-04-17", "10.00", "EUR", "spring-gala", "slides", ""],
]


def _csv(rows) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8-sig")


@pytest.fixture
def staff(tmp_path):
    served, server, thread = start(
        copy_workspace(tmp_path / "ws"), pictures=False, today=lambda: TODAY
    )
    yield served
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def axe_page(browser):
    """A tab that may run axe-core on the page, whose policy forbids any script of its own."""
    context = browser.new_context(locale="en-US", timezone_id="UTC", bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def serious(tab) -> list[tuple[str, str]]:
    """What axe-core finds on the open page with a serious or critical impact."""
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate("async () => (await axe.run()).violations")
    return [(v["id"], v["help"]) for v in found if v["impact"] in ("serious", "critical")]


def test_staff_import_the_request_export_and_see_each_row(staff, axe_page, tmp_path):
    from playwright.sync_api import expect

    export = tmp_path / "requests.csv"
    export.write_bytes(_csv(REQUESTS))
    tab = axe_page
    tab.goto(staff.url + "/library")
    tab.get_by_role("link", name="import speaker requests").click()
    tab.get_by_label("The form's export (CSV)").set_input_files(str(export))
    tab.get_by_role("button", name="Import requests").click()
    expect(tab.get_by_role("heading", level=2)).to_have_text(
        "requests.csv: 1 created, 0 skipped, 1 refused"
    )
    expect(tab.get_by_role("link", name="oak-ridge-middle-school-2027-04-20")).to_be_visible()
    cells = tab.locator("tbody tr").first.locator("th, td")
    expect(cells).to_have_text(
        [
            "3",
            "Audience or grade",
            "'church youth group' could be Middle school, High school or Community group; "
            "ask the organizer which, or write the grades or ages",
        ]
    )
    assert serious(tab) == []
    assert (staff.root / "decks/oak-ridge-middle-school-2027-04-20.yaml").is_file()
    # the volunteers' pages of the new talk and of the talks never show the contact
    for path in ("/talks/oak-ridge-middle-school-2027-04-20", "/"):
        tab.goto(staff.url + path)
        shown = tab.content() + tab.locator("body").inner_text()
        for secret in ("jordan@example.org", "555-0190", "010-2244", "Jordan Alvarez"):
            assert secret not in shown, (path, secret)
    tab.goto(staff.url + "/staff/requests")
    tab.get_by_label("The form's export (CSV)").set_input_files(str(export))
    tab.get_by_role("button", name="Import requests").click()
    expect(tab.get_by_role("heading", level=2)).to_have_text(
        "requests.csv: 0 created, 1 skipped, 1 refused"
    )


def test_staff_see_the_donations_report_on_the_page(staff, axe_page, tmp_path):
    from playwright.sync_api import expect

    gifts = tmp_path / "gifts.csv"
    gifts.write_bytes(_csv(GIFTS))
    tab = axe_page
    tab.goto(staff.url + "/staff/report")
    tab.get_by_label("The donations export (CSV)").set_input_files(str(gifts))
    tab.get_by_role("button", name="Make the report").click()
    table = tab.get_by_role(
        "table", name="Net gifts to Lincoln High School assembly (sample event)"
    )
    expect(table.locator("tbody tr")).to_have_text(
        ["slides2noneUSD 20.00", "handout1KRW 30,000none", "all media3KRW 30,000USD 20.00"]
    )
    expect(
        tab.get_by_role("img", name="Net gifts in USD by medium: slides USD 20.00")
    ).to_be_visible()
    expect(tab.get_by_text("Row 5, column “Amount”: '<b>12</b>' is not an amount")).to_be_visible()
    assert serious(tab) == []
    assert (staff.root / "build/report.csv").is_file()


def test_the_report_file_opens_in_chromium_with_its_table_and_chart(staff, axe_page, tmp_path):
    from talkkit.commands.report import make_report
    from talkkit.commands.report_html import write_report
    from talkkit.load.exports import read_export
    from talkkit.load.workspace import Workspace
    from talkkit.session import Session

    run = Session(Workspace.at(staff.root), today=TODAY)
    report = make_report(run, read_export(_csv(GIFTS), "gifts.csv"))
    html, _ = write_report(report, tmp_path / "out")
    tab = axe_page
    tab.goto(html.as_uri())
    assert tab.title() == "Donations by event · talkkit"
    assert tab.locator("table").count() == 2
    bars = tab.locator("svg.chart rect")
    assert [round(float(bars.nth(i).get_attribute("width"))) for i in range(bars.count())] == [
        260,
        260,
    ]
    assert tab.locator("script").count() == 0
    tab.emulate_media(media="print")
    assert tab.get_by_role("heading", name="Donations by event").is_visible()
    assert serious(tab) == []
