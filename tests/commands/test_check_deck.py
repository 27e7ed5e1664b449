"""`talkkit check deck.pptx`: a built deck edited the way a volunteer would, each change found by slide and place."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from samples import SAMPLE_DECKS, copy_sample
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.render.qr import qr_png
from talkkit.session import Session

DECK = "build/lincoln-high-2027-03.pptx"
NAME_HINT = (
    "take it out of the deck; speak of them only as “A woman who escaped North Korea in 2009”"
)
WITHHELD = (
    "error withheld-name '{name}' appears here: it is a name withheld to protect narrator "
    "'jeans-narrator' of 'jeans-and-freedom', and must never be shown or said; " + NAME_HINT
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the sample workspace with every sample outline built into build/."""
    root = copy_sample(tmp_path_factory.mktemp("decks") / "ws")
    session = Session(Workspace.at(root))
    (root / "build").mkdir()
    for name in SAMPLE_DECKS:
        talk, problems = session.talk(root / "decks" / f"{name}.yaml")
        assert talk is not None, problems
        (root / "build" / f"{name.replace('/', '-')}.pptx").write_bytes(render_deck(talk))
    return root


@pytest.fixture
def ws(built, tmp_path) -> Path:
    """The built workspace, with a fresh edits/ folder for this test's decks."""
    folder = built / "edits" / tmp_path.name
    folder.mkdir(parents=True)
    return built


def edited(ws: Path, change: Callable) -> str:
    """The sample deck after `change(prs)`, saved as a volunteer's copy; its path in the workspace."""
    prs = Presentation(str(ws / DECK))
    change(prs)
    folder = sorted((ws / "edits").iterdir(), key=lambda p: p.stat().st_mtime)[-1]
    path = folder / "edited.pptx"
    prs.save(str(path))
    return path.relative_to(ws).as_posix()


def findings(talkkit, ws: Path, path: str, *extra: str) -> list[str]:
    result = talkkit("check", *extra, path, cwd=ws)
    assert "Traceback" not in result.err
    return [line.removeprefix(f"{path}: ") for line in result.lines]


def shape(prs, number: int, name: str):
    return next(s for s in prs.slides[number - 1].shapes if s.name == name)


def test_every_untouched_sample_deck_has_no_finding(talkkit, ws):
    result = talkkit("check", "build", cwd=ws)
    assert (result.status, result.out) == (0, "")
    assert result.err == "no problems in build\n"
    assert len(list((ws / "build").glob("*.pptx"))) == len(SAMPLE_DECKS)
    both = talkkit("check", "decks", "build", cwd=ws)
    assert (both.status, both.out, both.err) == (0, "", "no problems in decks, build\n")


def test_a_withheld_name_on_a_slide(talkkit, ws):
    def change(prs):
        box = prs.slides[1].shapes.add_textbox(0, 0, 3000000, 500000)
        box.text_frame.text = "With thanks to Jihyun Kang"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 2, text: " + WITHHELD.format(name="Jihyun Kang"),
    ]


def test_a_withheld_name_in_the_notes(talkkit, ws):
    def change(prs):
        frame = prs.slides[4].notes_slide.notes_text_frame
        frame.add_paragraph().text = "Her real name is Kang Jihyun."

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 5, notes: " + WITHHELD.format(name="Jihyun"),
    ]


def test_a_withheld_name_in_alt_text(talkkit, ws):
    def change(prs):
        picture = shape(prs, 12, "Picture")
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        picture._element.nvPicPr.cNvPr.set("descr", descr + " Drawn for Jihyun Kang.")

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 12, picture alt text: " + WITHHELD.format(name="Jihyun Kang"),
    ]


def test_a_withheld_name_as_the_author(talkkit, ws):
    def change(prs):
        prs.core_properties.author = "Jihyun Kang"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "document properties, author: warning personal-data the file names 'Jihyun Kang' as "
        "its author: a person's name or user name, which everyone given the file can see; "
        "clear it (PowerPoint: File > Info > Check for Issues > Inspect Document)",
        "document properties, author: " + WITHHELD.format(name="Jihyun Kang"),
    ]


def test_one_word_of_a_quote_changed(talkkit, ws):
    def change(prs):
        run = shape(prs, 5, "Quote").text_frame.paragraphs[0].runs[0]
        run.text = run.text.replace("put on a pair", "wear a pair")

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 5, text: error quote-changed these words are a quote of the story “This Is "
        "Freedom” with its words changed: “put on” became “wear”; show the excerpt exactly as "
        "staff approved it, or leave it out",
    ]


def test_a_figure_of_a_fact_changed(talkkit, ws):
    def change(prs):
        run = shape(prs, 6, "Facts").text_frame.paragraphs[0].runs[0]
        run.text = run.text.replace("51 levels", "15 levels")

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 6, text: error fact-changed this sentence is a checked fact of the library with "
        "its figures changed: the source says 51, the slide 15; write it as the library has it: "
        "“North Korea’s songbun system has 51 levels, which can limit where people live, "
        "study and work.”",
    ]


def test_a_shortened_link(talkkit, ws):
    def change(prs):
        run = shape(prs, 17, "Actions").text_frame.paragraphs[1].runs[0]
        run.hyperlink.address = "https://bit.ly/3xYzAb"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 17, link: error link-shortener 'https://bit.ly/3xYzAb' is a shortened link "
        "('bit.ly'): nobody can see where it leads; use the full address on the "
        "organization's own site",
    ]


def test_a_qr_code_that_leads_elsewhere(talkkit, ws):
    def change(prs):
        picture = shape(prs, 18, "QR code")
        rid = picture._element.blipFill.blip.rEmbed
        prs.slides[17].part.related_part(rid)._blob = qr_png("https://give-now.example.com/")

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 18, QR code: error link-domain 'https://give-now.example.com/' goes to "
        "'give-now.example.com', which is not an allowed domain (talkkit.yaml allowed_domains: "
        "libertyinnorthkorea.org); point it to the organization's own site, or ask staff to "
        "allow the domain",
    ]


def test_a_donate_link_without_its_tracking(talkkit, ws):
    def change(prs):
        run = shape(prs, 17, "Actions").text_frame.paragraphs[-1].runs[0]
        run.hyperlink.address = "https://www.libertyinnorthkorea.org/donate/"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 17, link: error tracking-lost the donate address "
        "'https://www.libertyinnorthkorea.org/donate/' does not carry this event's tracking; "
        "link to "
        "https://www.libertyinnorthkorea.org/donate/?utm_source=talkkit&utm_medium=slides"
        "&utm_campaign=lincoln-high-2027-03, so gifts after this talk are counted for it",
    ]


_COMMENTS = (
    '<p:cmLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    '<p:cm authorId="0" dt="2027-03-01T10:00:00.000" idx="1"><p:pos x="10" y="10"/>'
    "<p:text>Is this figure still right?</p:text></p:cm></p:cmLst>"
)


def test_a_comment_left_in_the_file(talkkit, ws):
    def change(prs):
        slide = prs.slides[2]
        part = Part(
            PackURI("/ppt/comments/comment1.xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.comments+xml",
            slide.part.package,
            _COMMENTS.encode(),
        )
        slide.part.relate_to(part, RT.COMMENTS)

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 3, comment: warning comment-left a comment is left in the file: “Is this "
        "figure still right?”; everyone given the file can read it; delete the comments "
        "before the deck is shared",
    ]


def test_a_duplicate_title(talkkit, ws):
    def change(prs):
        shape(prs, 10, "Title").text_frame.paragraphs[0].runs[0].text = "Control and punishment"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 10: warning title-duplicate slide 10 has the same title as slide 6 (“Control "
        "and punishment”), so a screen reader cannot tell them apart; give each slide its own "
        "title, like “… (continued)”",
    ]


def test_a_picture_without_alt_text(talkkit, ws):
    def change(prs):
        shape(prs, 12, "Picture")._element.nvPicPr.cNvPr.set("descr", "")

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 12, picture alt text: error alt-missing picture 'Picture' has no alt text, so "
        "people who cannot see it miss what it shows; say in a sentence what it shows (or "
        "mark it decorative)",
    ]


def test_a_hidden_slide_is_still_checked(talkkit, ws):
    def change(prs):
        prs.slides[1]._element.set("show", "0")

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 2: warning slide-hidden slide 2 is hidden: it is not shown, but stays in the "
        "file for anyone given it; delete it, or show it; hidden slides are checked like "
        "every other",
    ]


def test_a_findings_list_as_json(talkkit, ws):
    def change(prs):
        prs.slides[4].notes_slide.notes_text_frame.add_paragraph().text = "Jihyun"

    path = edited(ws, change)
    result = talkkit("check", "--format", "json", path, cwd=ws)
    assert result.status == 1
    (found,) = json.loads(result.out)
    assert (found["path"], found["place"], found["code"]) == (
        path,
        "slide 5, notes",
        "withheld-name",
    )


def test_a_deck_not_made_by_talkkit_gets_the_checks_that_need_no_event(talkkit, ws):
    def change(prs):
        rels = prs.part.package._rels
        rid = next(r.rId for r in rels.values() if r.reltype == RT.CUSTOM_PROPERTIES)
        rels.pop(rid)
        run = shape(prs, 17, "Actions").text_frame.paragraphs[-1].runs[0]
        run.hyperlink.address = "https://www.libertyinnorthkorea.org/donate/"
        prs.slides[4].notes_slide.notes_text_frame.add_paragraph().text = "Jihyun"

    path = edited(ws, change)
    assert findings(talkkit, ws, path) == [
        "document properties, author: warning personal-data the file names 'Sam Rivera' as "
        "its author: a person's name or user name, which everyone given the file can see; "
        "clear it (PowerPoint: File > Info > Check for Issues > Inspect Document)",
        "slide 5, notes: " + WITHHELD.format(name="Jihyun"),
    ]
    with_event = findings(talkkit, ws, path, "--event", "decks/lincoln-high-2027-03.yaml")
    assert [line.split(" ")[:4] for line in with_event] == [
        ["slide", "5,", "notes:", "error"],
        ["slide", "17,", "link:", "error"],
    ]
    assert "tracking-lost" in with_event[1]


def test_a_deck_saved_by_libreoffice_is_audited(talkkit, ws, tmp_path):
    import subprocess

    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pptx", "--outdir", str(out), str(ws / DECK)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    saved = out / "lincoln-high-2027-03.pptx"
    result = talkkit("check", str(saved), cwd=ws)
    assert (result.status, result.out) == (0, "")
    assert result.err == f"no problems in {saved}\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _lying(data: bytes) -> bytes:
    """The zip with its first entry's declared size in the central directory made small."""
    at = data.index(b"PK\x01\x02")
    return data[: at + 24] + (1000).to_bytes(4, "little") + data[at + 28 :]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: b"not a zip at all",
            "bad.pptx is not a PowerPoint file (.pptx): it is not a zip package",
        ),
        (
            lambda: _zip({"word/document.xml": b"<w/>"}),
            "bad.pptx is a zip file but holds no presentation; is it a .pptx?",
        ),
        (
            lambda: _zip({"ppt/presentation.xml": b"<p/>", "ppt/media/a.bin": bytes(20_000_000)}),
            "bad.pptx: its part 'ppt/media/a.bin' unpacks to 20000000 bytes, too large for a "
            "deck (a damaged file or a zip bomb)",
        ),
        (
            lambda: _lying(_zip({"ppt/presentation.xml": b"<p/>" * 100_000})),
            "bad.pptx: its part 'ppt/presentation.xml' cannot be unpacked",
        ),
        (
            lambda: _zip({"ppt/presentation.xml": b"<p:presentation/>"}),
            "bad.pptx cannot be opened as a presentation: a part of it is damaged or missing",
        ),
    ],
)
def test_bad_input_gets_one_plain_error(talkkit, ws, tmp_path, make, message):
    (tmp_path / "bad.pptx").write_bytes(make())
    result = talkkit("check", str(tmp_path / "bad.pptx"), cwd=ws)
    assert result.status == 1
    (line,) = result.lines
    assert line == f"{tmp_path / 'bad.pptx'}: error deck-unreadable {message}"
    assert "Traceback" not in result.err


def test_a_200_mb_file_is_refused_before_it_is_read(talkkit, ws, tmp_path):
    big = tmp_path / "big.pptx"
    with big.open("wb") as file:
        file.truncate(200 * 1024 * 1024)
    result = talkkit("check", str(big), cwd=ws)
    assert result.status == 1
    assert result.lines == [
        f"{big}: error deck-unreadable big.pptx is 200 MB; talkkit reads decks up to 100 MB"
    ]


def test_names_in_a_table_and_a_group_are_found(talkkit, ws):
    def change(prs):
        slide = prs.slides[1]
        table = slide.shapes.add_table(2, 2, 0, 0, 4000000, 800000).table
        table.cell(1, 1).text = "Kang Jihyun"
        group = slide.shapes.add_group_shape()
        group.shapes.add_textbox(0, 0, 2000000, 400000).text_frame.text = "fashion industry"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 2, table: " + WITHHELD.format(name="Jihyun"),
        "slide 2, text: error identifying-detail 'fashion industry' appears here: it is an "
        "identifying detail withheld to protect narrator 'jeans-narrator' of "
        "'jeans-and-freedom', and must never be shown or said; " + NAME_HINT,
    ]


def test_a_picture_inserted_from_a_file_and_a_local_path(talkkit, ws, tmp_path):
    photo = tmp_path / "IMG_2041.png"
    photo.write_bytes(qr_png("https://www.libertyinnorthkorea.org/", module_px=2))

    def change(prs):
        prs.slides[1].shapes.add_picture(str(photo), 0, 0)
        prs.core_properties.comments = r"C:\Users\jdoe\Desktop\talk.pptx"

    assert findings(talkkit, ws, edited(ws, change)) == [
        "document properties, comments: warning local-path 'C:\\Users\\jdoe\\Desktop\\talk.pptx' "
        "is a path on someone's computer, which may name their user account; clear it or "
        "write what it means in words",
        "slide 2, picture alt text: error alt-missing the alt text of picture 'Picture 3' is "
        "only a file name ('IMG_2041.png'); say in a sentence what it shows (or mark it "
        "decorative)",
    ]


def test_pale_text_and_a_title_read_last(talkkit, ws):
    def change(prs):
        run = shape(prs, 3, "Facts").text_frame.paragraphs[0].runs[0]
        run.font.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
        tree = prs.slides[3].shapes._spTree
        tree.append(shape(prs, 4, "Title")._element)

    lines = findings(talkkit, ws, edited(ws, change))
    assert [line.split(" ")[:4] for line in lines] == [
        ["slide", "3,", "text:", "warning"],
        ["slide", "4:", "warning", "reading-order"],
    ]
    assert "low-contrast" in lines[0] and "below the 4.5:1 the theme keeps" in lines[0]


_DIAGRAM_DATA = (
    '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
    '<dgm:pt modelId="{00000000-0000-0000-0000-000000000001}"><dgm:t><a:bodyPr/><a:p>'
    "<a:r><a:t>Step one: meet Jihyun Kang</a:t></a:r></a:p></dgm:t></dgm:pt>"
    "</dgm:ptLst></dgm:dataModel>"
)


def test_smartart_text_is_read_from_the_diagram_data(talkkit, ws):
    def change(prs):
        from pptx.oxml import parse_xml

        slide = prs.slides[1]
        part = Part(
            PackURI("/ppt/diagrams/data1.xml"),
            "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
            slide.part.package,
            _DIAGRAM_DATA.encode(),
        )
        rid = slide.part.relate_to(part, RT.DIAGRAM_DATA)
        frame = parse_xml(
            '<p:graphicFrame xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<p:nvGraphicFramePr><p:cNvPr id="90" name="Diagram"/><p:cNvGraphicFramePr/><p:nvPr/>'
            '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
            '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
            f'r:dm="{rid}" r:lo="" r:qs="" r:cs=""/></a:graphicData></a:graphic></p:graphicFrame>'
        )
        slide.shapes._spTree.append(frame)

    assert findings(talkkit, ws, edited(ws, change)) == [
        "slide 2, SmartArt: " + WITHHELD.format(name="Jihyun Kang"),
    ]


def test_a_deck_shown_to_a_younger_audience(talkkit, ws):
    lines = findings(talkkit, ws, DECK, "--event", "decks/standard/middle-school-30.yaml")
    assert (
        "slide 11, text: error beyond-audience a quote of the story “And We Will Be Free” is "
        in "\n".join(lines)
    )
    assert [
        line.split(":")[0] for line in lines if "audience" in line or "content-note" in line
    ] == [
        "slide 7, text",
        "slide 8, text",
        "slide 11, text",
    ]


def test_hangul_in_a_deck_and_its_file_name(talkkit, ws):
    def change(prs):
        box = prs.slides[1].shapes.add_textbox(0, 0, 3000000, 500000)
        box.text_frame.text = "자유를 위한 이야기"
        prs.slides[1].notes_slide.notes_text_frame.add_paragraph().text = "감사합니다"

    path = Path(edited(ws, change))
    named = path.with_name("발표 자료.pptx")
    (ws / path).rename(ws / named)
    result = talkkit("check", named.as_posix(), cwd=ws)
    assert (result.status, result.out) == (0, "")
    assert result.err == f"no problems in {named.as_posix()}\n"
