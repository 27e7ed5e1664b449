"""What a deck's package says about itself: its document properties, true and free of local traces.

`docProps/app.xml` names talkkit as the application with the deck's real
slide and notes counts and its shape (16:9); the core properties name no
machine user; a custom property `talkkit-outline` holds the outline's path
inside the workspace, so `talkkit check deck.pptx` finds the talk the deck
was made from.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn

from talkkit.load.deck_file import OUTLINE_PROPERTY

APPLICATION = "talkkit"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def presentation_format(width: int, height: int) -> str:
    """How PowerPoint names a slide size: 'On-screen Show (16:9)', or 'Custom' for another shape."""
    for label, (w, h) in {"16:9": (16, 9), "16:10": (16, 10), "4:3": (4, 3)}.items():
        if width * h == height * w:
            return f"On-screen Show ({label})"
    return "Custom"


def app_xml(slides: int, notes: int, hidden: int, shape: str) -> bytes:
    """docProps/app.xml of a deck: the application, its format and its real counts."""
    return (
        _DECLARATION + f'<Properties xmlns="{_EXTENDED}" xmlns:vt="{_VT}">'
        f"<Application>{APPLICATION}</Application>"
        f"<PresentationFormat>{shape}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>{hidden}</HiddenSlides>"
        "</Properties>"
    ).encode()


def custom_xml(properties: dict[str, str]) -> bytes:
    """docProps/custom.xml holding these text properties."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(properties.items()), start=2)
    )
    return (
        _DECLARATION + f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}">{items}</Properties>'
    ).encode()


def finish_package(prs, outline: str) -> None:
    """Write the deck's app.xml and its `talkkit-outline` property; nobody's user name stays."""
    package = prs.part.package
    slides = list(prs.slides)
    hidden = sum(slide._element.get("show") in ("0", "false") for slide in slides)
    notes = sum(slide.has_notes_slide for slide in slides)
    shape = presentation_format(prs.slide_width, prs.slide_height)
    blob = app_xml(len(slides), notes, hidden, shape)
    parts: dict[str, Part] = {}
    for part in package.iter_parts():
        parts.setdefault(part.partname, part)
    _set_part(
        package,
        parts,
        "/docProps/app.xml",
        CT.OFC_EXTENDED_PROPERTIES,
        RT.EXTENDED_PROPERTIES,
        blob,
    )
    custom = custom_xml({OUTLINE_PROPERTY: outline})
    _set_part(
        package,
        parts,
        "/docProps/custom.xml",
        CT.OFC_CUSTOM_PROPERTIES,
        RT.CUSTOM_PROPERTIES,
        custom,
    )
    prs.core_properties.last_modified_by = APPLICATION
    mend_bullet_sizes(prs)


def mend_bullet_sizes(prs) -> None:
    """Drop bullet sizes of 100% (the default) written as `100000`, a form the schema refuses."""
    parts = [m for master in prs.slide_masters for m in (master, *master.slide_layouts)]
    for part in parts:
        for size in list(part._element.iter(qn("a:buSzPct"))):
            if size.get("val") == "100000":
                size.getparent().remove(size)


def _set_part(
    package, parts: dict[str, Part], name: str, content_type: str, reltype: str, blob: bytes
) -> None:
    """Give the part of this name (the first the package leads to: `parts`) these bytes, or
    add it, related to the package."""
    if name in parts:
        parts[name]._blob = blob
        return
    part = Part(PackURI(name), content_type, package, blob)
    package.relate_to(part, reltype)
