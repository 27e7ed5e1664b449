"""The page's deck check: a volunteer uploads an edited deck of their talk and reads what to fix."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect
from pptx import Presentation

from talkkit.cache import FOLDER
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.session import Session
from talkkit.web.audit import MAX_UPLOAD

TALK = "lincoln-high-2027-03"


def built_deck(root: Path, folder: Path) -> Path:
    talk, problems = Session(Workspace.at(root)).talk(root / "decks" / f"{TALK}.yaml")
    assert talk is not None, problems
    path = folder / "untouched.pptx"
    path.write_bytes(render_deck(talk))
    return path


def files(root: Path) -> list[str]:
    """The workspace's files, but for talkkit's own cache (font metrics it measured)."""
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if FOLDER not in p.parts and ".cache" not in p.parts
    )


def test_a_volunteer_uploads_an_edited_deck_and_reads_the_findings(served, page, tmp_path):
    deck = built_deck(served.root, tmp_path)
    prs = Presentation(str(deck))
    prs.slides[4].notes_slide.notes_text_frame.add_paragraph().text = "Her name is Jihyun."
    prs.slides[11].shapes[1]._element.nvPicPr.cNvPr.set("descr", "")
    edited = tmp_path / "my edit.pptx"
    prs.save(str(edited))
    before = files(served.root)

    page.goto(f"{served.url}/talks/{TALK}")
    page.get_by_role("link", name="Check an edited deck").click()
    expect(page.get_by_role("heading", name="Check an edited deck", level=1)).to_be_visible()
    page.get_by_label("Deck (.pptx, up to 50 MB)").set_input_files(str(edited))
    page.get_by_role("button", name="Check the deck").click()

    expect(page.get_by_role("heading", name="What talkkit finds in my edit.pptx")).to_be_visible()
    expect(page.get_by_role("heading", name="Must fix (2)")).to_be_visible()
    items = page.get_by_role("listitem")
    expect(items.filter(has_text="Slide 5, notes:")).to_contain_text(
        "'Jihyun' appears here: it is a name withheld to protect"
    )
    expect(items.filter(has_text="Slide 12, picture alt text:")).to_contain_text(
        "picture 'Picture' has no alt text"
    )
    expect(page.get_by_text(re.compile(r"error|withheld-name|alt-missing|\.yaml"))).to_have_count(0)
    assert files(served.root) == before

    page.get_by_label("Deck (.pptx, up to 50 MB)").set_input_files(str(deck))
    page.get_by_role("button", name="Check the deck").click()
    expect(page.get_by_text("Nothing to fix: the deck passes every check.")).to_be_visible()
    assert files(served.root) == before


def test_a_file_that_is_no_deck_gets_one_plain_finding(served, page, tmp_path):
    bad = tmp_path / "notes.pptx"
    bad.write_text("just some words")
    page.goto(f"{served.url}/talks/{TALK}/audit")
    page.get_by_label("Deck (.pptx, up to 50 MB)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the deck").click()
    expect(page.get_by_role("heading", name="Must fix (1)")).to_be_visible()
    expect(page.get_by_role("listitem")).to_have_text(
        "The whole file: notes.pptx is not a PowerPoint file (.pptx): it is not a zip package"
    )


def test_an_upload_over_the_limit_is_refused_before_it_is_read(served):
    status, _, text = served.request(
        "POST",
        f"/talks/{TALK}/audit",
        body="x",
        headers={
            "Content-Type": "multipart/form-data; boundary=b",
            "Content-Length": str(MAX_UPLOAD * 2),
        },
    )
    assert status == 413
    assert "That file is larger than 50 MB, more than the page reads" in text


def test_an_upload_without_the_form_token_is_refused(served, tmp_path):
    body = (
        '--b\r\nContent-Disposition: form-data; name="deck"; filename="a.pptx"\r\n\r\n'
        "zz\r\n--b--\r\n"
    )
    status, _, text = served.request(
        "POST",
        f"/talks/{TALK}/audit",
        body=body,
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert status == 403
    assert "This form has expired or came from elsewhere" in text
