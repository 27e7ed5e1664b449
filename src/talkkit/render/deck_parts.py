"""The deck's slides and notes pages, each made from one prepared element, and its package
written in one pass, with what the master gives deflated once.

python-pptx makes a slide by cloning its layout's placeholders one by one, and a notes page
by cloning the notes master's, looking every part of the package over for a free name. The
first slide of each layout and the first notes page are made that way; their elements, as
python-pptx made them and before any text goes in, are kept and copied for every later one,
so each slide and page is what python-pptx would have made, byte for byte.

What is kept (`Prepared`) depends on the master file and the theme as loaded, so it is kept
with the theme (in the `Measures` every slot of the theme shares, which the run keeps with
the theme and a copy of the theme in another process leaves behind), under the master file's
path, size, modification time and inode and the cache folder: an edited master is read
afresh. Members of the package are kept by name and used only while their bytes are equal.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import CT_Relationships, CT_Types, serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart, SlidePart

from talkkit.load.theme import Slot, Theme
from talkkit.render.deck_master import MasterCopies

_NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"


Places = dict[str, tuple[int, type]]
"""Where shapes are among a new slide's shapes, and their python-pptx classes, by name."""


@dataclass
class Prepared:
    """What every deck on one master file shares: the first slide of each layout and the
    first notes page as python-pptx made them, and the notes page's text box as a slot."""

    layouts: dict[tuple[str, str], tuple[object, Places]] = field(default_factory=dict)
    """A new slide's element, settled, and its slots' shapes, by its kind and its layout's
    part name."""
    notes: tuple[object, Places] | None = None
    """A new notes page's element, before its text, and its notes placeholder."""
    notes_slot: tuple[Slot | None] | None = None
    """The notes page's slot, once found (a 1-tuple, as the slot may be None)."""
    members: dict[str, tuple[bytes, int, bytes]] = field(default_factory=dict)
    """Members of the package not made for each deck (see `write_package`), by name: the
    bytes last written, their CRC and their deflated bytes."""
    master: MasterCopies | None = None
    """The master file, read and prepared once."""


def prepared_for(theme: Theme, cache: Path | None) -> Prepared:
    """The prepared elements of the theme's master as it is on disk now (see the module)."""
    store = next((slot.measures for slots in theme.slots.values() for slot in slots.values()), None)
    try:
        stat = theme.deck_path.stat()
    except OSError:
        return Prepared()
    if store is None:
        return Prepared()
    key = ("deck-parts", str(theme.deck_path), stat.st_size, stat.st_mtime_ns, stat.st_ino, cache)
    found = store.get(key)
    if found is None:
        found = store[key] = Prepared()
    return found


class SlideMaker:
    """Adds slides and notes pages to one deck from the prepared elements."""

    def __init__(self, prs, prepared: Prepared):
        self.prs = prs
        self.prepared = prepared
        self.package = prs.part.package
        self.notes_master = prs.part.notes_master_part
        self.layouts: dict[str, object] = {}
        self.notes_names = {
            part.partname
            for part in self.package.iter_parts()
            if part.partname.startswith(_NOTES_NAME.split("%")[0])
        }

    def layout(self, name: str):
        """The deck's first layout of this name, or None (as `SlideLayouts.get_by_name`)."""
        if not self.layouts:
            for layout in self.prs.slide_layouts:
                self.layouts.setdefault(layout.name, layout)
        return self.layouts.get(name)

    def slide(self, layout, kind: str, settle: Callable[[object], dict[str, object]]):
        """A new slide of the kind on `layout` and its shapes by key: its placeholders cloned
        as python-pptx clones them, then `settle`d, which does the same to every new slide of
        the kind and returns the shapes by key."""
        key = (kind, str(layout.part.partname))
        kept = self.prepared.layouts.get(key)
        if kept is None:
            page = self.prs.slides.add_slide(layout)
            shapes = settle(page)
            self.prepared.layouts[key] = (deepcopy(page._element), _places(page.shapes, shapes))
            return page, shapes
        element, places = kept
        presentation = self.prs.part
        part = SlidePart(
            presentation._next_slide_partname, CT.PML_SLIDE, self.package, deepcopy(element)
        )
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rid = presentation.relate_to(part, RT.SLIDE)
        self.prs.slides._sldIdLst.add_sldId(rid)
        page = part.slide
        return page, _shapes_at(page.shapes, places)

    def notes(self, page):
        """The new notes page of `page`, as python-pptx's `page.notes_slide` makes it, and
        its notes text frame."""
        kept = self.prepared.notes
        if kept is None:
            notes = page.notes_slide
            self.notes_names.add(notes.part.partname)
            body = notes.notes_placeholder
            places = _places(notes.shapes, {} if body is None else {"body": body})
            self.prepared.notes = (deepcopy(notes._element), places)
            return notes, notes.notes_text_frame
        element, places = kept
        part = NotesSlidePart(
            self._next_notes_name(), CT.PML_NOTES_SLIDE, self.package, deepcopy(element)
        )
        part.relate_to(self.notes_master, RT.NOTES_MASTER)
        part.relate_to(page.part, RT.SLIDE)
        page.part.relate_to(part, RT.NOTES_SLIDE)
        notes = part.notes_slide
        body = _shapes_at(notes.shapes, places).get("body")
        return notes, None if body is None else body.text_frame

    def _next_notes_name(self) -> PackURI:
        """The name python-pptx's `Package.next_partname` gives the next notes page."""
        names = self.notes_names
        for n in range(len(names) + 1, 0, -1):
            name = _NOTES_NAME % n
            if name not in names:
                names.add(PackURI(name))
                return PackURI(name)
        raise AssertionError("no free notes page name")  # pragma: no cover


def _places(tree, shapes: dict[str, object]) -> Places:
    """Where `shapes` are in the shape tree `tree`, and what python-pptx made them."""
    elements = list(tree._spTree.iter_shape_elms())
    return {name: (elements.index(shape._element), type(shape)) for name, shape in shapes.items()}


def _shapes_at(tree, places: Places) -> dict[str, object]:
    """The shapes of a copy at `places`: what python-pptx's shape factory makes of the
    copy's elements, which are those it made the same classes of, without looking again."""
    elements = list(tree._spTree.iter_shape_elms())
    return {name: kind(elements[at], tree) for name, (at, kind) in places.items()}


def write_package(prs, date_time: tuple[int, ...], kept: dict | None = None) -> bytes:
    """The deck's .pptx in one pass: python-pptx's members in python-pptx's order, each with a
    fixed date and attributes, deflated at level 6, so equal decks are equal bytes.

    The archive is what `zipfile.ZipFile.writestr` writes for each member on a seekable file,
    but a member the master gave (`kept`, by name, checked against its bytes) is deflated
    only the first time; it is the same every deck.
    """
    package = prs.part.package
    parts = tuple(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        member = _Member(target, out, date_time, {} if kept is None else kept)
        member.put(CONTENT_TYPES_URI, content_types_xml(parts))
        refs: dict[tuple[str, str], str] = {}
        member.put(PACKAGE_URI.rels_uri, rels_xml(package._rels, refs))
        for part in parts:
            member.put(part.partname, part.blob)
            if part._rels:
                member.put(part.partname.rels_uri, rels_xml(part.rels, refs))
        target.start_dir = out.tell()
    return out.getvalue()


_DEFAULT, _OVERRIDE, _RELATIONSHIP = qn("ct:Default"), qn("ct:Override"), qn("pr:Relationship")


def content_types_xml(parts) -> bytes:
    """[Content_Types].xml of these parts, as python-pptx's `_ContentTypesItem` writes it."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    types = CT_Types.new()
    for ext, content_type in sorted(defaults.items()):
        etree.SubElement(types, _DEFAULT, {"Extension": ext, "ContentType": content_type})
    for partname, content_type in sorted(overrides.items()):
        etree.SubElement(types, _OVERRIDE, {"PartName": partname, "ContentType": content_type})
    return serialize_part_xml(types)


def rels_xml(rels, refs: dict[tuple[str, str], str]) -> bytes:
    """A .rels member, as python-pptx's `_Relationships.xml` writes it: in the order of the
    rIds' numbers, an internal target by its reference relative to the source (kept in `refs`)."""
    root = CT_Relationships.new()
    numbered = sorted(
        (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid) for rid in rels
    )
    for _, rid in numbered:
        rel = rels[rid]
        if rel.is_external:
            attributes = {"Id": rid, "Type": rel.reltype, "Target": rel.target_ref}
            attributes["TargetMode"] = RTM.EXTERNAL
        else:
            key = (rel.target_partname, rel._base_uri)
            if key not in refs:
                refs[key] = rel.target_ref
            attributes = {"Id": rid, "Type": rel.reltype, "Target": refs[key]}
        etree.SubElement(root, _RELATIONSHIP, attributes)
    return root.xml_file_bytes


_OWN = ("ppt/slides/", "ppt/notesSlides/", "docProps/", "[Content_Types].xml", "ppt/presentation")
"""Members made for each deck: never kept."""


class _Member:
    """Writes members as `ZipFile.writestr` does on a seekable file (a local header, then the
    data, both final) and lets the archive's `close` write the central directory."""

    def __init__(self, target: zipfile.ZipFile, out: io.BytesIO, date_time, kept: dict):
        self.target, self.out, self.date_time, self.kept = target, out, date_time, kept

    def put(self, uri: PackURI, blob: bytes) -> None:
        name = uri.membername
        keep = not name.startswith(_OWN)
        entry = self.kept.get(name) if keep else None
        if entry is None or entry[0] != blob:
            compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
            entry = (blob, zlib.crc32(blob), compressor.compress(blob) + compressor.flush())
            if keep:
                self.kept[name] = entry
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = _LEVEL
        info.external_attr = 0o644 << 16
        info.create_system = 3
        info.flag_bits = 0
        info.file_size, info.CRC, info.compress_size = len(blob), entry[1], len(entry[2])
        info.header_offset = self.out.tell()
        self.out.write(info.FileHeader(False))
        self.out.write(entry[2])
        self.target.filelist.append(info)
        self.target.NameToInfo[name] = info


_LEVEL = 6
