"""Reading printed PDFs back as a person would: their text, pages, and QR codes scanned from a 150 dpi image."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from samples import ROOT
from talkkit.text.typography import curly

DPI = 150
CM = DPI / 2.54
"""Pixels in a centimetre at DPI."""


def tool(name: str) -> str:
    """The path of a command the printed-output tests need; a clear failure (not a skip) when missing."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed: the printed-output tests need poppler-utils (pdftoppm, "
            "pdftotext) and zbar-tools (zbarimg); .ci/run installs them"
        )
    return found


def pdf_text(path: Path, *, layout: bool = False) -> str:
    """The text of a PDF as pdftotext reads it (with `layout`, lines as they stand on the page)."""
    result = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def words(text: str) -> str:
    """Text with every run of white space made one space, for comparing wrapped lines."""
    return re.sub(r"\s+", " ", text).strip()


def as_printed(text: str) -> str:
    """`text` as print shows it: its white space made one space, its quotation marks and
    apostrophes typographic."""
    return words(curly(text))


def squeezed(text: str) -> str:
    """Text without any white space, for addresses wrapped over lines."""
    return re.sub(r"\s+", "", text)


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height of each page, in points, rounded."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def page_images(path: Path, folder: Path) -> list[Path]:
    """Each page rendered to a PNG at DPI."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pdftoppm"), "-r", str(DPI), "-png", str(path), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    return sorted(folder.glob("page-*.png"))


def zbar_codes(image: Path) -> list[str]:
    """The data of every QR code zbarimg finds in an image, in no particular order."""
    result = subprocess.run(
        [tool("zbarimg"), "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 4):  # 4: no code found
        raise AssertionError(f"zbarimg failed on {image}: {result.stderr}")
    return [line for line in result.stdout.splitlines() if line]


@dataclass
class Found:
    text: str
    box: tuple[int, int, int, int]
    """left, top, right, bottom of the code itself, in pixels"""

    @property
    def width_cm(self) -> float:
        return (self.box[2] - self.box[0]) / CM

    @property
    def height_cm(self) -> float:
        return (self.box[3] - self.box[1]) / CM


def quiet_zone_is_white(image: Path, found: Found, modules: int) -> bool:
    """Whether the 4-module band around a code (of `modules` across, quiet zone included) is white."""
    from PIL import Image

    gray = Image.open(image).convert("L")
    left, top, right, bottom = found.box
    module = (right - left) / (modules - 8)
    band = int(4 * module) - 1
    outer = (left - band, top - band, right + band, bottom + band)
    inner = (left - 1, top - 1, right + 1, bottom + 1)
    for y in range(outer[1], outer[3] + 1):
        for x in range(outer[0], outer[2] + 1):
            inside = inner[0] <= x <= inner[2] and inner[1] <= y <= inner[3]
            if not inside and gray.getpixel((x, y)) < 160:
                return False
    return True


def zxing_codes(image: Path) -> list[Found]:
    """Every QR code zxing-cpp finds in an image, with the printed size of the code itself."""
    import zxingcpp
    from PIL import Image

    found = []
    for code in zxingcpp.read_barcodes(Image.open(image)):
        pos = code.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_right.x, pos.bottom_left.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_right.y, pos.bottom_left.y]
        found.append(Found(code.text, (min(xs), min(ys), max(xs), max(ys))))
    return found


def build_outputs(talk, folder: Path, *, kinds, paper: str | None = None) -> list[Path]:
    """Render the asked outputs of a talk and write them into `folder`, as `talkkit build` does."""
    from talkkit.commands.build import render
    from talkkit.commands.changed import output_name
    from talkkit.output import write_outputs

    return write_outputs(
        folder, {output_name(talk, kind): render(talk, kind, paper=paper) for kind in kinds}
    )


def sample_talk(name: str, root: Path = ROOT):
    """The resolved talk of decks/<name>.yaml in a workspace (the sample workspace by default)."""
    from talkkit.load.workspace import Workspace
    from talkkit.session import Session

    talk, diagnostics = Session(Workspace.at(root)).talk(root / "decks" / f"{name}.yaml")
    assert talk is not None, diagnostics
    return talk
