"""The printed pages as a reader, a printer and a screen reader meet them: tagged PDF/UA with alt
text, nothing under 8 pt, addresses whole, codes that scan from a black-and-white print, and notes
pages that are never left nearly empty."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from printed_pdf import DPI, build_outputs, pdf_text, sample_talk, tool, zbar_codes
from talkkit.render.handout import handout_context

EVENTS = ("lincoln-high-2027-03", "riverside-library-2027-04")
KINDS = ("handout", "handout-half", "notes")
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    for name in EVENTS:
        talk = sample_talk(name)
        build_outputs(talk, out / "letter", kinds=list(KINDS))
        build_outputs(talk, out / "a4", kinds=list(KINDS), paper="a4")
    return out


def outputs(printed: Path) -> list[Path]:
    return sorted(printed.glob("*/*.pdf"))


def pages_of_words(path: Path) -> list[tuple[float, list[tuple[float, float, float, float, str]]]]:
    """Each page: its height, and its words with their boxes (points, from the top)."""
    result = subprocess.run(
        [tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    )
    pages = []
    for chunk in result.stdout.split("<page ")[1:]:
        size = _PAGE.match("<page " + chunk)
        assert size is not None
        found = [(*map(float, m.groups()[:4]), m[5]) for m in _WORD.finditer(chunk)]
        pages.append((float(size[2]), found))
    return pages


def pdfinfo(path: Path) -> dict[str, str]:
    result = subprocess.run(
        [tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    )
    return {
        k.strip(): v.strip()
        for k, _, v in (line.partition(":") for line in result.stdout.splitlines())
    }


def structure(path: Path) -> list[tuple[str, str | None]]:
    """Every element of the PDF's structure tree: its type and its alt text."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: list[tuple[str, str | None]] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            alt = node.get("/Alt")
            found.append((str(node["/S"]), None if alt is None else str(alt)))
        kids = node.get("/K")
        if kids is not None:
            walk(kids)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_output_is_tagged_with_title_and_language(printed):
    from pypdf import PdfReader

    for path in outputs(printed):
        info = pdfinfo(path)
        assert info["Tagged"] == "yes", path
        assert info["Title"].startswith(("Behind the Numbers: ", "The People Behind")), path
        assert str(PdfReader(path).trailer["/Root"]["/Lang"]) == "en", path


@pytest.mark.parametrize("name", EVENTS)
def test_every_qr_code_has_alt_text_saying_where_it_leads(printed, name):
    actions = handout_context(sample_talk(name), paper="letter")["actions"]
    wanted = sorted(f"QR code: opens {a['url_text']}" for a in actions)
    for kind, copies in (("handout", 1), ("handout-half", 2)):
        figures = [
            alt for s, alt in structure(printed / "letter" / f"{name}-{kind}.pdf") if s == "/Figure"
        ]
        assert sorted(figures) == sorted(wanted * copies), kind


def test_no_text_is_set_under_8_pt_and_the_half_sheet_body_is_9_pt(printed):
    for path in outputs(printed):
        for _, found in pages_of_words(path):
            small = [w for w in found if w[3] - w[1] < 7.99]
            assert not small, (path.name, small[:3])
    for name in EVENTS:
        talk = handout_context(sample_talk(name), paper="letter")
        first = talk["facts"][0]["text"].split()[:5]
        _, back = pages_of_words(printed / "letter" / f"{name}-handout-half.pdf")[1]
        texts = [w[4] for w in back]
        start = next(i for i in range(len(texts)) if texts[i : i + 5] == first)
        heights = {round(w[3] - w[1], 1) for w in back[start : start + 5]}
        assert heights and min(heights) >= 9, heights


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_address_stands_whole_on_one_line(printed, paper):
    for name in EVENTS:
        actions = handout_context(sample_talk(name), paper=paper)["actions"]
        for kind in ("handout", "handout-half"):
            lines = pdf_text(printed / paper / f"{name}-{kind}.pdf", layout=True).splitlines()
            for action in actions:
                assert any(
                    re.search(rf"(?<!\S){re.escape(action['url_text'])}(?!\S)", line)
                    for line in lines
                ), (kind, action["url_text"])


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_codes_scan_from_a_black_and_white_print(printed, tmp_path, paper):
    from PIL import Image

    for name in EVENTS:
        actions = handout_context(sample_talk(name), paper=paper)["actions"]
        for kind, copies in (("handout", 1), ("handout-half", 2)):
            prefix = tmp_path / f"{name}-{kind}-{paper}"
            subprocess.run(
                [
                    tool("pdftoppm"),
                    "-r",
                    str(DPI),
                    "-gray",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    str(printed / paper / f"{name}-{kind}.pdf"),
                    str(prefix),
                ],
                check=True,
            )
            (gray,) = tmp_path.glob(f"{prefix.name}*.pgm")
            bw = tmp_path / f"{prefix.name}-bw.png"
            Image.open(gray).point(lambda v: 255 if v > 128 else 0).convert("1").save(bw)
            assert sorted(zbar_codes(bw)) == sorted(a["url"] for a in actions) * copies or (
                sorted(zbar_codes(bw)) == sorted(sorted(a["url"] for a in actions) * copies)
            ), (name, kind)


@pytest.mark.parametrize("name", EVENTS)
def test_no_notes_page_is_left_nearly_empty(printed, name):
    pages = pages_of_words(printed / "letter" / f"{name}-notes.pdf")
    for number, (height, found) in enumerate(pages[:-1], start=1):
        body = [w for w in found if not w[4].startswith("page") and w[1] > 60]
        lowest = max(w[3] for w in body)
        # a page ends early only where the next slide would not fit below it
        assert lowest > height * 0.45, (number, lowest)


def test_the_same_inputs_make_the_same_bytes(tmp_path):
    talk = sample_talk("lincoln-high-2027-03")
    build_outputs(talk, tmp_path / "one", kinds=list(KINDS))
    build_outputs(sample_talk("lincoln-high-2027-03"), tmp_path / "two", kinds=list(KINDS))
    for path in sorted((tmp_path / "one").glob("*.pdf")):
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_quotation_marks_and_apostrophes_are_typographic_throughout(printed):
    for path in outputs(printed):
        text = re.sub(r"\S+\.(?:org|com)\S*", "", pdf_text(path))
        straight = [line for line in text.splitlines() if "'" in line or '"' in line]
        assert straight == [], (path.name, straight[:3])
        assert "\u2019" in text, path.name
