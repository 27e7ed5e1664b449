"""Time budget: words at the speaking rate plus stated minutes, against the talk's minutes."""

from __future__ import annotations

import pytest

from checking import check, found, outline

CODES = ("time-budget",)


def words(n: int) -> str:
    return " ".join(["word"] * n)


def ten_minute_talk(workspace, minutes: int, name: str = "talk"):
    """A talk estimated at exactly 10 minutes at 130 words a minute."""
    return outline(
        workspace,
        name,
        f"""
        title: Test
        audience: community
        minutes: {minutes}
        slides:
          - id: start
            kind: section
            title: Start
            notes: {words(129)}
            minutes: 1
          - kind: bullets
            title: Two
            bullets: [a b]
            notes: {words(257)}
            minutes: 2
          - id: talk-it-over
            kind: bullets
            title: Talk
            bullets: [What stayed with you]
            notes: {words(400)}
            minutes: 3
            activity: discussion
          - kind: questions
            minutes: 4
        """,
    )


def test_a_talk_within_ten_percent_passes(workspace):
    for minutes in (10, 11):
        assert found(check(workspace, ten_minute_talk(workspace, minutes)), *CODES) == []


OVER = "cut words from the notes or slides, or give the talk more minutes"
UNDER = "say more in the notes, add a slide or an activity, or give the talk fewer minutes"


@pytest.mark.parametrize(
    "minutes,severity,off,hint",
    [
        (9, "warning", "11% over", OVER),
        (8, "warning", "25% over", OVER),
        (7, "error", "43% over", OVER),
        (12, "warning", "17% under", UNDER),
        (14, "error", "29% under", UNDER),
    ],
)
def test_a_talk_off_its_minutes_is_a_warning_then_an_error(workspace, minutes, severity, off, hint):
    path = ten_minute_talk(workspace, minutes)
    assert found(check(workspace, path), *CODES) == [
        f"decks/talk.yaml:4:10: {severity} time-budget the talk is estimated at 10 minutes (390 "
        f"words at 130 a minute, plus 7 minutes of activities and questions), {off} its "
        f"{minutes} minutes; {hint}; `talkkit check --timing decks/talk.yaml` shows the plan "
        "slide by slide"
    ]


def test_an_event_whose_own_changes_break_the_budget_is_told_at_its_extends(workspace):
    ten_minute_talk(workspace, 10, name="standard/ten")
    event = outline(
        workspace,
        "event",
        """
        extends: standard/ten
        event: {name: Test, date: 2027-03-01}
        change:
          talk-it-over: {minutes: 8}
        """,
    )
    assert found(check(workspace, event), *CODES) == [
        "decks/event.yaml:2:10: error time-budget the talk is estimated at 15 minutes (390 words "
        "at 130 a minute, plus 12 minutes of activities and questions), 50% over its 10 minutes; "
        "cut words from the notes or slides, or give the talk more minutes; "
        "`talkkit check --timing decks/event.yaml` shows the plan slide by slide"
    ]


def test_check_timing_prints_the_plan_slide_by_slide(workspace, talkkit):
    ten_minute_talk(workspace, 12)
    result = talkkit("check", "--timing", "decks/talk.yaml", cwd=workspace)
    assert result.status == 0
    assert result.out.split("\n\n")[0:2] == [
        "decks/talk.yaml: Test\n"
        "  #  id            kind                  title       planned  estimated         starts at\n"
        "  1  start         section               Start       1        1:00 (130 words)  0:00\n"
        "  2                bullets               Two         2        2:00 (260 words)  1:00\n"
        "  3  talk-it-over  bullets (discussion)  Talk        3        3:00 (stated)     3:00\n"
        "  4                questions             Questions?  4        4:00 (stated)     6:00",
        "  planned 10 minutes; estimated 10:00 (390 words at 130 a minute, plus 7 minutes "
        "stated); the talk has 12 minutes: 17% under",
    ]
    assert "decks/talk.yaml:4:10: warning time-budget" in result.out.split("\n\n")[2]


def test_the_samples_fit_their_minutes(sample_findings):
    assert found(sample_findings, *CODES) == []
