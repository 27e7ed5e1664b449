"""A text dump of every sample deck, compared with tests/golden/decks/.

The deck is the main output: each sample outline is rendered to .pptx and read
back with python-pptx, and each slide is written down as its layout, then the
text of each shape by name its pictures' descriptions, then its speaker notes. A change
to an outline, the library, a master or the deck renderer shows here as a
readable diff of what the audience sees and the speaker reads. After checking
the diff, write the new files with:

    python tools/update_golden.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pptx import Presentation

from samples import ROOT, SAMPLE_DECKS
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.session import Session

GOLDEN = ROOT / "tests" / "golden" / "decks"
SAMPLES = SAMPLE_DECKS


def _block(label: str, text: str) -> list[str]:
    lines = text.replace("\v", "\n").split("\n")
    return [f"  {label}: {lines[0]}", *(f"    {line}" for line in lines[1:])]


def deck_dump(data: bytes) -> str:
    """The text of a .pptx: per slide its layout, each text shape by name, its pictures and the notes."""
    prs = Presentation(io.BytesIO(data))
    out: list[str] = []
    for number, slide in enumerate(prs.slides, 1):
        out.append(f"slide {number}: {slide.slide_layout.name}")
        for shape in slide.shapes:
            if shape._element.tag.endswith("}pic"):  # a picture, placed in its placeholder or not
                out.append(f"  picture {shape.name}: {shape._element.nvPicPr.cNvPr.get('descr')}")
            elif shape.has_text_frame and shape.text_frame.text.strip():
                out += _block(shape.name, shape.text_frame.text)
        if slide.has_notes_slide:
            out += _block("notes", slide.notes_slide.notes_text_frame.text)
        out.append("")
    return "\n".join(out)


def golden_path(name: str) -> Path:
    return GOLDEN / (name.replace("/", "--") + ".txt")


@pytest.fixture(scope="module")
def project():
    return Session(Workspace.at(ROOT))


@pytest.mark.parametrize("name", SAMPLES)
def test_the_deck_matches_its_golden_dump(project, name):
    talk, diagnostics = project.talk(ROOT / "decks" / f"{name}.yaml")
    assert talk is not None, [d.format() for d in diagnostics]
    dump = deck_dump(render_deck(talk))
    path = golden_path(name)
    if os.environ.get("TALKKIT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump, encoding="utf-8")
    assert path.is_file(), f"no {path}; write it with python tools/update_golden.py"
    assert dump == path.read_text(encoding="utf-8"), (
        f"the deck of decks/{name}.yaml differs from {path}; "
        "check the diff, then run python tools/update_golden.py"
    )


def test_the_dump_names_layout_title_body_and_notes(project):
    talk, _ = project.talk(ROOT / "decks" / "lincoln-high-2027-03.yaml")
    first = deck_dump(render_deck(talk)).split("\n\n")[0].splitlines()
    assert first[0] == "slide 1: Title"
    assert first[1] == f"  Title: {talk.title}"
    assert any(line.startswith("  notes: ") for line in first)
