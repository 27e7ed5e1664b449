"""One run over a workspace: each file loaded once, talks resolved, checks given what they need.

`check`, `build`, `watch` and `preview` (and any other front end) open one
`Session` a run and ask it for the settings, the library, resolved talks and
their problems. The session owns every cache of the run (outlines, themes,
approvals, source documents, image problems, file digests), so nothing
outlives it; `watch` and the page open a new one for each change. What they
read of files that did not change (the settings, the library, the approvals,
the themes, the fonts' coverage) may be kept longer, in a `Kept` the front end
hands each run: each value by a stamp of every file it was read from (sizes,
times and contents), so an edit is always seen. The day is read from the clock
here, once a run, when the front end gives none; nothing below the session reads
the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from talkkit import checks
from talkkit.cache import file_digest, stamp
from talkkit.diagnostics import Diagnostic, Location, error, unique_sorted
from talkkit.load.approvals import Approvals, approvals_path, load_approvals
from talkkit.load.library import Library, load_library
from talkkit.load.safe_yaml import YDict, load_yaml
from talkkit.load.theme import Theme, load_theme, theme_stamp
from talkkit.load.validate import validate
from talkkit.load.wording import SourceDocuments
from talkkit.load.workspace import Workspace
from talkkit.models import Config
from talkkit.resolve import OutlineReader, Talk, resolve
from talkkit.resolve.inherited import report_in_event
from talkkit.resolve.partial import LEFT_OUT, checkable_talk
from talkkit.text.images import image_problem

ThemeStore = dict[tuple, tuple[Theme | None, list[Diagnostic]]]
"""Loaded themes by `theme_stamp`: what each was loaded from, its fonts included."""
T = TypeVar("T")


class Kept:
    """What a long-lived front end (the page, `watch`) keeps from one run to the next.

    Each value is kept with the stamp of every file it was read from (see
    `talkkit.cache.stamp`): a run takes it only while all of them are as they
    were, and reads it afresh otherwise. Themes are kept the same way, by
    `theme_stamp`.
    """

    def __init__(self) -> None:
        self.themes: ThemeStore = {}
        self._values: dict[str, tuple[tuple, object]] = {}

    def take(self, name: str, places: tuple[Path, ...], make: Callable[[], T]) -> T:
        """The value kept as `name` while `places` are unchanged; made with `make()` otherwise."""
        now = stamp(*places)
        held = self._values.get(name)
        if held is not None and held[0] == now:
            return held[1]  # type: ignore[return-value]
        value = make()
        self._values[name] = (now, value)
        return value


class Session:
    """A workspace opened for one run: read lazily, each file once, checked as of `today`."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        today: dt.date | None = None,
        kept: Kept | None = None,
    ):
        self.workspace = workspace
        self.today = today or dt.date.today()
        """The day standard talks (with no event date) and approvals are checked and made on."""
        self.reader = OutlineReader(workspace)
        self._talks: dict[Path, tuple[Talk | None, list[Diagnostic]]] = {}
        self.kept = kept
        self._store: ThemeStore = {} if kept is None else kept.themes
        self._themes: dict[str, tuple[Theme | None, list[Diagnostic]]] = {}
        self._images: dict[str, str | None] = {}
        self._checked: dict[Path, list[Diagnostic]] = {}
        self._texts: dict[Path, str | None] = {}
        self._handouts: dict[tuple[Path, str], bytes | Exception] = {}
        self.digests: dict[tuple[str, int, int], bytes] = {}
        """File digests by (path, modification time, size), for the build's fingerprints."""

    def _keep(self, name: str, places: tuple[Path, ...], make: Callable[[], T]) -> T:
        """`make()`, or what the front end kept of it from an earlier run (see `Kept`)."""
        return make() if self.kept is None else self.kept.take(name, places, make)

    @cached_property
    def _config(self) -> tuple[Config | None, list[Diagnostic]]:
        return self._keep("settings", (self.workspace.config_path,), self._read_config)

    def _read_config(self) -> tuple[Config | None, list[Diagnostic]]:
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
        config, workspace = self.config, self.workspace
        return self._keep(
            "library",
            (workspace.config_path, workspace.content, workspace.assets / "assets.yaml"),
            lambda: load_library(workspace, config),
        )

    @cached_property
    def approvals(self) -> Approvals:
        """content/approvals.yaml, read once."""
        workspace = self.workspace
        return self._keep(
            "approvals", (approvals_path(workspace),), lambda: load_approvals(workspace)
        )

    @cached_property
    def sources(self) -> SourceDocuments | None:
        """The source documents the library quotes: each read once a run, compared by content."""
        if self.config is None:
            return None
        return SourceDocuments(self.workspace, self.config, self.library)

    def theme(self, name: str) -> tuple[Theme | None, list[Diagnostic]]:
        """A theme by name and the problems found loading it: once a run, and again only
        when a file it was loaded from (its fonts included) has changed since."""
        if name not in self._themes:
            stamp = theme_stamp(self.workspace, name)
            if stamp not in self._store:
                for old in [k for k in list(self._store) if k[0] == name]:
                    del self._store[old]
                self._store[stamp] = load_theme(self.workspace, name)
            self._themes[name] = self._store[stamp]
        return self._themes[name]

    def talk(self, path: Path) -> tuple[Talk | None, list[Diagnostic]]:
        """The resolved talk of an outline and the problems found making it (not the rules' findings)."""
        path = path.resolve()
        if path not in self._talks:
            if self.config is None:
                self._talks[path] = (None, [])
            else:
                self._talks[path] = resolve(
                    path,
                    self.reader,
                    self.config,
                    self.library,
                    today=self.today,
                    themes=self.theme,
                )
        return self._talks[path]

    def preload(self, paths: list[Path]) -> None:
        """Read now what checking and building any talk reads (the settings, the library, its
        approvals and source documents, the fonts' coverage, the digests of the templates and
        fonts) and the first talk with its theme, so that worker processes forked after it
        start with them."""
        if self.config is None:
            return
        _ = self.library, self.approvals, self.sources, self._font_coverage
        for path in paths[:1]:
            self.talk(path)
        # the digests of the files every output's fingerprint hashes: the templates and fonts
        for folder in (self.workspace.templates, self.workspace.assets / "fonts"):
            for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
                if path.is_file():
                    file_digest(path, self.digests)

    def given(self) -> checks.Given:
        """What the rules are given: settings, library, approvals, the images looked at, today
        (each talk carries its theme as loaded)."""
        assert self.config is not None
        return checks.Given(
            config=self.config,
            library=self.library,
            approvals=self.approvals,
            today=self.today,
            image_problems=MappingProxyType(self._images),
            file_text=self._file_text,
            sources=self.sources,
            printable=self._printable,
            handout=self._handout,
        )

    def _handout(self, talk: Talk) -> tuple[bool, str] | None:
        """What stops the build from printing the talk's handout (see `Given.handout`)."""
        from talkkit.errors import DoesNotFit

        found = self.printed_handout(talk)
        if isinstance(found, bytes):
            return None
        return isinstance(found, DoesNotFit), str(found)

    def printed_handout(self, talk: Talk):
        """The handout PDF the check typeset for a talk on its paper, the very bytes the build
        writes (a RenderError when it cannot be printed); typeset once a run."""
        from talkkit.cache import cache_folder
        from talkkit.render.handout import checked_handout

        key = (talk.path, talk.paper)
        if key not in self._handouts:
            cache = cache_folder(self.workspace.root)
            self._handouts[key] = checked_handout(talk, cache, self.digests)
        return self._handouts[key]

    def _printable(self) -> frozenset[int] | None:
        return self._font_coverage

    @cached_property
    def _font_coverage(self) -> frozenset[int] | None:
        """The code points the fonts of assets/fonts/ print, read once a run (their cmaps,
        kept in the cache folder by content); None when the folder has no font."""
        from talkkit.cache import cache_folder
        from talkkit.text.measure import font_metrics

        folder = self.workspace.assets / "fonts"
        cache = cache_folder(self.workspace.root)

        def read() -> frozenset[int] | None:
            files = sorted(folder.glob("*.[ot]tf")) if folder.is_dir() else []
            codes: set[int] = set()
            for path in files:
                codes.update(font_metrics(path, cache)[0])
            return frozenset(codes) if codes else None

        return self._keep("font coverage", (folder,), read)

    def _file_text(self, path: Path) -> str | None:
        """A file's text, read once a run (None when it cannot be read)."""
        path = path.resolve()
        if path not in self._texts:
            try:
                self._texts[path] = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def _load_for(self, talk: Talk) -> None:
        """Look at the images a talk shows, for the rules (its theme came with it)."""
        for slide in talk.slides:
            asset = slide.asset
            if asset is not None and asset.id not in self._images:
                self._images[asset.id] = image_problem(self.workspace, asset)

    def check_outline(self, path: Path) -> list[Diagnostic]:
        """Every problem of one outline: reading, merging, resolving, and every talk rule.

        A problem an event outline causes in a slide it inherits is reported
        at the event's line that causes it (see talkkit.resolve.inherited).
        """
        path = path.resolve()
        if path in self._checked:
            return list(self._checked[path])
        talk, found = self.talk(path)
        found = list(found)
        if talk is None and self.config is not None and found:
            found.extend(self._check_the_rest(path, found))
        if talk is not None:
            self._load_for(talk)
            found.extend(checks.check_talk(talk, self.given()))
            inherited = {p.resolve() for p in talk.chain[1:]}
            if not talk.is_standard and any(d.location.path in inherited for d in found):
                standard = self.check_outline(talk.chain[1])
                found = report_in_event(talk, found, standard)
        self._checked[path] = found
        return list(found)

    def _check_the_rest(self, path: Path, found: list[Diagnostic]) -> list[Diagnostic]:
        """What the rules find in the parts of a broken outline that can be checked (never built)."""
        rest = checkable_talk(
            path, self.reader, self.config, self.library, found, today=self.today, themes=self.theme
        )
        if rest is None:
            return []
        self._load_for(rest)
        known = {(d.location, d.code, d.message) for d in found}
        more = [
            d
            for d in checks.check_talk(rest, self.given())
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
            found.extend(checks.check_library(self.given()))
        return found

    def check(self, paths: list[Path] | None = None) -> list[Diagnostic]:
        """Check the given outlines and folders, or with none, the whole workspace.

        A folder means every outline in it; a file of content/ or talkkit.yaml
        means the library and settings. Problems come back sorted by place,
        each once.
        """
        found = list(self.config_diagnostics)
        if self.config is None:
            return unique_sorted(found)
        if not paths:
            found.extend(self.check_library())
            for outline in self.workspace.outlines():
                found.extend(self.check_outline(outline))
            return unique_sorted(found)
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
        return unique_sorted(found)

    def check_each(self, paths: list[Path]) -> dict[Path, list[Diagnostic]]:
        """The problems of each outline on its own (the settings' problems count for every one).

        A batch uses it to build every outline that passes and name every one
        that does not.
        """
        return {path.resolve(): self.check([path]) for path in paths}


def _inside(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder.resolve())
