"""Audience: what a talk shows must suit its audience, and hard content must be prepared for.

An excerpt or fact is beyond an audience when the excerpt's own `audience`
(the youngest it suits) is older than the talk's, or when one of its content
warnings is in neither `allow` nor `allow_with_note` of the talk's audience.
A warning in `allow_with_note` needs the slide's notes to begin with a content
note naming it: `Content note (detention, death): ...`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from talkkit.checks._common import Given, excerpt_uses
from talkkit.diagnostics import Diagnostic, Location, error
from talkkit.models import Excerpt, Fact, Story
from talkkit.policy import beyond, suits, too_young, warning_level
from talkkit.resolve import Talk

_NOTE_RE = re.compile(r"^\s*content note\s*\(([^)]*)\)", re.IGNORECASE)


def noted_warnings(notes: str | None) -> set[str]:
    """The warnings named by the content note that opens a slide's notes (none without one)."""
    match = _NOTE_RE.match(notes or "")
    if not match:
        return set()
    return {part.strip().lower() for part in match.group(1).split(",") if part.strip()}


def _suitable(talk: Talk, story: Story) -> list[str]:
    return [
        e.id
        for e in story.excerpts
        if suits(talk.config, talk.audience_id, e.audience, list(e.warnings))
    ]


def _excerpt_problem(
    talk: Talk, story: Story, excerpt: Excerpt, where: Location | None
) -> Diagnostic | None:
    label = talk.audience.label.lower()
    floor = too_young(talk.config, talk.audience_id, excerpt.audience)
    refused = beyond(talk.audience, excerpt.warnings)
    if floor is None and not refused:
        return None
    if floor is not None:
        reason = f"it is marked for {floor.label.lower()} audiences and older"
    else:
        reason = f"{label} audiences may not be shown {_names(refused)}"
    suitable = _suitable(talk, story)
    hint = (
        f"suitable excerpts of '{story.id}': " + ", ".join(suitable)
        if suitable
        else f"no excerpt of '{story.id}' suits {label} audiences; choose another story"
    )
    return error(
        where or talk.location(),
        "beyond-audience",
        f"excerpt '{excerpt.id}' of '{story.id}' is not for this {label} audience: {reason}",
        hint,
    )


def _fact_problem(talk: Talk, fact: Fact, where: Location | None) -> Diagnostic | None:
    refused = beyond(talk.audience, fact.warnings)
    if not refused:
        return None
    label = talk.audience.label.lower()
    return error(
        where or talk.location(),
        "beyond-audience",
        f"fact '{fact.id}' is not for this {label} audience: "
        f"{label} audiences may not be shown {_names(refused)}",
        f"leave it out; `talkkit library --audience {talk.audience_id}` lists the facts they may be shown",
    )


def _names(warnings: list[str], word: str = "or") -> str:
    quoted = [f"'{w}'" for w in warnings]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" {word} " + quoted[-1]


def audience(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Excerpts and facts beyond the talk's audience; content the notes do not prepare for."""
    label = talk.audience.label.lower()
    for slide in talk.slides:
        shown: list[tuple[str, list[str]]] = []
        if slide.story is not None:
            for excerpt, where in excerpt_uses(slide):
                problem = _excerpt_problem(talk, slide.story, excerpt, where)
                if problem:
                    yield problem
                else:
                    shown.append((f"excerpt '{excerpt.id}'", list(excerpt.warnings)))
        for index, fact in enumerate(slide.facts):
            problem = _fact_problem(talk, fact, slide.location("facts", index))
            if problem:
                yield problem
            else:
                shown.append((f"fact '{fact.id}'", list(fact.warnings)))
        noted = noted_warnings(slide.slide.notes)
        missing: dict[str, list[str]] = {}
        for what, warnings in shown:
            for name in warnings:
                if warning_level(talk.audience, name) == "with-note" and name not in noted:
                    missing.setdefault(name, []).append(what)
        if not missing:
            continue
        names = list(missing)
        shows = sorted({what for whats in missing.values() for what in whats})
        yield error(
            slide.location("notes") or slide.location(),
            "content-note-missing",
            f"{label} audiences may be shown {_names(names, 'and')} only with a content note, and the "
            f"notes of this slide do not begin with one naming {'it' if len(names) == 1 else 'them'} "
            f"({', '.join(shows)})",
            f'begin the notes with "Content note ({", ".join(names)}): " and say how to speak of it',
        )


def excerpt_audiences(given: Given) -> Iterator[Diagnostic]:
    """An excerpt's own audience must allow every warning it carries."""
    config = given.config
    for story in given.library.stories.values():
        for excerpt in story.excerpts:
            rule = config.audiences.get(excerpt.audience)
            if rule is None:
                continue
            refused = beyond(rule, excerpt.warnings)
            if not refused:
                continue
            fitting = [
                name
                for name, other in sorted(config.audiences.items(), key=lambda a: a[1].min_age)
                if not beyond(other, excerpt.warnings)
            ]
            yield error(
                excerpt.location("audience"),
                "audience-inconsistent",
                f"excerpt '{excerpt.id}' is marked for {excerpt.audience}, "
                f"which may not be shown {_names(refused)}",
                (
                    "mark it for an audience that may be shown its warnings: " + ", ".join(fitting)
                    if fitting
                    else "no audience of talkkit.yaml may be shown all its warnings"
                ),
            )
