"""A list too long for one slide continues on the next: titles, minutes, notes and findings
follow the parts; only one item too long for a slide of its own is refused, by name."""

from __future__ import annotations

import re

import pytest

from checking import SAMPLES_CHECKED, at, check, found
from long_outlines import LONG_OUTLINES, long_outline
from talkkit.load.workspace import Workspace
from talkkit.session import Session


def _write(workspace, name: str, text: str | None = None):
    path = workspace / "decks" / f"{name}.yaml"
    path.write_text(text if text is not None else long_outline(name), encoding="utf-8")
    return path


def _talk(workspace, path):
    talk, problems = Session(Workspace.at(workspace), today=SAMPLES_CHECKED).talk(path)
    assert talk is not None, [p.format() for p in problems]
    return talk


@pytest.mark.parametrize("name", sorted(LONG_OUTLINES))
def test_long_but_reasonable_outlines_pass_the_check(workspace, name):
    path = _write(workspace, name)
    errors = [d.format(workspace) for d in check(workspace, path, today=SAMPLES_CHECKED)]
    assert [e for e in errors if " error " in e] == []


def test_the_parts_share_the_title_minutes_and_notes_of_their_slide(workspace):
    talk = _talk(workspace, _write(workspace, "every-fact"))
    parts = [s for s in talk.slides if s.slide.id == "every-fact"]
    title = "What life is like inside North Korea"
    assert [s.title for s in parts] == [
        title,
        f"{title} (continued, 2 of 3)",
        f"{title} (continued, 3 of 3)",
    ]
    assert [s.number for s in talk.slides] == list(range(1, len(talk.slides) + 1))
    # every fact once, in the outline's order
    assert [f.id for s in parts for f in s.facts] == list(parts[0].slide.facts)
    assert all(s.facts for s in parts)
    # the minutes are shared out, and the talk's time runs on
    assert round(sum(s.minutes for s in parts), 6) == parts[0].slide.minutes
    for before, after in zip(talk.slides, talk.slides[1:], strict=False):
        assert round(after.start_minute, 6) == round(before.start_minute + before.minutes, 6)
    # the speaker's notes open the first part; each part has its sources and timing
    assert parts[0].notes.startswith("Walk through these slowly.")
    assert parts[1].notes.startswith(f"Continues slide {parts[0].number}.")
    assert "Walk through these slowly." not in parts[1].notes
    for part in parts:
        assert f"Timing: {part.minutes:g} min, starts at minute" in part.notes
        for number, fact in enumerate(part.facts, start=1):
            assert f"[{number}] {fact.text}" in part.notes


def test_two_parts_say_continued_and_the_notes_warn_before_the_first(workspace):
    talk = _talk(workspace, _write(workspace, "three-long-excerpts"))
    parts = [s for s in talk.slides if s.slide.id == "jo-eun"]
    assert [s.title for s in parts] == ["And We Will Be Free", "And We Will Be Free (continued)"]
    warnings = sorted({w for s in parts for e in s.excerpts for w in e.warnings})
    assert warnings, "an excerpt of the long story has a content warning"
    named = ", ".join(w.replace("-", " ") for w in warnings)
    assert f"Content warnings: {named}." in parts[0].notes


def test_a_finding_in_a_later_part_is_reported_where_its_item_is_written(workspace):
    text = long_outline("three-long-excerpts").replace(
        "audience: community", "audience: high-school"
    )
    text = text.replace("like-a-lighthouse]", "guards-at-the-river]")
    path = _write(workspace, "three-long-excerpts", text)
    talk = _talk(workspace, path)
    assert [e.id for e in talk.slides[2].excerpts] == ["guards-at-the-river"]
    rel = "decks/three-long-excerpts.yaml"
    where = at(workspace, rel, "kind: story", "guards-at-the-river")
    findings = found(check(workspace, path, today=SAMPLES_CHECKED), "beyond-audience")
    assert len(findings) == 1 and findings[0].startswith(f"{where}: error beyond-audience")


def _lengthen_excerpt(workspace) -> None:
    """her-name-means-hope, longer than any slide holds."""
    story = workspace / "content" / "stories" / "jo-eun.yaml"
    passage = (
        "I was born next to the Tumen. I grew up playing on its rocky shore, splashing and "
        "swimming in its waters, and I remember every season of it. "
    ) * 14
    text = story.read_text(encoding="utf-8")
    text = re.sub(
        r"(- id: her-name-means-hope\n(?:.*\n)*?    text: >-\n)(?:      .*\n)+",
        lambda m: m.group(1) + f"      {passage.strip()}\n",
        text,
        count=1,
    )
    story.write_text(text, encoding="utf-8")


def test_one_excerpt_too_long_for_a_slide_of_its_own_is_refused_by_name(workspace):
    _lengthen_excerpt(workspace)
    path = _write(workspace, "three-long-excerpts")
    where = at(workspace, "decks/three-long-excerpts.yaml", "kind: story", "her-name-means-hope")
    findings = found(check(workspace, path, today=SAMPLES_CHECKED), "text-overflow")
    # the excerpts before and after it still continue around it
    assert [f.split(": it does not fit")[0] for f in findings] == [
        f"{where}: error text-overflow slide 3 (jo-eun), story: excerpt 'her-name-means-hope' "
        "is too long for a slide of its own"
    ]


def test_a_quote_slide_too_long_names_its_excerpt(workspace):
    _lengthen_excerpt(workspace)
    text = long_outline("three-long-excerpts").replace(
        "    kind: story\n    story: jo-eun\n"
        "    excerpts: [born-by-the-tumen, her-name-means-hope, like-a-lighthouse]\n",
        "    kind: quote\n    story: jo-eun\n    excerpt: her-name-means-hope\n",
    )
    path = _write(workspace, "three-long-excerpts", text)
    where = at(workspace, "decks/three-long-excerpts.yaml", "kind: quote", "her-name-means-hope")
    findings = found(check(workspace, path, today=SAMPLES_CHECKED), "text-overflow")
    assert [f.split(": it does not fit")[0] for f in findings] == [
        f"{where}: error text-overflow slide 2 (jo-eun), quote: excerpt 'her-name-means-hope' "
        "is too long for a slide of its own"
    ]
