"""The deck: an editable .pptx on the theme's own master, with speaker notes on every slide.

Every slide is added from its kind's layout, and its text goes into the layout's
placeholders at the size `fit_text` finds, so it stays editable and inherits the
master's colors. The file is deterministic: the same talk gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu

from talkkit.cache import cache_folder, cached
from talkkit.errors import RenderError
from talkkit.load.theme import SLOTS, Frame, PlaceholderInfo, Slot, SlotStyle, Theme
from talkkit.render.deck_master import MasterCopies
from talkkit.render.deck_parts import Prepared, SlideMaker, prepared_for, write_package
from talkkit.render.package import finish_package, mend_bullet_sizes
from talkkit.render.qr import qr_png
from talkkit.resolve import ResolvedSlide, Talk
from talkkit.text.images import prepare_image, refused_people
from talkkit.text.measure import HEIGHT_SAFETY, Para, fit_text, layout, para_size
from talkkit.text.script import has_hangul

FIXED_DATE = dt.datetime(2000, 1, 1)
"""The date of a deck whose event has none, and of every file inside the .pptx."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DPI = 180
"""Pictures are stored at this many pixels an inch of their size on the slide."""
NOTES_SIZE, NOTES_MIN = 12.0, 8.0
"""Notes are set at 12 pt on a printed notes page, shrinking to 8 pt when they are long."""
_RT_NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"


def theme_for(talk: Talk) -> Theme:
    """The talk's theme as resolved, ready to render with; a RenderError naming its first problem otherwise."""
    theme, problems = talk.design, talk.design_problems
    if theme is None:
        errors = [d for d in problems if d.severity == "error"] or problems
        first = errors[0].format() if errors else "it cannot be read"
        raise RenderError(
            f"theme '{talk.theme}' cannot make a deck: {first} "
            f"(run `talkkit template check {talk.theme}`)"
        )
    return theme


def render_deck(talk: Talk) -> bytes:
    """The .pptx of a talk: one slide a resolved slide, on the theme's master, with notes."""
    theme = theme_for(talk)
    cache = cache_folder(talk.workspace.root)
    prepared = prepared_for(theme, cache)
    if prepared.master is None:
        prepared.master = MasterCopies(theme.deck_path, lambda prs: _prepare(prs, theme))
    prs = prepared.master.copy()
    pictures = _Pictures(talk, cache)
    notes = _prepared_notes_slot(prs, theme, cache, prepared)
    maker = SlideMaker(prs, prepared)
    for slide in talk.slides:
        _add_slide(maker, theme, talk, slide, pictures, notes)
    _core_properties(prs, talk)
    finish_package(prs, talk.path.relative_to(talk.workspace.root.resolve()).as_posix())
    return write_package(prs, ZIP_DATE, prepared.members)


def _prepare(prs, theme: Theme) -> None:
    """The master as every deck starts from it: no slides, the notes master declared, the
    East Asian font named, bullet sizes mended (see `MasterCopies`)."""
    _drop_slides(prs)
    _declare_notes_master(prs)
    name_east_asian_font(prs, theme.east_asian)
    mend_bullet_sizes(prs)


def _drop_slides(prs) -> None:
    """Remove slides saved in the master file, so the deck holds only the talk's."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _declare_notes_master(prs) -> None:
    """Make sure presentation.xml lists the notes master (Keynote drops notes otherwise)."""
    presentation = prs.part._element
    if presentation.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = prs.part.relate_to(prs.part.notes_master_part, _RT_NOTES_MASTER)
    element = parse_xml(
        '<p:notesMasterIdLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>'
    )
    presentation.find(qn("p:sldMasterIdLst")).addnext(element)


def _label(slide: ResolvedSlide) -> str:
    name = f" ({slide.slide.id})" if slide.slide.id else ""
    return f"slide {slide.number}{name}, {slide.kind}"


def _prepared_notes_slot(prs, theme: Theme, cache: Path, prepared: Prepared) -> Slot | None:
    """The notes slot of the theme's master, found once for the master as prepared."""
    if prepared.notes_slot is None:
        prepared.notes_slot = (_notes_slot(prs, theme, cache),)
    return prepared.notes_slot[0]


def _notes_slot(prs, theme: Theme, cache: Path | None = None) -> Slot | None:
    """The notes page's text box as a slot, so notes shrink to fit a printed notes page.

    It measures with the fonts the theme's slots have read (their shared `measures`).
    """
    body = next(
        (
            ph
            for ph in prs.notes_master.placeholders
            if ph.placeholder_format.type == PP_PLACEHOLDER.BODY
        ),
        None,
    )
    like = next(
        (
            slot
            for slots in theme.slots.values()
            for slot in slots.values()
            if slot.style.font == "body"
        ),
        None,
    )
    if body is None or like is None or not body.width or not body.height:
        return None
    frame = Frame(int(body.left), int(body.top), int(body.width), int(body.height))
    style = SlotStyle(placeholder=body.name, font="body", size=NOTES_SIZE, min=NOTES_MIN, gap=0)
    info = PlaceholderInfo(body.name, "body", body.placeholder_format.idx, frame, None)
    return Slot(
        "notes",
        style,
        info,
        like.fonts,
        cache,
        measures=like.measures,
        east_asian=theme.east_asian_fonts,
    )


def notes_size(text: str, slot: Slot) -> float:
    """The largest size, 12 pt down to 8, at which the notes fill no more than the page's box.

    Only the height counts: a long web address wider than a line is broken
    there by PowerPoint and LibreOffice alike.
    """
    key = ("notes-size", id(slot), text)
    kept = slot.measures.get(key)
    if kept is not None and kept[0] is slot:
        return kept[1]
    paras = [Para(line, gap=False) for line in text.split("\n")]
    available = slot.frame.text_height_pt * HEIGHT_SAFETY
    size = NOTES_SIZE
    while size > NOTES_MIN and layout(paras, slot, size)[1] > available:
        size -= 1
    slot.measures[key] = (slot, size)
    return size


def _write_notes(frame, text: str, slot: Slot | None) -> None:
    if slot is None:
        frame.text = text
        return
    size = round(notes_size(text, slot) * 100)
    _replace_paragraphs(
        frame,
        [
            f'<a:p><a:r><a:rPr sz="{size}"/><a:t>{_xml_text(line)}</a:t></a:r></a:p>'
            if line
            else "<a:p/>"
            for line in text.split("\n")
        ],
    )


def _add_slide(
    maker: SlideMaker,
    theme: Theme,
    talk: Talk,
    slide: ResolvedSlide,
    pictures: _Pictures,
    notes: Slot | None,
) -> None:
    kind = slide.kind
    layout = maker.layout(theme.layouts[kind])
    if layout is None:  # pragma: no cover - load_theme found it
        raise RenderError(f"layout '{theme.layouts[kind]}' is missing from {theme.deck_path}")
    page, shapes = maker.slide(layout, kind, lambda new: _settle_placeholders(new, theme, kind))
    texts = slide.text
    for key, slot in theme.slots[kind].items():
        shape = shapes.get(key)
        if shape is None:
            continue
        if SLOTS[kind][key] == "picture":
            if not _place_picture(page, shape, slot, talk, slide, pictures):
                _remove(shape)
            continue
        paras = texts.get(key)
        if not paras:
            _remove(shape)
            continue
        fitted = fit_text(paras, slot)
        if not fitted.fits:
            raise RenderError(
                f"{_label(slide)}: its {key} does not fit the '{slot.placeholder.name}' box "
                f"even at {fitted.size:g} pt; run `talkkit check` for where to shorten it"
            )
        _write_text(shape.text_frame, paras, fitted.size, slot)
    notes_page, notes_frame = maker.notes(page)
    _write_notes(notes_frame, slide.notes, notes)
    _tag_korean_page(page, notes_page, notes_frame, theme.east_asian)


def _settle_placeholders(page, theme: Theme, kind: str) -> dict[str, object]:
    """What a new slide of the kind needs whatever it holds: each slot's placeholder named as
    the theme names it, and the placeholders the mapping does not use out of the slide.
    Returns each slot's placeholder on the slide, by the slot's key.

    Done once to the first slide of a kind; later slides copy the result (see `SlideMaker`).
    """
    by_idx = {ph.placeholder_format.idx: ph for ph in page.placeholders}
    shapes = {}
    for key, slot in theme.slots[kind].items():
        shape = by_idx.get(slot.placeholder.idx)
        if shape is not None:
            shape.name = slot.placeholder.name
            shapes[key] = shape
    used = {slot.placeholder.idx for slot in theme.slots[kind].values()}
    for idx, shape in by_idx.items():
        if idx not in used:
            _remove(shape)
    return shapes


def _tag_korean_page(page, notes, notes_frame, east_asian: str) -> None:
    """`tag_korean` on every text frame of a slide and of its notes page, when they hold Hangul."""
    if has_hangul(etree.tostring(page._element, method="text", encoding="unicode")):
        for shape in page.shapes:
            if shape.has_text_frame:
                tag_korean(shape.text_frame, east_asian)
    if has_hangul(etree.tostring(notes._element, method="text", encoding="unicode")):
        tag_korean(notes_frame, east_asian)


def _remove(shape) -> None:
    element = shape._element
    element.getparent().remove(element)


def _write_text(frame, paras: list[Para], size: float, slot: Slot) -> None:
    """Replace a text frame's paragraphs with `paras`, each at its size and the slot's style.

    The paragraphs are written as DrawingML in one parse, as python-pptx would
    write them property by property; a paragraph with a link then gets its
    hyperlink through python-pptx, which relates the address to the slide.
    """
    style = slot.style
    font_ref = "+mj-lt" if style.font == "heading" else "+mn-lt"
    spacing = round(style.line_spacing * 100000)
    pieces = []
    for index, para in enumerate(paras):
        psize = para_size(size, para, slot)
        gap = style.gap * psize if index and para.gap else 0
        bold = style.bold if para.bold is None else para.bold
        italic = style.italic if para.italic is None else para.italic
        pieces.append(
            f'<a:p><a:pPr><a:lnSpc><a:spcPct val="{spacing}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{round(gap * 100)}"/></a:spcBef>'
            '<a:spcAft><a:spcPts val="0"/></a:spcAft></a:pPr>'
            f'<a:r><a:rPr sz="{round(psize * 100)}" b="{int(bold)}" i="{int(italic)}">'
            f'<a:latin typeface="{font_ref}"/></a:rPr><a:t>{_xml_text(para.text)}</a:t></a:r></a:p>'
        )
    _replace_paragraphs(frame, pieces)
    for paragraph, para in zip(frame.paragraphs, paras, strict=True):
        if para.link:
            paragraph.runs[0].hyperlink.address = para.link


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _replace_paragraphs(frame, pieces: list[str]) -> None:
    body = frame._txBody
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for paragraph in parse_xml(f'<a:txBody xmlns:a="{_A}">{"".join(pieces)}</a:txBody>'):
        body.append(paragraph)


KOREAN = "ko-KR"
_RUN_PROPERTIES_AFTER_EA = (
    "a:cs",
    "a:sym",
    "a:hlinkClick",
    "a:hlinkMouseOver",
    "a:rtl",
    "a:extLst",
)
"""The children of a run's properties that come after `a:ea`, in the schema's order."""


def tag_korean(frame, east_asian: str) -> None:
    """Give every run holding Hangul the East Asian font (`a:ea`) and the language ko-KR, and
    keep PowerPoint from breaking its paragraph's Korean words (`eaLnBrk="0"`).

    Runs of other text keep their Latin font and language.
    """
    for paragraph in frame.paragraphs:
        korean = False
        for run in paragraph.runs:
            if not has_hangul(run.text):
                continue
            korean = True
            properties = run._r.get_or_add_rPr()
            properties.set("lang", KOREAN)
            ea = properties.find(qn("a:ea"))
            if ea is None:
                ea = etree.Element(qn("a:ea"))
                latin = properties.find(qn("a:latin"))
                later = next(
                    (
                        child
                        for tag in _RUN_PROPERTIES_AFTER_EA
                        if (child := properties.find(qn(tag))) is not None
                    ),
                    None,
                )
                if latin is not None:
                    latin.addnext(ea)
                elif later is not None:
                    later.addprevious(ea)
                else:
                    properties.append(ea)
            ea.set("typeface", east_asian)
        if korean:
            paragraph._p.get_or_add_pPr().set("eaLnBrk", "0")


def name_east_asian_font(prs, east_asian: str) -> None:
    """Name the East Asian font as the major (heading) and minor (body) East Asian font of every
    theme of the deck (the slide master's, the notes master's), so new text typed in Korean
    takes it too."""
    for part in prs.part.package.iter_parts():
        if part.content_type != CT.OFC_THEME:
            continue
        root = etree.fromstring(part.blob)
        changed = False
        for tag in ("a:majorFont", "a:minorFont"):
            for fonts in root.iter(qn(tag)):
                ea = fonts.find(qn("a:ea"))
                if ea is None:  # pragma: no cover - the schema requires it
                    ea = etree.SubElement(fonts, qn("a:ea"))
                    fonts.find(qn("a:latin")).addnext(ea)
                ea.set("typeface", east_asian)
                changed = True
        if changed:
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


@dataclass(frozen=True)
class _Box:
    x: int
    y: int
    cx: int
    cy: int


def _contain(frame: Frame, width_px: int, height_px: int) -> _Box:
    """The largest box of the picture's shape inside the frame, centered."""
    scale = min(frame.cx / width_px, frame.cy / height_px)
    cx, cy = round(width_px * scale), round(height_px * scale)
    return _Box(frame.x + (frame.cx - cx) // 2, frame.y + (frame.cy - cy) // 2, cx, cy)


class _Pictures:
    """Pictures of one deck, each prepared once (python-pptx then stores equal bytes once)."""

    def __init__(self, talk: Talk, folder: Path):
        self.talk = talk
        self.folder = folder
        self.cache: dict[tuple, tuple[bytes, int, int]] = {}

    def asset(self, asset, frame: Frame) -> tuple[bytes, int, int]:
        key = (asset.id, frame.cx, frame.cy)
        if key not in self.cache:
            self.cache[key] = prepare_image(
                self.talk.workspace, asset, frame.cx, frame.cy, DPI, cache=self.folder
            )
        return self.cache[key]

    def qr(self, url: str) -> bytes:
        """The QR code of an address, 12 pixels a module, made once and kept in the cache."""

        def make() -> bytes:

            return qr_png(url, module_px=12)

        return cached(self.folder, "qr", f"{url}\0{12}".encode(), make)


def _place_picture(page, shape, slot: Slot, talk: Talk, slide: ResolvedSlide, pictures) -> bool:
    frame = slot.frame
    if slide.kind == "image" and slide.asset is not None:
        asset = slide.asset
        people = refused_people(talk, asset)
        if people:
            raise RenderError(
                f"{_label(slide)}: image '{asset.id}' shows {', '.join(people)}, whose photo "
                "may never be shown; choose another image"
            )
        data, width, height = pictures.asset(asset, frame)
        alt = getattr(slide.slide, "alt", None) or asset.alt
        description = " ".join(alt.split())
    elif slide.kind == "donate":
        url = talk.donate_url("slides")
        if url is None:
            return False
        data = pictures.qr(url)
        width = height = 1
        description = f"QR code of the donation address {url}"
    else:  # pragma: no cover - only image and donate slides have pictures
        return False
    picture = shape.insert_picture(io.BytesIO(data))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0
    box = _contain(frame, width, height)
    picture.left, picture.top = Emu(box.x), Emu(box.y)
    picture.width, picture.height = Emu(box.cx), Emu(box.cy)
    picture.name = slot.placeholder.name
    picture._element.nvPicPr.cNvPr.set("descr", description)
    return True


def _core_properties(prs, talk: Talk) -> None:
    props = prs.core_properties
    event = talk.event
    when = dt.datetime.combine(event.date, dt.time()) if event.date else FIXED_DATE
    props.title = talk.title
    props.author = talk.outline.speaker or talk.config.organization.name
    props.subject = event.name or ""
    props.keywords = talk.audience.label
    props.comments = f"Made with talkkit from {talk.path.name}"
    props.category = "Talk"
    props.last_modified_by = "talkkit"
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.language = KOREAN if talk.language == "ko" else "en-US"
    props.identifier = talk.campaign
    props.content_status = ""
    props.version = ""
