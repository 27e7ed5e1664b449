"""One decided talk: the day, the donate address and each slide's title are the same on every output.

Each test builds real outputs with `talkkit build` and reads them back as a
person would: pdftotext, the PDF's metadata (pypdf), QR codes scanned with
zbarimg, the deck's slides with python-pptx.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from printed_pdf import page_images, pdf_text, squeezed, words, zbar_codes
from samples import write
from talkkit.load.workspace import Workspace
from talkkit.session import Session

EVENT = "lincoln-high-2027-03"
STANDARD = "standard/community-60"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _created(path: Path) -> dt.date:
    from pypdf import PdfReader

    return PdfReader(path).metadata.creation_date.date()


# --- the day -------------------------------------------------------------------------------


def test_the_handout_and_notes_of_a_talk_without_a_date_are_decided_on_the_runs_day(
    workspace, talkkit
):
    # The handout asked the clock again: a standard talk checked with --today before the
    # story's consent ran out printed a handout decided on the machine's day, without it.
    _replace(
        workspace / "content" / "stories" / "jeans-and-freedom.yaml",
        "  media: [slides, handout]\n  expires: null\n",
        "  media: [slides, handout]\n  expires: 2026-06-30\n",
    )
    result = talkkit("--today", "2026-05-01", "build", f"decks/{STANDARD}.yaml", cwd=workspace)
    assert result.status == 0, result.out + result.err
    handout = workspace / "build" / "community-60-handout.pdf"
    notes = workspace / "build" / "community-60-notes.pdf"
    assert "This is freedom." in words(pdf_text(handout))
    assert _created(handout) == dt.date(2026, 5, 1)
    assert _created(notes) == dt.date(2026, 5, 1)

    later = talkkit("--today", "2026-07-01", "check", f"decks/{STANDARD}.yaml", cwd=workspace)
    assert later.status == 1
    assert (
        f"decks/{STANDARD}.yaml:115:12: error consent-expired slide 'this-is-freedom' uses story "
        "'jeans-and-freedom', whose consent expired on 2026-06-30, before today (2026-07-01)"
        in later.out
    )


# --- the donate address --------------------------------------------------------------------


def _slide_qr(deck: Path, folder: Path) -> list[str]:
    """The data of the QR code on the deck's donate slide, scanned from its picture."""
    from pptx import Presentation

    codes = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            described = shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
            if described and described[0].startswith("QR code"):
                image = folder / "slide-qr.png"
                image.write_bytes(shape.image.blob)
                codes += zbar_codes(image)
    return codes


def _target(url: str) -> tuple[str, str, list[str]]:
    """Where an address leads and for which event: host and path, and its campaign."""
    parts = urlsplit(url)
    return parts.netloc, parts.path, parse_qs(parts.query)["utm_campaign"]


def test_the_slide_the_notes_and_the_handout_lead_to_one_donate_address(
    workspace, talkkit, tmp_path
):
    # The deck and the notes took talkkit.yaml's links.donate, the handout the donate action's
    # link: with the two different, the slide's QR code and the handout's led apart.
    # The policy's rule: the donate action's own link wins (policy.donate_link).
    _replace(
        workspace / "talkkit.yaml",
        "  donate: https://www.libertyinnorthkorea.org/donate/\n",
        "  donate: https://www.libertyinnorthkorea.org/donate/\n"
        "  give: https://www.libertyinnorthkorea.org/give-now/\n",
    )
    actions = workspace / "content" / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    head, rest = text.split("- id: donate\n", 1)
    actions.write_text(
        head + "- id: donate\n" + rest.replace("  link: donate\n", "  link: give\n", 1),
        encoding="utf-8",
    )
    result = talkkit("build", f"decks/{EVENT}.yaml", cwd=workspace)
    assert result.status == 0, result.out + result.err
    build = workspace / "build"

    slide = _slide_qr(build / f"{EVENT}.pptx", tmp_path)
    assert len(slide) == 1
    printed = [
        code
        for image in page_images(build / f"{EVENT}-handout.pdf", tmp_path / "handout")
        for code in zbar_codes(image)
        if urlsplit(code).path in ("/give-now/", "/donate/")
    ]
    assert len(printed) == 1
    expected = ("www.libertyinnorthkorea.org", "/give-now/", [EVENT])
    assert _target(slide[0]) == expected
    assert _target(printed[0]) == expected
    notes = squeezed(pdf_text(build / f"{EVENT}-notes.pdf"))
    assert "www.libertyinnorthkorea.org/give-now" in notes
    assert "www.libertyinnorthkorea.org/donate" not in notes


# --- a slide's title -----------------------------------------------------------------------


def test_a_slide_has_one_title_in_the_deck_the_notes_and_the_findings(workspace, talkkit):
    # The notes called an image slide without a title "Image" while the deck showed its
    # caption, and the accessibility finding did not name the slide at all.
    outline = workspace / "decks" / f"{EVENT}.yaml"
    write(
        outline,
        outline.read_text(encoding="utf-8")
        + "add:\n"
        + "  - id: river-pause\n"
        + "    kind: image\n"
        + "    image: river-at-dawn\n"
        + "    caption: A river at dawn\n"
        + "    alt: river-at-dawn.png\n"
        + "    after: road-pause\n",
    )
    talk, problems = Session(Workspace.at(workspace)).talk(outline)
    assert talk is not None, problems
    slide = next(s for s in talk.slides if s.slide.id == "river-pause")

    result = talkkit("build", f"decks/{EVENT}.yaml", cwd=workspace)
    assert result.status == 0, result.out + result.err
    assert (
        f"slide {slide.number}, \u201cA river at dawn\u201d: the alt text of image "
        "'river-at-dawn' is only its file name" in words(result.out)
    )

    from pptx import Presentation

    deck = Presentation(str(workspace / "build" / f"{EVENT}.pptx"))
    shown = [
        shape.text_frame.text
        for shape in deck.slides[slide.number - 1].shapes
        if shape.has_text_frame
    ]
    assert "A river at dawn" in shown
    notes = squeezed(pdf_text(workspace / "build" / f"{EVENT}-notes.pdf"))
    assert squeezed(f"{slide.number} A river at dawn IMAGE") in notes
    assert slide.title == "A river at dawn"
