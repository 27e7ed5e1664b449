"""QR codes that scan from a projector or a black-and-white office print."""

from __future__ import annotations

import io
from functools import lru_cache

QUIET_ZONE = 4
"""Modules of white around the code, as the QR standard asks."""


@lru_cache(maxsize=64)
def _matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the code (error correction M), quiet zone included, made once an address.

    zxing-cpp encodes it (and chooses the mask as the standard asks) in native code.
    """
    import zxingcpp

    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size, _ = image.shape
    pixels = image.tobytes()
    blank = (False,) * (size + 2 * QUIET_ZONE)
    rows = [blank] * QUIET_ZONE
    for y in range(size):
        row = pixels[y * size : (y + 1) * size]
        rows.append((False,) * QUIET_ZONE + tuple(v == 0 for v in row) + (False,) * QUIET_ZONE)
    rows.extend([blank] * QUIET_ZONE)
    return tuple(rows)


def modules(data: str) -> int:
    """The width of the code in modules, quiet zone included."""
    return len(_matrix(data))


def qr_png(data: str, *, module_px: int = 16) -> bytes:
    """A black-on-white PNG of the code, `module_px` pixels a module, with a 4-module quiet zone."""
    from PIL import Image

    matrix = _matrix(data)
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

    One path of the dark runs of each row, in a viewBox of the code's width in modules, so it
    prints sharp at any size.
    """
    matrix = _matrix(data)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    cells = "".join(runs)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{cells}" fill="#000"/></svg>'
    )
