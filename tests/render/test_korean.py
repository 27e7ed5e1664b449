"""A talk in Korean, built as a user would: check is clean, the build writes all three outputs, and
each prints Hangul in the bundled font, tagged as Korean, with every word whole and inside its box.

The event (tests/cases/korean/) has a Korean venue, speaker and event name, a Korean title, a
custom slide with a Korean title and two Korean paragraphs, and a Korean closing line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from printed_pdf import pdf_text, tool
from render.test_deck_render import need, overlaps, pdf_words, words_outside
from samples import ROOT, copy_sample
from talkkit.cli import main
from talkkit.load.fonts import EAST_ASIAN_FONT
from talkkit.load.workspace import Workspace
from talkkit.session import Session

CASE = ROOT / "tests" / "cases" / "korean" / "seoul-church-2027-05.yaml"
NAME = CASE.stem
TODAY = "2027-01-05"
HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"a": A}
MODES = ("bundled", "machine")
"""LibreOffice with the bundled fonts first and no other font of Hangul (the machine's Noto CJK
hidden, so the bundled subset draws every Korean word), and with only the fonts this machine has."""
SYSTEM_CJK = "/usr/share/fonts/opentype/noto/*"


def convert(pptx: Path, folder: Path, mode: str) -> Path:
    """The deck as LibreOffice converts it to PDF, finding fonts as `mode` says."""
    from talkkit.render.office import convert_to_pdf

    need("soffice")
    folder.mkdir(parents=True)
    env = {"HOME": str(folder)}
    if mode == "bundled":
        conf = folder / "fonts.conf"
        conf.write_text(
            f"<fontconfig><dir>{ROOT / 'assets' / 'fonts'}</dir>"
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f"<selectfont><rejectfont><glob>{SYSTEM_CJK}</glob></rejectfont></selectfont>"
            f"<cachedir>{folder / 'fontcache'}</cachedir>"
            "<alias binding='same'><family>Arial</family><accept><family>Liberation Sans"
            "</family></accept></alias></fontconfig>",
            encoding="utf-8",
        )
        env["FONTCONFIG_FILE"] = str(conf)
    (made,) = convert_to_pdf([pptx], folder, env=env, timeout=600)
    return made


def run(*args: str, cwd: Path) -> int:
    """`talkkit ARGS` in a folder; its exit status."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        main(list(args))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    finally:
        os.chdir(here)
    return 0  # pragma: no cover


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the sample workspace with the Korean event, checked and built."""
    root = copy_sample(tmp_path_factory.mktemp("korean") / "ws")
    shutil.copy2(CASE, root / "decks" / CASE.name)
    session = Session(Workspace.at(root), today=dt.date.fromisoformat(TODAY))
    problems = session.check([root / "decks" / CASE.name])
    assert [p.format(root) for p in problems] == []
    assert run("--today", TODAY, "build", f"decks/{CASE.name}", cwd=root) == 0
    return root


def korean_words(text: str) -> set[str]:
    return set(HANGUL_RUN.findall(text))


def test_check_is_clean_and_the_build_writes_all_three_outputs(built):
    assert sorted(p.name for p in (built / "build").iterdir() if not p.name.startswith(".")) == [
        f"{NAME}-handout.pdf",
        f"{NAME}-notes.pdf",
        f"{NAME}.pptx",
    ]


def _runs(xml: bytes) -> list[etree._Element]:
    return etree.fromstring(xml).findall(".//a:r", NS)


def test_every_run_with_hangul_has_the_east_asian_font_and_korean_language(built):
    pptx = built / "build" / f"{NAME}.pptx"
    korean, latin = 0, 0
    with zipfile.ZipFile(pptx) as archive:
        parts = [
            n for n in archive.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)
        ]
        for part in parts:
            for r in _runs(archive.read(part)):
                text = "".join(r.itertext())
                properties = r.find("a:rPr", NS)
                if HANGUL_RUN.search(text):
                    korean += 1
                    assert properties is not None, (part, text)
                    assert properties.get("lang") == "ko-KR", (part, text)
                    ea = properties.find("a:ea", NS)
                    assert ea is not None and ea.get("typeface") == EAST_ASIAN_FONT, (part, text)
                    assert r.getparent().find("a:pPr", NS).get("eaLnBrk") == "0"
                elif properties is not None and properties.find("a:latin", NS) is not None:
                    latin += 1
                    assert properties.get("lang") != "ko-KR", (part, text)
                    assert properties.find("a:ea", NS) is None, (part, text)
                    assert properties.find("a:latin", NS).get("typeface") in ("+mj-lt", "+mn-lt")
        assert korean >= 10 and latin >= 3
        themes = [n for n in archive.namelist() if re.match(r"ppt/theme/theme\d+\.xml$", n)]
        for name in themes:
            root = etree.fromstring(archive.read(name))
            for tag in ("majorFont", "minorFont"):
                (ea,) = root.findall(f".//a:{tag}/a:ea", NS)
                assert ea.get("typeface") == EAST_ASIAN_FONT, name
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(pptx)).slides]
    assert titles[:2] == ["북한 사람들의 이야기", "오늘 우리가 함께 나눌 이야기"]


@pytest.fixture(scope="module")
def deck_pdfs(built, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("korean-deck")
    pptx = built / "build" / f"{NAME}.pptx"
    found = {}
    for mode in MODES:
        found[mode] = convert(pptx, folder / mode, mode)
    return found


@pytest.mark.parametrize("mode", MODES)
def test_no_word_of_the_deck_leaves_its_box_or_meets_another(built, deck_pdfs, mode):
    pptx = built / "build" / f"{NAME}.pptx"
    pages = pdf_words(deck_pdfs[mode])
    shown = " ".join(w.text for page in pages for w in page)
    assert {"한인교회", "진심으로", "감사드립니다", "용기를", "박서연"} <= set(shown.split())
    assert words_outside(pptx, deck_pdfs[mode]) == []
    assert overlaps(deck_pdfs[mode]) == []


@pytest.mark.parametrize("mode", MODES)
def test_libreoffice_sets_the_korean_paragraphs_in_no_more_lines_than_measured(
    built, deck_pdfs, mode
):
    """The fitter's widths for Hangul are never narrower than LibreOffice's: the lines it
    counts for the two Korean paragraphs are at least as many as LibreOffice draws (the
    master's autofit would otherwise hide text set too large by shrinking it)."""
    from talkkit.text.measure import fit_text
    from talkkit.text.slides import slide_text

    session = Session(Workspace.at(built))
    talk, _ = session.talk(built / "decks" / CASE.name)
    theme, _ = session.theme(talk.theme)
    slide = talk.slides[1]
    slot = theme.slot(slide.kind, "bullets")
    fitted = fit_text(slide_text(talk, slide)["bullets"], slot)
    measured = sum(len(lines) for lines in fitted.lines)
    frame = slot.frame
    top, bottom = frame.y / 12700, (frame.y + frame.cy) / 12700
    words = [w for w in pdf_words(deck_pdfs[mode])[1] if top - 2 <= w.y0 and w.y1 <= bottom + 8]
    drawn = len({round(w.y0 / 4) for w in words if HANGUL_RUN.search(w.text)})
    assert 6 <= drawn <= measured, (drawn, measured)


def test_the_deck_draws_hangul_in_the_bundled_font(deck_pdfs, tmp_path):
    listing = subprocess.run(
        [tool("pdffonts"), str(deck_pdfs["bundled"])], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSansCJKkr-Regular" in listing and "NotoSansCJKkr-Bold" in listing, listing
    tool("pdftoppm")
    prefix = tmp_path / "slide"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", deck_pdfs["bundled"], prefix],
        check=True,
    )
    (png,) = tmp_path.glob("slide*.png")
    from PIL import Image

    with Image.open(png) as image:
        dark = sum(image.convert("L").histogram()[:128])
    assert dark > 2000, "the slide of Korean paragraphs is nearly blank"


def _korean_source() -> set[str]:
    return korean_words(CASE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["handout", "notes"])
def test_every_korean_word_stands_whole_on_one_line(built, kind):
    text = pdf_text(built / "build" / f"{NAME}-{kind}.pdf", layout=True)
    printed = korean_words(text)
    assert printed - _korean_source() == set()
    assert {"서울", "한인교회", "본당", "박서연"} <= printed
    if kind == "notes":
        assert _korean_source() - printed == set()
        bullet = "이 강연의 이야기들은 북한을 떠나온 분들이"
        (line,) = [line for line in text.splitlines() if "이 강연의" in line]
        assert bullet in line and "감사합니다" not in line
        assert not line.rstrip().endswith("바랍니다.")


@pytest.mark.parametrize("kind", ["handout", "notes"])
def test_the_printed_outputs_embed_their_fonts_and_tag_korean(built, kind):
    from pypdf import PdfReader

    path = built / "build" / f"{NAME}-{kind}.pdf"
    listing = subprocess.run(
        [tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+", 1)[-1]: line.split()[-5] for line in listing}
    assert any(name.startswith("NotoSansCJKkr-Regular") for name in fonts), fonts
    assert set(fonts.values()) == {"yes"}, listing
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]) == "en"
    assert root["/MarkInfo"]["/Marked"]
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    spans = re.findall(rb"/Lang\s*\(([^)]*)\)[^B]*BDC(.*?)EMC", content, re.S)
    assert b"ko-KR" in {lang for lang, _ in spans}, "no text is tagged as Korean"
