"""Many talks at once: each checked and built by a worker process, side by side.

`talkkit build` of many outlines reads the workspace once (settings, library,
approvals, source documents, fonts, themes), then forks its workers, so that
none reads it again. Each worker checks one talk, and, when the check finds no
error, makes the outputs of it that changed: the check and the build of a talk
are one task, on one core, with nothing waiting on the other talks. The first
process writes what each worker made as it arrives (all of a talk's outputs or
none), then prints what the check found, what it wrote and what it left out,
in the order the outlines were given.

Where processes cannot be forked safely (no `fork` on this system, or Typst has
already run in this process), talks are checked here first and built as in
`talkkit.commands.build`.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.commands import build, changed, workers
from talkkit.commands.ui import Ui, report
from talkkit.commands.unchanged import Recorder, up_to_date
from talkkit.diagnostics import Diagnostic, display_path, has_errors, unique_sorted
from talkkit.output import write_outputs


@dataclass
class Made:
    """What a worker made of one outline: the check's findings, then the outputs."""

    path: Path
    found: list[Diagnostic]
    skipped: list[str] = field(default_factory=list)
    """Outputs whose inputs are as at their last build."""
    rendered: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    """Output file name -> (bytes, fingerprint), until written."""
    written: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class _Run:
    """What a worker process serves: the run it was forked from, and what to make."""

    project: object
    folder: Path
    kinds: list[str]
    paper: str | None
    force: bool


def _check_and_make(path: Path) -> Made:
    """In a worker: check one outline, then make those of its outputs that changed."""
    run: _Run = workers.current()
    project = run.project
    found = project.check([path])
    made = Made(path, found)
    if has_errors(found):
        return made
    talk, _ = project.talk(path)
    if talk is None:  # pragma: no cover - the check reports why, as an error
        made.error = "cannot be read"
        return made
    todo, skipped = changed.plan(
        [talk],
        run.folder,
        kinds=run.kinds,
        paper=run.paper,
        force=run.force,
        digests=project.digests,
    )
    made.skipped = [p.name for p in skipped]
    for job in todo:
        for name, (kind, digest) in job.outputs.items():
            result = build.render_for(project, talk, kind, run.paper)
            if isinstance(result, str):
                made.error, made.rendered = result, {}
                return made
            made.rendered[name] = (result, digest)
    return made


def check_and_build(
    project, ui: Ui, paths: list[Path], folder: Path, *, jobs: int | None = None, **options
) -> bool:
    """`talkkit.commands.build.check_and_build` (which takes the same options), each talk
    checked and built by a worker.

    Used for more than one outline when more than one worker may run and
    processes can be forked; otherwise it is that function. Prints the same.
    """
    count = min(jobs or build.default_workers(), len(paths))
    if count <= 1 or not workers.can_fork():
        return build.check_and_build(project, ui, paths, folder, jobs=jobs, **options)
    kinds = build.kinds_of(options.get("only", ()), options.get("half_sheet", False))
    project.preload(paths)
    build.warm(kinds)
    run = _Run(project, folder, kinds, options.get("paper"), options.get("force", False))
    made = _side_by_side(project, ui, paths, run, count)
    return _tell(
        project,
        ui,
        [made[p] for p in paths],
        folder,
        checked=options["checked"],
        batch=options.get("batch"),
    )


def _side_by_side(project, ui: Ui, paths: list[Path], run: _Run, count: int) -> dict:
    """Every outline checked and built by `count` forked workers; outputs written as they come."""
    manifest = changed.Manifest(run.folder)
    made: dict[Path, Made] = {}
    progress = (
        ui.progress(len(paths), "Building") if ui.interactive() else nullcontext(lambda: None)
    )
    with (
        workers.pool(run, count) as pool,
        progress as step,
    ):
        for one in pool.imap_unordered(_check_and_make, paths):
            if one.rendered:
                _write(one, run.folder, manifest)
            made[one.path] = one
            step()
    if any(one.written for one in made.values()):
        manifest.save()
    return made


def _write(made: Made, folder: Path, manifest) -> None:
    """Write all of a talk's outputs or none, and note their fingerprints."""
    try:
        write_outputs(folder, {name: data for name, (data, _) in made.rendered.items()})
    except OSError as exc:
        made.error = f"cannot write into {folder}: {exc.strerror}"
        made.rendered = {}
        return
    for name, (_, digest) in made.rendered.items():
        manifest.entries[name] = digest
    made.written, made.rendered = list(made.rendered), {}


def _tell(project, ui: Ui, made: list[Made], folder: Path, *, checked: str, batch) -> bool:
    """Print what the check found, what was written and what was not; keep the batch's record."""
    checking = Recorder(ui)
    found = unique_sorted(d for one in made for d in one.found)
    report(checking, found, output_format="text", strict=False, checked=checked)
    refused = [one.path for one in made if has_errors(one.found)]
    if len(refused) == len(made):
        ui.err("talkkit: nothing was built; fix the errors above first")
        return False
    skipped = sum(len(one.skipped) for one in made)
    if skipped:
        ui.err(up_to_date(skipped, folder))
    failed = []
    for one in made:
        for name in one.written:
            ui.out(f"wrote {display_path(folder / name)}")
        if one.error:
            failed.append(one.path)
            ui.err(f"talkkit: {display_path(one.path)}: {one.error}")
    passed = len(made) - len(refused)
    built = build.batch_summary(ui, passed, refused, failed)
    if built and batch is not None:
        batch.remember(checking.printed, [n for one in made for n in [*one.skipped, *one.written]])
    return built
