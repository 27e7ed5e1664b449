"""A run keeps nothing past itself; a long-lived front end (the page, `watch`) keeps what
its runs read of files that did not change, and reads again whatever did."""

from __future__ import annotations

import os

import pytest

from checking import SAMPLES_CHECKED
from talkkit.load.workspace import Workspace
from talkkit.session import Kept, Session

LINCOLN = "decks/lincoln-high-2027-03.yaml"


def run(workspace, kept: Kept | None) -> Session:
    return Session(Workspace.at(workspace), today=SAMPLES_CHECKED, kept=kept)


def test_runs_without_a_store_read_everything_again(workspace):
    assert run(workspace, None).library is not run(workspace, None).library


def test_what_did_not_change_is_kept_between_runs(workspace):
    kept = Kept()
    first, second = run(workspace, kept), run(workspace, kept)
    assert second.library is first.library
    assert second.config is first.config
    assert second.approvals is first.approvals
    assert second.theme("default")[0] is first.theme("default")[0]


def edit(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "reread"),
    [
        (
            lambda ws: edit(ws / "content/facts.yaml", "25 million people.", "26 million people."),
            "library",
        ),
        (lambda ws: (ws / "content/stories/new.yaml").write_text("id: new\n"), "library"),
        (lambda ws: (ws / "content/stories/hyo-jin.yaml").unlink(), "library"),
        (lambda ws: edit(ws / "talkkit.yaml", "\n", "\n# a comment\n"), "config"),
        (lambda ws: edit(ws / "assets/assets.yaml", "\n", "\n# a comment\n"), "library"),
    ],
    ids=["a fact", "a new story", "a removed story", "the settings", "the images' list"],
)
def test_a_changed_file_is_read_again(workspace, change, reread):
    kept = Kept()
    first = run(workspace, kept)
    before = getattr(first, reread)
    change(workspace)
    assert getattr(run(workspace, kept), reread) is not before


def test_an_edit_of_the_same_size_within_the_same_second_is_seen(workspace):
    kept = Kept()
    facts = workspace / "content/facts.yaml"
    first = run(workspace, kept)
    assert first.library.facts["population"].text.startswith("North Korea is home to 25")
    status = facts.stat()
    edit(facts, "25 million", "35 million")
    os.utime(facts, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert facts.stat().st_size == status.st_size
    later = run(workspace, kept)
    # the file was replaced by a new one, or written in place: either shows in its stamp
    assert later.library.facts["population"].text.startswith("North Korea is home to 35")


def test_a_kept_library_is_checked_as_a_fresh_one_is(workspace):
    kept = Kept()
    before = run(workspace, kept).check([workspace / LINCOLN])
    facts = workspace / "content/facts.yaml"
    text = facts.read_text(encoding="utf-8")
    place = text.index("- id: no-internet")
    facts.write_text(
        text[:place] + text[place:].replace("checked: 2026-11-21", "checked: 2019-11-21", 1),
        encoding="utf-8",
    )
    warm = run(workspace, kept).check([workspace / LINCOLN])
    cold = run(workspace, None).check([workspace / LINCOLN])
    assert [d.format() for d in warm] == [d.format() for d in cold]
    assert [d.format() for d in warm] != [d.format() for d in before]
