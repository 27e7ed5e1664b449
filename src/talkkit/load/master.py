"""The deck master read as data: layouts, placeholders and their boxes, colours, with zipfile and ElementTree.

Never python-pptx, so `talkkit check` can measure text against the
placeholders' real boxes without loading a renderer.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

EMU_PER_PT = 12700

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_R_ID = f"{{{_NS['r']}}}id"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_TITLE_TYPES = ("title", "ctrTitle")
_PICTURE_TYPES = ("pic",)


@dataclass(frozen=True)
class Frame:
    """A placeholder's box on the slide and the room its text has, in EMU."""

    x: int
    y: int
    cx: int
    cy: int
    insets: tuple[int, int, int, int] = (91440, 45720, 91440, 45720)
    indent: int = 0

    @property
    def text_width_pt(self) -> float:
        left, _, right, _ = self.insets
        return (self.cx - left - right - self.indent) / EMU_PER_PT

    @property
    def text_height_pt(self) -> float:
        _, top, _, bottom = self.insets
        return (self.cy - top - bottom) / EMU_PER_PT


@dataclass(frozen=True)
class PlaceholderInfo:
    name: str
    type: str
    idx: int
    frame: Frame | None
    color: str | None


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    background: str | None
    placeholders: tuple[PlaceholderInfo, ...]

    def placeholder(self, name: str) -> PlaceholderInfo | None:
        return next((p for p in self.placeholders if p.name == name), None)


@dataclass(frozen=True)
class MasterInfo:
    """What talkkit needs to know of a master: size, layouts, placeholders, fonts, colors."""

    width: int
    height: int
    layouts: tuple[LayoutInfo, ...]
    heading_font: str | None
    body_font: str | None
    has_notes_master: bool

    def layout(self, name: str) -> LayoutInfo | None:
        return next((lay for lay in self.layouts if lay.name == name), None)


class MasterError(Exception):
    """The master cannot be read as a presentation."""


def read_master(path: Path) -> MasterInfo:
    """The layouts, placeholders, fonts and colors of a .pptx, read afresh."""
    return _parse_master(path.read_bytes())


class _Package:
    def __init__(self, data: bytes):
        import io

        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise MasterError("it is not a PowerPoint file (.pptx is a zip archive)") from None
        self.names = set(self.zip.namelist())

    def xml(self, name: str) -> ElementTree.Element:
        if name not in self.names:
            raise MasterError(f"it has no part {name}")
        try:
            return ElementTree.fromstring(self.zip.read(name))
        except ElementTree.ParseError as exc:
            raise MasterError(f"its part {name} is not well-formed XML ({exc})") from None

    def rels(self, name: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, part name) of one part's relationships."""
        path = PurePosixPath(name)
        rels_name = str(path.parent / "_rels" / f"{path.name}.rels")
        if rels_name not in self.names:
            return {}
        found = {}
        for rel in self.xml(rels_name).findall("rel:Relationship", _NS):
            if rel.get("TargetMode") == "External":
                continue
            target = PurePosixPath(path.parent, rel.get("Target", ""))
            parts: list[str] = []
            for piece in target.parts:
                if piece == "..":
                    if parts:
                        parts.pop()
                elif piece != ".":
                    parts.append(piece)
            found[rel.get("Id", "")] = (rel.get("Type", ""), "/".join(parts).lstrip("/"))
        return found

    def related(self, name: str, rel_type: str) -> list[str]:
        return [target for t, target in self.rels(name).values() if t == _RT + rel_type]


def _parse_master(data: bytes) -> MasterInfo:
    package = _Package(data)
    presentation_name = "ppt/presentation.xml"
    for rel_type, target in package.rels("").values():
        if rel_type.endswith("/officeDocument"):
            presentation_name = target
    presentation = package.xml(presentation_name)
    size = presentation.find("p:sldSz", _NS)
    if size is None:
        raise MasterError("it has no slide size")
    rels = package.rels(presentation_name)
    master_ids = presentation.findall("p:sldMasterIdLst/p:sldMasterId", _NS)
    if not master_ids or master_ids[0].get(_R_ID) not in rels:
        raise MasterError("it has no slide master")
    master_name = rels[master_ids[0].get(_R_ID)][1]
    notes = presentation.find("p:notesMasterIdLst/p:notesMasterId", _NS)
    has_notes = notes is not None and notes.get(_R_ID) in rels
    master = package.xml(master_name)
    master_rels = package.rels(master_name)
    theme_names = package.related(master_name, "theme")
    scheme, heading_font, body_font = (
        _theme(package.xml(theme_names[0])) if theme_names else ({}, None, None)
    )
    clr_map = master.find("p:clrMap", _NS)
    color_map = dict(clr_map.attrib) if clr_map is not None else {}
    colors = _Colors(scheme, color_map)

    master_shapes = _placeholders(master)
    styles = master.find("p:txStyles", _NS)

    def style_of(ph_type: str) -> ElementTree.Element | None:
        if styles is None:
            return None
        tag = "p:titleStyle" if ph_type in _TITLE_TYPES else "p:bodyStyle"
        return styles.find(f"{tag}/a:lvl1pPr", _NS)

    master_bg = _background(master, colors)
    layouts = []
    for layout_id in master.findall("p:sldLayoutIdLst/p:sldLayoutId", _NS):
        rel = master_rels.get(layout_id.get(_R_ID, ""))
        if rel is None or rel[1] not in package.names:
            continue
        layout = package.xml(rel[1])
        csld = layout.find("p:cSld", _NS)
        name = csld.get("name", "") if csld is not None else ""
        placeholders = []
        for sp, ph in _placeholders(layout):
            ph_type = ph.get("type", "obj")
            idx = int(ph.get("idx", "0"))
            inherited = _inherited(master_shapes, ph_type)
            frame = _frame(sp, inherited, style_of(ph_type))
            color = (
                _text_color(sp, colors)
                or (_text_color(inherited, colors) if inherited is not None else None)
                or _color_of(style_of(ph_type), colors, "a:defRPr/a:solidFill")
                or colors.resolve("tx1")
            )
            shape_name = sp.find("p:nvSpPr/p:cNvPr", _NS)
            placeholders.append(
                PlaceholderInfo(
                    name=shape_name.get("name", "") if shape_name is not None else "",
                    type=ph_type,
                    idx=idx,
                    frame=frame,
                    color=color,
                )
            )
        layouts.append(
            LayoutInfo(
                name=name,
                background=_background(layout, colors) or master_bg,
                placeholders=tuple(placeholders),
            )
        )
    return MasterInfo(
        width=int(size.get("cx", "0")),
        height=int(size.get("cy", "0")),
        layouts=tuple(layouts),
        heading_font=heading_font,
        body_font=body_font,
        has_notes_master=has_notes,
    )


class _Colors:
    def __init__(self, scheme: dict[str, str], color_map: dict[str, str]):
        self.scheme = scheme
        self.map = color_map

    def resolve(self, name: str) -> str | None:
        return self.scheme.get(self.map.get(name, name))


def _theme(theme: ElementTree.Element) -> tuple[dict[str, str], str | None, str | None]:
    scheme: dict[str, str] = {}
    clr = theme.find(".//a:clrScheme", _NS)
    for child in clr if clr is not None else []:
        slot = child.tag.rsplit("}", 1)[-1]
        value = child.find("a:srgbClr", _NS)
        system = child.find("a:sysClr", _NS)
        if value is not None:
            scheme[slot] = value.get("val", "").upper()
        elif system is not None:
            scheme[slot] = system.get("lastClr", "").upper()
    major = theme.find(".//a:fontScheme/a:majorFont/a:latin", _NS)
    minor = theme.find(".//a:fontScheme/a:minorFont/a:latin", _NS)
    return (
        scheme,
        major.get("typeface") if major is not None else None,
        minor.get("typeface") if minor is not None else None,
    )


def _placeholders(
    root: ElementTree.Element,
) -> list[tuple[ElementTree.Element, ElementTree.Element]]:
    found = []
    for sp in root.iterfind("p:cSld/p:spTree/*", _NS):
        ph = sp.find("*/p:nvPr/p:ph", _NS)
        if ph is not None:
            found.append((sp, ph))
    return found


def _inherited(master_shapes, ph_type: str) -> ElementTree.Element | None:
    wanted = "title" if ph_type in _TITLE_TYPES else "body"
    for sp, ph in master_shapes:
        if ph.get("type", "obj") == wanted:
            return sp
    return None


def _frame(
    sp: ElementTree.Element,
    inherited: ElementTree.Element | None,
    style: ElementTree.Element | None,
) -> Frame | None:
    xfrm = sp.find("p:spPr/a:xfrm", _NS)
    if xfrm is None and inherited is not None:
        xfrm = inherited.find("p:spPr/a:xfrm", _NS)
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", _NS), xfrm.find("a:ext", _NS)
    if off is None or ext is None:
        return None
    defaults = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
    insets = []
    for key, default in defaults.items():
        value = None
        for shape in (sp, inherited):
            body = shape.find("p:txBody/a:bodyPr", _NS) if shape is not None else None
            if body is not None and body.get(key) is not None:
                value = int(body.get(key))
                break
        insets.append(default if value is None else value)
    indent = None
    for shape in (sp, inherited):
        level = shape.find("p:txBody/a:lstStyle/a:lvl1pPr", _NS) if shape is not None else None
        if level is not None and level.get("marL") is not None:
            indent = int(level.get("marL"))
            break
    if indent is None and style is not None:
        indent = int(style.get("marL", "0"))
    return Frame(
        x=int(off.get("x", "0")),
        y=int(off.get("y", "0")),
        cx=int(ext.get("cx", "0")),
        cy=int(ext.get("cy", "0")),
        insets=tuple(insets),  # type: ignore[arg-type]
        indent=indent or 0,
    )


def _color_of(element: ElementTree.Element | None, colors: _Colors, path: str) -> str | None:
    if element is None:
        return None
    fill = element.find(path, _NS)
    if fill is None:
        return None
    rgb = fill.find("a:srgbClr", _NS)
    if rgb is not None:
        return rgb.get("val", "").upper()
    scheme = fill.find("a:schemeClr", _NS)
    if scheme is not None:
        return colors.resolve(scheme.get("val", ""))
    return None


def _text_color(sp: ElementTree.Element, colors: _Colors) -> str | None:
    return _color_of(sp, colors, "p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill")


def _background(root: ElementTree.Element, colors: _Colors) -> str | None:
    color = _color_of(root, colors, "p:cSld/p:bg/p:bgPr/a:solidFill")
    if color:
        return color
    ref = root.find("p:cSld/p:bg/p:bgRef/a:schemeClr", _NS)
    return colors.resolve(ref.get("val", "")) if ref is not None else None


# --- Colors ----------------------------------------------------------------------------------


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colors, from 1 to 21."""

    def luminance(color: str) -> float:
        color = color.lstrip("#")
        channels = []
        for i in (0, 2, 4):
            c = int(color[i : i + 2], 16) / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# --- The theme -------------------------------------------------------------------------------
