"""A batch whose every input is as it was at its last build: nothing to check or build again.

`talkkit build` keeps, beside the outputs, a digest of everything a batch is
decided from: every file a workspace reads (talkkit.yaml, the outlines, the
library and its approvals, the source documents, the templates and the assets),
talkkit's version and those of the libraries that draw the outputs, the run's day
(freshness and consent depend on it), the outlines and options of the command and
the folder it runs in. It keeps too what that build's check printed, and the size
and time of every output it left.

When the digest is the same and every output is still as it was left, the check
would find the same and the build would write the same bytes: the command prints
what the check printed and stops, before loading the library. Any change to any
of them checks and builds as usual, and a record that cannot be read is ignored
and written again. The record is written only by a build that built every talk.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from talkkit import __version__
from talkkit.commands.ui import count
from talkkit.diagnostics import display_path
from talkkit.output import write_outputs

RECORD = ".talkkit-batch.json"
READ = ("talkkit.yaml", "content", "decks", "templates", "assets")
"""What a workspace reads, beside its source documents' folder."""
DRAWN_BY = ("python-pptx", "typst", "qrcode", "pillow", "lxml", "pydantic")
"""The libraries whose versions can change an output's bytes or a check's finding."""
_SOURCES = re.compile(r"^source_documents:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", re.M)


def _files(root: Path, skip: Path) -> Iterable[Path]:
    """Every file below `root` in name order (linked folders followed once), but those in
    hidden folders and in `skip`, the output folder."""
    if root.is_file():
        yield root
        return
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        here = Path(folder)
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d != skip)
        for name in sorted(files):
            yield here / name


def _source_folder(root: Path) -> Path:
    """The source documents' folder talkkit.yaml names (sources/ by default)."""
    try:
        found = _SOURCES.search((root / "talkkit.yaml").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        found = None
    return (root / (found.group(1).strip() if found else "sources")).resolve()


def _versions() -> list[str]:
    found = [__version__, platform.python_version()]
    for name in DRAWN_BY:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} none")
    return found


class Batch:
    """One `talkkit build` of some outlines into a folder, and its record there."""

    def __init__(self, root: Path, folder: Path, paths: list[Path], options: dict, day) -> None:
        self.root, self.folder = root.resolve(), folder.resolve()
        self.record_path = self.folder / RECORD
        self.outputs: dict[str, list[int]] = {}
        """The outputs the last build left, when nothing has changed since."""
        h = hashlib.sha256()
        h.update(
            json.dumps(
                [_versions(), day.isoformat(), os.getcwd(), [str(p) for p in paths], options],
                sort_keys=True,
            ).encode()
        )
        reads = [self.root / part for part in READ]
        sources = _source_folder(self.root)
        if sources.is_relative_to(self.root) and sources not in reads:
            reads.append(sources)
        for part in reads:
            for path in _files(part, self.folder):
                h.update(str(path.relative_to(self.root)).encode() + b"\0")
                try:
                    h.update(hashlib.sha256(path.read_bytes()).digest())
                except OSError:
                    h.update(b"unreadable")
        self.digest = h.hexdigest()

    def _read(self) -> dict | None:
        try:
            data = json.loads(self.record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def unchanged(self) -> list[tuple[str, str]] | None:
        """What the last build's check printed, when nothing it was made from has changed
        and its outputs are as it left them; else None."""
        data = self._read()
        if data is None or data.get("inputs") != self.digest:
            return None
        outputs, lines = data.get("outputs"), data.get("printed")
        if not isinstance(outputs, dict) or not outputs or not isinstance(lines, list):
            return None
        for name, stamp in outputs.items():
            if not isinstance(name, str) or "/" in name or _stamp(self.folder / name) != stamp:
                return None
        if not all(
            isinstance(line, list) and len(line) == 2 and line[0] in ("out", "err")
            for line in lines
        ):
            return None
        self.outputs = outputs
        return [(stream, str(text)) for stream, text in lines]

    def remember(self, printed: list[tuple[str, str]], outputs: Iterable[str]) -> None:
        """Keep what the check printed and the outputs as they are now, for the next build."""
        stamps = {name: _stamp(self.folder / name) for name in sorted(outputs)}
        if not stamps or None in stamps.values():
            return
        text = json.dumps(
            {"talkkit": __version__, "inputs": self.digest, "printed": printed, "outputs": stamps},
            indent=1,
        )
        write_outputs(self.folder, {RECORD: text.encode()})

    def forget(self) -> None:
        """Drop the record: this build left the batch otherwise than it records."""
        self.record_path.unlink(missing_ok=True)


def up_to_date(outputs: int, folder: Path) -> str:
    """The line that says how many outputs a build left as they were."""
    return (
        f"{count(outputs, 'output')} up to date in {display_path(folder)} (--force rebuilds them)"
    )


def _stamp(path: Path) -> list[int] | None:
    """An output's size and modification time, which any change to it alters."""
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


class Recorder:
    """A terminal that also remembers what it printed."""

    def __init__(self, ui) -> None:
        self.ui, self.printed = ui, []

    def out(self, text: str) -> None:
        self.printed.append(("out", text))
        self.ui.out(text)

    def err(self, text: str) -> None:
        self.printed.append(("err", text))
        self.ui.err(text)

    def progress(self, length: int, label: str):
        return self.ui.progress(length, label)

    def interactive(self) -> bool:
        return self.ui.interactive()
