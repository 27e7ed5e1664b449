"""A batch built again with nothing changed says what its check said and stops, before
loading the library; any change to an input checks and builds as usual."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checking import replace
from talkkit.commands.unchanged import RECORD

DAY = "2027-01-15"
EVENTS = ["decks/lincoln-high-2027-03.yaml", "decks/riverside-library-2027-04.yaml"]
RUN = """
import sys
from talkkit.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
print("loaded the library:", "pydantic" in sys.modules, file=sys.stderr)
"""


def build(workspace, *args: str, day: str = DAY) -> tuple[str, str]:
    """A `talkkit build` in a fresh process: what it printed, and whether it loaded models."""
    result = subprocess.run(
        [sys.executable, "-c", RUN, "--today", day, "build", "-o", "out", *args],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout, result.stderr


@pytest.fixture
def built(workspace):
    out, err = build(workspace, *EVENTS)
    assert "loaded the library: True" in err
    assert out.count("wrote ") == 6, err
    return workspace, out, err


def test_nothing_changed_prints_what_the_check_said_without_loading_the_library(built):
    workspace, out, err = built
    again_out, again_err = build(workspace, *EVENTS)
    assert again_err.splitlines() == [
        *[line for line in err.splitlines() if not line.startswith("loaded")][:1],
        "6 outputs up to date in out (--force rebuilds them)",
        "loaded the library: False",
    ]
    assert again_out == "".join(line + "\n" for line in out.splitlines() if "wrote" not in line)


@pytest.mark.parametrize(
    ("change", "rebuilt"),
    [
        ("library", 0),  # the facts file: checked again; no fact a talk shows is new
        ("template", 2),  # the handout template: both handouts at least
        ("outline", 3),  # the Lincoln event's own outline: its three outputs
        ("source", 0),  # a source document: the quotes are verified again
        ("day", 0),  # another day: freshness and consent are judged again
        ("asset", 0),  # a file no talk shows
    ],
)
def test_any_change_to_an_input_checks_and_builds_as_usual(built, change, rebuilt):
    workspace, _, _ = built
    day = DAY
    if change == "library":
        facts = workspace / "content/facts.yaml"
        facts.write_text(facts.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")
    elif change == "template":
        text = (workspace / "templates/default/handout.typ").read_text(encoding="utf-8")
        (workspace / "templates/default/handout.typ").write_text(text + "\n", "utf-8")
    elif change == "outline":
        replace(workspace / EVENTS[0], "speaker: Sam Rivera", "speaker: Sam  Rivera")
    elif change == "source":
        folder = workspace / "sources"
        first = sorted(folder.iterdir())[0]
        first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "day":
        day = "2027-01-16"
    else:
        (workspace / "assets" / "unused.txt").write_text("not shown", encoding="utf-8")
    out, err = build(workspace, *EVENTS, day=day)
    assert "loaded the library: True" in err
    assert out.count("wrote ") >= rebuilt
    # and the next build, with nothing changed since, is the quick one again
    assert "loaded the library: False" in build(workspace, *EVENTS, day=day)[1]


def test_a_changed_output_is_built_again(built):
    workspace, _, _ = built
    (workspace / "out" / "lincoln-high-2027-03.pptx").unlink()
    out, err = build(workspace, *EVENTS)
    assert "loaded the library: True" in err
    assert out.count("wrote ") == 1


@pytest.mark.parametrize("damage", ["not json", "[]", '{"inputs": 1, "outputs": {"/etc": 1}}'])
def test_a_damaged_record_is_ignored_and_written_again(built, damage):
    workspace, _, _ = built
    record = workspace / "out" / RECORD
    record.write_text(damage, encoding="utf-8")
    out, err = build(workspace, *EVENTS)
    assert "loaded the library: True" in err
    assert "wrote " not in out
    data = json.loads(record.read_text(encoding="utf-8"))
    assert sorted(data["outputs"]) == sorted(p.name for p in (workspace / "out").glob("[!.]*"))
    assert "loaded the library: False" in build(workspace, *EVENTS)[1]


def test_other_outlines_or_options_are_another_batch(built):
    workspace, _, _ = built
    assert "loaded the library: True" in build(workspace, EVENTS[0])[1]
    assert "loaded the library: True" in build(workspace, *EVENTS, "--only", "deck")[1]


def test_a_batch_with_errors_is_never_taken_as_unchanged(workspace):
    replace(workspace / EVENTS[0], "speaker: Sam Rivera", "speaker: Sam Rivera\nminutes: 0")
    for _ in range(2):
        _, err = build(workspace, *EVENTS)
        assert "loaded the library: True" in err
        assert "not built: decks/lincoln-high-2027-03.yaml" in err
    assert not (workspace / "out" / RECORD).exists()
