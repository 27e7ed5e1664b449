"""What a build would change: each output's name, and a fingerprint of everything it is made of.

The fingerprints of the outputs an output folder holds are kept beside them
(.talkkit-build.json); an output whose fingerprint is unchanged, and which is
still there, is up to date and not made again (unless forced).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from talkkit import __version__
from talkkit.cache import Digests, file_digest
from talkkit.output import target, write_outputs
from talkkit.resolve import Talk

OUTPUT_KINDS = ("deck", "handout", "notes")
HALF_SHEET = "handout-half"
"""The half-sheet handout (two copies a page, to cut), made only when asked for."""
MANIFEST = ".talkkit-build.json"


def output_name(talk: Talk, kind: str) -> str:
    """The file name of one output of a talk: <name>.pptx, <name>-handout.pdf, <name>-notes.pdf."""
    return {
        "deck": f"{talk.name}.pptx",
        "handout": f"{talk.name}-handout.pdf",
        "notes": f"{talk.name}-notes.pdf",
        HALF_SHEET: f"{talk.name}-handout-half.pdf",
    }[kind]


def _digest_file(h, path: Path, digests: Digests) -> None:
    h.update(path.name.encode())
    h.update(file_digest(path, digests))


def _digest_folder(h, folder: Path, digests: Digests) -> None:
    if not folder.is_dir():
        h.update(b"no folder")
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(file_digest(path, digests))


def fingerprint(talk: Talk, kind: str, paper: str | None, digests: Digests) -> str:
    """A digest of everything one output of a talk is made from."""
    h = hashlib.sha256()
    # A printed output is decided on the talk's day (the run's, for a talk without a date).
    day = talk.day.isoformat() if kind != "deck" else None
    h.update(json.dumps([__version__, kind, paper or talk.paper, day]).encode())
    workspace = talk.workspace
    for path in talk.chain:
        _digest_file(h, path, digests)
    _digest_file(h, workspace.config_path, digests)
    library = talk.library
    used: list = []
    for story in talk.stories():
        used.append(story)
        _digest_file(h, library.files[f"story:{story.id}"], digests)
    used += talk.facts() + talk.actions()
    sources = {s.source for s in used if getattr(s, "source", None)}
    used += [library.sources[s] for s in sorted(sources) if s in library.sources]
    for slide in talk.slides:
        if slide.asset is not None:
            used.append(slide.asset)
            _digest_file(h, workspace.assets / slide.asset.file, digests)
    h.update(json.dumps([m.model_dump(mode="json") for m in used], sort_keys=True).encode())
    _digest_folder(h, workspace.templates / talk.theme, digests)
    if talk.theme != "default":
        _digest_folder(h, workspace.templates / "default", digests)
    _digest_folder(h, workspace.assets / "fonts", digests)
    return h.hexdigest()


class Manifest:
    """The fingerprints of the outputs in an output folder, from the last build that wrote them."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries: dict[str, str] = dict(data.get("outputs", {}))
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def up_to_date(self, folder: Path, name: str, digest: str) -> bool:
        return self.entries.get(name) == digest and (folder / name).is_file()

    def save(self) -> None:
        text = json.dumps(
            {"talkkit": __version__, "outputs": dict(sorted(self.entries.items()))}, indent=1
        )
        write_outputs(self.path.parent, {MANIFEST: text.encode()})


@dataclass
class Job:
    """One talk to build: which outputs, and the fingerprint each will have."""

    path: Path
    outputs: dict[str, tuple[str, str]]
    """Output file name -> (kind, fingerprint)."""


def plan(
    talks: list[Talk],
    folder: Path,
    *,
    kinds: Iterable[str],
    paper: str | None,
    force: bool,
    digests: Digests,
) -> tuple[list[Job], list[Path]]:
    """The jobs to run, and the outputs already up to date (skipped unless `force`)."""
    manifest = Manifest(folder)
    jobs, skipped = [], []
    for talk in talks:
        outputs = {}
        for kind in kinds:
            name = output_name(talk, kind)
            target(folder, name)
            digest = fingerprint(talk, kind, paper, digests)
            if not force and manifest.up_to_date(folder, name, digest):
                skipped.append(folder / name)
            else:
                outputs[name] = (kind, digest)
        if outputs:
            jobs.append(Job(talk.path, outputs))
    return jobs, skipped
