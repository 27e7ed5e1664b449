"""An event's problem is reported in the event: at its line that causes it, naming the inherited slide."""

from __future__ import annotations

from checking import check, found, outline, replace


def test_an_event_that_changes_the_audience_is_told_at_its_audience_line(workspace):
    path = outline(
        workspace,
        "young",
        """
        extends: standard/high-school-45
        audience: middle-school
        event: {name: Evening, date: 2027-03-01}
        """,
    )
    lines = found(check(workspace, path), "beyond-audience", "content-note-missing")
    assert lines[0] == (
        "decks/young.yaml:3:11: error beyond-audience slide 'control-and-punishment' from "
        "decks/standard/high-school-45.yaml:121: fact 'public-executions' is not for this middle "
        "school audience: middle school audiences may not be shown 'execution'; leave it out; "
        "`talkkit library --audience middle-school` lists the facts they may be shown"
    )
    assert [line.split(" from ")[0] for line in lines] == [
        "decks/young.yaml:3:11: error beyond-audience slide 'control-and-punishment'",
        "decks/young.yaml:3:11: error beyond-audience slide 'jo-eun-story'",
        "decks/young.yaml:3:11: error content-note-missing slide 'food-and-health'",
        "decks/young.yaml:3:11: error content-note-missing slide 'growing-up-story'",
        "decks/young.yaml:3:11: error content-note-missing slide 'journey-facts'",
    ]
    assert found(check(workspace, workspace / "decks/standard"), "beyond-audience") == []


def test_an_event_dated_years_ahead_is_told_at_its_date(workspace):
    path = outline(
        workspace,
        "later",
        """
        extends: standard/high-school-45
        event:
          name: Evening
          date: 2031-03-01
        """,
    )
    lines = found(check(workspace, path), "fact-outdated")
    assert len(lines) == 17
    assert {line.split(" error ")[0] for line in lines} == {"decks/later.yaml:5:9:"}
    assert (
        "decks/later.yaml:5:9: error fact-outdated slide 'no-freedoms' from "
        "decks/standard/high-school-45.yaml:65: fact 'leaving-is-illegal' is out of date"
    ) in [line.split(": last checked")[0] for line in lines]


def test_a_problem_of_the_standard_talk_itself_is_reported_there_and_a_stale_fact_also_in_the_event(
    workspace,
):
    replace(
        workspace / "content/facts.yaml",
        "  checked: 2026-11-21\n",
        "  checked: 2020-01-01\n",
        after="id: songbun-levels",
    )
    event = outline(
        workspace,
        "later",
        """
        extends: standard/high-school-45
        event: {name: Evening, date: 2027-03-01}
        """,
    )
    standard = workspace / "decks/standard/high-school-45.yaml"
    both = found(check(workspace, event, standard), "fact-outdated")
    songbun = [line for line in both if "'songbun-levels'" in line]
    # A figure due for review is reported at the standard talk, and also in the event, at
    # its date, naming the slide that shows it: whoever prepares the event must hear of it.
    in_event = (
        "decks/later.yaml:3:30: error fact-outdated slide 'control-and-punishment' from "
        "decks/standard/high-school-45.yaml:121: fact 'songbun-levels'"
    )
    assert [line.split(" is out of date")[0] for line in songbun] == [
        in_event,
        "decks/standard/high-school-45.yaml:121:13: error fact-outdated fact 'songbun-levels'",
    ]
    alone = found(check(workspace, event), "fact-outdated")
    assert [line.split(" is out of date")[0] for line in alone if "'songbun-levels'" in line] == [
        in_event
    ]
