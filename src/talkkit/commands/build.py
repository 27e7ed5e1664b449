"""`talkkit build`: render every output of a talk in memory, then write them all.

Builds of many talks run in parallel worker processes; a talk whose inputs
(outline chain, the library entries it uses, its template, assets, talkkit's
version and the build options) are unchanged since the last build is skipped.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from talkkit import __version__
from talkkit.cache import Digests, file_digest
from talkkit.commands.ui import Ui, count, report
from talkkit.commands.unchanged import Batch, Recorder, up_to_date
from talkkit.diagnostics import display_path, has_errors, unique_sorted
from talkkit.errors import TalkkitError
from talkkit.output import target, write_outputs
from talkkit.resolve import Talk

OUTPUT_KINDS = ("deck", "handout", "notes")
HALF_SHEET = "handout-half"
"""The half-sheet handout (two copies a page, to cut), made only when asked for."""
MANIFEST = ".talkkit-build.json"
COST = {"notes": 0, "handout-half": 1, "handout": 2, "deck": 3}
"""The order outputs are given to workers in: the slowest to make first."""


def output_name(talk: Talk, kind: str) -> str:
    """The file name of one output of a talk: <name>.pptx, <name>-handout.pdf, <name>-notes.pdf."""
    return {
        "deck": f"{talk.name}.pptx",
        "handout": f"{talk.name}-handout.pdf",
        "notes": f"{talk.name}-notes.pdf",
        HALF_SHEET: f"{talk.name}-handout-half.pdf",
    }[kind]


def render(talk: Talk, kind: str, *, paper: str | None = None) -> bytes:
    """The bytes of one output; the renderer is imported only when asked for."""
    if kind == "deck":
        from talkkit.render.deck import render_deck

        return render_deck(talk)
    if kind == "handout":
        from talkkit.render.handout import render_handout

        return render_handout(talk, paper=paper or talk.paper)
    if kind == HALF_SHEET:
        from talkkit.render.handout import render_handout

        return render_handout(talk, paper=paper or talk.paper, half=True)
    if kind == "notes":
        from talkkit.render.notes import render_notes

        return render_notes(talk, paper=paper or talk.paper)
    raise ValueError(f"unknown output kind {kind!r}")


def render_for(project, talk: Talk, kind: str, paper: str | None) -> bytes | str:
    """One output of a talk in a run, or why it cannot be made: the handout on the talk's own
    paper is the one the run's check typeset (see `Session.printed_handout`)."""
    made = _typeset_by_check(project, talk, kind, paper)
    return made if made is not None else _render_one(talk, kind, paper)


def _typeset_by_check(project, talk: Talk, kind: str, paper: str | None) -> bytes | None:
    if kind != "handout" or (paper or talk.paper) != talk.paper:
        return None
    printed = project.printed_handout(talk)
    return printed if isinstance(printed, bytes) else None


def kinds_of(only: Iterable[str], half_sheet: bool) -> list[str]:
    """The outputs a build makes of each talk: those of `only` (all when empty), in order."""
    only = tuple(only)
    kinds = [k for k in OUTPUT_KINDS if not only or k in only]
    if half_sheet and "handout" in kinds:
        kinds.append(HALF_SHEET)
    return kinds


def warm(kinds: Iterable[str]) -> None:
    """Import the renderers of these outputs now, so that later builds (and the worker
    processes they fork) start without loading them again: for `talkkit watch`."""
    kinds = set(kinds)
    if "deck" in kinds:
        import talkkit.render.deck
    if kinds & {"handout", "notes", HALF_SHEET}:
        import typst  # noqa: F401

        import talkkit.render.handout
        import talkkit.render.notes  # noqa: F401


# --- Knowing what changed -------------------------------------------------------------------


def _digest_file(h, path: Path, digests: Digests) -> None:
    h.update(path.name.encode())
    h.update(file_digest(path, digests))


def _digest_folder(h, folder: Path, digests: Digests) -> None:
    if not folder.is_dir():
        h.update(b"no folder")
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(file_digest(path, digests))


def fingerprint(talk: Talk, kind: str, paper: str | None, digests: Digests) -> str:
    """A digest of everything one output of a talk is made from."""
    h = hashlib.sha256()
    # A printed output is decided on the talk's day (the run's, for a talk without a date).
    day = talk.day.isoformat() if kind != "deck" else None
    h.update(json.dumps([__version__, kind, paper or talk.paper, day]).encode())
    workspace = talk.workspace
    for path in talk.chain:
        _digest_file(h, path, digests)
    _digest_file(h, workspace.config_path, digests)
    library = talk.library
    used: list = []
    for story in talk.stories():
        used.append(story)
        _digest_file(h, library.files[f"story:{story.id}"], digests)
    used += talk.facts() + talk.actions()
    sources = {s.source for s in used if getattr(s, "source", None)}
    used += [library.sources[s] for s in sorted(sources) if s in library.sources]
    for slide in talk.slides:
        if slide.asset is not None:
            used.append(slide.asset)
            _digest_file(h, workspace.assets / slide.asset.file, digests)
    h.update(json.dumps([m.model_dump(mode="json") for m in used], sort_keys=True).encode())
    _digest_folder(h, workspace.templates / talk.theme, digests)
    if talk.theme != "default":
        _digest_folder(h, workspace.templates / "default", digests)
    _digest_folder(h, workspace.assets / "fonts", digests)
    return h.hexdigest()


class Manifest:
    """The fingerprints of the outputs in an output folder, from the last build that wrote them."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries: dict[str, str] = dict(data.get("outputs", {}))
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def up_to_date(self, folder: Path, name: str, digest: str) -> bool:
        return self.entries.get(name) == digest and (folder / name).is_file()

    def save(self) -> None:
        text = json.dumps(
            {"talkkit": __version__, "outputs": dict(sorted(self.entries.items()))}, indent=1
        )
        write_outputs(self.path.parent, {MANIFEST: text.encode()})


# --- Building many talks --------------------------------------------------------------------


@dataclass
class Job:
    """One talk to build: which outputs, and the fingerprint each will have."""

    path: Path
    outputs: dict[str, tuple[str, str]]
    """Output file name -> (kind, fingerprint)."""


@dataclass
class Outcome:
    """What became of one job: the files written, or why none were."""

    job: Job
    rendered: dict[str, bytes] | None = None
    paths: list[Path] = field(default_factory=list)
    error: str | None = None


def plan(
    talks: list[Talk],
    folder: Path,
    *,
    kinds: Iterable[str],
    paper: str | None,
    force: bool,
    digests: Digests,
) -> tuple[list[Job], list[Path]]:
    """The jobs to run, and the outputs already up to date (skipped unless `force`)."""
    manifest = Manifest(folder)
    jobs, skipped = [], []
    for talk in talks:
        outputs = {}
        for kind in kinds:
            name = output_name(talk, kind)
            target(folder, name)
            digest = fingerprint(talk, kind, paper, digests)
            if not force and manifest.up_to_date(folder, name, digest):
                skipped.append(folder / name)
            else:
                outputs[name] = (kind, digest)
        if outputs:
            jobs.append(Job(talk.path, outputs))
    return jobs, skipped


TASKS_PER_WORKER = 6
"""Outputs a worker process makes before it is replaced by a fresh one (see `_results`)."""


def _render_one(talk: Talk, kind: str, paper: str | None) -> bytes | str:
    """One output of one talk, or why it cannot be made; run in a worker, it is given the talk."""
    try:
        return render(talk, kind, paper=paper)
    except TalkkitError as exc:
        return str(exc)


def run(
    project,
    jobs: list[Job],
    folder: Path,
    *,
    paper: str | None,
    workers: int,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Render the jobs (in `workers` processes when more than one job), write each talk's outputs.

    A talk that fails to render writes nothing and leaves its earlier outputs;
    the others still build. The manifest records what was written.
    """
    manifest = Manifest(folder)
    outcomes = []
    for outcome in _results(project, jobs, paper, workers):
        if outcome.rendered is not None:
            try:
                outcome.paths = write_outputs(folder, outcome.rendered)
            except OSError as exc:
                outcome.error = f"cannot write into {folder}: {exc.strerror}"
            else:
                for name, (_, digest) in outcome.job.outputs.items():
                    manifest.entries[name] = digest
            outcome.rendered = None
        outcomes.append(outcome)
        on_done(outcome)
    if any(o.paths for o in outcomes):
        manifest.save()
    return outcomes


def _results(project, jobs: list[Job], paper: str | None, workers: int) -> Iterator[Outcome]:
    """Each job's outputs rendered, one outcome a job as soon as all its outputs are in.

    With more than one worker, every output of every talk is a task of its own,
    so even a single talk's deck, handout and notes are made side by side.
    """
    talks = {id(job): project.talk(job.path) for job in jobs}
    tasks = [(job, name, kind) for job in jobs for name, (kind, _) in job.outputs.items()]
    # The longest first (notes run to many pages, the deck is quick), so workers finish together.
    tasks.sort(key=lambda task: COST.get(task[2], 1))
    results: dict[int, dict[str, bytes | str]] = {id(job): {} for job in jobs}

    def finished(job: Job, name: str, result: bytes | str) -> Outcome | None:
        results[id(job)][name] = result
        if len(results[id(job)]) < len(job.outputs):
            return None
        done = results.pop(id(job))
        errors = [r for r in done.values() if isinstance(r, str)]
        if errors:
            return Outcome(job, error=errors[0])
        return Outcome(job, rendered={n: done[n] for n in job.outputs})

    unreadable = {
        id(job): "; ".join(p.format() for p in problems if p.severity == "error")
        or "cannot be read"
        for job in jobs
        for talk, problems in [talks[id(job)]]
        if talk is None
    }
    for job in jobs:
        if id(job) in unreadable:
            yield Outcome(job, error=unreadable[id(job)])
    tasks = [task for task in tasks if id(task[0]) not in unreadable]
    for job, name, kind in list(tasks):
        made = _typeset_by_check(project, talks[id(job)][0], kind, paper)
        if made is not None:
            tasks.remove((job, name, kind))
            outcome = finished(job, name, made)
            if outcome is not None:
                yield outcome
    if workers <= 1 or len(tasks) <= 1:
        for job, name, kind in tasks:
            outcome = finished(job, name, _render_one(talks[id(job)][0], kind, paper))
            if outcome is not None:
                yield outcome
        return
    from talkkit.render.typst import fork_is_safe

    context = (
        multiprocessing.get_context("fork")
        if "fork" in multiprocessing.get_all_start_methods() and fork_is_safe()
        else multiprocessing.get_context("spawn")
    )
    # Typst keeps what it laid out for later compiles; a worker holding many events' pages
    # grows past 200 MB, so the workers are started afresh every TASKS_PER_WORKER outputs each.
    share = TASKS_PER_WORKER * min(workers, len(tasks))
    for first in range(0, len(tasks), share):
        batch = tasks[first : first + share]
        with ProcessPoolExecutor(max_workers=min(workers, len(batch)), mp_context=context) as pool:
            futures = {
                pool.submit(_render_one, talks[id(job)][0], kind, paper): (job, name)
                for job, name, kind in batch
            }
            for future in as_completed(futures):
                job, name = futures[future]
                outcome = finished(job, name, future.result())
                if outcome is not None:
                    yield outcome


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


# --- Checking, then building ---------------------------------------------------------------


def check_and_build(
    project,
    ui: Ui,
    paths: list[Path],
    folder: Path,
    *,
    checked: str,
    only: tuple[str, ...] = (),
    paper: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    half_sheet: bool = False,
    batch: Batch | None = None,
) -> bool:
    """Check the outlines; build what changed of each one without errors; report as it goes.

    One broken outline does not stop the others: every outline that passes is
    built, every one that does not is named in the last line (with its problems
    above). Returns whether every outline was built; when it was, `batch` keeps
    what the check printed and the outputs, for a next build with nothing changed.
    """
    each = project.check_each(paths)
    diagnostics = unique_sorted(d for found in each.values() for d in found)
    checking = Recorder(ui)
    report(checking, diagnostics, output_format="text", strict=False, checked=checked)
    refused = [path for path, found in each.items() if has_errors(found)]
    paths = [path for path in each if path not in refused]
    if not paths:
        ui.err("talkkit: nothing was built; fix the errors above first")
        return False
    kinds = kinds_of(only, half_sheet)
    talks = [project.talk(path)[0] for path in paths]
    todo, skipped = plan(
        talks, folder, kinds=kinds, paper=paper, force=force, digests=project.digests
    )
    if skipped:
        ui.err(up_to_date(len(skipped), folder))
    outputs = [p.name for p in skipped] + [name for job in todo for name in job.outputs]

    def finish(built: bool) -> bool:
        if built and batch is not None:
            batch.remember(checking.printed, outputs)
        return built

    if not todo:
        return finish(batch_summary(ui, len(paths), refused, []))
    workers = jobs or default_workers()
    failed = []

    def show(outcome) -> None:
        for written in outcome.paths:
            ui.out(f"wrote {display_path(written)}")
        if outcome.error:
            failed.append(outcome)
            ui.err(f"talkkit: {display_path(outcome.job.path)}: {outcome.error}")

    if ui.interactive() and len(todo) > 1:
        with ui.progress(len(todo), "Building") as step:
            done = []

            def advance(outcome) -> None:
                done.append(outcome)
                step()

            run(project, todo, folder, paper=paper, workers=workers, on_done=advance)
        for outcome in done:
            show(outcome)
    else:
        run(project, todo, folder, paper=paper, workers=workers, on_done=show)
    return finish(batch_summary(ui, len(paths), refused, [outcome.job.path for outcome in failed]))


def batch_summary(ui: Ui, passed: int, refused: list[Path], failed: list[Path]) -> bool:
    """The last line of a build that left talks out: how many were built, which were not."""
    failed = sorted(set(failed))
    if not refused and not failed:
        return True
    built = passed - len(failed)
    total = passed + len(refused)
    named = [f"{display_path(p)} (errors above)" for p in refused]
    named += [f"{display_path(p)} (could not be made)" for p in failed]
    ui.err(
        f"talkkit: {built} of {count(total, 'talk')} built; not built: {', '.join(named)}"
        + ("; earlier outputs were left as they were" if failed else "")
    )
    return False
