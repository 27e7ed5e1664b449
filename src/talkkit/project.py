"""One workspace opened for a command: its settings, library and outlines, each read once."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from talkkit import checks
from talkkit.diagnostics import Diagnostic, Location, error, unique_sorted
from talkkit.inherited import report_in_event
from talkkit.library import Library, load_library
from talkkit.load import YDict, load_yaml
from talkkit.models import Config
from talkkit.partial import LEFT_OUT, checkable_talk
from talkkit.resolve import OutlineReader, Talk, resolve
from talkkit.validate import validate
from talkkit.workspace import Workspace


class Project:
    """A workspace opened for one run: read lazily, each file once."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.reader = OutlineReader(workspace)
        self._talks: dict[Path, tuple[Talk | None, list[Diagnostic]]] = {}
        self._checked: dict[Path, list[Diagnostic]] = {}

    @cached_property
    def _config(self) -> tuple[Config | None, list[Diagnostic]]:
        path = self.workspace.config_path
        loaded = load_yaml(path)
        if loaded.data is None:
            return None, loaded.diagnostics
        if not isinstance(loaded.data, YDict):
            return None, [
                *loaded.diagnostics,
                error(Location(path, 1, 1), "wrong-type", "talkkit.yaml is a mapping of settings"),
            ]
        config, problems = validate(Config, loaded.data, path)
        return config, loaded.diagnostics + problems

    @property
    def config(self) -> Config | None:
        """The settings, or None when talkkit.yaml cannot be read (see config_diagnostics)."""
        return self._config[0]

    @property
    def config_diagnostics(self) -> list[Diagnostic]:
        return self._config[1]

    @cached_property
    def library(self) -> Library:
        """The content library; empty when the settings cannot be read."""
        if self.config is None:
            return Library()
        return load_library(self.workspace, self.config)

    def talk(self, path: Path) -> tuple[Talk | None, list[Diagnostic]]:
        """The resolved talk of an outline and the problems found making it (not the rules' findings)."""
        path = path.resolve()
        if path not in self._talks:
            if self.config is None:
                self._talks[path] = (None, [])
            else:
                self._talks[path] = resolve(path, self.reader, self.config, self.library)
        return self._talks[path]

    def check_outline(self, path: Path) -> list[Diagnostic]:
        """Every problem of one outline: reading, merging, resolving, and every talk rule.

        A problem an event outline causes in a slide it inherits is reported
        at the event's line that causes it (see talkkit.inherited).
        """
        path = path.resolve()
        if path in self._checked:
            return list(self._checked[path])
        talk, found = self.talk(path)
        found = list(found)
        if talk is None and self.config is not None and found:
            found.extend(self._check_the_rest(path, found))
        if talk is not None:
            found.extend(checks.check_talk(talk))
            inherited = {p.resolve() for p in talk.chain[1:]}
            if not talk.is_standard and any(d.location.path in inherited for d in found):
                standard = self.check_outline(talk.chain[1])
                found = report_in_event(talk, found, standard)
        self._checked[path] = found
        return list(found)

    def _check_the_rest(self, path: Path, found: list[Diagnostic]) -> list[Diagnostic]:
        """What the rules find in the parts of a broken outline that can be checked (never built)."""
        rest = checkable_talk(path, self.reader, self.config, self.library, found)
        if rest is None:
            return []
        known = {(d.location, d.code, d.message) for d in found}
        more = [
            d
            for d in checks.check_talk(rest)
            if d.code not in LEFT_OUT and (d.location, d.code, d.message) not in known
        ]
        inherited = {p.resolve() for p in rest.chain[1:]}
        if not rest.is_standard and any(d.location.path in inherited for d in more):
            more = report_in_event(rest, more, self.check_outline(rest.chain[1]))
        return more

    def check_library(self) -> list[Diagnostic]:
        """Every problem of the settings and the library, and the library rules' findings."""
        found = list(self.config_diagnostics)
        if self.config is not None:
            found.extend(self.library.diagnostics)
            found.extend(checks.check_library(self))
        return found

    def check(self, paths: list[Path] | None = None) -> list[Diagnostic]:
        """Check the given outlines and folders, or with none, the whole workspace.

        A folder means every outline in it; a file of content/ or talkkit.yaml
        means the library and settings. Problems come back sorted by place,
        each once.
        """
        found = list(self.config_diagnostics)
        if self.config is None:
            return _sorted(found)
        if not paths:
            found.extend(self.check_library())
            for outline in self.workspace.outlines():
                found.extend(self.check_outline(outline))
            return _sorted(found)
        for path in paths:
            path = path.resolve()
            if (
                path == self.workspace.config_path.resolve()
                or _inside(path, self.workspace.content)
                or (_inside(path, self.workspace.assets))
            ):
                found.extend(self.check_library())
            elif path.is_dir():
                for outline in self.workspace.outlines(path):
                    found.extend(self.check_outline(outline))
            else:
                found.extend(self.check_outline(path))
        return _sorted(found)

    def check_each(self, paths: list[Path]) -> dict[Path, list[Diagnostic]]:
        """The problems of each outline on its own (the settings' problems count for every one).

        A batch uses it to build every outline that passes and name every one
        that does not.
        """
        return {path.resolve(): self.check([path]) for path in paths}


def _inside(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder.resolve())


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return unique_sorted(diagnostics)
