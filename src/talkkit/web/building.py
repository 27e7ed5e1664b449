"""Building a talk from the page, and drawing its slides in the background afterwards."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from talkkit.errors import TalkkitError
from talkkit.web import core
from talkkit.web.contexts import errors


def build(site, path: Path, kinds: tuple[str, ...] = core.OUTPUT_KINDS) -> str | None:
    """Check and build one talk; why it was refused, or None when it was built."""
    with site.build_lock:
        current = site.run()
        talk, _ = core.talk(current, path)
        must = errors(core.check_outline(current, path))
        if talk is None or must:
            count = len(must) or 1
            problems = (
                "1 must-fix problem remains" if count == 1 else f"{count} must-fix problems remain"
            )
            return (
                f"Build refused: {problems}. Fix what is listed under “Must fix”, then build again."
            )
        try:
            failed = core.build(current, path, site.folder, kinds=kinds)
        except (TalkkitError, OSError) as exc:
            return f"The build did not finish: {exc}. Earlier outputs were left as they were."
        if failed:
            return f"The build did not finish: {failed[0]}. Earlier outputs were left as they were."
        if site.pictures and "deck" in kinds and core.has_office():
            _draw_later(site, current, talk)
        return None


def _draw_later(site, run, talk) -> None:
    """Draw the built deck's slides in the background; the page shows them when they are done."""
    with site.guard:
        if talk.name in site.drawing:
            return
        site.drawing.add(talk.name)

    def draw() -> None:
        try:
            # Pictures are a help, not an output: a failed drawing leaves the build as it is.
            with contextlib.suppress(TalkkitError, OSError):
                core.slide_pictures(run, talk, site.folder)
        finally:
            with site.guard:
                site.drawing.discard(talk.name)

    threading.Thread(target=draw, name=f"draw-{talk.name}", daemon=True).start()
