"""The command line's shared parts: the group, its options, plain-words parameter types, the Ui."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from talkkit import __version__
from talkkit.commands.ui import report
from talkkit.diagnostics import Diagnostic
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


class Day(click.ParamType):
    """A day written like 2027-03-12, named in help and errors in plain words."""

    name = "date"

    def get_metavar(self, param=None, ctx=None) -> str:
        return "DATE"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date like 2027-03-12", param, ctx)


class Number(click.ParamType):
    """A whole number between two bounds, named in help and errors in plain words."""

    name = "number"

    def __init__(self, low: int, high: int, metavar: str = "NUMBER"):
        self.low, self.high, self.metavar = low, high, metavar

    def get_metavar(self, param=None, ctx=None) -> str:
        return self.metavar

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"'{value}' is not a whole number", param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"{number} is not between {self.low} and {self.high}", param, ctx)
        return number


class PlainGroup(click.Group):
    """A command group that lists each command's whole first line, never cut off with '...'."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=PlainGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="talkkit")
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    help="The workspace folder (default: the one holding talkkit.yaml above the current folder).",
)
@click.option(
    "--today",
    type=Day(),
    help="Check and approve as if today were this day, a date like 2027-03-12 (default: today).",
)
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None, today: dt.date | None) -> None:
    """Turn talk outlines and the story library into decks, handouts and speaker notes.

    \b
    Start with:
      talkkit check                 check every outline and the library
      talkkit build decks/x.yaml    make the deck, handout and notes of one talk
    """
    ctx.obj = State(workspace, today)


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


def interactive() -> bool:
    """Whether a person is at the terminal to answer questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()
