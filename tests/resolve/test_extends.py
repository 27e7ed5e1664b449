"""`extends`: an event outline starts from a standard talk and says only what differs."""

from __future__ import annotations

import pytest

from samples import write
from talkkit.load.workspace import Workspace
from talkkit.session import Session

PARENT = """\
title: Parent talk
audience: high-school
minutes: 20
speaker: Pat Parent
theme: default
event:
  name: Parent event
  venue: Parent hall
  city: Parent city
slides:
  - id: one
    kind: title
    title: One
    subtitle: First
    notes: Parent notes
    minutes: 2
  - id: two
    kind: bullets
    title: Two
    bullets: [a, b]
    minutes: 3
  - id: three
    kind: quote
    story: jo-eun
    excerpt: like-a-lighthouse
    minutes: 1
  - id: four
    kind: closing
    title: Four
"""


def talk_of(workspace, child: str, parent: str = PARENT):
    write(workspace / "decks/standard/parent.yaml", parent)
    path = write(workspace / "decks/child.yaml", child)
    talk, problems = Session(Workspace.at(workspace)).talk(path)
    errors = [p.format(workspace) for p in problems if p.severity == "error"]
    return talk, errors


def ids(talk) -> list[str]:
    return [s.slide.id for s in talk.slides]


def test_fields_given_replace_the_parents(workspace):
    talk, errors = talk_of(workspace, "extends: standard/parent\ntitle: Child talk\nminutes: 25\n")
    assert errors == []
    assert (talk.title, talk.minutes, talk.outline.speaker) == ("Child talk", 25, "Pat Parent")
    assert talk.audience_id == "high-school"


def test_event_is_merged_field_by_field(workspace):
    talk, errors = talk_of(
        workspace,
        "extends: standard/parent\nevent:\n  name: Child event\n  date: 2027-05-01\n",
    )
    assert errors == []
    event = talk.event
    assert (event.name, event.venue, event.city, str(event.date)) == (
        "Child event",
        "Parent hall",
        "Parent city",
        "2027-05-01",
    )


def test_slides_replace_the_whole_list(workspace):
    talk, errors = talk_of(
        workspace,
        "extends: standard/parent\nslides:\n  - kind: closing\n    title: Only\n",
    )
    assert errors == []
    assert [s.kind for s in talk.slides] == ["closing"]


def test_drop_change_add(workspace):
    talk, errors = talk_of(
        workspace,
        """\
extends: standard/parent
drop: [two]
change:
  one: {title: Changed, minutes: 4}
add:
  - {after: one, id: new-a, kind: section, title: A}
  - {before: one, id: new-b, kind: section, title: B}
  - {id: new-c, kind: questions}
""",
    )
    assert errors == []
    assert ids(talk) == ["new-b", "one", "new-a", "three", "four", "new-c"]
    one = talk.slides[1].slide
    # changed fields replace, the others stay
    assert (one.title, one.minutes, one.subtitle, one.notes) == (
        "Changed",
        4,
        "First",
        "Parent notes",
    )


def test_change_with_kind_starts_the_slide_afresh(workspace):
    talk, errors = talk_of(
        workspace,
        "extends: standard/parent\nchange:\n  one: {kind: section, title: Fresh}\n",
    )
    assert errors == []
    slide = talk.slides[0].slide
    assert (slide.id, slide.kind, slide.title, slide.subtitle, slide.notes) == (
        "one",
        "section",
        "Fresh",
        None,
        None,
    )


def test_a_story_swapped(workspace):
    talk, errors = talk_of(
        workspace,
        "extends: standard/parent\nchange:\n  three: {story: hyo-jin, excerpt: escape-together}\n",
    )
    assert errors == []
    assert (talk.slides[2].story.id, talk.slides[2].excerpts[0].id) == (
        "hyo-jin",
        "escape-together",
    )


def test_chains_apply_from_the_oldest_down(workspace):
    write(
        workspace / "decks/standard/middle.yaml",
        "extends: standard/parent\ntitle: Middle\ndrop: [two]\nevent: {venue: Middle hall}\n",
    )
    talk, errors = talk_of(
        workspace, "extends: standard/middle\nchange:\n  four: {title: Last}\nevent: {city: Here}\n"
    )
    assert errors == []
    assert talk.title == "Middle"
    assert ids(talk) == ["one", "three", "four"]
    assert talk.slides[-1].slide.title == "Last"
    assert (talk.event.name, talk.event.venue, talk.event.city) == (
        "Parent event",
        "Middle hall",
        "Here",
    )
    assert [p.name for p in talk.chain] == ["child.yaml", "middle.yaml", "parent.yaml"]


@pytest.mark.parametrize(
    ("child", "expected"),
    [
        (
            "extends: standard/parent\ndrop: [twoo]\n",
            "decks/child.yaml:2:8: error unknown-slide cannot drop slide 'twoo': the outline this one "
            "extends has no slide with that id; did you mean 'two'?",
        ),
        (
            "extends: standard/parent\ndrop: [two]\nchange:\n  two: {title: X}\n",
            "decks/child.yaml:4:3: error unknown-slide cannot change slide 'two': the outline this one "
            "extends has no slide with that id (left out above by drop); slide ids: four, one, three",
        ),
        (
            "extends: standard/parent\nadd:\n  - {after: five, kind: questions}\n",
            "decks/child.yaml:3:13: error unknown-slide cannot add a slide after slide 'five': the "
            "outline this one extends has no slide with that id; slide ids: four, one, three, two",
        ),
        (
            "extends: standard/parent\nadd:\n  - {after: one, before: two, kind: questions}\n",
            "decks/child.yaml:3:18: error invalid-value a slide can be placed 'after' or 'before' "
            "another, not both",
        ),
        (
            "title: x\ndrop: [two]\n",
            "decks/child.yaml:2:1: error edit-without-extends 'drop' changes the slides of an outline "
            "this one extends, but it extends none; add `extends: standard/<talk>` or list the "
            "slides under `slides:`",
        ),
        (
            "extends: standard/parent\nslides: []\nadd:\n  - {kind: questions}\n",
            "decks/child.yaml:3:1: error edit-with-slides 'add' cannot be combined with 'slides', "
            "which replaces every slide; keep one of them",
        ),
        (
            "extends: standard/parent\nadd:\n  - {id: one, kind: questions}\n",
            "decks/child.yaml:3:10: error duplicate-id two slides have the id 'one'; the first is at "
            "decks/standard/parent.yaml:11:9; give each slide its own id",
        ),
    ],
)
def test_edit_errors_point_into_the_child(workspace, monkeypatch, child, expected):
    monkeypatch.chdir(workspace)
    _, errors = talk_of(workspace, child)
    assert expected in errors


def test_required_fields_may_come_from_any_ancestor(workspace):
    _, errors = talk_of(
        workspace,
        "extends: standard/parent\n",
        parent=PARENT.replace("audience: high-school\n", ""),
    )
    assert errors == [
        "decks/child.yaml:1:1: error missing-field the outline has no 'audience' (nor does any "
        "outline it extends); give the talk an audience"
    ]
