"""The running page reads the same decided talk as the command line, and sees every edit."""

from __future__ import annotations

import re

from samples import widen

EVENT = "lincoln-high-2027-03"


def test_a_theme_font_edit_is_seen_by_the_running_page_without_a_restart(served):
    # Themes and measured text were kept for the life of the process, keyed without the
    # font files: `talkkit serve` went on saying "No problems" after the fonts changed.
    status, _, before = served.request("GET", f"/talks/{EVENT}")
    assert status == 200
    assert "does not fit" not in before
    widen(served.root / "assets" / "fonts" / "DejaVuSans.ttf")
    status, _, after = served.request("GET", f"/talks/{EVENT}")
    assert status == 200
    assert "does not fit" in after
    assert re.search(r"does not fit the &#39;[^&]+&#39; box\s+even at", after)


def test_the_page_shows_a_slides_title_as_the_deck_and_the_notes_do(served):
    # The page called an image slide without a title "Image"; the deck shows its caption.
    outline = served.root / "decks" / f"{EVENT}.yaml"
    outline.write_text(
        outline.read_text(encoding="utf-8")
        + "add:\n"
        + "  - id: river-pause\n"
        + "    kind: image\n"
        + "    image: river-at-dawn\n"
        + "    caption: A river at dawn\n"
        + "    after: road-pause\n",
        encoding="utf-8",
    )
    status, _, text = served.request("GET", f"/talks/{EVENT}")
    assert status == 200
    row = re.search(r'<tr id="slide-river-pause">.*?</tr>', text, re.S)
    assert row is not None
    assert re.search(
        r'<th scope="row">A river at dawn <span class="kind">image</span></th>', row[0]
    )


def test_the_page_asks_the_day_once_a_request_and_checks_on_it(served):
    # The page asked the clock in several places of one request.
    import datetime as dt

    asked = []

    def today() -> dt.date:
        asked.append(1)
        return dt.date(2027, 3, 13)

    served.site.today = today
    for path in ("/", f"/talks/{EVENT}", "/library"):
        asked.clear()
        status, _, _ = served.request("GET", path)
        assert status == 200
        assert len(asked) == 1, path
    status, _, home = served.request("GET", "/")
    # Checked on 2027-03-13, the event of 2027-03-12 is past: listed after the coming ones.
    rows = re.findall(r'href="/talks/([^"]+)"', home)
    assert rows.index(EVENT) > rows.index("riverside-library-2027-04")
