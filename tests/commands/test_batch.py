"""Many talks built side by side: each worker checks one talk and builds it, and the batch
writes and prints what building them one at a time does."""

from __future__ import annotations

import subprocess
import sys

EVENTS = ["decks/lincoln-high-2027-03.yaml", "decks/riverside-library-2027-04.yaml"]


def more_events(workspace, count: int) -> list[str]:
    """Events of the standard talks, as the request form makes them."""
    made = []
    for n in range(count):
        path = workspace / "decks" / f"extra-{n}.yaml"
        standard = ["middle-school-30", "community-60"][n % 2]
        path.write_text(
            f"extends: standard/{standard}\nspeaker: Speaker {n}\nevent:\n"
            f"  name: Extra event {n}\n  date: 2027-05-0{n + 1}\n  venue: Hall {n}\n"
            "  city: Springfield\n",
            encoding="utf-8",
        )
        made.append(f"decks/extra-{n}.yaml")
    return made


def build(workspace, *args: str) -> subprocess.CompletedProcess:
    """`talkkit build` in a fresh process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "talkkit", "--today", "2027-01-15", "build", *args],
        cwd=workspace,
        capture_output=True,
        text=True,
    )


def outputs(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_a_fresh_command_line_process_can_fork_its_workers(workspace):
    found = subprocess.run(
        [sys.executable, "-c", "from talkkit.commands.workers import can_fork; print(can_fork())"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "True"


def test_side_by_side_writes_and_prints_what_one_at_a_time_does(workspace):
    events = EVENTS + more_events(workspace, 3)
    apart = build(workspace, *events, "-o", "apart", "--jobs", "2")
    alone = build(workspace, *events, "-o", "alone", "--jobs", "1")
    assert (apart.returncode, alone.returncode) == (0, 0), apart.stderr + alone.stderr
    assert outputs(workspace / "apart") == outputs(workspace / "alone")
    assert len(outputs(workspace / "apart")) == 3 * len(events)
    # in the order the outlines were given, each talk's outputs together
    assert apart.stdout.splitlines()[-3:] == [
        "wrote apart/extra-2.pptx",
        "wrote apart/extra-2-handout.pdf",
        "wrote apart/extra-2-notes.pdf",
    ]
    assert sorted(apart.stdout.replace("apart/", "").splitlines()) == sorted(
        alone.stdout.replace("alone/", "").splitlines()
    )
    assert apart.stderr == alone.stderr


def test_a_broken_talk_in_a_batch_leaves_the_others_built(workspace):
    events = EVENTS + more_events(workspace, 2)
    broken = workspace / "decks/extra-0.yaml"
    broken.write_text(broken.read_text().replace("speaker:", "speker:"), encoding="utf-8")
    result = build(workspace, *events, "-o", "out", "--jobs", "2")
    assert result.returncode == 1
    assert "decks/extra-0.yaml:2:1: error" in result.stdout
    assert result.stderr.endswith(
        "talkkit: 3 of 4 talks built; not built: decks/extra-0.yaml (errors above)\n"
    )
    assert not [name for name in outputs(workspace / "out") if name.startswith("extra-0")]
    assert len(outputs(workspace / "out")) == 9

    again = build(workspace, *events, "-o", "out", "--jobs", "2")
    assert "9 outputs up to date in out (--force rebuilds them)" in again.stderr
    assert [line for line in again.stdout.splitlines() if line.startswith("wrote")] == []


AHEAD = """
import sys
from pathlib import Path
from talkkit.commands.build import Ahead
from talkkit.load.workspace import Workspace
from talkkit.session import Session

project = Session(Workspace.at(Path(".")))
path = Path(sys.argv[1]).resolve()
ahead = Ahead.start(
    project, [path], Path("out"), kinds=["deck", "handout", "notes"], paper=None, force=True,
    workers=2,
)
print(sorted(name for _, name in ahead.started))
print(len(ahead.take(path, path.stem + ".pptx")) > 0)
ahead.stop()
"""


def test_a_talk_s_outputs_are_started_while_its_check_runs(workspace):
    found = subprocess.run(
        [sys.executable, "-c", AHEAD, EVENTS[0]],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
    )
    # the handout is the one the check typesets
    assert found.stdout.splitlines() == [
        "['lincoln-high-2027-03-notes.pdf', 'lincoln-high-2027-03.pptx']",
        "True",
    ]


def test_one_talk_made_alongside_its_check_is_what_one_process_makes(workspace):
    apart = build(workspace, EVENTS[0], "-o", "apart", "--jobs", "2")
    alone = build(workspace, EVENTS[0], "-o", "alone", "--jobs", "1")
    assert (apart.returncode, alone.returncode) == (0, 0), apart.stderr + alone.stderr
    assert outputs(workspace / "apart") == outputs(workspace / "alone")
    assert len(outputs(workspace / "apart")) == 3
    assert apart.stderr == alone.stderr


def test_what_was_made_alongside_a_failing_check_is_never_written(workspace):
    assert build(workspace, EVENTS[0], "-o", "out", "--jobs", "2").returncode == 0
    before = outputs(workspace / "out")
    # the talk resolves, so its outputs are started; its check finds a withheld name
    outline = workspace / EVENTS[0]
    outline.write_text(
        outline.read_text().replace("speaker: Sam Rivera", "speaker: Jihyun Kang"), encoding="utf-8"
    )
    failed = build(workspace, EVENTS[0], "-o", "out", "--jobs", "2", "--force")
    assert failed.returncode == 1
    assert "withheld-name" in failed.stdout
    assert "nothing was built; fix the errors above first" in failed.stderr
    assert outputs(workspace / "out") == before
