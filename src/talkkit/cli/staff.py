"""The commands for staff: the library (listing, review, approval) and the templates."""

from __future__ import annotations

from pathlib import Path

import click

from talkkit.cli.base import (
    EXIT_ERRORS,
    EXIT_OK,
    UI,
    Day,
    PlainGroup,
    State,
    cli,
    output_option,
    pass_state,
    print_diagnostics,
)
from talkkit.errors import UsageError


@cli.group(cls=PlainGroup, invoke_without_command=True)
@click.option("--audience", metavar="AUDIENCE", help="Only what this audience may be shown.")
@click.option("--tag", metavar="TAG", help="Only excerpts and facts with this tag.")
@click.option(
    "--stale",
    is_flag=True,
    help="List only the facts due for review (on --on DATE, default today), for staff.",
)
@click.option(
    "--on",
    "on_date",
    type=Day(),
    help="With --stale: the day to check for, a date like 2027-03-12.",
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
    Examples:
      talkkit library --audience middle-school   what a middle school may be shown
      talkkit library --stale                    facts due for review today
      talkkit library approve --by "Dana Lee"    approve the wording of changed excerpts
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
        stale_on=(on_date or project.today) if stale else None,
        output_format=output_format,
    )
    return EXIT_OK


@library.command()
@click.argument("excerpts", nargs=-1, metavar="[STORY[/EXCERPT]]...")
@click.option(
    "--by",
    metavar="NAME",
    help="Who approves the wording (needed for every new approval; recorded).",
)
@click.option(
    "--reason",
    metavar="WORDS",
    help="Why words that are not in the source document are approved anyway (recorded).",
)
@pass_state
def approve(state: State, excerpts: tuple[str, ...], by: str | None, reason: str | None) -> int:
    """Approve the wording of excerpts, after comparing them with their source documents.

    With no argument, every excerpt whose words are new or changed since they
    were approved; a STORY id approves its excerpts. Words that are not in the
    source document are refused, with the closest passage and what differs,
    unless --reason says why. Writes the fingerprints to content/approvals.yaml.

    \b
    Example:
      talkkit library approve jo-eun --by "Dana Lee"
    """
    from talkkit.commands.library import approve_excerpts

    project = state.session()
    if project.config is None:
        return print_diagnostics(
            project.config_diagnostics, output_format="text", strict=False, checked="talkkit.yaml"
        )
    approve_excerpts(project, UI, list(excerpts), by=by, reason=reason)
    return EXIT_OK


@cli.group(cls=PlainGroup)
def template() -> None:
    """Tools for staff who maintain the deck masters in templates/.

    \b
    Example:
      talkkit template check default
    """


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

    \b
    Example:
      talkkit template check default
    """
    from talkkit.commands.template import check_themes

    failed = check_themes(state.workspace(), theme, UI)
    return EXIT_ERRORS if failed else EXIT_OK


@cli.command()
@click.option(
    "--donations",
    "donations_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The donations export (CSV): date, amount, currency, and utm_campaign or a landing page.",
)
@click.option("--since", type=Day(), help="Only gifts on or after this day, like 2027-03-01.")
@click.option("--until", type=Day(), help="Only gifts on or before this day, like 2027-06-30.")
@output_option
@pass_state
def report(state: State, donations_file: Path, since, until, output_dir: Path | None) -> int:
    """Join the gifts of a donations export to the events whose tracked links they came through.

    Writes OUTPUT/report.html (printable: a table and a bar chart per event)
    and OUTPUT/report.csv with the same rows, plus the gifts whose campaign
    names no event and the events with no gift. Sums are exact, per currency,
    net of refunds; a row that cannot be read is named and left out. Exits 1
    when a row was left out.

    \b
    Example:
      talkkit report --donations gifts.csv --since 2027-03-01 --until 2027-06-30
    """
    from talkkit.commands.report import make_report, summary_lines
    from talkkit.commands.report_html import write_report
    from talkkit.diagnostics import display_path
    from talkkit.load.exports import read_export_file

    project = state.session()
    result = make_report(project, read_export_file(donations_file), since=since, until=until)
    folder = (output_dir if output_dir is not None else project.workspace.root / "build").resolve()
    for path in write_report(result, folder):
        click.echo(f"wrote {display_path(path)}")
    for line in summary_lines(result):
        click.echo(line, err=True)
    return EXIT_ERRORS if result.left_out else EXIT_OK
