"""Templates and the PDF renderer: strict, escaped, and reading nothing outside templates/ and assets/."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, write
from printed_pdf import pdf_text, sample_talk, squeezed, words
from talkkit.load.workspace import Workspace
from talkkit.render import html
from talkkit.render.handout import render_handout
from talkkit.render.html import FetchRefused, ThemeLoader, workspace_fetcher
from talkkit.render.notes import render_notes

HANDOUT = Path("templates/default/handout.html.j2")


def build_error(result) -> str:
    """The error every talk of a failed build reports, as `talkkit: MESSAGE`."""
    lines = [line for line in result.err.splitlines() if line.startswith("talkkit: decks/")]
    messages = {line.split(": ", 2)[2] for line in lines}
    assert len(messages) == 1, result.err
    return "talkkit: " + messages.pop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


# --- The fetcher -----------------------------------------------------------------------------


@pytest.fixture
def fetcher(workspace):
    return workspace_fetcher(Workspace.at(workspace), "default")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "file:///etc/passwd",
            "refused to read /etc/passwd: talkkit reads only files in the workspace's "
            "templates/ and assets/",
        ),
        (
            "http://example.com/style.css",
            "refused to fetch http://example.com/style.css: talkkit reads only files in the "
            "workspace's templates/ and assets/, nothing from the network",
        ),
        (
            "https://example.com/font.ttf",
            "refused to fetch https://example.com/font.ttf: talkkit reads only files in the "
            "workspace's templates/ and assets/, nothing from the network",
        ),
        (
            "data:text/css,body{color:red}",
            "refused to fetch data:text/css,body{color:red}: talkkit reads only files in the "
            "workspace's templates/ and assets/, nothing from the network",
        ),
        (
            "file://example.com/share/x.css",
            "refused to fetch file://example.com/share/x.css: talkkit reads only files in the "
            "workspace's templates/ and assets/, nothing from the network",
        ),
    ],
)
def test_fetcher_refuses_other_files_and_the_network(fetcher, url, message):
    with pytest.raises(FetchRefused) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == message
    assert fetcher.served == []


def test_fetcher_refuses_paths_that_lead_out(fetcher, workspace):
    for url in (
        (workspace / "templates" / ".." / "talkkit.yaml").as_uri(),
        (workspace / "assets" / "..%2Ftalkkit.yaml").as_uri(),
        (workspace / "content" / "facts.yaml").as_uri(),
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    link = workspace / "assets" / "hostname.css"
    link.symlink_to("/etc/hostname")
    with pytest.raises(FetchRefused) as caught:
        fetcher.fetch(link.as_uri())
    assert str(caught.value).startswith("refused to read /etc/hostname:")


def test_fetcher_serves_templates_and_assets(fetcher, workspace):
    font = workspace / "assets" / "fonts" / "Carlito-Regular.ttf"
    response = fetcher.fetch(font.as_uri())
    assert response.read() == font.read_bytes()
    css = workspace / "templates" / "default" / "handout.css"
    assert fetcher.fetch(css.as_uri()).read() == css.read_bytes()
    assert fetcher.served == [font.resolve(), css.resolve()]


def test_fetcher_takes_what_a_theme_lacks_from_default(workspace):
    (workspace / "templates" / "plain").mkdir()
    fetcher = workspace_fetcher(Workspace.at(workspace), "plain")
    response = fetcher.fetch((workspace / "templates" / "plain" / "handout.css").as_uri())
    assert response.read() == (workspace / "templates" / "default" / "handout.css").read_bytes()
    with pytest.raises(FetchRefused) as caught:
        fetcher.fetch((workspace / "templates" / "plain" / "missing.css").as_uri())
    assert str(caught.value) == (
        f"no file {workspace / 'templates' / 'plain' / 'missing.css'}, which a template asks for"
    )


def test_css_asking_for_a_local_file_stops_the_build(workspace, talkkit):
    css = workspace / "templates" / "default" / "handout.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "\nbody { background: url(file:///etc/hostname); }\n",
        encoding="utf-8",
    )
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        "talkkit: refused to read /etc/hostname: talkkit reads only files in the workspace's "
        "templates/ and assets/"
    )
    assert not (workspace / "out").exists()


def test_css_asking_for_the_network_stops_the_build(workspace, talkkit):
    css = workspace / "templates" / "default" / "notes.css"
    css.write_text(
        '@import url("https://example.com/x.css");\n' + css.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = talkkit("build", "--only", "notes", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        "talkkit: refused to fetch https://example.com/x.css: talkkit reads only files in the "
        "workspace's templates/ and assets/, nothing from the network"
    )


# --- Escaping --------------------------------------------------------------------------------

INJECTED = "<img src=file:///etc/passwd> & <b>bold</b>"


@pytest.fixture
def spy(monkeypatch):
    """Every fetcher the renderer makes, to see what it read."""
    made = []
    original = html.workspace_fetcher

    def recording(workspace, theme):
        fetcher = original(workspace, theme)
        made.append(fetcher)
        return fetcher

    monkeypatch.setattr(html, "workspace_fetcher", recording)
    return made


def assert_read_only_templates_and_assets(spy, workspace: Path) -> None:
    assert spy
    roots = ((workspace / "templates").resolve(), (workspace / "assets").resolve())
    for fetcher in spy:
        assert fetcher.refused == []
        assert fetcher.served
        for path in fetcher.served:
            assert any(path.is_relative_to(root) for root in roots), path


def test_html_in_an_excerpt_prints_literally(workspace, spy):
    story = workspace / "content" / "stories" / "jeans-and-freedom.yaml"
    edit(story, 'I think,\n      "This is freedom."', f"I think, {INJECTED}")
    talk = sample_talk("lincoln-high-2027-03", workspace)
    pdf = workspace / "handout.pdf"
    pdf.write_bytes(render_handout(talk, paper="letter"))
    text = words(pdf_text(pdf))
    assert f"every time I put on a pair of jeans I think, {INJECTED}" in text
    assert_read_only_templates_and_assets(spy, workspace)


def test_html_in_the_event_and_notes_prints_literally(workspace, spy):
    outline = workspace / "decks" / "lincoln-high-2027-03.yaml"
    edit(outline, "venue: Lincoln High School auditorium", f'venue: "{INJECTED}"')
    edit(outline, "    minutes: 13", f'    minutes: 13\n    notes: "{INJECTED}"')
    talk = sample_talk("lincoln-high-2027-03", workspace)
    handout = workspace / "handout.pdf"
    handout.write_bytes(render_handout(talk, paper="letter"))
    assert f"{INJECTED}, Springfield" in words(pdf_text(handout))
    notes = workspace / "notes.pdf"
    notes.write_bytes(render_notes(talk, paper="letter"))
    # on the cover (wrapped over two lines), and as the slide's notes
    assert squeezed(pdf_text(notes)).count(squeezed(INJECTED)) == 2
    assert_read_only_templates_and_assets(spy, workspace)


def test_templates_escape_every_value(workspace):
    env = html.environment(Workspace.at(workspace), "default")
    template = env.from_string("<p>{{ value }}</p>")
    assert template.render(value=INJECTED) == (
        "<p>&lt;img src=file:///etc/passwd&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>"
    )


# --- Template errors -------------------------------------------------------------------------


def test_missing_value_names_template_and_line(workspace, talkkit):
    template = workspace / HANDOUT
    edit(template, "{{ event.date_text }}</span>", "{{ event.dat }}</span>")
    line = line_of(template, "{{ event.dat }}")
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        f"talkkit: {HANDOUT}:{line}: the template asks for a missing value: there is no 'dat' "
        "here; the values here are: city, date, date_text, name, place, venue"
    )
    assert "Traceback" not in result.err
    assert not (workspace / "out").exists()


def test_missing_top_level_value_names_template_and_line(workspace, talkkit):
    template = workspace / "templates" / "default" / "notes.html.j2"
    edit(template, "<h1>{{ talk.title }}</h1>", "<h1>{{ talk.title }} {{ speaker }}</h1>")
    line = line_of(template, "{{ speaker }}")
    result = talkkit("build", "--only", "notes", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == (
        f"talkkit: templates/default/notes.html.j2:{line}: the template asks for a missing "
        "value: there is no value 'speaker'"
    )


def test_template_syntax_error_names_template_and_line(workspace, talkkit):
    template = workspace / HANDOUT
    edit(template, "{% if talk.speaker %}", "{% if talk.speaker %")
    line = line_of(template, "{% if talk.speaker %")
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result).startswith(
        f"talkkit: {HANDOUT}:{line}: the template cannot be read: "
    )
    assert "Traceback" not in result.err


def test_missing_template_says_where_it_looked(workspace, talkkit):
    (workspace / HANDOUT).unlink()
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result) == ("talkkit: no template handout.html.j2 in templates/default")


def test_theme_takes_what_it_lacks_from_default(workspace):
    theme = workspace / "templates" / "plain"
    write(
        theme / "handout.css",
        """
        @font-face { font-family: "Carlito"; src: url(../../assets/fonts/Carlito-Regular.ttf); }
        html { font-family: "Carlito"; }
        h1::after { content: " (plain theme)"; }
        """,
    )
    outline = workspace / "decks" / "lincoln-high-2027-03.yaml"
    outline.write_text(outline.read_text(encoding="utf-8") + "theme: plain\n", encoding="utf-8")
    talk = sample_talk("lincoln-high-2027-03", workspace)
    pdf = workspace / "handout.pdf"
    pdf.write_bytes(render_handout(talk, paper="letter"))
    assert "Behind the Numbers (plain theme)" in words(pdf_text(pdf))


def test_loader_stays_inside_templates(workspace):
    templates = workspace / "templates"
    loader = ThemeLoader(templates, "default")
    env = jinja2.Environment(loader=loader)
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("../talkkit.yaml")
    (templates / "default" / "passwd.html.j2").symlink_to("/etc/passwd")
    assert loader.find("passwd.html.j2") is None
    assert loader.find("handout.html.j2") == (templates / "default" / "handout.html.j2").resolve()


def test_renderers_are_not_imported_by_check(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from talkkit.cli import main\n"
        "try:\n    main(['check'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pypdf')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_templates_cannot_reach_python(workspace, talkkit):
    template = workspace / HANDOUT
    edit(template, "<h1>{{ talk.title }}</h1>", "<h1>{{ talk.title.__class__.__mro__ }}</h1>")
    line = line_of(template, "__mro__")
    result = talkkit("build", "--only", "handout", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert build_error(result).startswith(f"talkkit: {HANDOUT}:{line}: the template ")
