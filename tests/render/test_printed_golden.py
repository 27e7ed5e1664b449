"""The values the handout and notes templates are given, compared with tests/golden/.

The input is tests/cases/printed/, a small workspace of placeholder content,
with the repository's own templates/ and assets/: a change to what a template
is given shows here as a readable diff naming the value that changed. After checking the
diff, write the new files with:

    python tools/update_golden.py
"""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

import pytest

from samples import ROOT
from talkkit.load.workspace import Workspace
from talkkit.render.handout import handout_data
from talkkit.render.notes import notes_data
from talkkit.session import Session

GOLDEN = ROOT / "tests" / "golden"
CASE = ROOT / "tests" / "cases" / "printed"


def comparable(data: dict[str, Any]) -> str:
    """The values as indented JSON, each QR code's drawing left out (the QR tests scan those)."""
    for action in data.get("actions", []):
        assert action["qr"]["svg"].startswith("<svg ")
        action["qr"]["svg"] = "(drawing left out)"
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n"


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TALKKIT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no {path}; write it with TALKKIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


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


def test_handout_data(talk):
    check("handout.json", comparable(handout_data(talk, paper="letter")))


def test_half_sheet_handout_data(talk):
    check("handout-half.json", comparable(handout_data(talk, paper="a4", half=True)))


def test_notes_data(talk):
    check("notes.json", comparable(notes_data(talk, paper="letter")))


def test_qr_codes_are_left_out_of_the_comparison(talk):
    data = handout_data(talk, paper="letter")
    assert len(data["actions"]) == 2
    kept = json.loads(comparable(data))
    assert kept["actions"][1]["qr"] == {
        "alt": "QR code: opens www.example.org/donate",
        "svg": "(drawing left out)",
        "width_cm": 3.2,
    }
