"""`talkkit preview`: the deck's slides drawn by LibreOffice, and a plain message without it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

import talkkit.render.office as office_module
from samples import ROOT
from talkkit.commands.preview import font_notes
from talkkit.load.workspace import Workspace
from talkkit.session import Session

OUTLINE = "decks/riverside-library-2027-04.yaml"


def machine_with(folder: Path, *fonts: str) -> dict:
    """The environment of a machine whose only fonts are these files of assets/fonts."""
    (folder / "fonts").mkdir(parents=True)
    for name in fonts:
        shutil.copy2(ROOT / "assets" / "fonts" / name, folder / "fonts" / name)
    conf = folder / "fonts.conf"
    conf.write_text(
        f"<fontconfig><dir>{folder / 'fonts'}</dir><cachedir>{folder / 'cache'}</cachedir>"
        # fontconfig's own rules, which draw Arial in Liberation Sans where it is installed
        '<include ignore_missing="yes">/etc/fonts/conf.d/30-metric-aliases.conf</include>'
        "</fontconfig>",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}


def test_a_machine_with_the_metric_twin_draws_arial_as_measured(tmp_path):
    env = machine_with(tmp_path, "LiberationSans-Regular.ttf", "DejaVuSans.ttf")
    assert font_notes(["Arial", "Arial"], env=env) == []
    assert font_notes(["Calibri"], env=env) == [
        "this machine has neither Calibri nor Carlito, so LibreOffice draws Calibri in DejaVu Sans"
    ]


def test_preview_draws_every_slide_and_a_contact_sheet(talkkit, workspace, tmp_path, monkeypatch):
    for key, value in machine_with(tmp_path, "DejaVuSans.ttf", "DejaVuSans-Bold.ttf").items():
        monkeypatch.setenv(key, value)
    result = talkkit("preview", OUTLINE, cwd=workspace)
    assert result.status == 0, result.err
    assert result.err.splitlines()[-1] == (
        "talkkit: preview: this machine has neither Arial nor Liberation Sans, so LibreOffice "
        "draws Arial in DejaVu Sans"
    )
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
