"""The sample decks as LibreOffice renders them: every slide, every word inside its shape, a QR code that scans.

LibreOffice converts all decks in one run for the session, with a font
configuration that includes the fonts bundled in assets/fonts, so a machine
without Liberation Sans or Carlito installed measures the same.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation
from pptx.util import Pt

from conftest import ROOT, SAMPLE_DECKS, write
from talkkit.links import link_url
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.render.office import convert_to_pdf
from talkkit.session import Session

SAMPLES = SAMPLE_DECKS
TOLERANCE = 2.0  # points
OVERFLOW_SLIDE = 3  # a facts slide of lincoln-high-2027-03
EMU_PER_PT = 12700


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; .ci/run installs it (apt-get)", pytrace=False)
    return path


def convert(pptx_files: list[Path], folder: Path) -> None:
    """Convert decks to PDF in one LibreOffice run, with the bundled fonts."""
    need("soffice")
    convert_to_pdf(pptx_files, folder, fonts=ROOT / "assets" / "fonts", timeout=600)


@dataclass
class Rendered:
    talk: object
    pptx: Path
    pdf: Path


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Rendered]:
    """Every sample deck, and the high-school talk in the high-contrast theme, built and converted."""
    folder = tmp_path_factory.mktemp("decks")
    workspace = tmp_path_factory.mktemp("ws")
    for part in ("talkkit.yaml", "content", "decks", "templates", "assets"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, workspace / part)
        else:
            shutil.copy2(source, workspace / part)
    write(
        workspace / "decks" / "contrast-check.yaml",
        """
        extends: standard/high-school-45
        theme: high-contrast
        speaker: Sam Rivera
        event: {name: Contrast check, date: 2027-05-01}
        """,
    )
    project = Session(Workspace.at(workspace))
    found = {}
    for name in [*SAMPLES, "contrast-check"]:
        talk, problems = project.talk(workspace / "decks" / f"{name}.yaml")
        assert talk is not None, problems
        pptx = folder / f"{name.replace('/', '-')}.pptx"
        pptx.write_bytes(render_deck(talk))
        found[name] = Rendered(talk, pptx, pptx.with_suffix(".pdf"))
    overflow = folder / "overflow.pptx"
    prs = Presentation(str(found["lincoln-high-2027-03"].pptx))
    for shape in prs.slides[OVERFLOW_SLIDE - 1].placeholders:
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(40)
    prs.save(str(overflow))
    found["overflow"] = Rendered(
        found["lincoln-high-2027-03"].talk, overflow, overflow.with_suffix(".pdf")
    )
    convert([r.pptx for r in found.values()], folder)
    return found


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pdf_words(pdf: Path) -> list[list[Word]]:
    """The words of each page with their boxes, in points from the top left."""
    need("pdftotext")
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    root = ElementTree.fromstring(html)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append(
                Word(
                    word.text or "",
                    float(word.get("xMin")),
                    float(word.get("yMin")),
                    float(word.get("xMax")),
                    float(word.get("yMax")),
                )
            )
        pages.append(words)
    return pages


def _norm(word: str) -> str:
    return re.sub(r"[^\w]", "", word).lower()


def text_shapes(slide) -> list[tuple[tuple[float, float, float, float], str]]:
    """The frame (points) and the letters of every shape with text: the slide's and its layout's."""
    found = []
    layout_shapes = [s for s in slide.slide_layout.shapes if not s.is_placeholder]
    for shape in [*slide.shapes, *layout_shapes]:
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            continue
        frame = (
            shape.left / EMU_PER_PT,
            shape.top / EMU_PER_PT,
            (shape.left + shape.width) / EMU_PER_PT,
            (shape.top + shape.height) / EMU_PER_PT,
        )
        found.append((frame, _norm(shape.text_frame.text)))
    return found


def inside(word: Word, frame: tuple[float, float, float, float]) -> bool:
    """Whether a word's box lies in the frame; pdftotext's boxes span the font's whole
    ascent and descent, so they may stand out of a tight frame by a fifth of their height."""
    x0, y0, x1, y1 = frame
    slack = max(TOLERANCE, 0.2 * (word.y1 - word.y0))
    return (
        word.x0 >= x0 - TOLERANCE
        and word.y0 >= y0 - slack
        and word.x1 <= x1 + TOLERANCE
        and word.y1 <= y1 + slack
    )


def words_outside(pptx: Path, pdf: Path) -> list[str]:
    """Each word of the PDF that lies in no shape holding it, as 'slide N: word at x,y'."""
    prs = Presentation(str(pptx))
    pages = pdf_words(pdf)
    assert len(pages) == len(prs.slides)
    outside = []
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        shapes = text_shapes(slide)
        for word in words:
            key = _norm(word.text)
            if key and not any(key in text and inside(word, frame) for frame, text in shapes):
                outside.append(f"slide {number}: {word.text!r} at {word.x0:.0f},{word.y0:.0f}")
    return outside


@pytest.mark.parametrize("name", [*SAMPLES, "contrast-check"])
def test_every_slide_is_rendered_with_every_word_inside_its_shape(rendered, name):
    deck = rendered[name]
    prs = Presentation(str(deck.pptx))
    pages = pdf_words(deck.pdf)
    assert len(pages) == len(prs.slides) == len(deck.talk.slides)
    assert all(len(words) >= 3 for words in pages)
    outside = words_outside(deck.pptx, deck.pdf)
    assert outside == [], shapes_report(prs, outside)


def test_the_decks_are_set_in_the_fonts_talkkit_measures_with(rendered):
    need("pdffonts")
    bundled = {p.stem for p in (ROOT / "assets" / "fonts").glob("*.ttf")}
    for name in [*SAMPLES, "contrast-check"]:
        listing = subprocess.run(
            ["pdffonts", str(rendered[name].pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        used = {line.split()[0].split("+", 1)[-1] for line in listing}
        used = {"Carlito-Regular" if u == "Carlito" else u for u in used}
        used = {"LiberationSans-Regular" if u == "LiberationSans" else u for u in used}
        assert used and used <= bundled, used


def test_text_made_too_large_by_hand_is_found_outside_its_shape(rendered):
    outside = words_outside(rendered["overflow"].pptx, rendered["overflow"].pdf)
    slide = rendered["overflow"].talk.slides[OVERFLOW_SLIDE - 1]
    assert slide.kind == "facts"
    assert outside and {line.split(":")[0] for line in outside} == {f"slide {OVERFLOW_SLIDE}"}


def shapes_report(prs, outside: list[str]) -> str:
    numbers = sorted({int(line.split()[1].rstrip(":")) for line in outside})
    lines = []
    for number in numbers[:3]:
        for frame, words in text_shapes(prs.slides[number - 1]):
            lines.append(f"slide {number} shape {[round(v) for v in frame]}: {words[:40]}")
    return "\n".join(outside[:20] + lines)


def test_the_donate_qr_code_scans_to_the_tracked_link(rendered, tmp_path):
    need("zbarimg")
    need("pdftoppm")
    for name in ("lincoln-high-2027-03", "riverside-library-2027-04"):
        deck = rendered[name]
        talk = deck.talk
        number = next(s.number for s in talk.slides if s.kind == "donate")
        prefix = tmp_path / name
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                deck.pdf,
                prefix,
            ],
            check=True,
        )
        (png,) = tmp_path.glob(f"{name}*.png")
        scanned = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True
        )
        expected = link_url(talk.config, "donate", medium="slides", campaign=talk.campaign)
        assert scanned.stdout.strip() == expected
        assert "utm_source=talkkit&utm_medium=slides&utm_campaign=" + talk.campaign in expected
