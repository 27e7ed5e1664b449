"""Watching: a change to an input is seen; a change to an output or a temporary file is not."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

from talkkit.commands.watch import watch_inputs
from talkkit.load.workspace import Workspace


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


def test_talkkit_watch_builds_again_after_a_change_and_stops_cleanly(workspace):
    outline = workspace / "decks/lincoln-high-2027-03.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "talkkit", "watch", str(outline), "--only", "deck"],
        cwd=workspace,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    )
    reader.start()
    seen: list[str] = []

    def until(text: str, poke=None) -> None:
        deadline = time.monotonic() + 60
        next_poke = time.monotonic()
        while time.monotonic() < deadline:
            if poke is not None and time.monotonic() >= next_poke:
                poke()
                next_poke = time.monotonic() + 5
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return
        raise AssertionError("never saw " + repr(text) + " in:\n" + "".join(seen))

    try:
        until("watching for changes")
        speakers = iter(["Alex Kim", "Pat Doe", "Jo Park", "Lee Chen", "Sam Ortiz"] * 3)

        def edit() -> None:  # again until seen: the watcher starts just after it says so
            text = outline.read_text()
            outline.write_text(re.sub(r"speaker: .*", f"speaker: {next(speakers)}", text))

        until("checking decks/lincoln-high-2027-03.yaml", poke=edit)
        until("wrote build/lincoln-high-2027-03.pptx")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        until("stopped watching")
    finally:
        process.kill()
        process.wait()
        reader.join(timeout=10)
        process.stdout.close()
    output = "".join(seen)
    assert output.count("wrote build/lincoln-high-2027-03.pptx") >= 2
    assert "Traceback" not in output
