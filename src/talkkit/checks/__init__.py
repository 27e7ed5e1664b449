"""Checks: rules that look at a talk, or the library, and say what is wrong. They never raise or write.

Each family of rules lives in a module of this package and registers its rules
with `talk_rule` or `library_rule`. Every rule has a code, a severity and an
entry in docs/checks.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from talkkit.diagnostics import Diagnostic

if TYPE_CHECKING:
    from talkkit.resolve import Talk
    from talkkit.session import Project

TalkRule = Callable[["Talk"], Iterable[Diagnostic]]
LibraryRule = Callable[["Project"], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: the codes it may report and the function that finds them."""

    codes: tuple[str, ...]
    func: Callable


_TALK_RULES: list[Rule] = []
_LIBRARY_RULES: list[Rule] = []


def talk_rule(*codes: str) -> Callable[[TalkRule], TalkRule]:
    """Register a rule run on every resolved talk."""

    def register(func: TalkRule) -> TalkRule:
        _TALK_RULES.append(Rule(codes, func))
        return func

    return register


def library_rule(*codes: str) -> Callable[[LibraryRule], LibraryRule]:
    """Register a rule run once on the workspace's library."""

    def register(func: LibraryRule) -> LibraryRule:
        _LIBRARY_RULES.append(Rule(codes, func))
        return func

    return register


def _load_rules() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def check_talk(talk: Talk) -> list[Diagnostic]:
    """Every problem the talk rules find in one talk."""
    _load_rules()
    found: list[Diagnostic] = []
    for rule in _TALK_RULES:
        found.extend(rule.func(talk))
    return found


def check_library(project: Project) -> list[Diagnostic]:
    """Every problem the library rules find."""
    _load_rules()
    found: list[Diagnostic] = []
    for rule in _LIBRARY_RULES:
        found.extend(rule.func(project))
    return found


def rule_codes() -> set[str]:
    """Every code a registered rule may report."""
    _load_rules()
    return {code for rule in (*_TALK_RULES, *_LIBRARY_RULES) for code in rule.codes}
