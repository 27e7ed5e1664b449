"""Typesetting in a child process: the result or the error comes back, and the process that
asked does not grow with the talks it typesets."""

from __future__ import annotations

import os
import threading

import pytest

from talkkit.errors import DoesNotFit, RenderError
from talkkit.render.typst import FORKS, apart

pytestmark = pytest.mark.skipif(not FORKS, reason="typesetting runs in-process here")


@apart
def _where() -> int:
    return os.getpid()


@apart
def _refuse(message: str) -> bytes:
    raise DoesNotFit(message)


@apart
def _stop() -> bytes:
    os._exit(3)


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    assert _where() != os.getpid()


def test_what_the_work_raises_is_raised_here_with_its_words():
    with pytest.raises(DoesNotFit, match="the back holds 3 of 5 facts"):
        _refuse("the back holds 3 of 5 facts")


def test_a_child_that_dies_is_a_plain_error():
    with pytest.raises(RenderError, match="typesetting stopped before it finished"):
        _stop()


def test_with_other_threads_running_the_work_runs_here():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _where() == os.getpid()
    finally:
        stop.set()
        other.join()


def _resident_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_typesetting_talk_after_talk_does_not_grow_this_process(workspace):
    from talkkit.load.workspace import Workspace
    from talkkit.render.handout import render_handout
    from talkkit.render.notes import render_notes
    from talkkit.session import Session

    session = Session(Workspace.at(workspace))
    talks = []
    for n in range(6):
        outline = workspace / "decks" / f"event-{n}.yaml"
        outline.write_text(
            f"extends: standard/community-60\nspeaker: Speaker {n}\nevent:\n"
            f"  name: Event {n}\n  date: 2027-05-0{n + 1}\n  venue: Hall {n}\n",
            encoding="utf-8",
        )
        talk, problems = session.talk(outline)
        assert talk is not None, [p.format() for p in problems]
        talks.append(talk)
    render_handout(talks[0], paper="letter")
    before = _resident_kb()
    for talk in talks:
        render_handout(talk, paper="letter")
        render_notes(talk, paper="letter")
    # in-process, each talk's two compiles would add about 20 MB
    assert _resident_kb() - before < 15_000
