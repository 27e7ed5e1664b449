"""`talkkit preview`: the deck's slides as PNG images and one contact sheet, drawn by LibreOffice.

The slides are drawn with the fonts this machine's LibreOffice really uses, not
the bundled ones, so the preview shows the deck as it will look when opened
here; `font_notes` says which of the theme's fonts this machine draws in
another font.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from talkkit.commands.ui import Ui, report
from talkkit.diagnostics import display_path
from talkkit.output import write_outputs
from talkkit.render.office import convert_to_pdf

COLUMNS = 4
THUMB_WIDTH = 480
METRIC_TWINS = {
    "Arial": "Liberation Sans",
    "Helvetica": "Liberation Sans",
    "Times New Roman": "Liberation Serif",
    "Courier New": "Liberation Mono",
    "Calibri": "Carlito",
    "Cambria": "Caladea",
}
"""Open fonts of the same widths as the fonts masters name, which LibreOffice draws them in."""


def drawn_in(font: str, *, env: dict | None = None) -> str | None:
    """The family this machine draws `font` in, as fontconfig (and so LibreOffice) picks it.

    None where fontconfig's `fc-match` is not installed (Windows, most Macs).
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    result = subprocess.run(
        [fc_match, "--format=%{family[0]}", font],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return result.stdout.strip() or None


def font_notes(fonts: Iterable[str], *, env: dict | None = None) -> list[str]:
    """A sentence for each font this machine draws in another font of different widths."""
    notes = []
    for font in dict.fromkeys(f for f in fonts if f):
        used = drawn_in(font, env=env)
        if used is None or used == font or used == METRIC_TWINS.get(font):
            continue
        twin = METRIC_TWINS.get(font)
        has = f"{font} nor {twin}" if twin else font
        notes.append(
            f"this machine has neither {has}, so LibreOffice draws {font} in {used}"
            if twin
            else f"this machine has no {has}, so LibreOffice draws it in {used}"
        )
    return notes


def slide_images(pdf: Path, *, width: int = 1280) -> list:
    """Each page of a PDF as a Pillow image `width` pixels wide."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        images = []
        for page in document:
            scale = width / page.get_width()
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def contact_sheet(images: list, *, columns: int = COLUMNS, width: int = THUMB_WIDTH):
    """The images as numbered thumbnails in a grid, on white."""
    from PIL import Image, ImageDraw

    thumbs = [image.resize((width, round(image.height * width / image.width))) for image in images]
    height = max(t.height for t in thumbs)
    gap, label = 16, 22
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new(
        "RGB",
        (gap + columns * (width + gap), gap + rows * (height + label + gap)),
        "white",
    )
    draw = ImageDraw.Draw(sheet)
    for index, thumb in enumerate(thumbs):
        x = gap + (index % columns) * (width + gap)
        y = gap + (index // columns) * (height + label + gap)
        draw.text((x, y), f"{index + 1}", fill="#333333")
        sheet.paste(thumb, (x, y + label))
        draw.rectangle(
            (x - 1, y + label - 1, x + width, y + label + thumb.height), outline="#999999"
        )
    return sheet


def _png(image) -> bytes:
    import io

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def preview(deck: bytes, name: str, folder: Path, *, fonts: Path | None = None) -> list[Path]:
    """Write <folder>/<name>-preview/slide-NN.png and contact-sheet.png; the paths written."""
    with tempfile.TemporaryDirectory(prefix="talkkit-preview-") as work:
        source = Path(work) / f"{name}.pptx"
        source.write_bytes(deck)
        [pdf] = convert_to_pdf([source], Path(work), fonts=fonts)
        images = slide_images(pdf)
    outputs = {f"slide-{n:02d}.png": _png(image) for n, image in enumerate(images, start=1)}
    outputs["contact-sheet.png"] = _png(contact_sheet(images))
    return write_outputs(folder / f"{name}-preview", outputs)


def run_preview(session, path: Path, folder: Path, ui: Ui) -> bool:
    """Check the outline, then draw its slides into `folder`; whether it went well."""
    from talkkit.render import office

    if office.find_soffice() is None:
        ui.err(
            "talkkit: preview draws slides with LibreOffice, which is not installed; "
            f"{office.INSTALL_HINT}"
        )
        return False
    diagnostics = session.check([path])
    if report(ui, diagnostics, output_format="text", strict=False, checked=display_path(path)):
        ui.err("talkkit: no preview; fix the errors above first")
        return False
    from talkkit.commands.build import render

    talk, _ = session.talk(path)
    theme, _ = session.theme(talk.theme)
    if theme is not None:
        for note in font_notes([theme.master.heading_font, theme.master.body_font]):
            ui.err(f"talkkit: preview: {note}")
    written = preview(render(talk, "deck"), talk.name, folder)
    ui.out(f"wrote {len(written) - 1} slides and {display_path(written[-1])}")
    return True
