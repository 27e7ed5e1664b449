"""The sample decks as LibreOffice renders them: every slide, every word inside its shape, a QR code that scans.

LibreOffice converts every deck three times for the session: with the fonts
bundled in assets/fonts put first ("bundled"); with Debian's default fonts,
Liberation and DejaVu but no Carlito ("debian"); and with only the fonts this
machine has ("machine": on a Debian without fonts-liberation, DejaVu Sans draws
every font the master names). Each must show every word inside its box and no
text over other text. Beside the samples, stress decks
hold the most each slide kind can take and still pass the check: the longest
excerpts, titles and event name, the most facts and bullets, on both themes; and
the long outlines (tests/long_outlines.py) continue their lists over slides.
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

from long_outlines import LONG_OUTLINES, long_outline
from samples import ROOT, SAMPLE_DECKS, write
from stress import write_stress_outline
from talkkit.links import link_url
from talkkit.load.theme import SLOTS
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.render.office import convert_to_pdf
from talkkit.session import Session

SAMPLES = SAMPLE_DECKS
THEMES = ("default", "high-contrast")
STRESS = [f"stress-{theme}" for theme in THEMES]
LONG = [f"long-{name}" for name in LONG_OUTLINES]
DECKS = [*SAMPLES, "contrast-check", *STRESS, *LONG]
TOLERANCE = 2.0  # points
OVERFLOW_SLIDE = 3  # a facts slide of lincoln-high-2027-03
EMU_PER_PT = 12700


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; .ci/run installs it (apt-get)", pytrace=False)
    return path


MODES = ("bundled", "debian", "machine")
"""How LibreOffice finds fonts: the bundled ones first; Debian's default fonts (Liberation
and DejaVu, no Carlito); or only the fonts this machine has."""
DEBIAN_FONTS = ("LiberationSans", "DejaVuSans")


def convert(pptx_files: list[Path], folder: Path, mode: str) -> None:
    """Convert decks to PDF in one LibreOffice run into `folder`, finding fonts as `mode` says."""
    need("soffice")
    folder.mkdir()
    env = {}
    fonts = ROOT / "assets" / "fonts" if mode == "bundled" else None
    if mode == "debian":
        own = folder / "fonts"
        own.mkdir()
        for path in (ROOT / "assets" / "fonts").glob("*.ttf"):
            if path.name.startswith(DEBIAN_FONTS):
                shutil.copy2(path, own / path.name)
        conf = folder / "fonts.conf"
        conf.write_text(
            f"<fontconfig><dir>{own}</dir>"
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f"<cachedir>{folder / 'fontcache'}</cachedir></fontconfig>",
            encoding="utf-8",
        )
        env["FONTCONFIG_FILE"] = str(conf)
    convert_to_pdf(pptx_files, folder, fonts=fonts, env=env, timeout=900)


@dataclass
class Rendered:
    talk: object
    pptx: Path
    pdfs: dict[str, Path]

    @property
    def pdf(self) -> Path:
        return self.pdfs["bundled"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Rendered]:
    """Every sample deck, the high-school talk in high contrast and the stress decks, converted both ways."""
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
    for theme in THEMES:
        write_stress_outline(workspace, theme)
    for name in LONG_OUTLINES:
        (workspace / "decks" / f"long-{name}.yaml").write_text(long_outline(name), "utf-8")
    project = Session(Workspace.at(workspace))
    for name in STRESS + LONG:
        problems = project.check_outline(workspace / "decks" / f"{name}.yaml")
        assert [p.format() for p in problems if p.severity == "error"] == []
    found = {}
    for name in DECKS:
        talk, problems = project.talk(workspace / "decks" / f"{name}.yaml")
        assert talk is not None, problems
        pptx = folder / f"{name.replace('/', '-')}.pptx"
        pptx.write_bytes(render_deck(talk))
        found[name] = Rendered(talk, pptx, {})
    overflow = folder / "overflow.pptx"
    prs = Presentation(str(found["lincoln-high-2027-03"].pptx))
    for shape in prs.slides[OVERFLOW_SLIDE - 1].placeholders:
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(40)
    prs.save(str(overflow))
    found["overflow"] = Rendered(found["lincoln-high-2027-03"].talk, overflow, {})
    for mode in MODES:
        convert([r.pptx for r in found.values()], folder / mode, mode)
        for deck in found.values():
            deck.pdfs[mode] = folder / mode / f"{deck.pptx.stem}.pdf"
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


def overlaps(pdf: Path) -> list[str]:
    """Each pair of words of a page whose boxes cross, as 'slide N: 'a' over 'b''.

    pdftotext's boxes span a font's whole ascent and descent, so lines set close
    touch; only the middle half of each box's height counts.
    """
    found = []
    for number, words in enumerate(pdf_words(pdf), start=1):
        boxes = []
        for word in words:
            quarter = (word.y1 - word.y0) / 4
            boxes.append((word, word.y0 + quarter, word.y1 - quarter))
        for index, (first, top, bottom) in enumerate(boxes):
            for second, top2, bottom2 in boxes[index + 1 :]:
                across = min(first.x1, second.x1) - max(first.x0, second.x0)
                down = min(bottom, bottom2) - max(top, top2)
                if across > TOLERANCE and down > 0:
                    found.append(f"slide {number}: {first.text!r} over {second.text!r}")
    return found


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", DECKS)
def test_every_slide_is_rendered_with_every_word_inside_its_shape(rendered, name, mode):
    deck = rendered[name]
    prs = Presentation(str(deck.pptx))
    pages = pdf_words(deck.pdfs[mode])
    assert len(pages) == len(prs.slides) == len(deck.talk.slides)
    assert all(len(words) >= 3 for words in pages)
    outside = words_outside(deck.pptx, deck.pdfs[mode])
    assert outside == [], shapes_report(prs, outside)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", DECKS)
def test_no_text_is_drawn_over_other_text(rendered, name, mode):
    assert overlaps(rendered[name].pdfs[mode]) == []


def test_every_slide_has_a_title(rendered):
    for name in DECKS:
        prs = Presentation(str(rendered[name].pptx))
        for number, slide in enumerate(prs.slides, start=1):
            title = slide.shapes.title
            assert title is not None and title.text_frame.text.strip(), f"{name} slide {number}"


def test_the_stress_decks_hold_every_slide_kind(rendered):
    """Each part of each kind is filled until one word or item more would not fit (stress.py)."""
    for name in STRESS:
        talk = rendered[name].talk
        kinds = {slide.kind for slide in talk.slides}
        assert kinds == set(SLOTS), name


def test_the_decks_are_set_in_the_fonts_talkkit_measures_with(rendered):
    need("pdffonts")
    bundled = {p.stem for p in (ROOT / "assets" / "fonts").glob("*.ttf")}
    for name in DECKS:
        listing = subprocess.run(
            ["pdffonts", str(rendered[name].pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        used = {line.split()[0].split("+", 1)[-1] for line in listing}
        used = {"Carlito-Regular" if u == "Carlito" else u for u in used}
        used = {"LiberationSans-Regular" if u == "LiberationSans" else u for u in used}
        assert used and used <= bundled, used


def test_text_made_too_large_by_hand_is_found_outside_its_shape_and_over_other_text(rendered):
    outside = words_outside(rendered["overflow"].pptx, rendered["overflow"].pdf)
    assert {line.split(":")[0] for line in overlaps(rendered["overflow"].pdf)} == {
        f"slide {OVERFLOW_SLIDE}"
    }
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


@pytest.mark.parametrize("name", SAMPLE_DECKS[:2])
def test_quotation_marks_and_apostrophes_are_typographic_on_slides_and_in_notes(rendered, name):
    deck = rendered[name]
    shown = " ".join(word.text for page in pdf_words(deck.pdf) for word in page)
    said = " ".join(
        s.notes_slide.notes_text_frame.text for s in Presentation(str(deck.pptx)).slides
    )
    for text in (shown, said):
        assert "'" not in text and '"' not in text
        assert "\u2019" in text and "\u201c" in text


def _footer(words: list[Word]) -> tuple[float, float]:
    """Where the organization's footer starts on a slide: (x, y) of its first word."""
    for i, word in enumerate(words[:-3]):
        named = [w.text for w in words[i : i + 4]] == ["Liberty", "in", "North", "Korea"]
        if named and word.y0 > 480:
            return round(word.x0), round(word.y0)
    raise AssertionError("no footer: " + " ".join(w.text for w in words))


@pytest.mark.parametrize("mode", MODES)
def test_the_image_slide_has_the_footer_and_title_rule_of_every_content_slide(rendered, mode):
    deck = rendered["lincoln-high-2027-03"]
    pages = pdf_words(deck.pdfs[mode])
    kinds = [slide.kind for slide in deck.talk.slides]
    image, facts = kinds.index("image"), kinds.index("facts")
    assert _footer(pages[image]) == _footer(pages[facts])
    layout = Presentation(str(deck.pptx)).slides[image].slide_layout
    assert {"Title rule", "Organization"} <= {shape.name for shape in layout.shapes}
    caption = [w for w in pages[image] if w.text == "illustration"]
    assert caption and caption[0].y1 < _footer(pages[image])[1] - 6


@pytest.mark.parametrize("mode", MODES)
def test_the_quote_slide_sets_the_quote_close_above_its_attribution_in_line_with_its_title(
    rendered, mode
):
    deck = rendered["lincoln-high-2027-03"]
    pages = pdf_words(deck.pdfs[mode])
    for number, slide in enumerate(deck.talk.slides):
        if slide.kind != "quote":
            continue
        words = pages[number]
        title_words = slide.title.split()
        title = next(w for w in words if w.text == title_words[0])
        dash = next(w for w in words if w.text == "\u2014")
        quote = [w for w in words if title.y1 < w.y0 < dash.y0 - 1]
        assert quote, slide.title
        assert abs(min(w.x0 for w in quote) - title.x0) < 3, slide.title
        gap = dash.y0 - max(w.y1 for w in quote)
        assert 8 < gap < 40, (slide.title, gap)


def _item_texts(slide) -> list[str]:
    """The texts of the items of a slide's list, as the outline orders them."""
    return (
        [e.text for e in slide.excerpts]
        + [f.text for f in slide.facts]
        + list(slide.bullets)
        + [a.title for a in slide.actions]
    )


@pytest.mark.parametrize("name", ["every-fact", "many-bullets", "three-long-excerpts"])
def test_a_list_too_long_for_its_slide_continues_on_the_next_with_every_item_in_order(
    rendered, name
):
    deck = rendered[f"long-{name}"]
    parts = [s for s in deck.talk.slides if s.parts > 1]
    assert len(parts) >= 2
    pages = pdf_words(deck.pdf)
    # compared without spaces: LibreOffice may break a line after a word's hyphen
    shown = "".join(_norm(w.text) for part in parts for w in pages[part.number - 1])
    position = 0
    for text in _item_texts(parts[0].whole):
        needle = _norm(text)
        found = shown.find(needle, position)
        assert found >= 0, needle
        position = found + len(needle)
    for part in parts[1:]:
        title = " ".join(w.text for w in pages[part.number - 1][:12])
        assert "(continued" in title, title
