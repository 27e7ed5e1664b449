"""Consent: withdrawn or expired consent, and media the consent does not cover."""

from __future__ import annotations

from checking import SAMPLES_CHECKED, check, found, outline, replace

CODES = ("consent-withdrawn", "consent-expired", "consent-medium")
WITHDRAWN = (
    "uses story 'jo-eun', whose consent was withdrawn on 2026-11-01; it may no longer be used "
    "anywhere"
)


def test_a_withdrawal_lists_every_outline_using_the_story(workspace, talkkit):
    replace(
        workspace / "content/stories/jo-eun.yaml", "  withdrawn: null", "  withdrawn: 2026-11-01"
    )
    result = talkkit("check", "decks/", cwd=workspace)
    assert result.status == 1
    lines = [line for line in result.lines if " consent-withdrawn " in line]
    assert lines == [
        "decks/lincoln-high-2027-03.yaml:2:10: error consent-withdrawn slide 'jo-eun-story' "
        f"(inherited from decks/standard/high-school-45.yaml:162:12) {WITHDRAWN}; "
        "add jo-eun-story to `drop:` in this outline",
        "decks/lincoln-high-2027-03.yaml:2:10: error consent-withdrawn slide 'lighthouse' "
        f"(inherited from decks/standard/high-school-45.yaml:190:12) {WITHDRAWN}; "
        "add lighthouse to `drop:` in this outline",
        "decks/riverside-library-2027-04.yaml:2:10: error consent-withdrawn slide 'jo-eun-story' "
        f"(inherited from decks/standard/community-60.yaml:229:12) {WITHDRAWN}; "
        "add jo-eun-story to `drop:` in this outline",
        "decks/riverside-library-2027-04.yaml:2:10: error consent-withdrawn slide "
        "'matching-watches' (inherited from decks/standard/community-60.yaml:242:12) "
        f"{WITHDRAWN}; add matching-watches to `drop:` in this outline",
        f"decks/standard/community-60.yaml:229:12: error consent-withdrawn slide 'jo-eun-story' {WITHDRAWN}; take the slide out",
        f"decks/standard/community-60.yaml:242:12: error consent-withdrawn slide 'matching-watches' {WITHDRAWN}; take the slide out",
        f"decks/standard/high-school-45.yaml:162:12: error consent-withdrawn slide 'jo-eun-story' {WITHDRAWN}; take the slide out",
        f"decks/standard/high-school-45.yaml:190:12: error consent-withdrawn slide 'lighthouse' {WITHDRAWN}; take the slide out",
        f"decks/standard/middle-school-30.yaml:152:12: error consent-withdrawn slide 'jo-eun-story' {WITHDRAWN}; take the slide out",
        f"decks/standard/middle-school-30.yaml:166:12: error consent-withdrawn slide 'matching-watches' {WITHDRAWN}; take the slide out",
    ]
    outlines = sorted(
        p.relative_to(workspace).as_posix() for p in (workspace / "decks").rglob("*.yaml")
    )
    assert sorted({line.split(":")[0] for line in lines}) == outlines


def test_dropping_the_slides_of_a_withdrawn_story_clears_the_event(workspace):
    replace(
        workspace / "content/stories/jo-eun.yaml", "  withdrawn: null", "  withdrawn: 2026-11-01"
    )
    event = workspace / "decks/lincoln-high-2027-03.yaml"
    replace(event, "drop: [beyond-headlines]", "drop: [beyond-headlines, jo-eun-story, lighthouse]")
    assert found(check(workspace, event), *CODES) == []


def test_consent_that_expires_before_the_event_stops_the_event_only(workspace, monkeypatch):
    monkeypatch.setattr("talkkit.checks._common.today", lambda: SAMPLES_CHECKED)
    replace(workspace / "content/stories/jo-eun.yaml", "  expires: null", "  expires: 2027-03-11")
    assert found(check(workspace, workspace / "decks"), *CODES) == [
        "decks/lincoln-high-2027-03.yaml:2:10: error consent-expired slide 'jo-eun-story' "
        "(inherited from decks/standard/high-school-45.yaml:162:12) uses story 'jo-eun', whose "
        "consent expired on 2027-03-11, before the event on 2027-03-12; add jo-eun-story to "
        "`drop:` in this outline, or ask staff whether the narrator has renewed consent",
        "decks/lincoln-high-2027-03.yaml:2:10: error consent-expired slide 'lighthouse' "
        "(inherited from decks/standard/high-school-45.yaml:190:12) uses story 'jo-eun', whose "
        "consent expired on 2027-03-11, before the event on 2027-03-12; add lighthouse to "
        "`drop:` in this outline, or ask staff whether the narrator has renewed consent",
        "decks/riverside-library-2027-04.yaml:2:10: error consent-expired slide 'jo-eun-story' "
        "(inherited from decks/standard/community-60.yaml:229:12) uses story 'jo-eun', whose "
        "consent expired on 2027-03-11, before the event on 2027-04-15; add jo-eun-story to "
        "`drop:` in this outline, or ask staff whether the narrator has renewed consent",
        "decks/riverside-library-2027-04.yaml:2:10: error consent-expired slide "
        "'matching-watches' (inherited from decks/standard/community-60.yaml:242:12) uses story "
        "'jo-eun', whose consent expired on 2027-03-11, before the event on 2027-04-15; add "
        "matching-watches to `drop:` in this outline, or ask staff whether the narrator has "
        "renewed consent",
    ]


def test_consent_expiring_on_the_day_of_the_event_still_holds(workspace):
    replace(workspace / "content/stories/jo-eun.yaml", "  expires: null", "  expires: 2027-03-12")
    assert found(check(workspace, workspace / "decks/lincoln-high-2027-03.yaml"), *CODES) == []


def test_a_standard_talk_is_checked_against_today(workspace, monkeypatch):
    monkeypatch.setattr("talkkit.checks._common.today", lambda: SAMPLES_CHECKED)
    replace(workspace / "content/stories/jo-eun.yaml", "  expires: null", "  expires: 2026-11-20")
    assert found(check(workspace, workspace / "decks/standard/middle-school-30.yaml"), *CODES) == [
        "decks/standard/middle-school-30.yaml:152:12: error consent-expired slide 'jo-eun-story' "
        "uses story 'jo-eun', whose consent expired on 2026-11-20, before today (2026-11-21); "
        "take the slide out, or ask staff whether the narrator has renewed consent",
        "decks/standard/middle-school-30.yaml:166:12: error consent-expired slide "
        "'matching-watches' uses story 'jo-eun', whose consent expired on 2026-11-20, before "
        "today (2026-11-21); take the slide out, or ask staff whether the narrator has renewed "
        "consent",
    ]


def test_slides_and_recordings_need_consent_for_their_medium(workspace):
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "  media: [slides, handout, recording]",
        "  media: [handout]",
    )
    path = outline(
        workspace,
        "talk",
        """
        title: Test
        audience: community
        minutes: 5
        event: {name: Test, date: 2027-03-01, recorded: true}
        slides:
          - kind: quote
            story: jo-eun
            excerpt: matching-watches
          - kind: story
            story: jeans-and-freedom
            excerpts: [dramas-so-clean]
          - kind: quote
            story: jeans-and-freedom
            excerpt: this-is-freedom
        """,
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/talk.yaml:5:49: error consent-medium the talk will be recorded, but the consent "
        "of story 'jeans-and-freedom' (used on slide 2) does not cover recording; take its "
        "slides out, or do not record or stream the talk",
        "decks/talk.yaml:5:49: error consent-medium the talk will be recorded, but the consent "
        "of story 'jo-eun' (used on slide 1) does not cover recording; take its slides out, or "
        "do not record or stream the talk",
        "decks/talk.yaml:8:12: error consent-medium slide 1 uses story 'jo-eun', whose consent "
        "does not cover slides (it covers: handout); take the slide out; this story may not be "
        "shown",
    ]


def test_an_unrecorded_talk_may_use_a_story_without_recording_consent(workspace):
    path = outline(
        workspace,
        "talk",
        """
        title: Test
        audience: community
        minutes: 5
        event: {name: Test, date: 2027-03-01, recorded: false}
        slides:
          - kind: quote
            story: jeans-and-freedom
            excerpt: this-is-freedom
        """,
    )
    assert found(check(workspace, path), *CODES) == []


def test_the_samples_use_stories_only_with_consent(sample_findings):
    assert found(sample_findings, *CODES) == []
