"""`talkkit preview`: the deck's slides drawn by LibreOffice, and a plain message without it."""

from __future__ import annotations

from PIL import Image

import talkkit.render.office as office_module
from talkkit.load.workspace import Workspace
from talkkit.session import Session

OUTLINE = "decks/riverside-library-2027-04.yaml"


def test_preview_draws_every_slide_and_a_contact_sheet(talkkit, workspace):
    result = talkkit("preview", OUTLINE, cwd=workspace)
    assert result.status == 0, result.err
    folder = workspace / "build/riverside-library-2027-04-preview"
    slides = sorted(folder.glob("slide-*.png"))
    talk, _ = Session(Workspace.at(workspace)).talk(workspace / OUTLINE)
    assert len(slides) == len(talk.slides)
    assert result.lines == [
        f"wrote {len(slides)} slides and build/riverside-library-2027-04-preview/contact-sheet.png"
    ]
    with Image.open(slides[0]) as first:
        assert first.size == (1280, 720)
        # drawn, not blank: the title slide has text in many shades over its background
        assert len(first.convert("L").getcolors(maxcolors=1 << 16)) > 10
    with Image.open(folder / "contact-sheet.png") as sheet:
        assert sheet.width > 4 * 480


def test_preview_without_libreoffice_says_what_to_do(talkkit, workspace, monkeypatch):
    monkeypatch.setattr(office_module, "find_soffice", lambda: None)
    result = talkkit("preview", OUTLINE, cwd=workspace)
    assert result.status == 1
    assert result.err.startswith(
        "talkkit: preview draws slides with LibreOffice, which is not installed; install LibreOffice"
    )
    assert not (workspace / "build").exists()
