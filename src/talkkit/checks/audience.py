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

from talkkit.checks._common import Given, excerpt_uses, slide_name
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


def content_note(warnings: list[str], text: str, notes: str | None = None) -> str:
    """Slide notes that open with a content note naming `warnings`, then the notes as they were.

    A content note the notes opened with before (their first paragraph) gives way to the new one.
    """
    rest = (notes or "").strip()
    if _NOTE_RE.match(rest):
        _, _, rest = rest.partition("\n\n")
    opening = f"Content note ({', '.join(warnings)}): {text.strip()}"
    return f"{opening}\n\n{rest.strip()}" if rest.strip() else opening


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
        shown: list[tuple[str, list[str], Location | None]] = []
        if slide.story is not None:
            for excerpt, where in excerpt_uses(slide):
                problem = _excerpt_problem(talk, slide.story, excerpt, where)
                if problem:
                    yield problem
                else:
                    shown.append((f"excerpt '{excerpt.id}'", list(excerpt.warnings), where))
        for index, fact in enumerate(slide.facts):
            where = slide.location("facts", index)
            problem = _fact_problem(talk, fact, where)
            if problem:
                yield problem
            else:
                shown.append((f"fact '{fact.id}'", list(fact.warnings), where))
        noted = noted_warnings(slide.slide.notes)
        missing: dict[str, list[tuple[str, Location | None]]] = {}
        for what, warnings, where in shown:
            for name in warnings:
                if warning_level(talk.audience, name) == "with-note" and name not in noted:
                    missing.setdefault(name, []).append((what, where))
        if missing:
            yield _note_missing(talk, slide, label, missing)


def _note_missing(talk: Talk, slide, label: str, missing: dict) -> Diagnostic:
    """The content note a slide lacks, at its notes; or, when the slide's notes come from the
    outline it extends but this outline put the excerpt there, at the line that put it there."""
    names = list(missing)
    shows = sorted({what for uses in missing.values() for what, _ in uses})
    notes_at = slide.location("notes") or slide.location() or talk.location()
    where, named, related = notes_at, "", ()
    put_here = [
        at for uses in missing.values() for _, at in uses if at and at.path.resolve() == talk.path
    ]
    if notes_at.path.resolve() != talk.path and put_here:
        where, named, related = min(put_here), f"{slide_name(slide)}: ", (notes_at,)
    return error(
        where,
        "content-note-missing",
        f"{named}{label} audiences may be shown {_names(names, 'and')} only with a content note, "
        f"and the notes of this slide do not begin with one naming "
        f"{'it' if len(names) == 1 else 'them'} ({', '.join(shows)})",
        f'begin the notes with "Content note ({", ".join(names)}): " and say how to speak of it',
        related=related,
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
