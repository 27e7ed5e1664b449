"""`talkkit preview`: the deck's slides as PNG images and one contact sheet, drawn by LibreOffice."""

from __future__ import annotations

import tempfile
from pathlib import Path

from talkkit.commands.ui import Ui, report
from talkkit.diagnostics import display_path
from talkkit.output import write_outputs
from talkkit.render.office import convert_to_pdf

COLUMNS = 4
THUMB_WIDTH = 480


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
    written = preview(
        render(talk, "deck"), talk.name, folder, fonts=session.workspace.assets / "fonts"
    )
    ui.out(f"wrote {len(written) - 1} slides and {display_path(written[-1])}")
    return True
