"""The HTML the handout and notes are laid out from, compared with tests/golden/.

The input is tests/cases/printed/, a small workspace of placeholder content,
with the repository's own templates/ and assets/: a change to a template or a
renderer shows here as a readable diff of what is printed. After checking the
diff, write the new files with:

    python tools/update_golden.py
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from conftest import ROOT
from talkkit.load.workspace import Workspace
from talkkit.render.handout import handout_html
from talkkit.render.notes import notes_html
from talkkit.session import Session

GOLDEN = ROOT / "tests" / "golden"
CASE = ROOT / "tests" / "cases" / "printed"
_QR = re.compile(r'(<svg class="qr"[^>]*?aria-label="[^"]*")[^>]*>.*?</svg>', re.DOTALL)


def comparable(html: str) -> str:
    """The HTML with each QR code's drawing left out (the QR tests scan those)."""
    return _QR.sub(r"\1/>", html)


def check(name: str, html: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TALKKIT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
    assert path.is_file(), f"no {path}; write it with TALKKIT_UPDATE_GOLDEN=1"
    assert html == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    root = tmp_path_factory.mktemp("case") / "ws"
    shutil.copytree(CASE, root)
    for part in ("templates", "assets"):
        shutil.copytree(ROOT / part, root / part)
    project = Session(Workspace.at(root))
    found, diagnostics = project.talk(root / "decks" / "placeholder-event.yaml")
    assert found is not None, diagnostics
    return found


def test_handout_html(talk):
    check("handout.html", comparable(handout_html(talk, paper="letter")))


def test_half_sheet_handout_html(talk):
    check("handout-half.html", comparable(handout_html(talk, paper="a4", half=True)))


def test_notes_html(talk):
    check("notes.html", notes_html(talk, paper="letter"))


def test_qr_codes_are_left_out_of_the_comparison(talk):
    html = handout_html(talk, paper="letter")
    assert html.count('<svg class="qr"') == 2
    kept = comparable(html)
    assert kept.count('<svg class="qr"') == 2
    assert '<svg class="qr" role="img" aria-label="QR code: www.example.org/donate"/>' in kept
    assert "<path" not in kept
