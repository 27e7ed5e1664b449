"""The talkkit command line: thin commands over the workspace, the checks and the renderers.

Renderers (python-pptx, WeasyPrint) are imported inside the commands that use
them, so `talkkit --help` and `talkkit check` start quickly.
"""

from __future__ import annotations

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
@pass_state
def check(state: State, paths: tuple[Path, ...], output_format: str, strict: bool) -> int:
    """Check outlines (a folder: every outline in it); with no PATH, the whole workspace.

    Prints each problem as PATH:LINE:COL: error|warning CODE message. Exits 0
    when there is no error, 1 when there is, 2 for a usage problem.
    """
    project = state.project()
    diagnostics = project.check(list(paths) or None)
    checked = ", ".join(str(p) for p in paths) if paths else "the workspace"
    return print_diagnostics(
        diagnostics, output_format=output_format, strict=strict, checked=checked
    )


@cli.command()
@click.argument("outlines", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write into (default: build/ in the workspace).",
)
@click.option(
    "--only",
    type=click.Choice(["deck", "handout", "notes"]),
    multiple=True,
    help="Make only this output (may be given more than once).",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    help="Paper for the handout and notes (default: the outline's, else talkkit.yaml's).",
)
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
    half_sheet: bool,
) -> int:
    """Check, then make the deck, handout and notes of each OUTLINE (default: every event in decks/).

    Writes OUTPUT/<name>.pptx, <name>-handout.pdf and <name>-notes.pdf (with
    --half-sheet, <name>-handout-half.pdf too). Errors
    stop the build before anything is written; warnings are printed. Earlier
    outputs stay untouched when a build fails.
    """
    from talkkit.build import HALF_SHEET, OUTPUT_KINDS, build_talk

    project = state.project()
    paths = [p.resolve() for p in outlines] or project.workspace.event_outlines()
    if not paths:
        raise UsageError("no outlines to build: give an outline, or add one to decks/")
    diagnostics = project.check(paths)
    checked = ", ".join(str(p) for p in outlines) if outlines else "the event outlines of decks/"
    if print_diagnostics(diagnostics, output_format="text", strict=False, checked=checked):
        click.echo("talkkit: nothing was built; fix the errors above first", err=True)
        return EXIT_ERRORS
    folder = output_dir if output_dir is not None else project.workspace.root / "build"
    kinds = [k for k in OUTPUT_KINDS if not only or k in only]
    if half_sheet and "handout" in kinds:
        kinds.append(HALF_SHEET)
    for path in paths:
        talk, _ = project.talk(path)
        assert talk is not None  # checked above: no errors means every talk resolved
        built = build_talk(talk, folder, kinds=kinds, paper=paper)
        for written in built.paths:
            click.echo(f"wrote {display_path(written)}")
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


@cli.command()
@click.option("--audience", help="Only what this audience may be shown.")
@click.option("--tag", help="Only excerpts and facts with this tag.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@pass_state
def library(state: State, audience: str | None, tag: str | None, output_format: str) -> int:
    """List the stories with their excerpts, the facts and the actions."""
    from talkkit.listing import library_listing, render_table

    project = state.project()
    if project.config is None:
        return print_diagnostics(
            project.config_diagnostics, output_format="text", strict=False, checked="talkkit.yaml"
        )
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
