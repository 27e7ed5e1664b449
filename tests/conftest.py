"""Shared fixtures: a fresh copy of the sample workspace for each test, and a way to run the command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from samples import ROOT, copy_sample
from talkkit.cli import main


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


class Runner:
    """Runs `talkkit ARGS` in a folder, as a user would, and keeps the status and output."""

    def __init__(self, capsys, monkeypatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, cwd: Path) -> Result:
        self.monkeypatch.chdir(cwd)
        self.capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 0
        else:  # pragma: no cover
            status = 0
        captured = self.capsys.readouterr()
        return Result(status, captured.out, captured.err)


@pytest.fixture
def talkkit(capsys, monkeypatch) -> Runner:
    return Runner(capsys, monkeypatch)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the sample workspace, free to change."""
    return copy_sample(tmp_path / "ws")


@pytest.fixture(scope="session")
def sample_findings():
    """What `talkkit check` finds in the sample workspace, on the day its library was checked."""
    from checking import SAMPLES_CHECKED, check

    return check(ROOT, today=SAMPLES_CHECKED)


@pytest.fixture(scope="session", autouse=True)
def every_deck_built_validates(tmp_path_factory):
    """After the tests: every deck talkkit wrote in them validates against ECMA-376.

    A deck talkkit wrote is told by its fixed entry dates (a deck saved again by
    python-pptx or LibreOffice, as the audit's tests do, is not talkkit's own).
    """
    yield
    import hashlib
    import zipfile

    from package_schemas import schema_errors
    from talkkit.render.deck import ZIP_DATE

    seen: set[bytes] = set()
    failed: dict[str, dict[str, list[str]]] = {}
    for path in sorted(tmp_path_factory.getbasetemp().rglob("*.pptx")):
        data = path.read_bytes()
        digest = hashlib.sha256(data).digest()
        if digest in seen:
            continue
        seen.add(digest)
        try:
            with zipfile.ZipFile(path) as archive:
                ours = all(i.date_time == ZIP_DATE for i in archive.infolist())
        except (zipfile.BadZipFile, OSError):
            continue
        if ours and (errors := schema_errors(data)):
            failed[str(path)] = errors
    assert not failed, f"decks that do not validate against ECMA-376: {failed}"
