"""Located problems: what is wrong, where, and how to fix it."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, either may be unknown.

    A file without lines, like a deck, names the place in words instead:
    `place` "slide 7, notes" reads `build/talk.pptx: slide 7, notes`.
    """

    path: Path
    line: int | None = None
    column: int | None = None
    place: str = ""

    def __str__(self) -> str:
        return self.display()

    def display(self, base: Path | None = None) -> str:
        """`path:line:col`, the path relative to `base` (default: the current folder)."""
        text = display_path(self.path, base)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.place:
            text += f": {self.place}"
        return text


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as a user would type it: relative to `base` when below it, else absolute."""
    base = Path.cwd() if base is None else base
    try:
        rel = os.path.relpath(path, base)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass(frozen=True)
class Diagnostic:
    """One problem found: where, how bad, which rule, what to do."""

    location: Location
    severity: Severity
    code: str
    message: str
    hint: str | None = None
    related: tuple[Location, ...] = field(default=())

    def format(self, base: Path | None = None) -> str:
        """`PATH:LINE:COL: error CODE message; hint` on one line."""
        text = f"{self.location.display(base)}: {self.severity} {self.code} {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def as_json(self, base: Path | None = None) -> dict:
        found = {
            "path": display_path(self.location.path, base),
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "related": [loc.display(base) for loc in self.related],
        }
        if self.location.place:
            found["place"] = self.location.place
        return found

    def sort_key(self) -> tuple:
        loc = self.location
        place = tuple(
            (0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", loc.place)
        )
        return (str(loc.path), loc.line or 0, loc.column or 0, place, self.code, self.message)


def error(location: Location, code: str, message: str, hint: str | None = None, **kw) -> Diagnostic:
    return Diagnostic(location, "error", code, message, hint, **kw)


def warning(
    location: Location, code: str, message: str, hint: str | None = None, **kw
) -> Diagnostic:
    return Diagnostic(location, "warning", code, message, hint, **kw)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Whether any diagnostic is an error (with `strict`, whether there is any diagnostic at all)."""
    return any(d.severity == "error" or strict for d in diagnostics)


def unique_sorted(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The problems sorted by place, each once."""
    seen, unique = set(), []
    for d in diagnostics:
        key = (d.location, d.severity, d.code, d.message)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return sorted(unique, key=Diagnostic.sort_key)


def did_you_mean(name: str, choices: Iterable[str], *, what: str = "") -> str | None:
    """A hint naming the closest of `choices`, or listing them when none is close."""
    choices = sorted(set(choices))
    if not choices:
        return None
    scored = sorted(
        ((difflib.SequenceMatcher(None, name, c).ratio(), c) for c in choices), reverse=True
    )
    best = scored[0][0]
    close = [c for ratio, c in scored[:3] if ratio >= 0.6 and ratio >= best - 0.1]
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    listed = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"{what or 'choices'}: {listed}"


def duplicate_ids(
    items: Iterable,
    into: dict,
    said: Callable[[str, Location | None], str],
    hint: str | None = None,
) -> list[Diagnostic]:
    """The one rule for ids that must be unique: each item (with an `id` and a `location`) goes
    into `into` by id, the first of each; every later one is a `duplicate-id` error at its id,
    worded by `said(id, where the first is)` and pointing at the first. Items without an id
    are passed over."""
    found = []
    for item in items:
        if item.id is None:
            continue
        if item.id not in into:
            into[item.id] = item
            continue
        first = into[item.id].location("id")
        found.append(
            error(
                item.location("id"),
                "duplicate-id",
                said(item.id, first),
                hint,
                related=(first,) if first else (),
            )
        )
    return found
