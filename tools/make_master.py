"""Make the first deck masters: templates/default/deck.pptx and templates/high-contrast/deck.pptx.

Run it to make the masters from scratch: `python tools/make_master.py`. The .pptx
files are the source of truth; once staff edit them in PowerPoint or LibreOffice
Impress, this script is not run again (it would overwrite their edits).

Each master is 16:9, holds one named layout per slide kind, with named
placeholders that templates/<theme>/theme.yaml maps slide fields to, and a
notes master declared in presentation.xml (Keynote drops notes without one).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
EMU = 914400  # an inch
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
WIDTH, HEIGHT = 12192000, 6858000  # 13.333 x 7.5 in

THEMES = {
    "default": {
        "name": "LiNK talk",
        # Arial: every client has it or a metric twin (LibreOffice: Liberation Sans).
        "heading_font": "Arial",
        "body_font": "Arial",
        # dk1 text, lt1 white, dk2 deep navy (titles, dark slides), lt2 warm paper.
        "colors": {
            "dk1": "1E2430",
            "lt1": "FFFFFF",
            "dk2": "15304F",
            "lt2": "FAF6EF",
            "accent1": "C2452D",
            "accent2": "F4C95D",
            "accent3": "4B5563",
            "accent4": "2F6F73",
            "accent5": "8C5E3C",
            "accent6": "6B7F99",
            "hlink": "15304F",
            "folHlink": "5B3E7A",
        },
        "dark_slides": True,
    },
    "high-contrast": {
        "name": "High contrast",
        "heading_font": "Arial",
        "body_font": "Arial",
        "colors": {
            "dk1": "000000",
            "lt1": "FFFFFF",
            "dk2": "000000",
            "lt2": "FFFFFF",
            "accent1": "000000",
            "accent2": "000000",
            "accent3": "000000",
            "accent4": "000000",
            "accent5": "000000",
            "accent6": "000000",
            "hlink": "000000",
            "folHlink": "000000",
        },
        "dark_slides": False,
    },
}
ORGANIZATION = "Liberty in North Korea"


def inch(value: float) -> int:
    return round(value * EMU)


def _fill(color: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def placeholder(
    shape_id: int,
    name: str,
    kind: str,
    idx: int | None,
    box: tuple[float, float, float, float],
    *,
    size: int,
    color: str,
    font: str = "+mn-lt",
    bold: bool = False,
    italic: bool = False,
    anchor: str = "t",
    align: str = "l",
    bullet: str | None = None,
    prompt: str = "",
) -> str:
    """One placeholder of a layout: its name, box (inches) and first-level text style."""
    x, y, w, h = (inch(v) for v in box)
    ph = f'<p:ph type="{kind}"' + (f' idx="{idx}"' if idx is not None else "") + "/>"
    if bullet:
        margin = '<a:lvl1pPr marL="457200" indent="-457200" algn="l">'
        bullets = (
            f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buSzPct val="100000"/>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
        )
    else:
        margin = f'<a:lvl1pPr marL="0" indent="0" algn="{align}">'
        bullets = "<a:buNone/>"
    style = (
        f"<a:lstStyle>{margin}"
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="0"/></a:spcBef>'
        f'{bullets}<a:defRPr sz="{size * 100}" b="{int(bold)}" i="{int(italic)}">'
        f'{_fill(color)}<a:latin typeface="{font}"/></a:defRPr></a:lvl1pPr></a:lstStyle>'
    )
    if kind == "pic":
        body = (
            f'<p:txBody><a:bodyPr anchor="ctr"/>{style}<a:p><a:pPr algn="ctr"/>'
            f'<a:r><a:rPr lang="en-US"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody>'
        )
    else:
        body = (
            f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="91440" tIns="45720" '
            f'rIns="91440" bIns="45720" anchor="{anchor}" anchorCtr="0"><a:normAutofit/></a:bodyPr>'
            f'{style}<a:p><a:r><a:rPr lang="en-US"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody>'
        )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>{body}</p:sp>'
    )


def rectangle(shape_id: int, name: str, box: tuple[float, float, float, float], color: str) -> str:
    """A filled rectangle without text: a band or a rule of the layout's design."""
    x, y, w, h = (inch(v) for v in box)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(color)}<a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"
    )


def label(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    text: str,
    *,
    size: int,
    color: str,
    bold: bool = False,
    align: str = "l",
    font: str = "+mn-lt",
) -> str:
    """Fixed text of the layout's design (the organization's name, a quotation mark)."""
    x, y, w, h = (inch(v) for v in box)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" '
        'bIns="0" anchor="t"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f'<a:p><a:pPr algn="{align}"><a:buNone/></a:pPr><a:r><a:rPr lang="en-US" sz="{size * 100}" '
        f'b="{int(bold)}">{_fill(color)}<a:latin typeface="{font}"/></a:rPr><a:t>{text}</a:t></a:r>'
        "</a:p></p:txBody></p:sp>"
    )


def layouts(dark_slides: bool) -> list[tuple[str, str | None, list]]:
    """(name, background scheme color, shapes) for each of the eleven layouts."""
    dark = "tx2" if dark_slides else "bg1"
    on_dark = "bg1" if dark_slides else "tx1"
    soft_on_dark = "accent2" if dark_slides else "tx1"
    paper = "bg2"
    margin, width = 0.75, 13.333 - 1.5
    footer = (0.85, 7.0, 6.0, 0.3)

    def chrome(start: int, on: str) -> list:
        return [
            ("label", start, "Organization", footer, ORGANIZATION, {"size": 12, "color": on}),
        ]

    def title(idx: int, box, size: int, color: str, **kw) -> tuple:
        return ("ph", idx, "Title", "title", None, box, {"size": size, "color": color, **kw})

    # The quotation marks of the Story and Quote layouts are set flush right in their
    # boxes, which end before the quote's text: drawn in a wider font, a mark grows to
    # the left, away from the words.
    content_title = title(2, (margin, 0.45, width, 1.15), 36, "tx2", font="+mj-lt", bold=True)
    content_title[6]["anchor"] = "b"
    rule = ("rect", 3, "Title rule", (margin + 0.1, 1.72, 1.4, 0.07), "accent1")
    heading = {"font": "+mj-lt", "bold": True}
    return [
        (
            "Title",
            dark,
            [
                ("rect", 2, "Accent band", (0.0, 0.0, 0.28, 7.5), "accent1"),
                (
                    "ph",
                    3,
                    "Title",
                    "ctrTitle",
                    None,
                    (1.0, 1.45, 11.3, 2.35),
                    {"size": 54, "color": on_dark, "anchor": "b", **heading},
                ),
                (
                    "ph",
                    4,
                    "Subtitle",
                    "subTitle",
                    1,
                    (1.0, 4.0, 11.3, 1.25),
                    {"size": 28, "color": on_dark},
                ),
                ("rect", 5, "Accent rule", (1.1, 5.45, 1.4, 0.07), "accent1"),
                (
                    "ph",
                    6,
                    "Event",
                    "body",
                    13,
                    (1.0, 5.65, 11.3, 1.45),
                    {"size": 20, "color": soft_on_dark},
                ),
            ],
        ),
        (
            "Section",
            dark,
            [
                ("rect", 2, "Accent band", (0.0, 0.0, 0.28, 7.5), "accent1"),
                title(3, (1.0, 2.0, 11.3, 1.9), 44, on_dark, anchor="b", **heading),
                ("rect", 4, "Accent rule", (1.1, 4.05, 1.4, 0.07), "accent1"),
                (
                    "ph",
                    5,
                    "Subtitle",
                    "body",
                    13,
                    (1.0, 4.3, 11.3, 1.4),
                    {"size": 26, "color": soft_on_dark},
                ),
            ],
        ),
        (
            "Story",
            paper,
            [
                content_title,
                rule,
                (
                    "label",
                    4,
                    "Quotation mark",
                    (0.2, 1.85, 1.15, 1.2),
                    "\u201c",
                    {"size": 96, "color": "accent1", "bold": True, "font": "+mj-lt", "align": "r"},
                ),
                (
                    "ph",
                    5,
                    "Quote",
                    "body",
                    13,
                    (1.45, 2.0, 11.1, 3.95),
                    {"size": 26, "color": "tx1"},
                ),
                (
                    "ph",
                    6,
                    "Attribution",
                    "body",
                    14,
                    (1.45, 5.95, 11.1, 0.98),
                    {"size": 20, "color": "accent3", "bold": True},
                ),
                *chrome(7, "accent3"),
            ],
        ),
        (
            "Quote",
            dark,
            [
                (
                    "label",
                    2,
                    "Quotation mark",
                    (0.25, 0.55, 1.2, 1.5),
                    "\u201c",
                    {"size": 120, "color": "accent1", "bold": True, "font": "+mj-lt", "align": "r"},
                ),
                # A quiet title, for screen readers and the outline view.
                title(6, (1.5, 0.4, 10.4, 0.85), 28, soft_on_dark, font="+mj-lt", anchor="b"),
                (
                    "ph",
                    3,
                    "Quote",
                    "body",
                    13,
                    (1.5, 1.4, 10.4, 4.15),
                    {"size": 36, "color": on_dark, "anchor": "b"},
                ),
                ("rect", 4, "Accent rule", (1.6, 5.75, 1.4, 0.07), "accent1"),
                (
                    "ph",
                    5,
                    "Attribution",
                    "body",
                    14,
                    (1.5, 5.95, 10.4, 0.9),
                    {"size": 22, "color": soft_on_dark, "bold": True},
                ),
            ],
        ),
        (
            "Facts",
            paper,
            [
                content_title,
                rule,
                (
                    "ph",
                    4,
                    "Facts",
                    "body",
                    13,
                    (margin, 2.0, width, 4.85),
                    {"size": 24, "color": "tx1"},
                ),
                *chrome(5, "accent3"),
            ],
        ),
        (
            "Bullets",
            paper,
            [
                content_title,
                rule,
                (
                    "ph",
                    4,
                    "Bullets",
                    "body",
                    13,
                    (margin, 2.05, width, 4.8),
                    {"size": 30, "color": "tx1", "bullet": "\u2022"},
                ),
                *chrome(5, "accent3"),
            ],
        ),
        (
            "Image",
            paper,
            [
                content_title,
                rule,
                (
                    "ph",
                    4,
                    "Picture",
                    "pic",
                    15,
                    (margin, 1.95, width, 4.15),
                    {"size": 18, "color": "accent3", "prompt": ""},
                ),
                (
                    "ph",
                    5,
                    "Caption",
                    "body",
                    13,
                    (margin, 6.15, width, 0.8),
                    {"size": 18, "color": "accent3"},
                ),
                *chrome(6, "accent3"),
            ],
        ),
        (
            "Actions",
            paper,
            [
                content_title,
                rule,
                (
                    "ph",
                    4,
                    "Actions",
                    "body",
                    13,
                    (margin, 2.0, width, 4.85),
                    {"size": 26, "color": "tx1"},
                ),
                *chrome(5, "accent3"),
            ],
        ),
        (
            "Donate",
            paper,
            [
                title(2, (margin, 0.6, 6.9, 1.5), 40, "tx2", anchor="b", **heading),
                ("rect", 3, "Title rule", (margin + 0.1, 2.22, 1.4, 0.07), "accent1"),
                (
                    "ph",
                    4,
                    "Text",
                    "body",
                    13,
                    (margin, 2.45, 6.9, 2.3),
                    {"size": 24, "color": "tx1"},
                ),
                (
                    "ph",
                    5,
                    "Address",
                    "body",
                    14,
                    (margin, 4.9, 6.9, 1.1),
                    {"size": 24, "color": "tx2", "bold": True},
                ),
                ("rect", 6, "Code backing", (7.95, 0.95, 4.75, 4.75), "bg1"),
                (
                    "ph",
                    7,
                    "QR code",
                    "pic",
                    15,
                    (8.0, 1.0, 4.65, 4.65),
                    {"size": 18, "color": "accent3", "prompt": ""},
                ),
                (
                    "label",
                    8,
                    "Scan prompt",
                    (8.0, 5.8, 4.65, 0.45),
                    "Scan to give",
                    {"size": 18, "color": "accent3", "align": "ctr"},
                ),
                *chrome(9, "accent3"),
            ],
        ),
        (
            "Questions",
            dark,
            [
                ("rect", 2, "Accent band", (0.0, 0.0, 0.28, 7.5), "accent1"),
                title(3, (1.0, 2.1, 11.3, 1.8), 60, on_dark, anchor="b", **heading),
                ("rect", 4, "Accent rule", (1.1, 4.05, 1.4, 0.07), "accent1"),
                (
                    "ph",
                    5,
                    "Subtitle",
                    "body",
                    13,
                    (1.0, 4.3, 11.3, 1.3),
                    {"size": 26, "color": soft_on_dark},
                ),
            ],
        ),
        (
            "Closing",
            dark,
            [
                ("rect", 2, "Accent band", (0.0, 0.0, 0.28, 7.5), "accent1"),
                title(3, (1.0, 1.0, 11.3, 1.6), 48, on_dark, anchor="b", **heading),
                ("rect", 4, "Accent rule", (1.1, 2.75, 1.4, 0.07), "accent1"),
                (
                    "ph",
                    5,
                    "Text",
                    "body",
                    13,
                    (1.0, 3.0, 11.3, 2.5),
                    {"size": 30, "color": on_dark},
                ),
                (
                    "ph",
                    6,
                    "Website",
                    "body",
                    14,
                    (1.0, 5.8, 11.3, 0.8),
                    {"size": 24, "color": soft_on_dark, "bold": True},
                ),
            ],
        ),
    ]


def shape_xml(item) -> str:
    if item is None:
        return ""
    kind = item[0]
    if kind == "rect":
        _, shape_id, name, box, color = item
        return rectangle(shape_id, name, box, color)
    if kind == "label":
        _, shape_id, name, box, text, style = item
        return label(shape_id, name, box, text, **style)
    _, shape_id, name, ph_type, idx, box, style = item
    style = dict(style)
    return placeholder(shape_id, name, ph_type, idx, box, **style)


def layout_xml(name: str, background: str | None, shapes: list) -> str:
    bg = (
        f'<p:bg><p:bgPr><a:solidFill><a:schemeClr val="{background}"/></a:solidFill>'
        "<a:effectLst/></p:bgPr></p:bg>"
        if background
        else ""
    )
    tree = "".join(shape_xml(s) for s in shapes)
    return (
        f'<p:sldLayout {NS} preserve="1" userDrawn="1"><p:cSld name="{name}">{bg}<p:spTree>'
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{tree}</p:spTree></p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def master_xml(layout_rids: list[str]) -> str:
    """The slide master: a paper background, a title and a body placeholder, and text styles."""
    title = placeholder(
        2,
        "Title",
        "title",
        None,
        (0.75, 0.45, 11.833, 1.15),
        size=36,
        color="tx2",
        font="+mj-lt",
        bold=True,
        anchor="b",
    )
    body = placeholder(
        3, "Text", "body", 1, (0.75, 2.0, 11.833, 4.85), size=24, color="tx1", prompt="Text"
    )
    ids = "".join(
        f'<p:sldLayoutId id="{2147483649 + n}" r:id="{rid}"/>' for n, rid in enumerate(layout_rids)
    )

    def level(n: int, size: int, font: str, color: str, bold: bool, bullet: bool) -> str:
        indent = f'marL="{457200 * n}" indent="-457200"' if bullet else f'marL="{457200 * (n - 1)}"'
        bu = (
            '<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
            '<a:buChar char="\u2022"/>'
            if bullet
            else "<a:buNone/>"
        )
        return (
            f'<a:lvl{n}pPr {indent} algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="600"/></a:spcBef>{bu}<a:defRPr sz="{size * 100}" '
            f'b="{int(bold)}">{_fill(color)}<a:latin typeface="{font}"/></a:defRPr></a:lvl{n}pPr>'
        )

    title_style = level(1, 36, "+mj-lt", "tx2", True, False).replace(
        'marL="0"', 'marL="0" indent="0"'
    )
    body_style = "".join(level(n, s, "+mn-lt", "tx1", False, False) for n, s in ((1, 24), (2, 20)))
    other_style = level(1, 18, "+mn-lt", "tx1", False, False)
    return (
        f'<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg2"/>'
        "</a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>"
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{title}{body}</p:spTree></p:cSld>'
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
        f'folHlink="folHlink"/><p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
        f"<p:txStyles><p:titleStyle>{title_style}</p:titleStyle><p:bodyStyle>{body_style}"
        f"</p:bodyStyle><p:otherStyle>{other_style}</p:otherStyle></p:txStyles></p:sldMaster>"
    )


def set_theme(theme_part, spec: dict) -> None:
    """Set the colour scheme and the heading and body fonts of the Office theme."""
    root = parse_xml(theme_part.blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", spec["name"])
    for child in list(scheme):
        scheme.remove(child)
    for slot, value in spec["colors"].items():
        scheme.append(parse_xml(f'<a:{slot} {NS}><a:srgbClr val="{value}"/></a:{slot}>'))
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", spec["name"])
    fonts.find(f"{qn('a:majorFont')}/{qn('a:latin')}").set("typeface", spec["heading_font"])
    fonts.find(f"{qn('a:minorFont')}/{qn('a:latin')}").set("typeface", spec["body_font"])
    root.set("name", spec["name"])
    theme_part._blob = _serialize(root)


def _serialize(element) -> bytes:
    from lxml import etree

    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_master(theme: str) -> bytes:
    """The bytes of a new master for one of THEMES."""
    spec = THEMES[theme]
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    presentation = prs.part._element
    presentation.find(qn("p:sldSz")).set("type", "custom")
    master = prs.slide_masters[0]
    layout_parts = [layout.part for layout in master.slide_layouts]
    rids = [master.part.relate_to(part, _RT_LAYOUT) for part in layout_parts]
    master.part._element = parse_xml(master_xml(rids))
    for part, (name, background, shapes) in zip(
        layout_parts, layouts(spec["dark_slides"]), strict=True
    ):
        part._element = parse_xml(layout_xml(name, background, shapes))
    theme_part = master.part.part_related_by(_RT_THEME)
    set_theme(theme_part, spec)
    notes_part = prs.part.notes_master_part
    rid = prs.part.relate_to(notes_part, _RT_NOTES_MASTER)
    lst = parse_xml(
        f'<p:notesMasterIdLst {NS}><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>'
    )
    presentation.find(qn("p:sldMasterIdLst")).addnext(lst)
    notes_theme = notes_part.part_related_by(_RT_THEME)
    set_theme(notes_theme, spec)
    shape_notes_page(notes_part._element)
    prs.core_properties.title = f"talkkit master: {spec['name']}"
    prs.core_properties.author = ORGANIZATION
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def shape_notes_page(notes_master) -> None:
    """A 16:9 slide picture on the notes page, and notes below it that shrink to fit the page."""
    for sp in notes_master.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None:
            continue
        xfrm = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        if ph.get("type") == "sldImg":
            place = (381000, 457200, 6096000, 3429000)
        elif ph.get("type") == "body":
            place = (457200, 4114800, 5943600, 4572000)
            body = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            for old in list(body):
                body.remove(old)
            body.append(parse_xml(f"<a:normAutofit {NS}/>"))
        else:
            continue
        xfrm.find(qn("a:off")).set("x", str(place[0]))
        xfrm.find(qn("a:off")).set("y", str(place[1]))
        xfrm.find(qn("a:ext")).set("cx", str(place[2]))
        xfrm.find(qn("a:ext")).set("cy", str(place[3]))


_RT_LAYOUT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
_RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_RT_NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"


def main(argv: list[str]) -> int:
    themes = argv or list(THEMES)
    for theme in themes:
        path = ROOT / "templates" / theme / "deck.pptx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_master(theme))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
