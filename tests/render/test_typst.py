"""Typst templates: values set as text, a compile root of templates/ and assets/ only, fonts
only from assets/fonts/, plain errors naming the template file and line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from printed_pdf import pdf_text, sample_talk, squeezed, tool
from samples import ROOT, write
from talkkit.errors import RenderError
from talkkit.render.handout import render_handout
from talkkit.render.notes import render_notes
from talkkit.text.typography import curly

HANDOUT = Path("templates/default/handout.typ")
NOTES = Path("templates/default/notes.typ")

HOSTILE = (
    '#panic("x") *bold* _it_ $x^2$ @ref <lab> [a] ] // not a comment \\ ~ #read("/etc/hostname")'
)
"""Typst syntax of every kind; printed, it must read exactly as written (with the audience's
typographic quotation marks, as all printed text)."""
PRINTED = curly(HOSTILE)


BROKEN = re.compile(r" error handout-broken the handout cannot be printed: (.*); staff: ")
"""How check reports a handout template that cannot print, before the build begins."""


def build_error(result) -> str:
    """The error every talk of a failed build reports, as `talkkit: MESSAGE`: the
    handout's found by check before anything is built, the notes' by the build."""
    lines = [line for line in result.err.splitlines() if line.startswith("talkkit: decks/")]
    messages = {line.split(": ", 2)[2] for line in lines}
    messages |= {match.group(1) for match in BROKEN.finditer(result.out)}
    assert len(messages) == 1, result.err
    return "talkkit: " + messages.pop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def yaml_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- Values are text -------------------------------------------------------------------------


@pytest.fixture
def hostile(workspace):
    """The Lincoln talk with Typst syntax in its title, speaker, event, an excerpt, a fact and notes."""
    outline = workspace / "decks" / "lincoln-high-2027-03.yaml"
    quoted = yaml_string(HOSTILE)
    edit(outline, "venue: Lincoln High School auditorium", f"venue: {quoted}")
    edit(outline, "    minutes: 13", f"    minutes: 13\n    notes: {quoted}")
    text = outline.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^speaker: .*$", f"speaker: {quoted}", text, count=1)
    text = re.sub(r"(?m)^(  )name: .*$", rf"\1name: {quoted}", text, count=1)
    outline.write_text(text, encoding="utf-8")
    story = workspace / "content" / "stories" / "jeans-and-freedom.yaml"
    edit(story, 'I think,\n      "This is freedom."', f"I think, {HOSTILE}")
    facts = workspace / "content" / "facts.yaml"
    edit(
        facts,
        "It is illegal for North Koreans to leave their country",
        f"{HOSTILE} It is illegal for North Koreans to leave their country",
    )
    return sample_talk("lincoln-high-2027-03", workspace)


def test_typst_syntax_in_every_field_of_the_handout_prints_as_written(hostile, tmp_path):
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(render_handout(hostile, paper="letter"))
    text = squeezed(pdf_text(pdf))
    # venue, speaker, the event's name (masthead and both footers), the excerpt, a fact
    assert text.count(squeezed(PRINTED)) == 7
    assert "Speaker:" + squeezed(PRINTED) in text
    assert squeezed(f"I think, {PRINTED}") in text


def test_typst_syntax_in_every_field_of_the_notes_prints_as_written(hostile, tmp_path):
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(render_notes(hostile, paper="letter"))
    text = squeezed(pdf_text(pdf))
    # cover: event, venue, speaker; running title on each page after the first; slide notes;
    # the excerpt and the fact on their slides
    assert squeezed(f"{PRINTED}, Springfield") in text
    assert squeezed(f"I think, {PRINTED}") in text
    assert text.count(squeezed(PRINTED)) > 10


def test_typst_syntax_in_the_half_sheet_prints_as_written(hostile, tmp_path):
    pdf = tmp_path / "half.pdf"
    pdf.write_bytes(render_handout(hostile, paper="a4", half=True))
    assert squeezed(pdf_text(pdf)).count(squeezed(f"I think, {PRINTED}")) == 2


# --- The sandbox -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ('#read("/etc/hostname")', "etc/hostname"),
        ('#read("../../talkkit.yaml")', "../../talkkit.yaml"),
        ('#image("/content/facts.yaml")', "content/facts.yaml"),
        ('#include "/decks/lincoln-high-2027-03.yaml"', "decks/lincoln-high-2027-03.yaml"),
    ],
)
def test_a_template_reading_outside_templates_and_assets_stops_the_build(
    workspace, talkkit, code, shown
):
    template = workspace / HANDOUT
    edit(template, "#show: setup\n", f"#show: setup\n{code}\n")
    line = line_of(template, code)
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    message = build_error(result)
    assert message.startswith(f"talkkit: {HANDOUT}:{line}:"), message
    assert "the template reads a file that is not in templates/ or assets/" in message
    assert "templates may read only those folders" in message
    assert shown in message
    assert "talkkit-typst-" not in message
    assert "Traceback" not in result.err
    assert not (workspace / "out").exists()


def test_a_template_may_read_assets(workspace, tmp_path):
    write(workspace / "assets" / "motto.txt", "Freedom in our lifetime")
    edit(workspace / HANDOUT, "#show: setup\n", '#show: setup\n#read("/assets/motto.txt")\n')
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(render_handout(sample_talk("lincoln-high-2027-03", workspace), paper="letter"))
    assert "Freedom in our lifetime" in pdf_text(pdf)


def test_a_typst_package_stops_the_build_before_any_download(workspace, talkkit):
    template = workspace / NOTES
    edit(
        template,
        '#import "common.typ": *\n',
        '#import "common.typ": *\n#import "@preview/cetz:0.3.0"\n',
    )
    line = line_of(template, "@preview")
    result = talkkit("build", "--only", "notes", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        f"talkkit: {NOTES}:{line}: the template uses a Typst package (@preview/...); packages "
        "come from the network, which the printed outputs never use: copy what you need into "
        "templates/"
    )


def test_eval_in_a_template_stops_the_build(workspace, talkkit):
    template = workspace / HANDOUT
    edit(template, "#show: setup\n", '#show: setup\n#eval(data.talk.title, mode: "markup")\n')
    line = line_of(template, "#eval(")
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        f"talkkit: {HANDOUT}:{line}: the template calls eval; values are printed as text, "
        "never run as Typst markup"
    )


def test_system_fonts_are_never_used(workspace, talkkit):
    template = workspace / HANDOUT
    edit(template, "#show: setup\n", '#show: setup\n#text(font: "DejaVu Serif")[x]\n')
    line = line_of(template, "DejaVu Serif")
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result).startswith(
        f"talkkit: {HANDOUT}:{line}:12: the template asks for a font that is not in assets/fonts/ "
        "(unknown font family: dejavu serif)"
    )


def test_every_font_is_embedded_from_assets(tmp_path):
    talk = sample_talk("riverside-library-2027-04")
    for name, pdf in (
        ("handout", render_handout(talk, paper="letter")),
        ("notes", render_notes(talk, paper="letter")),
    ):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(
            [tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert listing
        for row in listing:
            columns = row.split()
            assert re.fullmatch(r"[A-Z]{6}\+Carlito(-Bold|-Italic|-BoldItalic)?", columns[0]), row
            assert columns[-5:-3] == ["yes", "yes"], row  # embedded, subset


# --- Template errors -------------------------------------------------------------------------


def test_missing_value_names_template_and_line(workspace, talkkit):
    template = workspace / HANDOUT
    edit(template, "data.event.date_text,\n", "data.event.dat,\n")
    line = line_of(template, "data.event.dat,")
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        f"talkkit: {HANDOUT}:{line}:17: the template asks for a missing value: dictionary does "
        'not contain key "dat"'
    )
    assert "Traceback" not in result.err
    assert not (workspace / "out").exists()


def test_template_syntax_error_names_template_and_line(workspace, talkkit):
    template = workspace / NOTES
    edit(template, "#cover\n", "#cover(\n")
    line = line_of(template, "#cover(")
    result = talkkit("build", "--only", "notes", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result).startswith(f"talkkit: {NOTES}:{line}:")
    assert "Traceback" not in result.err


def test_an_error_in_a_shared_file_names_that_file(workspace, talkkit):
    common = workspace / "templates" / "default" / "common.typ"
    edit(common, "data.pdf.title", "data.pdf.titel")
    line = line_of(common, "data.pdf.titel")
    result = talkkit("build", "--only", "notes", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        f"talkkit: templates/default/common.typ:{line}:31: the template asks for a missing "
        'value: dictionary does not contain key "titel"'
    )


def test_missing_template_says_where_it_looked(workspace, talkkit):
    (workspace / HANDOUT).unlink()
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == "talkkit: no template handout.typ in templates/default"


def test_theme_takes_what_it_lacks_from_default(workspace, tmp_path):
    common = (workspace / "templates" / "default" / "common.typ").read_text(encoding="utf-8")
    marked = "fill: heading-color, [#upper(body) (plain theme)]),"
    assert "fill: heading-color, upper(body))," in common
    write(
        workspace / "templates" / "plain" / "common.typ",
        common.replace("fill: heading-color, upper(body)),", marked, 1),
    )
    outline = workspace / "decks" / "lincoln-high-2027-03.yaml"
    outline.write_text(outline.read_text(encoding="utf-8") + "theme: plain\n", encoding="utf-8")
    talk = sample_talk("lincoln-high-2027-03", workspace)
    pdf = tmp_path / "handout.pdf"
    # the plain theme has no handout.typ: the default one, importing the plain common.typ
    pdf.write_bytes(render_handout(talk, paper="letter"))
    text = squeezed(pdf_text(pdf))
    assert "WAYSTOHELP(plaintheme)" in text
    assert "SOURCES(plaintheme)" in text


def test_a_template_file_linked_from_outside_templates_is_not_used(workspace):
    outside = workspace / "secret.typ"
    outside.write_text("#let secret = 1\n", encoding="utf-8")
    (workspace / "templates" / "default" / "secret.typ").symlink_to(outside)
    edit(workspace / HANDOUT, "#show: setup\n", '#show: setup\n#import "secret.typ": secret\n')
    with pytest.raises(RenderError) as caught:
        render_handout(sample_talk("lincoln-high-2027-03", workspace), paper="letter")
    assert "the template reads a file that is not in templates/ or assets/" in str(caught.value)


def test_renderers_are_not_imported_by_check():
    code = (
        "import sys; from talkkit.cli import main\n"
        "try:\n    main(['check'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typst', 'pypdf')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.stdout.splitlines()[-1] == "[]"
