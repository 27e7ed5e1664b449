"""The commands for a talk: check, build, watch, preview, new, serve and schema."""

from __future__ import annotations

from pathlib import Path

import click

from talkkit.bounds import MAX_MINUTES, MIN_MINUTES
from talkkit.cli.base import (
    EXIT_ERRORS,
    EXIT_OK,
    UI,
    Day,
    Number,
    State,
    cli,
    interactive,
    only_option,
    output_option,
    paper_option,
    pass_state,
    print_diagnostics,
)
from talkkit.commands.ui import named
from talkkit.diagnostics import display_path
from talkkit.errors import UsageError


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
@click.option(
    "--event",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The outline a deck (.pptx) was made for, when the deck does not say.",
)
@pass_state
def check(
    state: State,
    paths: tuple[Path, ...],
    output_format: str,
    strict: bool,
    timing: bool,
    event: Path | None,
) -> int:
    """Check outlines and decks (a folder: every outline and .pptx in it); with no PATH, the workspace.

    Prints each problem as PATH:LINE:COL: error|warning CODE message (for a
    deck, PATH: slide N, place). Exits 0 when there is no error, 1 when there
    is, 2 for a usage problem. The codes are explained in docs/checks.md.

    \b
    Examples:
      talkkit check decks/lincoln-high-2027-03.yaml
      talkkit check build/lincoln-high-2027-03.pptx
      talkkit check --strict
    """
    from talkkit.commands.check import run_check

    failed = run_check(
        state.session(), UI, list(paths), output_format, strict, timing=timing, event=event
    )
    return EXIT_ERRORS if failed else EXIT_OK


@cli.command()
@click.argument("outlines", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option
@only_option
@paper_option
@click.option(
    "-j",
    "--jobs",
    type=Number(1, 64),
    help="How many talks to build at once, 1 to 64 (default: the number of cores).",
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
    --half-sheet, <name>-handout-half.pdf too). An outline with errors is not
    built, the others are, and the last line names what was left out;
    warnings are printed. Outputs whose inputs are unchanged since the last
    build are skipped. A talk that fails leaves its earlier outputs untouched.

    \b
    Examples:
      talkkit build decks/lincoln-high-2027-03.yaml --only deck
      talkkit build -o out
    """
    from talkkit.commands.unchanged import Batch, up_to_date

    workspace = state.workspace()
    paths = [p.resolve() for p in outlines] or workspace.event_outlines()
    if not paths:
        raise UsageError("no outlines to build: give an outline, or add one to decks/")
    folder = (output_dir if output_dir is not None else workspace.root / "build").resolve()
    options = {"only": sorted(only), "paper": paper, "half_sheet": half_sheet}
    batch = Batch(workspace.root, folder, paths, options, state.today)
    printed = None if force else batch.unchanged()
    if printed is not None:
        for stream, text in printed:
            (UI.out if stream == "out" else UI.err)(text)
        UI.err(up_to_date(len(batch.outputs), folder))
        return EXIT_OK
    from talkkit.commands.batch import check_and_build

    project = state.session()
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
        batch=batch,
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

    \b
    Example:
      talkkit watch decks/lincoln-high-2027-03.yaml --only deck
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

    \b
    Example:
      talkkit preview decks/lincoln-high-2027-03.yaml
    """
    from talkkit.commands.preview import run_preview

    project = state.session()
    folder = (output_dir if output_dir is not None else project.workspace.root / "build").resolve()
    return EXIT_OK if run_preview(project, outline.resolve(), folder, UI) else EXIT_ERRORS


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--from-requests",
    "requests_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Make an outline of every new request in this CSV export of the speaker-request form.",
)
@click.option(
    "--from",
    "parent",
    metavar="TALK",
    help="The standard talk to start from, e.g. standard/high-school-45.",
)
@click.option("--speaker", metavar="NAME", help="Who gives the talk.")
@click.option("--event", "event_name", metavar="NAME", help="The event's name.")
@click.option("--date", type=Day(), help="The day of the talk: a date like 2027-03-12.")
@click.option("--venue", metavar="PLACE", help="Where, in the building's own words.")
@click.option("--city", metavar="CITY", help="The city.")
@click.option(
    "--audience",
    metavar="AUDIENCE",
    help="The audience, when it differs from the standard talk's: its name (high-school) "
    "or label (High school).",
)
@click.option(
    "--minutes",
    type=Number(MIN_MINUTES, MAX_MINUTES, "MINUTES"),
    help=f"The length in minutes, {MIN_MINUTES} to {MAX_MINUTES}, when it differs from the "
    "standard talk's.",
)
@click.option(
    "--recorded/--not-recorded", default=None, help="Whether the talk is filmed or streamed."
)
@click.option("--force", is_flag=True, help="Replace an outline of that name.")
@pass_state
def new(
    state: State,
    name: str | None,
    requests_file: Path | None,
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

    At a terminal, asks for what the options leave out, and whether the talk
    will be recorded or streamed (the narrators' consent depends on it).

    With --from-requests, makes decks/<organization>-<date>.yaml for every new
    request of the form's export instead, from the longest standard talk for
    its audience that fits its minutes; reports each row it skips or refuses.

    \b
    Examples:
      talkkit new lincoln-high-2027 --from standard/high-school-45 --date 2027-03-12 --venue "Lincoln High"
      talkkit new --from-requests requests.csv
    """
    from talkkit.commands.new import EventDetails, create

    project = state.session()
    if requests_file is not None:
        given = [parent, speaker, event_name, date, venue, city, audience, minutes, recorded]
        if name is not None or force or any(v is not None for v in given):
            raise UsageError(
                "--from-requests takes every detail from the export: give it alone, "
                "without NAME or other options"
            )
        return _from_requests(project, requests_file)
    if name is None:
        raise UsageError("give the new outline's NAME, or --from-requests with a CSV export")
    details = EventDetails(
        speaker=speaker,
        name=event_name,
        date=date,
        venue=venue,
        city=city,
        audience=audience,
        minutes=minutes,
        recorded=recorded,
    )
    path = create(
        project, name, parent, details, force=force, ask=_ClickAsker() if interactive() else None
    )
    click.echo(f"wrote {display_path(path)}")
    return print_diagnostics(
        project.check([path]), output_format="text", strict=False, checked=display_path(path)
    )


def _from_requests(project, file: Path) -> int:
    from talkkit.commands.requests import import_requests, report_lines
    from talkkit.load.exports import read_export_file

    result = import_requests(project, read_export_file(file))
    out, err = report_lines(result)
    for line in out:
        click.echo(line)
    for line in err:
        click.echo(line, err=True)
    return EXIT_ERRORS if result.failed else EXIT_OK


class _ClickAsker:
    """Asks at the terminal for what `talkkit new` was not given."""

    def choice(self, prompt: str, choices: list[str]) -> str:
        """An answer typed freely; the caller says whether it names one of `choices`."""
        return click.prompt(f"{prompt} ({', '.join(choices)})")

    def text(self, prompt: str) -> str:
        return click.prompt(f"{prompt} (Enter to leave out)", default="", show_default=False)

    def warn(self, message: str) -> None:
        click.echo(message, err=True)

    def confirm(self, prompt: str) -> bool:
        return click.confirm(prompt, default=False)


@cli.command()
@click.option(
    "--port",
    type=Number(1, 65535, "PORT"),
    default=8000,
    show_default=True,
    help="The port to listen on, 1 to 65535.",
)
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

    \b
    Example:
      talkkit serve --open
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

    \b
    Example:
      talkkit schema --write
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
