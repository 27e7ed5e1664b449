"""The repository stands on its own: nothing in the project or its tests names a path outside it.

A path written with `../` counts as inside when, taken from some folder of the
repository, it is a file or folder of the repository (the outline header's
`$schema=../schema/...`, written by src/, is read from decks/).
A Python file may not step above the repository's root (`ROOT.parent`).
Tests that feed talkkit a path leading out of its workspace to show that it is
refused are listed in REFUSED, each with the file that holds it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samples import ROOT

SCANNED = ("src", "tests", "benchmarks", ".ci", "tools", "talkkit.yaml", "pyproject.toml")
SUFFIXES = {".py", ".yaml", ".yml", ".toml", ".json", ".typ", ".html", ".sh", ".cfg", ".txt", ""}
UP_PATH = re.compile(r"(?<![\w./])((?:\.\./)+[\w.-]+(?:/[\w.-]+)*)")
ABOVE_ROOT = re.compile(r"\bROOT\.parent\b|\.parents\[\s*\d+\s*\]\s*\.parent\b")

THIS = "tests/test_self_contained.py"
"""This file, which writes paths outside the repository as examples of what the rule finds."""
REFUSED = {
    ("tests/commands/test_build.py", "../outside.pptx"),
    ("tests/checks/test_quotes.py", "../elsewhere"),
}
"""Paths out of the workspace that tests hand to talkkit to see them refused."""


def scanned_files(root: Path) -> list[Path]:
    files = []
    for name in SCANNED:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix in SUFFIXES
                and "golden" not in p.relative_to(root).parts
                and "__pycache__" not in p.parts
            ]
    return files


SKIPPED = {
    ".git",
    ".venv",
    "build",
    ".talkkit-cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
}


def _folders(root: Path) -> list[Path]:
    found = [root]
    for path in sorted(root.iterdir()):
        if path.is_dir() and path.name not in SKIPPED and not path.is_symlink():
            found += _folders(path)
    return found


def _inside(path: Path, root: Path) -> bool:
    """The path is in the repository, and there."""
    return path.resolve().is_relative_to(root.resolve()) and path.exists()


def outside_paths(root: Path) -> list[str]:
    """Each `file:line: text` that names a path outside the repository at `root`."""
    found = []
    folders = _folders(root)
    for path in scanned_files(root):
        rel = path.relative_to(root).as_posix()
        if rel == THIS:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for match in UP_PATH.finditer(line):
                written = match.group(1)
                if (rel, written) in REFUSED:
                    continue
                if not any(_inside(folder / written, root) for folder in folders):
                    found.append(f"{rel}:{number}: {written}")
            if path.suffix == ".py":
                for match in ABOVE_ROOT.finditer(line):
                    found.append(f"{rel}:{number}: {match.group(0)}")
    return found


def test_nothing_names_a_path_outside_the_repository():
    assert outside_paths(ROOT) == []


def test_the_source_documents_are_in_the_repository():
    config = (ROOT / "talkkit.yaml").read_text(encoding="utf-8")
    folder = re.search(r"^source_documents: (\S+)$", config, re.MULTILINE).group(1)
    assert _inside(ROOT / folder, ROOT) and (ROOT / folder / "README.md").is_file()
    assert sorted(p.name for p in (ROOT / folder).glob("*.txt")) == [
        "000_319cd5b273b271e8.txt",
        "001_098a76e456ab8c78.txt",
        "002_e369b8cf19734ae0.txt",
        "003_86001f59c82de649.txt",
        "004_394a5029e858065e.txt",
    ]


@pytest.mark.parametrize(
    "rel, text, expected",
    [
        ("talkkit.yaml", "source_documents: ../shared/sources\n", "../shared/sources"),
        (
            "tests/web/conftest.py",
            'text.replace("../shared/sources", "x")\n',
            "../shared/sources",
        ),
        ("benchmarks/run.py", 'SOURCES = ROOT.parent / "shared"\n', "ROOT.parent"),
        (
            "src/talkkit/x.py",
            'Path("../../../elsewhere/file.txt")\n',
            "../../../elsewhere/file.txt",
        ),
        (".ci/run", "cp -r ../shared/sources sources\n", "../shared/sources"),
    ],
)
def test_the_rule_finds_a_path_outside(tmp_path, rel, text, expected):
    root = tmp_path / "repo"
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    (root / "tests").mkdir(exist_ok=True)
    assert outside_paths(root) == [f"{rel}:1: {expected}"]


def test_the_rule_accepts_paths_that_stay_inside(tmp_path):
    root = tmp_path / "repo"
    (root / "schema").mkdir(parents=True)
    (root / "schema/outline.schema.json").write_text("{}", encoding="utf-8")
    (root / "src/talkkit").mkdir(parents=True)
    (root / "src/talkkit/new.py").write_text(
        '"# yaml-language-server: $schema=../schema/outline.schema.json"\nPath("../../schema")\n',
        encoding="utf-8",
    )
    assert outside_paths(root) == []
