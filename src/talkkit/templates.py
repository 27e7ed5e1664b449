"""Themes: templates/<theme>/theme.yaml and the deck master it maps slide kinds onto.

theme.yaml says which layout of deck.pptx each slide kind uses, which named
placeholder of that layout each part of the slide goes into, and how large its
text may be. The master itself is read with zipfile and ElementTree, never with
python-pptx, so `talkkit check` can measure text against the placeholders' real
boxes without loading a renderer.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal
from xml.etree import ElementTree

from pydantic import Field

from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.load import YDict, load_yaml
from talkkit.models import Node, Text
from talkkit.render.cache import cache_folder
from talkkit.validate import validate
from talkkit.workspace import Workspace

THEME_FILE = "theme.yaml"
EMU_PER_PT = 12700
MIN_CONTRAST = 4.5
MIN_QR_SHARE = 0.4
"""The least side of the donate slide's QR code, as a share of the slide's height."""

# The parts of each slide kind, and whether each holds text or a picture.
SLOTS: dict[str, dict[str, str]] = {
    "title": {"title": "text", "subtitle": "text", "event": "text"},
    "section": {"title": "text", "subtitle": "text"},
    "story": {"title": "text", "quote": "text", "attribution": "text"},
    "quote": {"title": "text", "quote": "text", "attribution": "text"},
    "facts": {"title": "text", "facts": "text"},
    "bullets": {"title": "text", "bullets": "text"},
    "image": {"title": "text", "picture": "picture", "caption": "text"},
    "actions": {"title": "text", "actions": "text"},
    "donate": {"title": "text", "text": "text", "address": "text", "qr": "picture"},
    "questions": {"title": "text", "subtitle": "text"},
    "closing": {"title": "text", "text": "text", "website": "text"},
}

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
_HEX_RE = re.compile(r"^#?[0-9A-Fa-f]{6}$")


# --- theme.yaml ------------------------------------------------------------------------------


class Faces(Node):
    """The four faces of one font, as files in assets/fonts/."""

    regular: Text
    """The regular face (e.g. LiberationSans-Regular.ttf for Arial)."""
    bold: str | None = None
    """The bold face; the regular one when left out."""
    italic: str | None = None
    """The italic face; the regular one when left out."""
    bold_italic: str | None = None
    """The bold italic face; the bold one when left out."""


class FontFiles(Faces):
    """The metric-compatible font files, in assets/fonts/, that text is measured with."""

    substitute: Faces | None = None
    """The font a client without this one draws it in (DejaVu Sans, for a LibreOffice
    without Liberation Sans); text is measured in both and must fit in the wider."""


class SlotStyle(Node):
    """Where one part of a slide goes and how large its text may be."""

    placeholder: Text
    """The name of the placeholder in the layout (as the selection pane shows it)."""
    font: Literal["heading", "body"] = "body"
    """The master's heading font or body font."""
    size: float | None = Field(None, ge=8, le=200)
    """The largest text size, in points."""
    min: float | None = Field(None, ge=8, le=200)
    """The smallest size text may shrink to, in points; past it the check reports an overflow."""
    bold: bool = False
    """Whether the text is bold."""
    italic: bool = False
    """Whether the text is italic."""
    line_spacing: float = Field(1.0, ge=0.8, le=2.5)
    """Line spacing as a multiple of single spacing."""
    gap: float = Field(0.5, ge=0, le=3)
    """Space before each paragraph after the first, as a multiple of its text size."""
    small: float = Field(0.7, ge=0.3, le=1)
    """The size of secondary lines (a source, a credit, an address) relative to the text."""


class KindMap(Node):
    layout: Text
    """The name of the layout of deck.pptx (as PowerPoint's Layout menu shows it)."""
    placeholders: dict[str, SlotStyle]
    """Each part of the slide: the placeholder it goes into and its text style."""


class ThemeFile(Node):
    """templates/<theme>/theme.yaml: how talkkit uses the theme's master."""

    name: Text
    """The theme's name, for people."""
    deck: Text = "deck.pptx"
    """The master, relative to this file."""
    fonts: dict[str, FontFiles]
    """For each font the master names, the metric-compatible files in assets/fonts/ to measure with."""
    colors: dict[str, str] = Field(default_factory=dict)
    """The theme's colors as #RRGGBB, for the handout and notes (text, background, heading, accent, muted)."""
    kinds: dict[str, KindMap]
    """For each slide kind, its layout and placeholders."""


# --- The master ------------------------------------------------------------------------------


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


_MASTERS: dict[str, MasterInfo] = {}


def read_master(path: Path) -> MasterInfo:
    """The layouts, placeholders, fonts and colors of a .pptx; cached by the file's content."""
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    if key not in _MASTERS:
        _MASTERS[key] = _parse_master(data)
    return _MASTERS[key]


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

FontSet = tuple[tuple[Path, ...], tuple[Path, ...], tuple[Path, ...], tuple[Path, ...]]
"""Regular, bold, italic and bold italic: for each, the files its text is measured with."""


@dataclass(frozen=True)
class Slot:
    """One part of a slide kind: its placeholder in the layout and its text style."""

    key: str
    style: SlotStyle
    placeholder: PlaceholderInfo
    fonts: FontSet
    """The regular, bold, italic and bold italic faces of the slot's font: each the
    metric-compatible file, then its substitute's when the theme names one."""

    @property
    def frame(self) -> Frame:
        assert self.placeholder.frame is not None
        return self.placeholder.frame

    cache: Path | None = None
    """The workspace's cache folder, where the fonts' metrics are kept between runs."""

    def font_files(self, *, bold: bool, italic: bool) -> tuple[Path, ...]:
        """The files one face is measured with; text must fit in the widest of them."""
        return self.fonts[(2 if italic else 0) + (1 if bold else 0)]


@dataclass
class Theme:
    """A theme ready to render with: every kind's layout and slots looked up in the master."""

    name: str
    folder: Path
    deck_path: Path
    file: ThemeFile
    master: MasterInfo
    layouts: dict[str, str] = field(default_factory=dict)
    slots: dict[str, dict[str, Slot]] = field(default_factory=dict)

    def slot(self, kind: str, key: str) -> Slot:
        return self.slots[kind][key]


def theme_names(workspace: Workspace) -> list[str]:
    """The themes of the workspace: the folders of templates/."""
    folder = workspace.templates
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


_THEMES: dict[tuple, tuple[Theme | None, list[Diagnostic]]] = {}


def load_theme(workspace: Workspace, name: str) -> tuple[Theme | None, list[Diagnostic]]:
    """The theme `name` of the workspace and every problem of it; None when it cannot make a deck.

    Errors: a missing or invalid theme.yaml, a master that is not a .pptx, a
    kind without its layout, a missing or renamed placeholder, a font without
    metric files. Warnings: a master without a notes master, a font a common
    client lacks (see missing_in_clients), colors below WCAG's 4.5:1 contrast.
    Cached by the content of the files read.
    """
    folder = workspace.templates / name
    theme_path = folder / THEME_FILE
    key_parts: list = [str(folder)]
    for path in (theme_path, folder / "deck.pptx"):
        key_parts.append(hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None)
    key = tuple(key_parts)
    if key not in _THEMES:
        _THEMES[key] = _load_theme(workspace, name)
    return _THEMES[key]


def _load_theme(workspace: Workspace, name: str) -> tuple[Theme | None, list[Diagnostic]]:
    folder = workspace.templates / name
    theme_path = folder / THEME_FILE
    found: list[Diagnostic] = []
    if not folder.is_dir():
        return None, [
            error(
                Location(workspace.templates),
                "template-broken",
                f"no theme '{name}' in templates/",
                "themes: " + (", ".join(theme_names(workspace)) or "none"),
            )
        ]
    if not theme_path.is_file():
        return None, [
            error(
                Location(theme_path),
                "template-broken",
                f"theme '{name}' has no {THEME_FILE}, which maps slide kinds to the layouts of "
                "its master",
                "copy templates/default/theme.yaml and adjust it",
            )
        ]
    loaded = load_yaml(theme_path)
    found.extend(loaded.diagnostics)
    if loaded.data is None:
        return None, found
    if not isinstance(loaded.data, YDict):
        return None, [
            *found,
            error(Location(theme_path, 1, 1), "template-broken", f"{THEME_FILE} is a mapping"),
        ]
    spec, problems = validate(ThemeFile, loaded.data, theme_path)
    found.extend(problems)
    if spec is None:
        return None, found
    top = Location(theme_path, 1, 1)

    deck_path = (folder / spec.deck).resolve()
    rel_deck = _rel(workspace, deck_path)
    if not deck_path.is_relative_to(folder.resolve()):
        found.append(
            error(
                spec.location("deck") or top,
                "template-broken",
                f"the master '{spec.deck}' is outside templates/{name}/",
            )
        )
        return None, found
    if not deck_path.is_file():
        found.append(
            error(
                spec.location("deck") or top,
                "template-broken",
                f"theme '{name}' has no master: {rel_deck} is missing",
                "save the theme's PowerPoint master there",
            )
        )
        return None, found
    try:
        master = read_master(deck_path)
    except MasterError as exc:
        found.append(
            error(Location(deck_path), "template-broken", f"{rel_deck} cannot be read: {exc}")
        )
        return None, found

    theme = Theme(name=name, folder=folder, deck_path=deck_path, file=spec, master=master)
    broken = False
    where_deck = Location(deck_path)
    if master.width * 9 != master.height * 16:
        found.append(
            warning(
                where_deck,
                "template-broken",
                f"{rel_deck} is not 16:9 ({master.width / 914400:.2f} x "
                f"{master.height / 914400:.2f} in)",
                "set Design > Slide Size > Widescreen (16:9)",
            )
        )
    if not master.has_notes_master:
        found.append(
            warning(
                where_deck,
                "template-broken",
                f"{rel_deck} declares no notes master, so Keynote may drop the speaker notes",
                "open View > Notes Master once in PowerPoint and save",
            )
        )

    fonts: dict[str, FontSet] = {}
    for role, face in (("heading", master.heading_font), ("body", master.body_font)):
        files = _font_files(workspace, spec, face, role, rel_deck, found)
        if files is None:
            broken = True
        else:
            fonts[role] = files

    for role, face in _font_roles(master):
        problem = missing_in_clients(face)
        if problem:
            found.append(
                warning(
                    where_deck,
                    "font-substituted",
                    f"the master's {role} font '{face}' {problem}; text measured for {face} "
                    "may run out of its boxes there",
                    "name Arial in the master (Design > Variants > Fonts): PowerPoint, Keynote "
                    "and Google Slides have it and LibreOffice draws it in Liberation Sans, of "
                    "the same widths",
                )
            )

    layout_names = [lay.name for lay in master.layouts]
    for kind in sorted(set(spec.kinds) - set(SLOTS)):
        found.append(
            warning(
                spec.kinds[kind].location() or top,
                "template-broken",
                f"'{kind}' is not a slide kind; it is left unused",
                "kinds: " + ", ".join(SLOTS),
            )
        )
    for kind, slot_kinds in SLOTS.items():
        mapping = spec.kinds.get(kind)
        if mapping is None:
            found.append(
                error(
                    spec.location("kinds") or top,
                    "template-broken",
                    f"{THEME_FILE} maps no layout for '{kind}' slides",
                    f"add `{kind}: {{layout: ..., placeholders: ...}}` under kinds",
                )
            )
            broken = True
            continue
        layout = master.layout(mapping.layout)
        if layout is None:
            found.append(
                error(
                    mapping.location("layout") or top,
                    "template-broken",
                    f"layout '{mapping.layout}' for {kind} slides is not in {rel_deck}; "
                    f"it has: {', '.join(layout_names) or 'no layouts'}",
                    "restore or rename the layout in Slide Master view",
                )
            )
            broken = True
            continue
        theme.layouts[kind] = layout.name
        slots: dict[str, Slot] = {}
        for slot_key in sorted(set(mapping.placeholders) - set(slot_kinds)):
            found.append(
                warning(
                    mapping.location("placeholders", slot_key) or top,
                    "template-broken",
                    f"{kind} slides have no part '{slot_key}'; it is left unused",
                    f"{kind} slides have: " + ", ".join(slot_kinds),
                )
            )
        for slot_key, what in slot_kinds.items():
            style = mapping.placeholders.get(slot_key)
            if style is None:
                found.append(
                    error(
                        mapping.location("placeholders") or mapping.location() or top,
                        "template-broken",
                        f"{kind} slides need a placeholder for their {slot_key}, and "
                        f"{THEME_FILE} names none",
                        f"add `{slot_key}: {{placeholder: ...}}`",
                    )
                )
                broken = True
                continue
            placeholder = layout.placeholder(style.placeholder)
            if placeholder is None:
                names = [p.name for p in layout.placeholders]
                found.append(
                    error(
                        style.location("placeholder") or top,
                        "template-broken",
                        f"layout '{layout.name}' of {rel_deck} has no placeholder "
                        f"'{style.placeholder}' (for the {slot_key} of {kind} slides); "
                        f"it has: {', '.join(names) or 'no placeholders'}",
                        "restore it, or rename it in the selection pane "
                        "(Home > Arrange > Selection Pane)",
                    )
                )
                broken = True
                continue
            problem = _slot_problem(placeholder, what, style)
            if problem:
                found.append(
                    error(style.location("placeholder") or top, "template-broken", problem)
                )
                broken = True
                continue
            if kind == "donate" and slot_key == "qr" and placeholder.frame is not None:
                side = min(placeholder.frame.cx, placeholder.frame.cy)
                if side < MIN_QR_SHARE * master.height:
                    found.append(
                        error(
                            style.location("placeholder") or top,
                            "template-broken",
                            f"placeholder '{placeholder.name}' of layout '{layout.name}' holds a "
                            f"QR code only {side / 914400:.1f} in across, "
                            f"{side / master.height:.0%} of the slide's height; it must be at "
                            f"least {MIN_QR_SHARE:.0%} to scan from the back of a room",
                            "make the placeholder larger and square",
                        )
                    )
                    broken = True
            files = fonts.get(style.font)
            if files is None:
                continue
            slots[slot_key] = Slot(
                slot_key, style, placeholder, files, cache_folder(workspace.root)
            )
            if what == "text" and layout.background and placeholder.color:
                ratio = contrast(placeholder.color, layout.background)
                if ratio < MIN_CONTRAST:
                    found.append(
                        warning(
                            style.location("placeholder") or top,
                            "low-contrast",
                            f"the text of '{placeholder.name}' in layout '{layout.name}' "
                            f"(#{placeholder.color} on #{layout.background}) has a contrast "
                            f"of {ratio:.1f}:1, below {MIN_CONTRAST}:1",
                            "darken the text or lighten the background in the master",
                        )
                    )
        theme.slots[kind] = slots
    found.extend(_color_problems(spec, top))
    return (None if broken else theme), found


SAFE_FONTS = frozenset(
    {"Arial", "Helvetica", "Times New Roman", "Courier New", "Liberation Sans", "DejaVu Sans"}
)
"""Fonts every common client has, or draws in a twin of the same widths (LibreOffice: Arial in
Liberation Sans, Times New Roman in Liberation Serif, Courier New in Liberation Mono)."""
CLIENT_SUBSTITUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "Calibri": (
        ("LibreOffice with Debian's default fonts", "DejaVu Sans, about 24% wider"),
        ("Keynote on a Mac without Microsoft Office", "Helvetica Neue, wider"),
    ),
    "Cambria": (
        ("LibreOffice with Debian's default fonts", "DejaVu Serif, wider"),
        ("Keynote on a Mac without Microsoft Office", "Times New Roman"),
    ),
    "Aptos": (
        ("LibreOffice", "DejaVu Sans, wider"),
        ("Keynote", "Helvetica Neue"),
        ("PowerPoint 2019 and older", "Calibri"),
    ),
    "Segoe UI": (
        ("LibreOffice", "DejaVu Sans, wider"),
        ("Keynote", "Helvetica Neue"),
    ),
}
"""Fonts a common client lacks: the client, and what it draws the font in instead."""


def missing_in_clients(face: str) -> str | None:
    """Which common clients lack a font and what they draw it in; None for a font all have.

    A font neither in SAFE_FONTS nor in CLIENT_SUBSTITUTES is taken to be missing
    from LibreOffice, which then draws it in its default, DejaVu Sans.
    """
    if face in SAFE_FONTS:
        return None
    clients = CLIENT_SUBSTITUTES.get(face, (("LibreOffice", "DejaVu Sans"),))
    said = [f"{client}, which draws it in {instead}" for client, instead in clients]
    listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + f", and from {said[-1]}"
    return f"is missing from {listed}"


def _font_roles(master: MasterInfo) -> list[tuple[str, str]]:
    """(role, font) of the master's heading and body fonts, each font once."""
    roles: list[tuple[str, str]] = []
    for role, face in (("heading", master.heading_font), ("body", master.body_font)):
        if face and face not in {f for _, f in roles}:
            roles.append((role, face))
    return roles


def _slot_problem(placeholder: PlaceholderInfo, what: str, style: SlotStyle) -> str | None:
    name = f"placeholder '{placeholder.name}'"
    if placeholder.frame is None or placeholder.frame.cx <= 0 or placeholder.frame.cy <= 0:
        return f"{name} has no size or position"
    if what == "picture" and placeholder.type not in _PICTURE_TYPES:
        return f"{name} must be a picture placeholder, not a {placeholder.type} placeholder"
    if what == "text":
        if placeholder.type in ("pic",):
            return f"{name} must be a text placeholder, not a picture placeholder"
        if style.size is None or style.min is None:
            return f"{name} needs a text size and a smallest size (size: and min:)"
        if style.min > style.size:
            return f"{name}: the smallest size ({style.min:g} pt) is above the size ({style.size:g} pt)"
        if placeholder.frame.text_width_pt <= 0 or placeholder.frame.text_height_pt <= 0:
            return f"{name} leaves no room for text inside its margins"
    return None


def _font_files(
    workspace: Workspace,
    spec: ThemeFile,
    face: str | None,
    role: str,
    rel_deck: str,
    found: list[Diagnostic],
) -> FontSet | None:
    top = spec.location() or Location(workspace.templates)
    if not face:
        found.append(
            error(
                Location(workspace.templates),
                "template-broken",
                f"{rel_deck} names no {role} font in its theme",
                "set Design > Variants > Fonts",
            )
        )
        return None
    files = spec.fonts.get(face)
    if files is None:
        found.append(
            error(
                spec.location("fonts") or top,
                "template-broken",
                f"the master's {role} font '{face}' has no font files to measure text with",
                f"add `{face}: {{regular: ..., bold: ...}}` under fonts, naming metric-compatible "
                "files in assets/fonts/",
            )
        )
        return None
    primary = _faces(workspace, files, face, top, found)
    substitute = _faces(workspace, files.substitute, face, top, found) if files.substitute else None
    if primary is None or (files.substitute is not None and substitute is None):
        return None
    if substitute is None:
        return tuple((path,) for path in primary)  # type: ignore[return-value]
    return tuple(zip(primary, substitute, strict=True))  # type: ignore[return-value]


def _faces(
    workspace: Workspace, files: Faces, face: str, top: Location, found: list[Diagnostic]
) -> tuple[Path, Path, Path, Path] | None:
    fonts_folder = workspace.assets / "fonts"
    chosen: list[Path] = []
    ok = True
    for attr in ("regular", "bold", "italic", "bold_italic"):
        value = getattr(files, attr)
        if value is None:
            fallback = {"bold": 0, "italic": 0, "bold_italic": 1}[attr]
            chosen.append(chosen[fallback] if chosen else fonts_folder)
            continue
        path = (fonts_folder / value).resolve()
        if not path.is_relative_to(fonts_folder.resolve()) or not path.is_file():
            found.append(
                error(
                    files.location(attr) or top,
                    "template-broken",
                    f"no font file '{value}' in assets/fonts/ (for the {attr.replace('_', ' ')} "
                    f"face of {face})",
                )
            )
            ok = False
        chosen.append(path)
    return tuple(chosen) if ok else None  # type: ignore[return-value]


def _color_problems(spec: ThemeFile, top: Location) -> list[Diagnostic]:
    found = []
    for key, value in spec.colors.items():
        if not _HEX_RE.match(value):
            found.append(
                error(
                    spec.location("colors", key) or top,
                    "template-broken",
                    f"color '{key}' is '{value}', not a color like #1E2430",
                )
            )
    background = spec.colors.get("background")
    if background and _HEX_RE.match(background):
        for key in ("text", "heading", "muted", "accent"):
            value = spec.colors.get(key)
            if value and _HEX_RE.match(value):
                ratio = contrast(value, background)
                if ratio < MIN_CONTRAST:
                    found.append(
                        warning(
                            spec.location("colors", key) or top,
                            "low-contrast",
                            f"the {key} color {value} on the background {background} has a "
                            f"contrast of {ratio:.1f}:1, below {MIN_CONTRAST}:1",
                            "choose a darker text color or a lighter background",
                        )
                    )
    return found


def _rel(workspace: Workspace, path: Path) -> str:
    try:
        return path.relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return str(path)
