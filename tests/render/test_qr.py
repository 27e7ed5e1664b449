"""QR codes: a PNG that a reader decodes to the address it was made from, and its size in modules."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image

from talkkit.render.qr import modules, qr_png

URL = (
    "https://www.libertyinnorthkorea.org/donate/?utm_source=talkkit&utm_medium=slides"
    "&utm_campaign=lincoln-high-2027-03"
)


def test_the_png_decodes_to_the_address(tmp_path):
    import zxingcpp

    image = Image.open(io.BytesIO(qr_png(URL)))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [URL]
    if shutil.which("zbarimg"):
        image.save(tmp_path / "code.png")
        result = subprocess.run(
            ["zbarimg", "--raw", "-q", str(tmp_path / "code.png")],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == URL


@pytest.mark.parametrize("module_px", [8, 16])
def test_each_module_is_the_asked_number_of_pixels(module_px):
    image = Image.open(io.BytesIO(qr_png(URL, module_px=module_px)))
    assert image.width == image.height
    assert image.width % module_px == 0
    assert image.width // module_px >= modules(URL)
