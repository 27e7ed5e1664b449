"""QR codes that scan from a projector or a black-and-white office print."""

from __future__ import annotations

import io

import qrcode
import qrcode.constants

QUIET_ZONE = 4
"""Modules of white around the code, as the QR standard asks."""


def _code(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=QUIET_ZONE
    )
    code.add_data(data)
    code.make(fit=True)
    return code


def modules(data: str) -> int:
    """The width of the code in modules, quiet zone included."""
    return len(_code(data).get_matrix())


def qr_png(data: str, *, module_px: int = 16) -> bytes:
    """A black-on-white PNG of the code, `module_px` pixels a module, with a 4-module quiet zone."""
    from PIL import Image

    matrix = _code(data).get_matrix()
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pixels[x, y] = 0
    image = image.resize((size * module_px, size * module_px), Image.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def qr_svg(data: str) -> str:
    """The code as a standalone SVG (black modules on a white square, quiet zone included).

    One path of unit squares in a viewBox of the code's width in modules, so it
    prints sharp at any size.
    """
    matrix = _code(data).get_matrix()
    size = len(matrix)
    cells = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{cells}" fill="#000"/></svg>'
    )
