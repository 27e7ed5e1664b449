"""The page in Chromium, through its labels and roles only, as a volunteer uses it."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from playwright.sync_api import expect
from pptx import Presentation
from pypdf import PdfReader

from talkkit.render.office import find_soffice


def has_office() -> bool:
    return find_soffice() is not None


DOWNLOADS = (
    "Download deck (.pptx)",
    "Download handout (PDF)",
    "Download speaker notes (PDF)",
)


def fill_new_talk(page, *, name: str, recorded: bool = False) -> None:
    page.get_by_label("Standard talk").select_option(
        label="High school, 45 minutes: Behind the Numbers"
    )
    page.get_by_label("Event name").fill(name)
    page.get_by_label("Date").fill("2027-03-12")
    page.get_by_label("Venue").fill("Lincoln High auditorium")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("Speaker").fill("Sam Rivera")
    if recorded:
        page.get_by_label("Recorded or streamed").check()


def deck_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    return "\n".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def download(page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    return Path(info.value.path()).read_bytes()


def test_from_the_home_page_to_a_downloaded_deck_handout_and_notes(served_with_pictures, page):
    served = served_with_pictures
    page.goto(served.url + "/")
    expect(page.get_by_role("heading", name="Talks", level=1)).to_be_visible()
    expect(
        page.get_by_role("link", name="Lincoln High School assembly (sample event)")
    ).to_be_visible()
    page.get_by_role("link", name="New talk").first.click()
    expect(page.get_by_role("heading", name="New talk")).to_be_visible()
    fill_new_talk(page, name="Lincoln High assembly")
    page.get_by_role("button", name="Create talk").click()

    expect(page.get_by_role("heading", name="Lincoln High assembly", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "The talk was created. Here is what the check finds in it."
    )
    expect(page.get_by_text("No problems: the check finds nothing to fix.")).to_be_visible()
    path = served.root / "decks/lincoln-high-assembly-2027-03-12.yaml"
    assert "extends: standard/high-school-45" in path.read_text()
    plan = page.get_by_role("table").first
    expect(plan.get_by_role("rowheader").first).to_contain_text("Behind the Numbers")

    page.get_by_role("button", name="Build").click()
    expect(page.get_by_role("status")).to_have_text(
        "Built. Download the deck, handout and notes below."
    )
    deck = download(page, DOWNLOADS[0])
    assert "Behind the Numbers" in deck_text(deck)
    handout = pdf_text(download(page, DOWNLOADS[1]))
    assert "Lincoln High assembly" in handout
    notes = pdf_text(download(page, DOWNLOADS[2]))
    assert "Behind the Numbers" in notes
    if has_office():
        summary = page.get_by_text("See the 21 slides")
        for _ in range(120):
            if summary.count():
                break
            time.sleep(1)
            page.reload()
        summary.click()
        # The picture's text alternative is the slide's title, as the slide plan shows it.
        picture = page.get_by_role("img", name="Behind the Numbers", exact=True)
        expect(picture).to_be_visible()
        assert picture.evaluate("img => img.naturalWidth") > 0

    page.get_by_role("link", name="Talks", exact=True).click()
    row = page.get_by_role("listitem").filter(has_text="Lincoln High assembly")
    expect(row).to_contain_text("up to date")


def test_a_must_fix_problem_refuses_the_build_with_its_reason(served, page):
    page.goto(served.url + "/new")
    fill_new_talk(page, name="Streamed assembly", recorded=True)
    page.get_by_role("button", name="Create talk").click()
    expect(page.get_by_role("heading", name="Must fix (2)")).to_be_visible()
    for title in ("Jeans and South Korean dramas", "This Is Freedom"):
        expect(
            page.get_by_text(
                "The talk will be recorded, but the story “This Is Freedom”, used on the slide "
                f"“{title}”, has no consent for recording"
            )
        ).to_be_visible()
        expect(
            page.get_by_text(
                f"What to do: Press “Leave out” beside the slide “{title}” in the slide plan, "
                "or, if the talk will not be filmed or streamed, untick “Recorded or streamed” "
                "under Event details and save."
            )
        ).to_be_visible()

    page.get_by_role("button", name="Build").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Build refused: 2 must-fix problems remain. "
        "Fix what is listed under “Must fix”, then build again."
    )
    assert re.search(r"/talks/streamed-assembly-2027-03-12\?refused#build$", page.url)
    page.reload()
    assert not (served.root / "build").exists()
    for name in DOWNLOADS:
        expect(page.get_by_role("link", name=name)).to_have_count(0)
    assert not (served.root / "build").exists()

    page.get_by_label("Recorded or streamed").uncheck()
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("No problems: the check finds nothing to fix.")).to_be_visible()


def test_bad_input_is_shown_at_its_field_and_nothing_is_written(served, page):
    page.goto(served.url + "/new")
    fill_new_talk(page, name="")
    page.get_by_role("button", name="Create talk").click()
    name = page.get_by_label("Event name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(
        "The event needs a name. As the organizer calls it, such as Lincoln High assembly."
    )
    expect(page.locator("#name-error")).to_have_attribute("role", "alert")
    expect(page.get_by_label("Venue")).to_have_value("Lincoln High auditorium")
    assert sorted(p.name for p in (served.root / "decks").glob("*.yaml")) == [
        "lincoln-high-2027-03.yaml",
        "riverside-library-2027-04.yaml",
    ]


def test_dropping_restoring_slides_and_choosing_excerpts(served, page):
    path = served.root / "decks/lincoln-high-2027-03.yaml"
    original = path.read_text()
    page.goto(served.url + "/talks/lincoln-high-2027-03")
    page.get_by_role("button", name="Leave out This Is Freedom").click()
    expect(page.get_by_role("status")).to_have_text("The slide was left out.")
    expect(page.get_by_role("button", name="Put back This Is Freedom")).to_be_visible()
    assert path.read_text() == original.replace(
        "drop: [beyond-headlines]", "drop: [beyond-headlines, this-is-freedom]"
    )
    page.get_by_role("button", name="Put back This Is Freedom").click()
    expect(page.get_by_role("status")).to_have_text("The slide is back in the talk.")
    assert path.read_text() == original

    story = page.get_by_role("group", name="Excerpts of “Jo Eun: for her daughter”")
    offered = story.get_by_role("checkbox")
    names = [offered.nth(i).get_attribute("value") for i in range(offered.count())]
    assert names == [
        "born-by-the-tumen",
        "her-name-means-hope",
        "hunger-in-detention",
        "like-a-lighthouse",
        "matching-watches",
    ]
    expect(story).to_contain_text(
        "Content warnings: detention, starvation, death. Needs a content note naming death "
        "at the start of the slide's notes."
    )
    third = story.get_by_role("checkbox", name="Excerpt 3, Jo Eun")
    assert third.get_attribute("value") == "hunger-in-detention"
    third.uncheck()
    page.get_by_role("button", name="Save excerpts of “Jo Eun: for her daughter”").click()
    expect(page.get_by_role("status")).to_have_text("The excerpts were saved.")
    outline = (served.root / "decks/lincoln-high-2027-03.yaml").read_text()
    assert "  jo-eun-story:\n    excerpts: [her-name-means-hope]\n" in outline


def test_the_whole_form_and_build_by_keyboard_alone(served, page):
    page.goto(served.url + "/")

    def tab_to(locator, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if locator.evaluate("e => e === document.activeElement"):
                return
        raise AssertionError(f"Tab never reached {locator}")

    tab_to(page.get_by_role("link", name="New talk").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="New talk")).to_be_visible()
    tab_to(page.get_by_label("Standard talk"))
    expect(page.get_by_label("Standard talk")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Standard talk")).to_have_value("standard/high-school-45")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Event name")).to_be_focused()
    page.keyboard.type("Keyboard assembly")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Date")).to_be_focused()
    page.keyboard.type("03122027")
    tab_to(page.get_by_label("Venue"))
    page.keyboard.type("Main hall")
    page.keyboard.press("Tab")
    page.keyboard.type("Springfield")
    page.keyboard.press("Tab")
    page.keyboard.type("Sam Rivera")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Recorded or streamed")).to_be_focused()
    tab_to(page.get_by_role("button", name="Create talk"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Keyboard assembly", level=1)).to_be_visible()
    assert (
        "  date: 2027-03-12\n"
        in (served.root / "decks/keyboard-assembly-2027-03-12.yaml").read_text()
    )
    tab_to(page.get_by_role("button", name="Build"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text(
        "Built. Download the deck, handout and notes below."
    )
    link = page.get_by_role("link", name=DOWNLOADS[0])
    tab_to(link)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert "Behind the Numbers" in deck_text(Path(info.value.path()).read_bytes())


def test_korean_in_every_field_is_accepted_shown_saved_and_built(served, page):
    page.goto(served.url + "/new")
    page.get_by_label("Standard talk").select_option(
        label="High school, 45 minutes: Behind the Numbers"
    )
    page.get_by_label("Event name").fill("서울 한인교회 청년부 모임")
    page.get_by_label("Date").fill("2027-05-16")
    page.get_by_label("Venue").fill("서울 한인교회 본당")
    page.get_by_label("City").fill("로스앤젤레스")
    page.get_by_label("Speaker").fill("박서연")
    page.get_by_role("button", name="Create talk").click()

    expect(page.get_by_role("heading", name="서울 한인교회 청년부 모임", level=1)).to_be_visible()
    expect(page.get_by_text("No problems: the check finds nothing to fix.")).to_be_visible()
    path = served.root / "decks/seoul-haningyohoe-cheongnyeonbu-moim-2027-05-16.yaml"
    saved = path.read_text(encoding="utf-8")
    for value in ("서울 한인교회 청년부 모임", "서울 한인교회 본당", "로스앤젤레스", "박서연"):
        assert value in saved
    expect(page.get_by_label("Venue")).to_have_value("서울 한인교회 본당")
    expect(page.get_by_label("City")).to_have_value("로스앤젤레스")

    page.get_by_label("Venue").fill("한인교회 친교실")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_label("Venue")).to_have_value("한인교회 친교실")
    saved = path.read_text(encoding="utf-8")
    assert "한인교회 친교실" in saved and "본당" not in saved

    page.get_by_role("button", name="Build").click()
    expect(page.get_by_role("status")).to_have_text(
        "Built. Download the deck, handout and notes below."
    )
    assert "서울 한인교회 청년부 모임" in deck_text(download(page, DOWNLOADS[0]))
    handout = pdf_text(download(page, DOWNLOADS[1]))
    assert "한인교회 친교실" in handout and "박서연" in handout

    page.get_by_label("Venue").fill("한인교회 🙏")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_role("heading", name="Must fix (1)")).to_be_visible()
    expect(page.get_by_text(re.compile("'🙏' \\(person with folded hands"))).to_be_visible()
