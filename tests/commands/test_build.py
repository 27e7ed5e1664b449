"""`talkkit build`: atomic writes, nothing outside the output folder, skipping what is unchanged."""

from __future__ import annotations

import pytest

import talkkit.commands.build as build_module
from talkkit.errors import RenderError
from talkkit.output import OutputError, target, write_outputs

EVENTS = ("lincoln-high-2027-03", "riverside-library-2027-04")


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_failed_build_leaves_earlier_outputs_untouched(talkkit, workspace, monkeypatch):
    assert talkkit("build", "--only", "deck", "--jobs", "1", cwd=workspace).status == 0
    before = files(workspace / "build")
    real = build_module.render

    def render(talk, kind, *, paper=None):
        if talk.name == EVENTS[0]:
            raise RenderError("assets/images/x.png is not an image talkkit can place")
        return real(talk, kind, paper=paper)

    monkeypatch.setattr(build_module, "render", render)
    result = talkkit("build", "--only", "deck", "--jobs", "1", "--force", cwd=workspace)
    assert result.status == 1
    assert (
        "talkkit: decks/lincoln-high-2027-03.yaml: assets/images/x.png is not an image talkkit "
        "can place" in result.err
    )
    assert result.err.endswith(
        "talkkit: 1 of 2 talks built; not built: decks/lincoln-high-2027-03.yaml (could not be "
        "made); earlier outputs were left as they were\n"
    )
    assert result.lines == ["wrote build/riverside-library-2027-04.pptx"]
    after = files(workspace / "build")
    assert after[f"{EVENTS[0]}.pptx"] == before[f"{EVENTS[0]}.pptx"]
    assert not [name for name in after if name.endswith(".tmp")]


def test_writes_are_all_or_none(tmp_path, monkeypatch):
    write_outputs(tmp_path, {"a.pdf": b"old a", "b.pdf": b"old b"})
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("talkkit.output.os.fsync", failing_fsync)
    with pytest.raises(OSError):
        write_outputs(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"})
    assert files(tmp_path) == {"a.pdf": b"old a", "b.pdf": b"old b"}


@pytest.mark.parametrize(
    "name", ["../outside.pptx", "/tmp/outside.pptx", "sub/../../outside.pptx", "."]
)
def test_nothing_is_written_outside_the_output_folder(tmp_path, name):
    folder = tmp_path / "out"
    with pytest.raises(OutputError):
        target(folder, name)
    with pytest.raises(OutputError):
        write_outputs(folder, {"fine.pptx": b"x", name: b"x"})
    assert not (tmp_path / "outside.pptx").exists()
    assert not (folder / "fine.pptx").exists()


def test_unchanged_outputs_are_skipped_until_an_input_changes(talkkit, workspace):
    first = talkkit("build", "--only", "deck", cwd=workspace)
    assert sorted(first.lines) == [f"wrote build/{name}.pptx" for name in EVENTS]
    again = talkkit("build", "--only", "deck", cwd=workspace)
    assert (again.status, again.lines) == (0, [])
    assert "2 outputs up to date in build (--force rebuilds them)" in again.err

    # a fact no talk shows changes nothing
    facts = workspace / "content/facts.yaml"
    facts.write_text(
        facts.read_text().replace(
            "have been purged and persecuted in", "have been purged and  persecuted in"
        )
    )
    assert talkkit("build", "--only", "deck", cwd=workspace).lines == []

    # a story only the community talk uses rebuilds only that event
    story = workspace / "content/stories/hyo-jin.yaml"
    story.write_text(story.read_text().replace("title: ", "title: Retitled ", 1))
    used = talkkit("build", "--only", "deck", cwd=workspace)
    assert used.lines == ["wrote build/riverside-library-2027-04.pptx"]

    # the template rebuilds everything that uses it
    (workspace / "templates/default/theme.yaml").write_text(
        (workspace / "templates/default/theme.yaml").read_text() + "\n"
    )
    assert len(talkkit("build", "--only", "deck", cwd=workspace).lines) == 2

    forced = talkkit("build", "--only", "deck", "--force", cwd=workspace)
    assert len(forced.lines) == 2


def test_a_deleted_output_is_built_again(talkkit, workspace):
    talkkit("build", "--only", "deck", cwd=workspace)
    (workspace / f"build/{EVENTS[1]}.pptx").unlink()
    assert talkkit("build", "--only", "deck", cwd=workspace).lines == [
        f"wrote build/{EVENTS[1]}.pptx"
    ]


def test_parallel_builds_make_the_same_files(talkkit, workspace):
    assert talkkit("build", "--only", "deck", "--jobs", "2", "-o", "par", cwd=workspace).status == 0
    assert talkkit("build", "--only", "deck", "--jobs", "1", "-o", "ser", cwd=workspace).status == 0
    parallel, serial = files(workspace / "par"), files(workspace / "ser")
    assert {k: v for k, v in parallel.items() if k.endswith(".pptx")} == {
        k: v for k, v in serial.items() if k.endswith(".pptx")
    }


def test_the_build_writes_the_handout_its_check_typeset(talkkit, workspace, monkeypatch):
    import talkkit.render.handout as handout_module

    typeset = []
    real = handout_module.render_handout

    def counted(talk, **kwargs):
        typeset.append(talk.name)
        return real(talk, **kwargs)

    monkeypatch.setattr(handout_module, "render_handout", counted)
    event = f"decks/{EVENTS[0]}.yaml"
    build = ("build", event, "--only", "handout", "--jobs", "1")
    assert talkkit(*build, "-o", "first", cwd=workspace).status == 0
    assert typeset == [EVENTS[0]]
    handout = f"{EVENTS[0]}-handout.pdf"
    first = (workspace / "first" / handout).read_bytes()

    # kept in the cache by everything it is made from: not typeset again, the same bytes
    assert talkkit(*build, "-o", "again", "--force", cwd=workspace).status == 0
    assert typeset == [EVENTS[0]]
    assert (workspace / "again" / handout).read_bytes() == first

    # a build without any cache prints the same bytes
    import shutil

    shutil.rmtree(workspace / ".talkkit-cache")
    assert talkkit(*build, "-o", "uncached", cwd=workspace).status == 0
    assert typeset == [EVENTS[0]] * 2
    assert (workspace / "uncached" / handout).read_bytes() == first

    # a changed input typesets it again
    outline = workspace / event
    outline.write_text(outline.read_text().replace("venue: ", "venue: The New ", 1))
    assert talkkit(*build, "-o", "changed", cwd=workspace).status == 0
    assert typeset == [EVENTS[0]] * 3
    assert (workspace / "changed" / handout).read_bytes() != first
