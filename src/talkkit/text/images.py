"""Images for the deck: read from assets/, turned upright, scaled to their size on the slide.

PNG and JPEG are what every presentation program and the handout show alike;
any other format is refused with the asset's id and file, and so is a file
outside assets/.
"""

from __future__ import annotations

import io
from pathlib import Path

from talkkit.cache import cached, file_key
from talkkit.errors import RenderError
from talkkit.load.workspace import Workspace
from talkkit.models import Asset
from talkkit.policy import photo_refusals
from talkkit.resolve import Talk

SUPPORTED = {"PNG": "png", "JPEG": "jpeg"}
EMU_PER_INCH = 914400


def asset_path(workspace: Workspace, asset: Asset) -> Path:
    """The file of an asset, which must lie inside assets/."""
    folder = workspace.assets.resolve()
    path = (folder / asset.file).resolve()
    if not path.is_relative_to(folder):
        raise RenderError(f"image '{asset.id}': '{asset.file}' is outside the assets/ folder")
    return path


def image_problem(workspace: Workspace, asset: Asset) -> str | None:
    """Why an asset's file cannot go on a slide, in plain words; None when it can."""
    from PIL import Image, UnidentifiedImageError

    try:
        path = asset_path(workspace, asset)
    except RenderError as exc:
        return str(exc)
    if not path.is_file():
        return f"image '{asset.id}': there is no file assets/{asset.file}"
    try:
        with Image.open(path) as image:
            found = image.format
    except (UnidentifiedImageError, OSError):
        return (
            f"image '{asset.id}': assets/{asset.file} is not an image talkkit can read; "
            "save it as PNG or JPEG"
        )
    if found not in SUPPORTED:
        return (
            f"image '{asset.id}': assets/{asset.file} is a {found} image; "
            "talkkit takes PNG or JPEG, so save it as one of those"
        )
    return None


def prepare_image(
    workspace: Workspace,
    asset: Asset,
    box_cx: int,
    box_cy: int,
    dpi: int,
    *,
    cache: Path | None = None,
) -> tuple[bytes, int, int]:
    """The image's bytes turned upright by its EXIF orientation and no larger than needed.

    The picture is scaled down (never up) to `dpi` pixels an inch of the
    largest size it takes inside a box of `box_cx` x `box_cy` EMU. Returns the
    bytes and the width and height in pixels. With a cache folder, the prepared
    picture is kept there by the file's content and the size, so a later
    deck or run reads it back instead of decoding, resizing and encoding it
    again.
    """
    problem = image_problem(workspace, asset)
    if problem:
        raise RenderError(problem)
    path = asset_path(workspace, asset)
    wanted = file_key(path) + f"\0{box_cx}x{box_cy}@{dpi}".encode()
    return cached(
        cache, "pictures", wanted, lambda: _pack(*_prepare(path, box_cx, box_cy, dpi)), _unpack
    )


def _pack(data: bytes, width: int, height: int) -> bytes:
    return f"{width} {height}\n".encode() + data


def _unpack(stored: bytes) -> tuple[bytes, int, int]:
    head, data = stored.split(b"\n", 1)
    width, height = (int(v) for v in head.split())
    return data, width, height


def _prepare(path: Path, box_cx: int, box_cy: int, dpi: int) -> tuple[bytes, int, int]:
    from PIL import Image, ImageOps

    with Image.open(path) as original:
        source_format = original.format
        image = ImageOps.exif_transpose(original)
        image.load()
    width, height = image.size
    scale = min(box_cx / width, box_cy / height)
    shown_w, shown_h = width * scale / EMU_PER_INCH, height * scale / EMU_PER_INCH
    target = (max(1, round(shown_w * dpi)), max(1, round(shown_h * dpi)))
    if target[0] < width:
        image = image.resize(target, Image.LANCZOS)
    out = io.BytesIO()
    if source_format == "JPEG":
        image.convert("RGB").save(out, format="JPEG", quality=88, optimize=False)
    else:
        image.save(out, format="PNG")
    return out.getvalue(), image.size[0], image.size[1]


def refused_people(talk: Talk, asset: Asset) -> list[str]:
    """The people an image shows whose photos may not be shown, by the only name allowed.

    The rule is `policy.photo_refusal`: protected narrators and people who are
    no narrator of any story are refused as well as those who gave no leave.
    """
    refused = photo_refusals(asset.shows_people, talk.library.stories.values())
    return sorted({r.shown_as for r in refused})
