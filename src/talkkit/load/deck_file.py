"""A .pptx as an audience and a reader of the file meet it: every word it shows or says, its links and codes.

`read_deck` opens a deck made by talkkit or edited anywhere else (PowerPoint,
Keynote, Google Slides, LibreOffice) and lists, by slide number and place,
the text of every text box, table, group and SmartArt diagram, the speaker
notes, the alt text and title of pictures, hyperlinks (of runs and of shape
clicks), the addresses QR codes in pictures decode to, comments, hidden
slides, and the document properties. The file is measured before anything is
unpacked: a file or a part too large, or a part that unpacks far larger than
it is stored, is refused with a `DeckError` in plain words.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.errors import TalkkitError

OUTLINE_PROPERTY = "talkkit-outline"
"""The custom document property naming the outline a deck was built from, relative to the workspace."""
MAX_DECK_BYTES = 100 * 1024 * 1024
"""The largest deck file read."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""The largest part of a deck once unpacked."""
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""The most all parts of a deck may unpack to together."""
MAX_PARTS = 5000
MAX_RATIO = 200
"""A part may unpack to at most this many times its stored size (beyond 1 MB)."""
MAX_QR_PIXELS = 25_000_000
"""Pictures larger than this are not searched for QR codes."""

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_TITLES = {"title", "ctrTitle", "vertTitle"}


class DeckError(TalkkitError):
    """A file that cannot be read as a deck, said in plain words."""


@dataclass(frozen=True)
class Said:
    """One text a deck shows or says, and where: slide number (None: the file) and place."""

    slide: int | None
    place: str
    text: str


@dataclass(frozen=True)
class DeckPicture:
    slide: int
    name: str
    descr: str
    title: str
    decorative: bool
    codes: tuple[str, ...] = ()
    """What the QR codes the picture shows decode to."""


@dataclass(frozen=True)
class DeckSlide:
    number: int
    hidden: bool
    title: str | None
    """The text of the title placeholder; None when the slide has none (or it is empty)."""
    title_first: bool
    """Whether the reading order (the order of the shape tree) starts with the title."""
    notes: str
    colors: tuple[tuple[str, str, str], ...] = ()
    """(text, text color, background color) of each run that sets its own color."""


@dataclass(frozen=True)
class DeckFile:
    path: Path
    slides: tuple[DeckSlide, ...]
    texts: tuple[Said, ...]
    """Every text, notes, alt text, comment and property, by place."""
    links: tuple[Said, ...]
    """Hyperlink targets and the addresses QR codes decode to."""
    pictures: tuple[DeckPicture, ...]
    comments: tuple[Said, ...]
    properties: dict[str, str] = field(default_factory=dict)
    """The document properties by the name PowerPoint shows them under (author, company, ...)."""
    custom: dict[str, str] = field(default_factory=dict)
    """The custom document properties."""


def _measure(data: bytes, name: str) -> None:
    """Refuse a file that is not a zip of a presentation, or that unpacks too large."""
    if len(data) > MAX_DECK_BYTES:
        raise DeckError(
            f"{name} is {len(data) / 1024 / 1024:.0f} MB; talkkit reads decks up to "
            f"{MAX_DECK_BYTES // 1024 // 1024} MB"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DeckError(
            f"{name} is not a PowerPoint file (.pptx): it is not a zip package"
        ) from exc
    if len(infos) > MAX_PARTS:
        raise DeckError(f"{name} holds {len(infos)} parts; a deck has far fewer")
    names = {info.filename for info in infos}
    if "ppt/presentation.xml" not in names and not any(
        n.endswith("/presentation.xml") for n in names
    ):
        raise DeckError(f"{name} is a zip file but holds no presentation; is it a .pptx?")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES or (
            info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise DeckError(
                f"{name}: its part '{info.filename}' unpacks to {info.file_size} bytes, "
                "too large for a deck (a damaged file or a zip bomb)"
            )
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise DeckError(f"{name} unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB")
        try:
            with archive.open(info) as part:
                actual = len(part.read(info.file_size + 1))
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError) as exc:
            raise DeckError(f"{name}: its part '{info.filename}' cannot be unpacked") from exc
        except Exception as exc:  # zlib errors of a damaged part
            raise DeckError(f"{name}: its part '{info.filename}' cannot be unpacked") from exc
        if actual != info.file_size:
            raise DeckError(
                f"{name}: its part '{info.filename}' does not unpack to the size it declares"
            )


def read_deck(path: Path, data: bytes | None = None, *, name: str | None = None) -> DeckFile:
    """What a deck shows and says; `data` instead of reading `path`; `name` for messages."""
    shown = name or path.name
    if data is None:
        try:
            size = path.stat().st_size
            if size > MAX_DECK_BYTES:
                raise DeckError(
                    f"{shown} is {size / 1024 / 1024:.0f} MB; talkkit reads decks up to "
                    f"{MAX_DECK_BYTES // 1024 // 1024} MB"
                )
            data = path.read_bytes()
        except OSError as exc:
            raise DeckError(f"{shown} cannot be read: {exc.strerror or exc}") from exc
    _measure(data, shown)
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds on a damaged package
        raise DeckError(
            f"{shown} cannot be opened as a presentation: a part of it is damaged or missing"
        ) from exc
    try:
        return _Reader(path, prs).deck()
    except DeckError:
        raise
    except Exception as exc:
        raise DeckError(
            f"{shown} cannot be read as a deck: a part of it is damaged or missing"
        ) from exc


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _paragraphs(element) -> list[str]:
    """The text of each paragraph (a:p) under an element, line breaks as spaces."""
    found = []
    for para in element.iter(f"{{{_A}}}p"):
        text = "".join(
            (node.text or "") if _local(node.tag) == "t" else " "
            for node in para.iter(f"{{{_A}}}t", f"{{{_A}}}br")
        )
        if text.strip():
            found.append(text)
    return found


class _Reader:
    def __init__(self, path: Path, prs):
        self.path = path
        self.prs = prs
        self.texts: list[Said] = []
        self.links: list[Said] = []
        self.pictures: list[DeckPicture] = []
        self.comments: list[Said] = []

    def deck(self) -> DeckFile:
        slides = [self._slide(number, slide) for number, slide in enumerate(self.prs.slides, 1)]
        properties, custom = self._properties()
        for key, value in (*properties.items(), *custom.items()):
            if value:
                self.texts.append(Said(None, f"document properties, {key}", value))
        return DeckFile(
            self.path,
            tuple(slides),
            tuple(self.texts),
            tuple(self.links),
            tuple(self.pictures),
            tuple(self.comments),
            properties,
            custom,
        )

    def _slide(self, number: int, slide) -> DeckSlide:
        element = slide._element
        tree = element.find(f"{{{_P}}}cSld/{{{_P}}}spTree")
        shapes = [
            s for s in tree if _local(s.tag) in {"sp", "grpSp", "graphicFrame", "pic", "cxnSp"}
        ]
        title, title_at = None, None
        for index, shape in enumerate(shapes):
            ph = shape.find(f"./*/{{{_P}}}nvPr/{{{_P}}}ph")
            if ph is not None and ph.get("type") in _TITLES:
                text = " ".join(" ".join(_paragraphs(shape)).split())
                if text:
                    title, title_at = text, index
                    break
        for shape in shapes:
            self._shape(number, slide, shape, title is not None)
        notes = ""
        if slide.has_notes_slide:
            notes_slide = slide.notes_slide
            frame = notes_slide.notes_text_frame
            notes = frame.text if frame is not None else ""
            for text in notes.split("\n"):
                if text.strip():
                    self.texts.append(Said(number, "notes", text))
            self._external_links(number, notes_slide.part, "notes, link")
        self._external_links(number, slide.part, "link")
        self._comments(number, slide.part)
        return DeckSlide(
            number,
            element.get("show") in ("0", "false"),
            title,
            title_at == 0,
            notes,
            tuple(_colors(slide)),
        )

    def _shape(self, number: int, slide, shape, has_title: bool) -> None:
        kind = _local(shape.tag)
        if kind == "grpSp":
            for child in shape:
                if _local(child.tag) in {"sp", "grpSp", "graphicFrame", "pic", "cxnSp"}:
                    self._shape(number, slide, child, has_title)
            return
        ph = shape.find(f"./*/{{{_P}}}nvPr/{{{_P}}}ph")
        is_title = ph is not None and ph.get("type") in _TITLES
        if kind == "pic":
            self._picture(number, slide, shape)
        elif kind == "graphicFrame":
            data = shape.find(f".//{{{_A}}}graphicData")
            uri = data.get("uri", "") if data is not None else ""
            if uri.endswith("/table"):
                for text in _paragraphs(shape):
                    self.texts.append(Said(number, "table", text))
            elif uri == _DIAGRAM:
                self._smartart(number, slide, data)
        else:
            for text in _paragraphs(shape):
                self.texts.append(Said(number, "title" if is_title else "text", text))

    def _picture(self, number: int, slide, pic) -> None:
        props = pic.find(f"./{{{_P}}}nvPicPr/{{{_P}}}cNvPr")
        descr = (props.get("descr") or "") if props is not None else ""
        title = (props.get("title") or "") if props is not None else ""
        name = (props.get("name") or "") if props is not None else ""
        decorative = props is not None and any(
            _local(e.tag) == "decorative" and e.get("val") in ("1", "true")
            for e in props.iter(f"{{{_DECORATIVE}}}decorative")
        )
        if descr.strip():
            self.texts.append(Said(number, "picture alt text", descr))
        if title.strip():
            self.texts.append(Said(number, "picture title", title))
        codes: tuple[str, ...] = ()
        blip = pic.find(f".//{{{_A}}}blip")
        rid = blip.get(f"{{{_R}}}embed") if blip is not None else None
        if rid and rid in slide.part.rels and not slide.part.rels[rid].is_external:
            codes = qr_codes(slide.part.rels[rid].target_part.blob)
        for code in codes:
            self.links.append(Said(number, "QR code", code))
        self.pictures.append(DeckPicture(number, name, descr, title, decorative, codes))

    def _smartart(self, number: int, slide, data) -> None:
        ids = data.find(f"{{{_DIAGRAM}}}relIds")
        rid = ids.get(f"{{{_R}}}dm") if ids is not None else None
        if not rid or rid not in slide.part.rels:
            return
        from pptx.oxml import parse_xml

        root = parse_xml(slide.part.rels[rid].target_part.blob)
        for text in _paragraphs(root):
            self.texts.append(Said(number, "SmartArt", text))

    def _external_links(self, number: int, part, place: str) -> None:
        for rel in sorted(part.rels.values(), key=lambda r: r.rId):
            if rel.is_external and rel.reltype.endswith("/hyperlink"):
                self.links.append(Said(number, place, rel.target_ref))

    def _comments(self, number: int, part) -> None:
        from pptx.oxml import parse_xml

        for rel in sorted(part.rels.values(), key=lambda r: r.rId):
            if rel.is_external or not rel.reltype.lower().endswith("comments"):
                continue
            root = parse_xml(rel.target_part.blob)
            for comment in root.iter():
                if _local(comment.tag) != "cm":
                    continue
                legacy = [e.text or "" for e in comment if _local(e.tag) == "text"]
                text = " ".join(legacy) if legacy else " ".join(_paragraphs(comment))
                said = Said(number, "comment", " ".join(text.split()))
                self.comments.append(said)
                if said.text:
                    self.texts.append(said)

    def _properties(self) -> tuple[dict[str, str], dict[str, str]]:
        core = self.prs.core_properties
        properties = {
            "title": core.title,
            "subject": core.subject,
            "author": core.author,
            "last modified by": core.last_modified_by,
            "keywords": core.keywords,
            "comments": core.comments,
            "category": core.category,
            "identifier": core.identifier,
            "status": core.content_status,
            "version": core.version,
        }
        custom: dict[str, str] = {}
        package = self.prs.part.package
        from pptx.oxml import parse_xml

        for rel in package.iter_rels():
            if rel.is_external:
                continue
            partname = str(rel.target_part.partname)
            if partname == "/docProps/app.xml":
                root = parse_xml(rel.target_part.blob)
                for key, tag in (("company", "Company"), ("manager", "Manager")):
                    found = root.find(f"{{{_EXTENDED}}}{tag}")
                    properties[key] = (found.text or "") if found is not None else ""
                found = root.find(f"{{{_EXTENDED}}}Application")
                properties["application"] = (found.text or "") if found is not None else ""
            elif partname == "/docProps/custom.xml":
                root = parse_xml(rel.target_part.blob)
                for prop in root.iter(f"{{{_CUSTOM}}}property"):
                    custom[prop.get("name") or ""] = " ".join(t.text or "" for t in prop)
        return {k: v or "" for k, v in properties.items()}, custom


def qr_codes(image: bytes) -> tuple[str, ...]:
    """What the QR codes of a picture decode to (none for an image that cannot be read)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(image))
            if picture.width * picture.height > MAX_QR_PIXELS:
                return ()
            picture.load()
    except Exception:
        return ()
    import zxingcpp

    try:
        found = zxingcpp.read_barcodes(picture.convert("L"))
    except Exception:
        return ()
    return tuple(code.text for code in found if "QR" in str(code.format))


_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


def _colors(slide) -> list[tuple[str, str, str]]:
    """Runs that set their own text color, with the slide's background color."""
    background = _background(slide)
    if background is None:
        return []
    scheme = _Scheme(slide)
    found = []
    for run in slide._element.iter(f"{{{_A}}}r"):
        fill = run.find(f"{{{_A}}}rPr/{{{_A}}}solidFill")
        color = scheme.color(fill) if fill is not None else None
        text = "".join(t.text or "" for t in run.iter(f"{{{_A}}}t")).strip()
        if color and text:
            found.append((text, color, background))
    return found


class _Scheme:
    """The theme colors of a slide's master, by the names a color may use (tx1, bg1, accent1...)."""

    def __init__(self, slide):
        master = slide.slide_layout.slide_master
        self.map = {}
        clr_map = master._element.find(f"{{{_P}}}clrMap")
        if clr_map is not None:
            self.map = dict(clr_map.attrib)
        self.colors: dict[str, str] = {}
        for rel in master.part.rels.values():
            if not rel.is_external and rel.reltype.endswith("/theme"):
                from pptx.oxml import parse_xml

                root = parse_xml(rel.target_part.blob)
                scheme = root.find(f".//{{{_A}}}clrScheme")
                for entry in scheme if scheme is not None else []:
                    value = entry.find(f"{{{_A}}}srgbClr")
                    system = entry.find(f"{{{_A}}}sysClr")
                    if value is not None:
                        self.colors[_local(entry.tag)] = value.get("val", "")
                    elif system is not None:
                        self.colors[_local(entry.tag)] = system.get("lastClr", "")

    def color(self, fill) -> str | None:
        if fill is None:
            return None
        rgb = fill.find(f"{{{_A}}}srgbClr")
        if rgb is not None and not len(rgb):
            value = rgb.get("val", "")
            return value.upper() if _HEX.match(value) else None
        ref = fill.find(f"{{{_A}}}schemeClr")
        if ref is not None and not len(ref):
            name = ref.get("val", "")
            value = self.colors.get(self.map.get(name, name), "")
            return value.upper() if _HEX.match(value) else None
        return None


def _background(slide) -> str | None:
    """The solid background color of a slide, from the slide, its layout or its master."""
    scheme = _Scheme(slide)
    layout = slide.slide_layout
    for part in (slide, layout, layout.slide_master):
        bg = part._element.find(f"{{{_P}}}cSld/{{{_P}}}bg")
        if bg is None:
            continue
        fill = bg.find(f"{{{_P}}}bgPr/{{{_A}}}solidFill")
        if fill is not None:
            return scheme.color(fill)
        ref = bg.find(f"{{{_P}}}bgRef")
        if ref is not None:
            return scheme.color(ref)
        return None
    return None
