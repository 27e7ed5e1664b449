"""The package of every deck: valid against the ECMA-376 transitional schemas, its properties true."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from package_schemas import schema_errors, xml_parts
from samples import SAMPLE_DECKS
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.render.package import app_xml, presentation_format
from talkkit.session import Session

THEMES = ("default", "high-contrast")


def _deck(workspace: Path, name: str, theme: str) -> bytes:
    path = workspace / "decks" / f"{name}.yaml"
    if theme != "default":
        text = path.read_text(encoding="utf-8")
        path = path.with_name(f"{path.stem}-{theme}.yaml")
        path.write_text(f"theme: {theme}\n" + re.sub(r"(?m)^theme:.*\n", "", text), "utf-8")
    talk, problems = Session(Workspace.at(workspace)).talk(path)
    assert talk is not None, [d.format() for d in problems]
    return render_deck(talk)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", SAMPLE_DECKS)
def test_every_xml_part_of_every_sample_deck_validates(workspace, name, theme):
    deck = _deck(workspace, name, theme)
    assert len(xml_parts(deck)) > 40
    assert schema_errors(deck) == {}


def test_the_validator_finds_an_invalid_part(workspace):
    deck = _deck(workspace, SAMPLE_DECKS[0], "default")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(deck)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "ppt/slides/slide1.xml":
                data = data.replace(b"<p:cSld>", b'<p:cSld><p:bogus val="1"/>', 1)
            target.writestr(name, data)
    errors = schema_errors(out.getvalue())
    assert list(errors) == ["ppt/slides/slide1.xml"]
    assert "bogus" in errors["ppt/slides/slide1.xml"][0]


@pytest.mark.parametrize("name", SAMPLE_DECKS)
def test_app_xml_says_what_the_deck_is(workspace, name):
    deck = _deck(workspace, name, "default")
    prs = Presentation(io.BytesIO(deck))
    slides = len(prs.slides)
    notes = sum(s.has_notes_slide for s in prs.slides)
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        app = archive.read("docProps/app.xml")
        custom = archive.read("docProps/custom.xml").decode()
    assert app == app_xml(slides, notes, 0, "On-screen Show (16:9)")
    assert b"<Application>talkkit</Application>" in app
    assert f"<Slides>{slides}</Slides><Notes>{slides}</Notes>".encode() in app
    assert f"<vt:lpwstr>decks/{name}.yaml</vt:lpwstr>" in custom


def test_no_part_names_a_machine_user_or_a_local_path(workspace):
    deck = _deck(workspace, SAMPLE_DECKS[0], "default")
    props = Presentation(io.BytesIO(deck)).core_properties
    assert (props.author, props.last_modified_by) == ("Sam Rivera", "talkkit")
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        for name in xml_parts(deck):
            text = archive.read(name).decode("utf-8")
            assert str(workspace) not in text, name
            assert not re.search(r"Macintosh|/Users/|/home/|[A-Z]:\\", text), name
        assert b"Microsoft" not in archive.read("docProps/app.xml")


def test_two_builds_of_every_sample_are_the_same_bytes(workspace):
    for name in SAMPLE_DECKS:
        assert _deck(workspace, name, "default") == _deck(workspace, name, "default")


def test_presentation_formats():
    assert presentation_format(12192000, 6858000) == "On-screen Show (16:9)"
    assert presentation_format(9144000, 6858000) == "On-screen Show (4:3)"
    assert presentation_format(9144000, 5000000) == "Custom"
