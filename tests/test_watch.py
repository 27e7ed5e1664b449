"""Watching: a change to an input is seen; a change to an output or a temporary file is not."""

from __future__ import annotations

import threading
import time

from talkkit.watch import watch_inputs
from talkkit.workspace import Workspace


def changes_after(workspace, touch) -> set:
    stop = threading.Event()
    seen: list[set] = []

    def edit() -> None:
        time.sleep(0.5)
        touch()
        time.sleep(1.5)
        stop.set()

    threading.Thread(target=edit, daemon=True).start()
    for changed in watch_inputs(
        Workspace.at(workspace), ignore=workspace / "build", stop_event=stop
    ):
        seen.append({p.relative_to(workspace.resolve()).as_posix() for p in changed})
    return set().union(*seen)


def test_a_changed_story_is_seen(workspace):
    story = workspace / "content/stories/jo-eun.yaml"
    changed = changes_after(workspace, lambda: story.write_text(story.read_text() + "\n"))
    assert changed == {"content/stories/jo-eun.yaml"}


def test_outputs_and_temporary_files_are_not_inputs(workspace):
    (workspace / "build").mkdir()

    def touch() -> None:
        (workspace / "build/x.pptx").write_bytes(b"x")
        (workspace / "decks/.x.yaml.swp").write_bytes(b"x")
        (workspace / "decks/.lincoln.yaml.123.tmp").write_bytes(b"x")
        (workspace / "talkkit.yaml").write_text((workspace / "talkkit.yaml").read_text())

    assert changes_after(workspace, touch) == {"talkkit.yaml"}
