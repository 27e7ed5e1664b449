"""The talkkit command line: thin commands over the session, the checks and the renderers.

Only this package knows click. Renderers (python-pptx, Typst) are imported
inside the commands that use them, so `talkkit --help` and `talkkit check`
start quickly.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from talkkit.cli import staff, talks
from talkkit.cli.base import cli
from talkkit.errors import TalkkitError

__all__ = ["cli", "main", "staff", "talks"]


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
