"""The talkkit command line: thin commands over the workspace, the checks and the renderers.

Renderers (python-pptx, WeasyPrint) are imported inside the commands that use
them, so `talkkit --help` and `talkkit check` start quickly.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from talkkit import __version__
from talkkit.commands.ui import named, parse_day, report
from talkkit.diagnostics import Diagnostic, display_path
from talkkit.errors import TalkkitError, UsageError
from talkkit.load.workspace import Workspace

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class State:
    """What the group's options hand to each command."""

    def __init__(self, workspace: Path | None, today: dt.date | None = None):
        self.workspace_option = workspace
        self.today_option = today

    @property
    def today(self) -> dt.date:
        """The day of a run (--today, or the clock's): only the command line reads the clock."""
        return self.today_option or dt.date.today()

    def workspace(self) -> Workspace:
        if self.workspace_option is not None:
            return Workspace.at(self.workspace_option)
        return Workspace.find()

    def session(self):
        from talkkit.session import Session

        return Session(self.workspace(), today=self.today)


pass_state = click.make_pass_decorator(State)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="talkkit")
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    help="The workspace folder (default: the one holding talkkit.yaml above the current folder).",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Check and approve as if today were this day (default: today).",
)
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None, today: str | None) -> None:
    """Turn talk outlines and the story library into decks, handouts and speaker notes.

    \b
    Start with:
      talkkit check                 check every outline and the library
      talkkit build decks/x.yaml    make the deck, handout and notes of one talk
    """
    ctx.obj = State(workspace, parse_day(today, "--today"))


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
    failed = report(UI, diagnostics, output_format=output_format, strict=strict, checked=checked)
    return EXIT_ERRORS if failed else EXIT_OK


class _ClickUi:
    """The `Ui` of the command line: click's echo and progress bar."""

    def out(self, text: str) -> None:
        click.echo(text)

    def err(self, text: str) -> None:
        click.echo(text, err=True)

    @contextmanager
    def progress(self, length: int, label: str) -> Iterator[Callable[[], None]]:
        with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
            yield lambda: bar.update(1)

    def interactive(self) -> bool:
        return sys.stderr.isatty()


UI = _ClickUi()


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
    from talkkit.commands.check import run_check

    failed = run_check(state.session(), UI, list(paths), output_format, strict, timing=timing)
    return EXIT_ERRORS if failed else EXIT_OK


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
    project = state.session()
    paths = [p.resolve() for p in outlines] or project.workspace.event_outlines()
    if not paths:
        raise UsageError("no outlines to build: give an outline, or add one to decks/")
    folder = (output_dir if output_dir is not None else project.workspace.root / "build").resolve()
    from talkkit.commands.build import check_and_build

    ok = check_and_build(
        project,
        UI,
        paths,
        folder,
        checked=named(outlines, "the event outlines of decks/"),
        only=only,
        paper=paper,
        jobs=jobs,
        force=force,
        half_sheet=half_sheet,
    )
    return EXIT_OK if ok else EXIT_ERRORS


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
    from talkkit.commands.watch import run_watch

    workspace = state.workspace()
    folder = (output_dir if output_dir is not None else workspace.root / "build").resolve()
    run_watch(
        workspace, outline.resolve(), folder, UI, today=lambda: state.today, only=only, paper=paper
    )
    return EXIT_OK


@cli.command()
@click.argument("outline", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option
@pass_state
def preview(state: State, outline: Path, output_dir: Path | None) -> int:
    """Draw OUTLINE's slides as PNG images and one contact sheet, through LibreOffice.

    Writes OUTPUT/<name>-preview/slide-01.png ... and contact-sheet.png, drawn
    with the fonts this machine's LibreOffice uses; says which of the theme's
    fonts it draws in another font.
    """
    from talkkit.commands.preview import run_preview

    project = state.session()
    folder = (output_dir if output_dir is not None else project.workspace.root / "build").resolve()
    return EXIT_OK if run_preview(project, outline.resolve(), folder, UI) else EXIT_ERRORS


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
    from talkkit.commands.new import EventDetails, create

    project = state.session()
    details = EventDetails(
        speaker=speaker,
        name=event_name,
        date=date.date() if date else None,
        venue=venue,
        city=city,
        audience=audience,
        minutes=minutes,
        recorded=recorded,
    )
    path = create(
        project, name, parent, details, force=force, ask=_ClickAsker() if _interactive() else None
    )
    click.echo(f"wrote {display_path(path)}")
    return print_diagnostics(
        project.check([path]), output_format="text", strict=False, checked=display_path(path)
    )


class _ClickAsker:
    """Asks at the terminal for what `talkkit new` was not given."""

    def choice(self, prompt: str, choices: list[str]) -> str:
        return click.prompt(prompt, type=click.Choice(choices))

    def text(self, prompt: str) -> str:
        return click.prompt(f"{prompt} (Enter to leave out)", default="", show_default=False)

    def warn(self, message: str) -> None:
        click.echo(message, err=True)


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; any other than 127.0.0.1 asks for a printed access token.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@pass_state
def serve(state: State, port: int, host: str, open_browser: bool) -> int:
    """Serve a local page where a talk is made, checked and built without editing YAML.

    Works on the same files as the command line: a talk made on the page is an
    ordinary outline in decks/. Stop with Ctrl-C.
    """
    try:
        from talkkit.web.serve import serve as run_page
    except ImportError as exc:
        raise UsageError(
            f"the page needs what `pip install 'talkkit[serve]'` installs ({exc.name} is missing)"
        ) from exc
    run_page(state.workspace(), host=host, port=port, open_browser=open_browser, say=click.echo)
    return EXIT_OK


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
    from talkkit.commands.schema import json_schema

    if not write_all:
        click.echo(json_schema(kind))
        return EXIT_OK
    folder = state.workspace().root / "schema"
    folder.mkdir(exist_ok=True)
    for name, file in SCHEMA_FILES.items():
        (folder / file).write_text(json_schema(name) + "\n", encoding="utf-8")
    click.echo(f"wrote {len(SCHEMA_FILES)} schemas to {folder}", err=True)
    return EXIT_OK


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
    from talkkit.commands.library import list_library

    project = ctx.find_object(State).session()
    if project.config is None:
        return print_diagnostics(
            project.config_diagnostics, output_format="text", strict=False, checked="talkkit.yaml"
        )
    if on_date is not None and not stale:
        raise UsageError("--on goes with --stale: talkkit library --stale --on 2027-03-12")
    list_library(
        project,
        UI,
        audience=audience,
        tag=tag,
        stale_on=(on_date.date() if on_date else project.today) if stale else None,
        output_format=output_format,
    )
    return EXIT_OK


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
    from talkkit.commands.library import approve_excerpts

    project = state.session()
    if project.config is None:
        return print_diagnostics(
            project.config_diagnostics, output_format="text", strict=False, checked="talkkit.yaml"
        )
    approve_excerpts(project, UI, list(excerpts), by=by)
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
    files, a font a common client lacks, low contrast; and lays out every
    standard talk on the theme, naming each slide that does not fit. Exits 0
    when there is no error, 1 when there is.
    """
    from talkkit.commands.template import check_themes

    failed = check_themes(state.workspace(), theme, UI)
    return EXIT_ERRORS if failed else EXIT_OK


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
