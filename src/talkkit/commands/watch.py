"""Watching a workspace's inputs for changes, for `talkkit watch`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from talkkit.commands.ui import Ui
from talkkit.diagnostics import display_path
from talkkit.load.workspace import Workspace


def watch_inputs(workspace: Workspace, *, ignore: Path, stop_event=None) -> Iterator[set[Path]]:
    """Yield the changed files each time outlines, library, templates, assets or settings change.

    Changes inside `ignore` (the output folder) and hidden or temporary files
    (editors' swap files, our own atomic-write temporaries) are left out.
    """
    from watchfiles import watch

    ignore = ignore.resolve()
    watched = [
        p
        for p in (workspace.decks, workspace.content, workspace.templates, workspace.assets)
        if p.is_dir()
    ]

    roots = [p.resolve() for p in watched]
    config = workspace.config_path.resolve()

    def interesting(_change, name: str) -> bool:
        path = Path(name)
        if (
            path.is_relative_to(ignore)
            or path.name.startswith(".")
            or path.name.endswith(("~", ".tmp"))
        ):
            return False
        return path == config or any(path.is_relative_to(root) for root in roots)

    for changes in watch(
        workspace.root.resolve(),
        watch_filter=interesting,
        stop_event=stop_event,
        debounce=300,
        step=50,
    ):
        yield {Path(name) for _, name in changes}


def run_watch(
    workspace: Workspace,
    path: Path,
    folder: Path,
    ui: Ui,
    *,
    today: Callable[[], dt.date],
    only: tuple[str, ...] = (),
    paper: str | None = None,
) -> None:
    """Check and build `path` now and after every change, each time in a new session, until Ctrl-C.

    What the runs read of files that did not change (the settings, the library, the theme,
    the fonts) is kept from one run to the next (see `talkkit.session.Kept`)."""
    from talkkit.commands.build import check_and_build, warm
    from talkkit.commands.changed import OUTPUT_KINDS
    from talkkit.session import Kept, Session

    kept = Kept()

    def once() -> None:
        ui.err(f"--- {dt.datetime.now():%H:%M:%S} checking {display_path(path)}")
        session = Session(workspace, today=today(), kept=kept)
        check_and_build(
            session, ui, [path], folder, checked=display_path(path), only=only, paper=paper
        )

    warm(only or OUTPUT_KINDS)
    try:
        once()
        ui.err("watching for changes (Ctrl-C stops)")
        for _ in watch_inputs(workspace, ignore=folder):
            once()
    except KeyboardInterrupt:
        ui.err("stopped watching")
