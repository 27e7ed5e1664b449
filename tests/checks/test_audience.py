"""Audience: excerpts and facts beyond a talk's audience, content notes, consistent excerpt audiences."""

from __future__ import annotations

from checking import check, found, outline, replace, talk
from talkkit.checks.audience import noted_warnings

CODES = ("beyond-audience", "content-note-missing", "audience-inconsistent")


def test_an_excerpt_for_older_audiences_is_refused_with_the_suitable_ones_suggested(workspace):
    path = talk(
        workspace,
        """
          - kind: story
            story: jo-eun
            excerpts: [born-by-the-tumen, hunger-in-detention]
            notes: Content note (detention, starvation, death) prepared.
        """,
        audience="middle-school",
        name="class",
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/class.yaml:8:35: error beyond-audience excerpt 'hunger-in-detention' of 'jo-eun' "
        "is not for this middle school audience: it is marked for high school audiences and "
        "older; suitable excerpts of 'jo-eun': born-by-the-tumen, her-name-means-hope, "
        "like-a-lighthouse, matching-watches"
    ]


def test_a_quote_slide_beyond_the_audience_points_at_its_excerpt(workspace):
    path = talk(
        workspace,
        """
          - kind: quote
            story: jo-eun
            excerpt: guards-at-the-river
        """,
        audience="high-school",
        name="class",
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/class.yaml:8:14: error beyond-audience excerpt 'guards-at-the-river' of 'jo-eun' "
        "is not for this high school audience: it is marked for community group audiences and "
        "older; suitable excerpts of 'jo-eun': born-by-the-tumen, her-name-means-hope, "
        "hunger-in-detention, like-a-lighthouse, matching-watches"
    ]


def test_an_excerpt_whose_warning_the_audience_may_not_see_is_refused(workspace):
    story = workspace / "content/stories/jo-eun.yaml"
    replace(
        story,
        "    warnings: [violence, child-harm]\n    audience: community",
        "    warnings: [violence, child-harm]\n    audience: middle-school",
    )
    path = talk(
        workspace,
        """
          - kind: story
            story: jo-eun
            excerpts: [guards-at-the-river]
        """,
        audience="middle-school",
        name="class",
    )
    assert found(check(workspace, path), "beyond-audience") == [
        "decks/class.yaml:8:16: error beyond-audience excerpt 'guards-at-the-river' of 'jo-eun' "
        "is not for this middle school audience: middle school audiences may not be shown "
        "'violence' or 'child-harm'; suitable excerpts of 'jo-eun': born-by-the-tumen, "
        "her-name-means-hope, like-a-lighthouse, matching-watches"
    ]


def test_a_fact_beyond_the_audience_is_refused(workspace):
    path = talk(
        workspace,
        """
          - kind: facts
            title: Fear
            facts: [population, public-executions]
            notes: "Content note (death): say it calmly."
        """,
        audience="middle-school",
        name="class",
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/class.yaml:8:25: error beyond-audience fact 'public-executions' is not for this "
        "middle school audience: middle school audiences may not be shown 'execution'; leave it "
        "out; `talkkit library --audience middle-school` lists the facts they may be shown"
    ]


def test_a_warning_allowed_only_with_a_note_needs_the_notes_to_begin_with_one(workspace):
    path = talk(
        workspace,
        """
          - kind: facts
            title: Fear
            facts: [prison-camps, public-executions]
            notes: >-
              Say it calmly. Content note (execution, death): too late here.
        """,
        audience="high-school",
        name="class",
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/class.yaml:9:12: error content-note-missing high school audiences may be shown "
        "'execution' and 'death' only with a content note, and the notes of this slide do not "
        "begin with one naming them (fact 'public-executions'); begin the notes with "
        '"Content note (execution, death): " and say how to speak of it'
    ]


def test_a_slide_without_notes_is_pointed_at_when_it_needs_a_content_note(workspace):
    path = talk(
        workspace,
        """
          - kind: facts
            title: The journey
            facts: [china-repatriates]
        """,
        audience="middle-school",
        name="class",
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/class.yaml:6:5: error content-note-missing middle school audiences may be shown "
        "'detention' only with a content note, and the notes of this slide do not begin with one "
        "naming it (fact 'china-repatriates'); begin the notes with "
        '"Content note (detention): " and say how to speak of it'
    ]


def test_a_content_note_naming_each_warning_in_any_case_and_order_is_enough(workspace):
    path = talk(
        workspace,
        """
          - kind: facts
            title: Fear
            facts: [public-executions]
            notes: |
              content note ( Death , EXECUTION ): this slide is about executions.
        """,
        audience="high-school",
        name="class",
    )
    assert found(check(workspace, path), *CODES) == []


def test_noted_warnings_reads_only_an_opening_content_note():
    assert noted_warnings("Content note (detention, death): x") == {"detention", "death"}
    assert noted_warnings("  content NOTE(death)") == {"death"}
    assert noted_warnings("Say it. Content note (death)") == set()
    assert noted_warnings(None) == set()


def test_an_excerpt_marked_for_an_audience_that_may_not_see_its_warnings_is_inconsistent(
    workspace,
):
    story = workspace / "content/stories/jo-eun.yaml"
    replace(
        story,
        "    warnings: [violence, child-harm]\n    audience: community",
        "    warnings: [violence, child-harm]\n    audience: middle-school",
    )
    assert found(check(workspace), "audience-inconsistent") == [
        "content/stories/jo-eun.yaml:81:15: error audience-inconsistent excerpt "
        "'guards-at-the-river' is marked for middle-school, which may not be shown 'violence' or "
        "'child-harm'; mark it for an audience that may be shown its warnings: community, university"
    ]


def test_the_samples_suit_their_audiences(sample_findings):
    assert found(sample_findings, *CODES) == []


def test_a_content_note_for_an_excerpt_a_change_adds_is_asked_where_the_change_puts_it(workspace):
    """The finding names the slide that shows the excerpt and the line of `change` that put it
    there; `related` keeps the notes it inherits (issue: it named another slide at `extends`)."""
    path = outline(
        workspace,
        "goodbye",
        """
        extends: standard/middle-school-30
        speaker: Sam Rivera
        event:
          name: Test event
          date: 2027-03-12
        change:
          saying-goodbye:
            excerpts: [escape-together, father-passed-away]
        """,
    )
    diagnostics = [d for d in check(workspace, path) if d.code == "content-note-missing"]
    assert [d.format(workspace) for d in diagnostics] == [
        "decks/goodbye.yaml:9:33: error content-note-missing slide 'saying-goodbye': middle "
        "school audiences may be shown 'death' only with a content note, and the notes of this "
        "slide do not begin with one naming it (excerpt 'father-passed-away'); begin the notes "
        'with "Content note (death): " and say how to speak of it'
    ]
    assert diagnostics[0].as_json(workspace)["related"] == [
        "decks/standard/middle-school-30.yaml:153:12"
    ]
