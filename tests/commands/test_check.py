"""`talkkit check`: every bad input gets one located, plain-words line, and the right exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samples import write

EVENT = (
    "extends: standard/high-school-45\n"
    "speaker: Sam Rivera\n"
    "event:\n"
    "  name: Test event\n"
    "  date: 2027-03-12\n"
)


def check(talkkit, ws: Path, *paths: str, extra: tuple[str, ...] = ()):
    return talkkit("check", *extra, *paths, cwd=ws)


def test_the_sample_workspace_passes(talkkit, workspace):
    result = check(talkkit, workspace)
    assert (result.status, result.out) == (0, "")
    assert result.err == "no problems in the workspace\n"


def test_each_sample_outline_passes_alone(talkkit, workspace):
    for path in sorted((workspace / "decks").rglob("*.yaml")):
        result = check(talkkit, workspace, str(path.relative_to(workspace)))
        assert (result.status, result.out) == (0, ""), path


def test_yaml_syntax_error(talkkit, workspace):
    write(workspace / "decks/bad.yaml", EVENT + "title: Hope: a talk\n")
    result = check(talkkit, workspace, "decks/bad.yaml")
    assert result.status == 1
    assert result.lines == [
        "decks/bad.yaml:6:12: error yaml-syntax a `key: value` where YAML did not expect one; "
        "put text containing ': ' in quotes, or check the indentation of this line"
    ]


def test_tab_indentation(talkkit, workspace):
    write(workspace / "decks/bad.yaml", EVENT + "change:\n  welcome:\n\ttitle: Hi\n")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:8:1: error yaml-tab a tab is not allowed here; YAML needs spaces; "
        "replace the tab with spaces"
    ]


def test_duplicate_keys_name_both_places(talkkit, workspace):
    write(workspace / "decks/bad.yaml", EVENT + "speaker: Alex Kim\n")
    result = check(talkkit, workspace, "decks/bad.yaml", extra=("--format", "json"))
    [problem] = json.loads(result.out)
    assert problem == {
        "path": "decks/bad.yaml",
        "line": 6,
        "column": 1,
        "severity": "error",
        "code": "duplicate-key",
        "message": "'speaker' is given twice in this mapping; the first is on line 2",
        "hint": "keep one of them",
        "related": ["decks/bad.yaml:2:1"],
    }


def test_a_list_where_a_mapping_belongs(talkkit, workspace):
    write(
        workspace / "decks/bad.yaml",
        "extends: standard/high-school-45\nevent:\n  - Test event\n  - 2027-03-12\n",
    )
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:1:1: warning speaker-missing the outline names no speaker; add `speaker:` "
        "with the name of who gives the talk; the title slide and handout show it",
        "decks/bad.yaml:3:3: error wrong-type 'event' should be a mapping (key: value lines), not a list",
    ]


def test_a_whole_outline_that_is_a_list(talkkit, workspace):
    write(workspace / "decks/bad.yaml", "- title: x\n- audience: y\n")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:1:1: error wrong-type an outline is a mapping of fields "
        "(title:, audience:, slides: ...), not a list or a single value"
    ]


def test_unknown_fields_with_did_you_mean(talkkit, workspace):
    write(
        workspace / "decks/bad.yaml",
        EVENT + "  venu: Gym\ntittle: Hope\nchange:\n  welcome:\n    subtitel: Hi\n",
    )
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:6:3: error unknown-field unknown field 'venu'; did you mean 'venue'?",
        "decks/bad.yaml:7:1: error unknown-field unknown field 'tittle'; did you mean 'title'?",
        "decks/bad.yaml:10:5: error unknown-field unknown field 'subtitel'; did you mean 'subtitle'?",
    ]


def test_unknown_slide_kind_and_missing_field(talkkit, workspace):
    write(
        workspace / "decks/bad.yaml",
        EVENT
        + "add:\n  - kind: storry\n    story: jo-eun\n  - kind: facts\n    facts: [population]\n",
    )
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:7:5: error unknown-kind unknown slide kind 'storry'; did you mean 'story'?",
        "decks/bad.yaml:9:5: error missing-field a facts slide needs 'title'",
    ]


def test_unknown_ids_name_the_closest(talkkit, workspace):
    write(
        workspace / "decks/bad.yaml",
        EVENT
        + """\
add:
  - kind: story
    story: jo-eunn
    excerpts: [born-by-the-tumen]
  - kind: story
    story: jo-eun
    excerpts: [born-by-the-tumen, matching-watch]
  - kind: facts
    title: Facts
    facts: [population, prison-camp]
  - kind: actions
    actions: [donat]
  - kind: image
    image: river-at-dusk
""",
    )
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:8:12: error unknown-story no story 'jo-eunn' in the library; did you mean 'jo-eun'?",
        "decks/bad.yaml:12:35: error unknown-excerpt story 'jo-eun' has no excerpt 'matching-watch'; "
        "did you mean 'matching-watches'?",
        "decks/bad.yaml:15:25: error unknown-fact no fact 'prison-camp' in content/facts.yaml; "
        "did you mean 'prison-camps'?",
        "decks/bad.yaml:17:15: error unknown-action no action 'donat' in content/actions.yaml; "
        "did you mean 'donate'?",
        "decks/bad.yaml:19:12: error unknown-asset no image 'river-at-dusk' in assets/assets.yaml; "
        "did you mean 'river-at-dawn'?",
    ]


def test_extends_cycle(talkkit, workspace):
    write(workspace / "decks/a.yaml", "extends: b\n")
    write(workspace / "decks/b.yaml", "extends: c\n")
    write(workspace / "decks/c.yaml", "title: C\nextends: a\n")
    assert check(talkkit, workspace, "decks/a.yaml").lines == [
        "decks/c.yaml:2:10: error extends-cycle outlines extend each other in a circle: "
        "a -> b -> c -> a; one of them must not extend the other"
    ]


def test_extends_itself(talkkit, workspace):
    write(workspace / "decks/a.yaml", "title: A\nextends: a\n")
    assert check(talkkit, workspace, "decks/a.yaml").lines == [
        "decks/a.yaml:2:10: error extends-cycle outlines extend each other in a circle: "
        "a -> a; one of them must not extend the other"
    ]


def test_extends_a_missing_parent(talkkit, workspace):
    write(workspace / "decks/bad.yaml", EVENT.replace("high-school-45", "high-school-40"))
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:1:10: error extends-missing no outline 'standard/high-school-40' to extend "
        "(looked for decks/standard/high-school-40.yaml); did you mean 'standard/high-school-45'?"
    ]


@pytest.mark.parametrize("parent", ["../talkkit", "/etc/passwd", "standard/../../content/facts"])
def test_extends_outside_the_workspace(talkkit, workspace, parent):
    write(workspace / "decks/bad.yaml", f"extends: {parent}\n")
    [line] = check(talkkit, workspace, "decks/bad.yaml").lines
    assert line == (
        f"decks/bad.yaml:1:10: error extends-outside '{parent}' is outside the workspace's decks/ "
        "folder; extend a talk of decks/, like standard/high-school-45"
    )


def test_errors_in_the_parent_are_reported_in_the_parent(talkkit, workspace):
    standard = workspace / "decks/standard/high-school-45.yaml"
    standard.write_text(standard.read_text().replace("story: jo-eun\n", "story: jo-eun-x\n"))
    result = check(talkkit, workspace, "decks/lincoln-high-2027-03.yaml")
    assert result.status == 1
    assert all(line.startswith("decks/standard/high-school-45.yaml:") for line in result.lines)
    assert "error unknown-story no story 'jo-eun-x' in the library" in result.out


def test_empty_file(talkkit, workspace):
    write(workspace / "decks/bad.yaml", "")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:1:1: error file-empty the file is empty; see docs/ for a sample"
    ]


def test_binary_file(talkkit, workspace):
    (workspace / "decks/bad.yaml").write_bytes(b"PK\x03\x04\x14\x00\x00\x00")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:1:6: error file-binary this looks like a binary file, not YAML text; "
        "save it as plain text (UTF-8)"
    ]


def test_non_utf8_file(talkkit, workspace):
    (workspace / "decks/bad.yaml").write_bytes(EVENT.encode() + "  venue: Café\n".encode("latin-1"))
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:6:13: error file-encoding the file is not UTF-8 text (byte 0xe9 here); "
        "save it as UTF-8 in your editor"
    ]


def test_alias_bomb(talkkit, workspace):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 10) + "]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    write(workspace / "decks/bad.yaml", "\n".join(lines) + "\n")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:2:8: error yaml-alias aliases (*name) are not allowed in talkkit files; "
        "write the value out, or use `extends` to reuse an outline"
    ]


def test_deep_nesting(talkkit, workspace):
    write(workspace / "decks/bad.yaml", "title: " + "{a: " * 100 + "x" + "}" * 100 + "\n")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        "decks/bad.yaml:1:129: error yaml-too-deep nested more than 32 levels deep; "
        "talkkit files need only a few levels; check the indentation"
    ]


def test_file_too_large(talkkit, workspace):
    path = write(workspace / "decks/bad.yaml", EVENT + "# " + "-" * 1_100_000 + "\n")
    assert check(talkkit, workspace, "decks/bad.yaml").lines == [
        f"decks/bad.yaml:1:1: error file-too-large the file is {path.stat().st_size:,} bytes; talkkit reads "
        "files of up to 1,048,576; is this the right file?"
    ]


def test_booleans_stay_text_in_text_fields(workspace, monkeypatch):
    from talkkit.load.workspace import Workspace
    from talkkit.session import Session

    write(
        workspace / "decks/no.yaml", EVENT + "title: NO\nchange:\n  welcome:\n    subtitle: yes\n"
    )
    talk, problems = Session(Workspace.at(workspace)).talk(workspace / "decks/no.yaml")
    assert [p for p in problems if p.severity == "error"] == []
    assert talk.title == "NO"
    assert talk.slides[0].slide.subtitle == "yes"


def test_a_number_where_text_belongs_stays_as_written(workspace):
    from talkkit.load.workspace import Workspace
    from talkkit.session import Session

    write(
        workspace / "decks/n.yaml", EVENT + "title: 1984\nchange:\n  welcome:\n    subtitle: 007\n"
    )
    talk, _ = Session(Workspace.at(workspace)).talk(workspace / "decks/n.yaml")
    assert (talk.title, talk.slides[0].slide.subtitle) == ("1984", "007")


def test_true_in_a_yes_no_field_is_understood(workspace):
    from talkkit.load.workspace import Workspace
    from talkkit.session import Session

    write(workspace / "decks/r.yaml", EVENT + "  recorded: yes\n")
    talk, _ = Session(Workspace.at(workspace)).talk(workspace / "decks/r.yaml")
    assert talk.event.recorded is True


def test_windows_editor_file(talkkit, workspace):
    text = "\ufeff" + EVENT.replace("\n", "\r\n")
    (workspace / "decks/win.yaml").write_bytes(text.encode("utf-8"))
    result = check(talkkit, workspace, "decks/win.yaml")
    assert (result.status, result.out) == (0, "")


def test_every_problem_in_one_run_sorted_by_place(talkkit, workspace):
    write(workspace / "decks/one.yaml", EVENT + "tittle: x\n")
    write(workspace / "decks/two.yaml", EVENT + "minutes: many\n")
    result = check(talkkit, workspace, "decks/")
    assert result.status == 1
    assert result.lines == [
        "decks/one.yaml:6:1: error unknown-field unknown field 'tittle'; did you mean 'title'?",
        "decks/two.yaml:6:10: error invalid-value 'minutes' should be a whole number, not 'many'",
    ]
    assert result.err == "2 errors, 0 warnings in decks\n"


def test_warnings_and_strict(talkkit, workspace):
    write(workspace / "decks/w.yaml", "extends: standard/high-school-45\n")
    result = check(talkkit, workspace, "decks/w.yaml")
    assert result.status == 0
    assert result.lines == [
        "decks/w.yaml:1:1: warning event-incomplete the event has no name and no date; "
        "the handout prints the event's name and date; add them under `event:`",
        "decks/w.yaml:1:1: warning speaker-missing the outline names no speaker; add `speaker:` "
        "with the name of who gives the talk; the title slide and handout show it",
    ]
    assert check(talkkit, workspace, "decks/w.yaml", extra=("--strict",)).status == 1


def test_usage_problems_exit_2(talkkit, workspace, tmp_path):
    assert check(talkkit, workspace, "decks/no-such-file.yaml").status == 2
    assert check(talkkit, workspace, extra=("--format", "xml")).status == 2
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = talkkit("check", cwd=outside)
    assert result.status == 2
    assert result.err.startswith("talkkit: no talkkit.yaml in ")


def test_the_workspace_is_found_from_a_subfolder(talkkit, workspace):
    result = talkkit("check", "standard/middle-school-30.yaml", cwd=workspace / "decks")
    assert (result.status, result.err) == (0, "no problems in standard/middle-school-30.yaml\n")


def test_workspace_option(talkkit, workspace, tmp_path):
    write(workspace / "decks/bad.yaml", EVENT + "tittle: x\n")
    result = talkkit("--workspace", str(workspace), "check", cwd=tmp_path)
    assert result.status == 1
    assert result.lines == [
        "ws/decks/bad.yaml:6:1: error unknown-field unknown field 'tittle'; did you mean 'title'?"
    ]


def test_library_errors_are_located(talkkit, workspace):
    story = workspace / "content/stories/hyo-jin.yaml"
    story.write_text(
        story.read_text().replace("audience: middle-school", "audience: middle-scool", 1)
    )
    facts = workspace / "content/facts.yaml"
    facts.write_text(facts.read_text().replace("source: link-report", "source: link-reprt", 1))
    result = check(talkkit, workspace, "content/")
    assert result.status == 1
    codes = [line.split(" ")[2] for line in result.lines]
    assert codes == ["unknown-source", "unknown-audience"]
    assert "did you mean 'middle-school'?" in result.lines[1]
    assert result.lines[1].startswith("content/stories/hyo-jin.yaml:")


def test_a_broken_story_is_reported_where_it_is_used(talkkit, workspace):
    story = workspace / "content/stories/jo-eun.yaml"
    story.write_text(story.read_text().replace("identity: named", "identity: famous", 1))
    result = check(talkkit, workspace, "decks/lincoln-high-2027-03.yaml")
    assert result.status == 1
    assert any(
        "error library-broken story 'jo-eun' cannot be used: content/stories/jo-eun.yaml has errors"
        in line
        for line in result.lines
    )
    assert any(
        line.startswith("content/stories/jo-eun.yaml:") and "'identity' cannot be 'famous'" in line
        for line in result.lines
    )


def test_today_is_a_parameter_and_a_bad_day_is_said_plainly(workspace, talkkit):
    result = talkkit("--today", "2027-13-01", "check", cwd=workspace)
    assert result.status == 2
    assert result.err.endswith(
        "Error: Invalid value for '--today': '2027-13-01' is not a date like 2027-03-12\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "event:\n  name: Assembly\n   venue: Main hall\n  city: Springfield\n",
            "decks/bad.yaml:4:4: error yaml-syntax line 4 is out of line: it starts 3 spaces in, "
            "where the lines it belongs with start 2 spaces in; line it up with line 3 (name: "
            "Assembly):   venue: Main hall",
        ),
        (
            "event:\n  name: Assembly\n venue: Main hall\n  city: Springfield\n",
            "decks/bad.yaml:4:2: error yaml-syntax line 4 is out of line: it starts 1 space in, "
            "where the lines it belongs with start 2 spaces in; line it up with line 3 (name: "
            "Assembly):   venue: Main hall",
        ),
        (
            "speaker: Sam\n theme: default\n",
            "decks/bad.yaml:3:2: error yaml-syntax line 3 is out of line: it starts 1 space in, "
            "where the lines it belongs with start 0 spaces in; line it up with line 2 (speaker: "
            "Sam): theme: default",
        ),
    ],
)
def test_a_mis_indented_line_is_named_with_how_it_should_look(talkkit, workspace, text, expected):
    write(workspace / "decks/bad.yaml", "extends: standard/high-school-45\n" + text)
    result = check(talkkit, workspace, "decks/bad.yaml")
    assert result.status == 1
    assert result.lines == [expected]
    for parser_word in ("YAML", "mapping", "key", "block"):
        assert parser_word not in expected
