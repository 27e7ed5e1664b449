"""The talkkit command line: thin commands over the workspace, the checks and the renderers.

Renderers (python-pptx, Typst) are imported inside the commands that use
them, so `talkkit --help` and `talkkit check` start quickly.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from pathlib import Path

import click

from talkkit import __version__
from talkkit.diagnostics import Diagnostic, display_path
from talkkit.errors import TalkkitError, UsageError
from talkkit.workspace import Workspace

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class State:
    """What the group's options hand to each command."""

    def __init__(self, workspace: Path | None):
        self.workspace_option = workspace

    def workspace(self) -> Workspace:
        if self.workspace_option is not None:
            return Workspace.at(self.workspace_option)
        return Workspace.find()

    def project(self):
        from talkkit.project import Project

        return Project(self.workspace())


pass_state = click.make_pass_decorator(State)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="talkkit")
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    help="The workspace folder (default: the one holding talkkit.yaml above the current folder).",
)
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None) -> None:
    """Turn talk outlines and the story library into decks, handouts and speaker notes.

    \b
    Start with:
      talkkit check                 check every outline and the library
      talkkit build decks/x.yaml    make the deck, handout and notes of one talk
    """
    ctx.obj = State(workspace)


output_option = click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write into (default: build/ in the workspace).",
)
only_option = click.option(
    "--only",
    type=click.Choice(["deck", "handout", "notes"]),
    multiple=True,
    help="Make only this output (may be given more than once).",
)
paper_option = click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    help="Paper for the handout and notes (default: the outline's, else talkkit.yaml's).",
)


def print_diagnostics(
    diagnostics: list[Diagnostic], *, output_format: str, strict: bool, checked: str
) -> int:
    """Print problems one a line (or as JSON) with a summary; the exit status they call for."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if output_format == "json":
        click.echo(json.dumps([d.as_json() for d in diagnostics], indent=2, ensure_ascii=False))
    else:
        for d in diagnostics:
            click.echo(d.format())
        if errors or warnings:
            click.echo(
                f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {checked}"
                + (" (--strict: warnings count as errors)" if strict and warnings else ""),
                err=True,
            )
        else:
            click.echo(f"no problems in {checked}", err=True)
    failed = errors or (strict and warnings)
    return EXIT_ERRORS if failed else EXIT_OK


def _named(paths: tuple[Path, ...], default: str) -> str:
    """What a command looked at, for its summary line: the paths, or how many when they are many."""
    if not paths:
        return default
    if len(paths) > 3:
        return f"{len(paths)} paths"
    return ", ".join(str(p) for p in paths)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the problems.",
)
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option(
    "--timing",
    is_flag=True,
    help="Print each outline's time plan slide by slide (planned and estimated minutes).",
)
@pass_state
def check(
    state: State, paths: tuple[Path, ...], output_format: str, strict: bool, timing: bool
) -> int:
    """Check outlines (a folder: every outline in it); with no PATH, the whole workspace.

    Prints each problem as PATH:LINE:COL: error|warning CODE message. Exits 0
    when there is no error, 1 when there is, 2 for a usage problem. The codes
    are explained in docs/checks.md.
    """
    if timing and output_format == "json":
        raise UsageError("--timing prints a table; leave out --format json")
    project = state.project()
    diagnostics = project.check(list(paths) or None)
    if timing:
        _print_timing(project, paths)
    checked = _named(paths, "the workspace")
    return print_diagnostics(
        diagnostics, output_format=output_format, strict=strict, checked=checked
    )


@cli.command()
@click.argument("outlines", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option
@only_option
@paper_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    help="Processes to build with (default: the number of cores).",
)
@click.option("--force", is_flag=True, help="Rebuild outputs whose inputs have not changed.")
@click.option(
    "--half-sheet",
    is_flag=True,
    help="Also make <name>-handout-half.pdf: two half-size handouts a page, to cut in two.",
)
@pass_state
def build(
    state: State,
    outlines: tuple[Path, ...],
    output_dir: Path | None,
    only: tuple[str, ...],
    paper: str | None,
    jobs: int | None,
    force: bool,
    half_sheet: bool,
) -> int:
    """Check, then make the deck, handout and notes of each OUTLINE (default: every event in decks/).

    Writes OUTPUT/<name>.pptx, <name>-handout.pdf and <name>-notes.pdf (with
    --half-sheet, <name>-handout-half.pdf too). Errors stop the build before
    anything is written; warnings are printed. Outputs whose inputs are
    unchanged since the last build are skipped. A talk that fails leaves its
    earlier outputs untouched.
    """
    project = state.project()
    paths = [p.resolve() for p in outlines] or project.workspace.event_outlines()
    if not paths:
        raise UsageError("no outlines to build: give an outline, or add one to decks/")
    checked = _named(outlines, "the event outlines of decks/")
    folder = (output_dir if output_dir is not None else project.workspace.root / "build").resolve()
    return check_and_build(
        project,
        paths,
        folder,
        checked=checked,
        only=only,
        paper=paper,
        jobs=jobs,
        force=force,
        half_sheet=half_sheet,
    )


def check_and_build(
    project,
    paths: list[Path],
    folder: Path,
    *,
    checked: str,
    only: tuple[str, ...] = (),
    paper: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    half_sheet: bool = False,
) -> int:
    """Check the outlines; when no error, build what changed; print as it goes; the exit status."""
    from talkkit import build as builder

    diagnostics = project.check(paths)
    if print_diagnostics(diagnostics, output_format="text", strict=False, checked=checked):
        click.echo("talkkit: nothing was built; fix the errors above first", err=True)
        return EXIT_ERRORS
    kinds = [k for k in builder.OUTPUT_KINDS if not only or k in only]
    if half_sheet and "handout" in kinds:
        kinds.append(builder.HALF_SHEET)
    talks = [project.talk(path)[0] for path in paths]
    todo, skipped = builder.plan(talks, folder, kinds=kinds, paper=paper, force=force)
    if skipped:
        click.echo(
            f"{_count(len(skipped), 'output')} up to date in {display_path(folder)} "
            "(--force rebuilds them)",
            err=True,
        )
    if not todo:
        return EXIT_OK
    workers = jobs or builder.default_workers()
    failed = []

    def report(outcome) -> None:
        for written in outcome.paths:
            click.echo(f"wrote {display_path(written)}")
        if outcome.error:
            failed.append(outcome)
            click.echo(f"talkkit: {display_path(outcome.job.path)}: {outcome.error}", err=True)

    if sys.stderr.isatty() and len(todo) > 1:
        with click.progressbar(length=len(todo), label="Building", file=sys.stderr) as bar:
            done = []

            def advance(outcome) -> None:
                done.append(outcome)
                bar.update(1)

            builder.run(project, todo, folder, paper=paper, workers=workers, on_done=advance)
        for outcome in done:
            report(outcome)
    else:
        builder.run(project, todo, folder, paper=paper, workers=workers, on_done=report)
    if failed:
        click.echo(
            f"talkkit: {_count(len(failed), 'talk')} not built; earlier outputs were left as they were",
            err=True,
        )
        return EXIT_ERRORS
    return EXIT_OK


@cli.command()
@click.argument("outline", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option
@only_option
@paper_option
@pass_state
def watch(
    state: State, outline: Path, output_dir: Path | None, only: tuple[str, ...], paper: str | None
) -> int:
    """Check and build OUTLINE, then again whenever it, the library, a template or an asset changes.

    Stop with Ctrl-C.
    """
    from talkkit.watch import watch_inputs

    workspace = state.workspace()
    folder = (output_dir if output_dir is not None else workspace.root / "build").resolve()
    path = outline.resolve()

    def once() -> None:
        from talkkit.project import Project

        click.echo(f"--- {dt.datetime.now():%H:%M:%S} checking {display_path(path)}", err=True)
        check_and_build(
            Project(workspace), [path], folder, checked=display_path(path), only=only, paper=paper
        )

    from talkkit.build import OUTPUT_KINDS, warm

    warm(only or OUTPUT_KINDS)
    try:
        once()
        click.echo("watching for changes (Ctrl-C stops)", err=True)
        for _ in watch_inputs(workspace, ignore=folder):
            once()
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
    return EXIT_OK


@cli.command()
@click.argument("outline", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option
@pass_state
def preview(state: State, outline: Path, output_dir: Path | None) -> int:
    """Draw OUTLINE's slides as PNG images and one contact sheet, through LibreOffice.

    Writes OUTPUT/<name>-preview/slide-01.png ... and contact-sheet.png.
    """
    from talkkit.office import find_soffice

    if find_soffice() is None:
        from talkkit.office import INSTALL_HINT

        click.echo(
            f"talkkit: preview draws slides with LibreOffice, which is not installed; {INSTALL_HINT}",
            err=True,
        )
        return EXIT_ERRORS
    project = state.project()
    path = outline.resolve()
    diagnostics = project.check([path])
    if print_diagnostics(
        diagnostics, output_format="text", strict=False, checked=display_path(path)
    ):
        click.echo("talkkit: no preview; fix the errors above first", err=True)
        return EXIT_ERRORS
    from talkkit.build import render
    from talkkit.preview import preview as draw

    talk, _ = project.talk(path)
    folder = (output_dir if output_dir is not None else project.workspace.root / "build").resolve()
    written = draw(
        render(talk, "deck"), talk.name, folder, fonts=project.workspace.assets / "fonts"
    )
    click.echo(f"wrote {len(written) - 1} slides and {display_path(written[-1])}")
    return EXIT_OK


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@cli.command()
@click.argument("name")
@click.option(
    "--from", "parent", help="The standard talk to start from, e.g. standard/high-school-45."
)
@click.option("--speaker", help="Who gives the talk.")
@click.option("--event", "event_name", help="The event's name.")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="The day of the talk (2027-03-12).")
@click.option("--venue", help="Where, in the building's own words.")
@click.option("--city", help="The city.")
@click.option("--audience", help="The audience, when it differs from the standard talk's.")
@click.option("--minutes", type=click.IntRange(1, 240), help="The length, when it differs.")
@click.option(
    "--recorded/--not-recorded", default=None, help="Whether the talk is filmed or streamed."
)
@click.option("--force", is_flag=True, help="Replace an outline of that name.")
@pass_state
def new(
    state: State,
    name: str,
    parent: str | None,
    speaker: str | None,
    event_name: str | None,
    date,
    venue: str | None,
    city: str | None,
    audience: str | None,
    minutes: int | None,
    recorded: bool | None,
    force: bool,
) -> int:
    """Write decks/NAME.yaml, an event outline that extends a standard talk, and check it.

    At a terminal, asks for what the options leave out.
    """
    from talkkit.new import EventDetails, outline_text, parent_path, slugify, standard_talks

    project = state.project()
    workspace = project.workspace
    slug = slugify(name)
    if not slug:
        raise UsageError(f"'{name}' gives no usable file name; use letters and digits")
    path = workspace.decks / f"{slug}.yaml"
    if path.exists() and not force:
        raise UsageError(
            f"{display_path(path)} exists already; choose another name or give --force"
        )
    ask = _interactive()
    if parent is None:
        talks = standard_talks(workspace)
        if not ask:
            raise UsageError(
                "say which talk to start from with --from; standard talks: " + ", ".join(talks)
            )
        parent = click.prompt("Start from which standard talk", type=click.Choice(talks))
    parent_file = parent_path(workspace, parent)
    if (
        audience is not None
        and project.config is not None
        and audience not in project.config.audiences
    ):
        raise UsageError(
            f"no audience '{audience}' in talkkit.yaml; audiences: "
            + ", ".join(project.config.audiences)
        )

    def value(current, prompt, **kw):
        if current is not None or not ask:
            return current
        answer = click.prompt(
            f"{prompt} (Enter to leave out)", default="", show_default=False, **kw
        )
        return answer or None

    speaker = value(speaker, "Speaker")
    event_name = value(event_name, "Event name")
    day = date.date() if date else None
    while day is None and ask:
        answer = click.prompt(
            "Date, like 2027-03-12 (Enter to leave out)", default="", show_default=False
        )
        if not answer:
            break
        try:
            day = dt.date.fromisoformat(answer)
        except ValueError:
            click.echo(f"'{answer}' is not a date like 2027-03-12", err=True)
    details = EventDetails(
        speaker=speaker,
        name=event_name,
        date=day,
        venue=value(venue, "Venue"),
        city=value(city, "City"),
        audience=audience,
        minutes=minutes,
        recorded=recorded,
    )
    from talkkit.output import write_outputs

    write_outputs(
        workspace.decks, {path.name: outline_text(workspace, parent_file, details).encode()}
    )
    click.echo(f"wrote {display_path(path)}")
    return print_diagnostics(
        project.check([path]), output_format="text", strict=False, checked=display_path(path)
    )


SCHEMA_FILES = {
    "outline": "outline.schema.json",
    "story": "story.schema.json",
    "facts": "facts.schema.json",
    "actions": "actions.schema.json",
    "sources": "sources.schema.json",
    "assets": "assets.schema.json",
    "config": "config.schema.json",
}


@cli.command()
@click.argument("kind", type=click.Choice(list(SCHEMA_FILES)), default="outline")
@click.option(
    "--write",
    "write_all",
    is_flag=True,
    help="Write every schema into the workspace's schema/ folder instead of printing one.",
)
@pass_state
def schema(state: State, kind: str, write_all: bool) -> int:
    """Print the JSON Schema of an outline (or of another KIND of file), for editors.

    Outlines and library files name it on their first line, e.g.
    `# yaml-language-server: $schema=../schema/outline.schema.json`.
    """
    from talkkit.schema import json_schema

    if not write_all:
        click.echo(json_schema(kind))
        return EXIT_OK
    folder = state.workspace().root / "schema"
    folder.mkdir(exist_ok=True)
    for name, file in SCHEMA_FILES.items():
        (folder / file).write_text(json_schema(name) + "\n", encoding="utf-8")
    click.echo(f"wrote {len(SCHEMA_FILES)} schemas to {folder}", err=True)
    return EXIT_OK


def _print_timing(project, paths: tuple[Path, ...]) -> None:
    from talkkit.checks.timing import estimate, timing_table

    workspace = project.workspace
    library_parts = (workspace.content.resolve(), workspace.assets.resolve())
    outlines: list[Path] = []
    for path in paths or (workspace.decks,):
        resolved = path.resolve()
        if resolved == workspace.config_path.resolve() or any(
            resolved.is_relative_to(part) for part in library_parts
        ):
            continue
        outlines.extend(workspace.outlines(path) if path.is_dir() else [path])
    for path in outlines:
        talk, _ = project.talk(path)
        if talk is not None:
            click.echo(timing_table(estimate(talk)) + "\n")


@cli.group(invoke_without_command=True)
@click.option("--audience", help="Only what this audience may be shown.")
@click.option("--tag", help="Only excerpts and facts with this tag.")
@click.option(
    "--stale",
    is_flag=True,
    help="List only the facts due for review (on --on DATE, default today), for staff.",
)
@click.option(
    "--on",
    "on_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="With --stale: the day to check for, like 2027-03-12.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.pass_context
def library(
    ctx: click.Context,
    audience: str | None,
    tag: str | None,
    stale: bool,
    on_date,
    output_format: str,
) -> int:
    """List the stories with their excerpts, the facts and the actions.

    \b
    talkkit library --stale          facts due for review today
    talkkit library approve          approve the wording of changed excerpts
    """
    if ctx.invoked_subcommand is not None:
        return EXIT_OK
    from talkkit.listing import library_listing, render_table

    state = ctx.find_object(State)
    project = state.project()
    if project.config is None:
        return print_diagnostics(
            project.config_diagnostics, output_format="text", strict=False, checked="talkkit.yaml"
        )
    if on_date is not None and not stale:
        raise UsageError("--on goes with --stale: talkkit library --stale --on 2027-03-12")
    if stale:
        _print_stale(project, on_date.date() if on_date else None, output_format)
    else:
        if audience is not None and audience not in project.config.audiences:
            raise UsageError(
                f"no audience '{audience}' in talkkit.yaml; audiences: "
                + ", ".join(project.config.audiences)
            )
        listing = library_listing(project, audience=audience, tag=tag)
        if output_format == "json":
            click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        else:
            click.echo(render_table(listing))
    if project.library.diagnostics:
        click.echo(
            f"the library has {_count(len(project.library.diagnostics), 'problem')}: "
            "run `talkkit check content/`",
            err=True,
        )
    return EXIT_OK


def _print_stale(project, on, output_format: str) -> None:
    from talkkit.checks._common import today
    from talkkit.checks.freshness import stale_facts, stale_table

    on = on or today()
    reviews = stale_facts(project.library, on)
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.fact.id,
                        "state": r.state,
                        "as_of": r.fact.as_of,
                        "checked": r.fact.checked.isoformat() if r.fact.checked else None,
                        "review_every": r.fact.review_every,
                        "due": r.due.isoformat() if r.due else None,
                    }
                    for r in reviews
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        click.echo(stale_table(reviews, on))


@library.command()
@click.argument("excerpts", nargs=-1, metavar="[STORY[/EXCERPT]]...")
@click.option("--by", help="Who approves the wording (recorded in content/approvals.yaml).")
@pass_state
def approve(state: State, excerpts: tuple[str, ...], by: str | None) -> int:
    """Approve the wording of excerpts, after checking them against their sources.

    With no argument, every excerpt whose words are new or changed since they
    were approved; a STORY id approves its excerpts. Writes the fingerprints
    to content/approvals.yaml.
    """
    from talkkit.approvals import approve as approve_wording
    from talkkit.checks._common import today

    project = state.project()
    if project.config is None:
        return print_diagnostics(
            project.config_diagnostics, output_format="text", strict=False, checked="talkkit.yaml"
        )
    done = approve_wording(project.workspace, project.library, list(excerpts), by=by, on=today())
    for item in done:
        was = f"changed since its approval on {item.since}" if item.was == "changed" else "new"
        click.echo(f"approved {item.key} ({was})")
    click.echo(
        f"approved {_count(len(done), 'excerpt')}"
        if done
        else "nothing to approve: every excerpt named is approved as it reads",
        err=True,
    )
    return EXIT_OK


@cli.group()
def template() -> None:
    """Tools for staff who maintain the deck masters in templates/."""


@template.command("check")
@click.argument("theme", required=False)
@pass_state
def template_check(state: State, theme: str | None) -> int:
    """Check a theme's master and its theme.yaml (default: every theme in templates/).

    Says in plain words what a talkkit deck needs that the master lacks: a
    deleted layout, a removed or renamed placeholder, a font without metric
    files, low contrast. Exits 0 when there is no error, 1 when there is.
    """
    from talkkit.templates import load_theme, theme_names

    workspace = state.workspace()
    known = theme_names(workspace)
    if theme is not None and theme not in known:
        raise UsageError(
            f"no theme '{theme}' in templates/; themes: " + (", ".join(known) or "none")
        )
    names = [theme] if theme else known
    if not names:
        raise UsageError("no themes: templates/ has no theme folders")
    diagnostics: list[Diagnostic] = []
    for name in names:
        loaded, problems = load_theme(workspace, name)
        diagnostics.extend(problems)
        if loaded is not None:
            click.echo(
                f"theme '{name}': {len(loaded.master.layouts)} layouts in "
                f"{display_path(loaded.deck_path)}, every slide kind mapped",
                err=True,
            )
    checked = f"theme '{theme}'" if theme else "every theme"
    return print_diagnostics(diagnostics, output_format="text", strict=False, checked=checked)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; every failure becomes a message and an exit status, not a traceback."""
    try:
        status = cli.main(args=argv, prog_name="talkkit", standalone_mode=False)
    except click.exceptions.Exit as exc:
        status = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        status = exc.exit_code
    except click.Abort:
        click.echo("talkkit: stopped", err=True)
        status = 130
    except KeyboardInterrupt:
        click.echo("talkkit: stopped", err=True)
        status = 130
    except TalkkitError as exc:
        click.echo(f"talkkit: {exc}", err=True)
        status = exc.exit_code
    except Exception:
        if os.environ.get("TALKKIT_DEBUG"):
            traceback.print_exc()
        click.echo(
            "talkkit: internal error: something went wrong inside talkkit, not in your files. "
            "Run again with TALKKIT_DEBUG=1 and report what it prints.",
            err=True,
        )
        status = 3
    sys.exit(status or 0)
