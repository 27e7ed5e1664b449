"""`talkkit build`: render every output of a talk in memory, then write them all.

Builds of many talks run in parallel worker processes; a talk whose inputs
(outline chain, the library entries it uses, its template, assets, talkkit's
version and the build options) are unchanged since the last build is skipped.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.commands.changed import HALF_SHEET, OUTPUT_KINDS, Job, Manifest, plan
from talkkit.commands.ui import Ui, count, report
from talkkit.commands.unchanged import Batch, Recorder, up_to_date
from talkkit.diagnostics import display_path, has_errors, unique_sorted
from talkkit.errors import TalkkitError
from talkkit.output import write_outputs
from talkkit.resolve import Talk

COST = {"notes": 0, "handout-half": 1, "handout": 2, "deck": 3}
"""The order outputs are given to workers in: the slowest to make first."""


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


# --- Building many talks --------------------------------------------------------------------


@dataclass
class Outcome:
    """What became of one job: the files written, or why none were."""

    job: Job
    rendered: dict[str, bytes] | None = None
    paths: list[Path] = field(default_factory=list)
    error: str | None = None


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
    ahead: Ahead | None = None,
) -> list[Outcome]:
    """Render the jobs (in `workers` processes when more than one job), write each talk's outputs.

    A talk that fails to render writes nothing and leaves its earlier outputs;
    the others still build. The manifest records what was written.
    """
    manifest = Manifest(folder)
    outcomes = []
    for outcome in _results(project, jobs, paper, workers, ahead):
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


def _results(
    project, jobs: list[Job], paper: str | None, workers: int, ahead: Ahead | None = None
) -> Iterator[Outcome]:
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
        if made is None and ahead is not None:
            made = ahead.take(job.path, name)
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
    from talkkit.commands.workers import can_fork

    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
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


class Ahead:
    """Outputs made while the check runs, by processes forked before it; written only if it passes.

    A talk's check and its outputs depend on the talk as resolved, not on each
    other, so the outputs are started in processes forked once the talk is
    resolved (see `talkkit.commands.workers.start`), and the check runs
    meanwhile on the run's own core. The handout is the one the check
    typesets. When the check finds an error, what they made is thrown away unseen.
    """

    def __init__(self, started: dict | None = None):
        self.started = started or {}

    @classmethod
    def start(
        cls, project, paths: list[Path], folder: Path, *, kinds, paper, force, workers: int
    ) -> Ahead:
        """Start making each output of `paths` the build would make, when `workers` allows more
        than one process and this one may fork."""
        from talkkit.commands import workers as forked

        if workers <= 1 or not forked.can_fork():
            return cls()
        tasks = []
        for path in paths:
            talk, _ = project.talk(path)
            if talk is None:
                continue
            todo, _ = plan(
                [talk], folder, kinds=kinds, paper=paper, force=force, digests=project.digests
            )
            tasks += [
                (talk, name, kind)
                for job in todo
                for name, (kind, _) in job.outputs.items()
                if kind != "handout" or (paper or talk.paper) != talk.paper
            ]
        tasks.sort(key=lambda task: COST.get(task[2], 1))
        return cls(
            {
                (talk.path, name): forked.start(_render_one, talk, kind, paper)
                for talk, name, kind in tasks[:workers]
            }
        )

    def take(self, path: Path, name: str) -> bytes | str | None:
        """An output made ahead (waiting for it), or None when it was not started."""
        started = self.started.pop((path, name), None)
        return None if started is None else started.result()

    def stop(self) -> None:
        """Stop what is still running, throwing away what was not taken."""
        for started in self.started.values():
            started.stop()
        self.started = {}


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
    kinds = kinds_of(only, half_sheet)
    workers = jobs or default_workers()
    ahead = Ahead.start(
        project, paths, folder, kinds=kinds, paper=paper, force=force, workers=workers
    )
    try:
        return _check_then_build(
            project, ui, paths, folder, checked, kinds, paper, force, workers, batch, ahead
        )
    finally:
        ahead.stop()


def _check_then_build(
    project, ui: Ui, paths, folder, checked, kinds, paper, force, workers, batch, ahead
) -> bool:
    each = project.check_each(paths)
    diagnostics = unique_sorted(d for found in each.values() for d in found)
    checking = Recorder(ui)
    report(checking, diagnostics, output_format="text", strict=False, checked=checked)
    refused = [path for path, found in each.items() if has_errors(found)]
    paths = [path for path in each if path not in refused]
    if not paths:
        ui.err("talkkit: nothing was built; fix the errors above first")
        return False
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

            run(project, todo, folder, paper=paper, workers=workers, on_done=advance, ahead=ahead)
        for outcome in done:
            show(outcome)
    else:
        run(project, todo, folder, paper=paper, workers=workers, on_done=show, ahead=ahead)
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
