"""Consent: withdrawn or expired consent, and media the consent does not cover."""

from __future__ import annotations

from checking import SAMPLES_CHECKED, at, check, found, outline, replace, talk

CODES = ("consent-withdrawn", "consent-expired", "consent-medium")
WITHDRAWN = (
    "uses story 'jo-eun', whose consent was withdrawn on 2026-11-01; it may no longer be used "
    "anywhere"
)


def _uses(root, rel: str, slide_id: str) -> str:
    return at(root, rel, f"id: {slide_id}", "jo-eun")


def test_a_withdrawal_lists_every_outline_using_the_story(workspace, talkkit):
    replace(
        workspace / "content/stories/jo-eun.yaml", "  withdrawn: null", "  withdrawn: 2026-11-01"
    )
    result = talkkit("check", "decks/", cwd=workspace)
    assert result.status == 1
    lines = [line for line in result.lines if " consent-withdrawn " in line]
    uses = {
        ("high-school-45", "jo-eun-story"): "lincoln-high-2027-03",
        ("high-school-45", "lighthouse"): "lincoln-high-2027-03",
        ("community-60", "jo-eun-story"): "riverside-library-2027-04",
        ("community-60", "jo-eun-story-more"): "riverside-library-2027-04",
        ("community-60", "matching-watches"): "riverside-library-2027-04",
        ("middle-school-30", "jo-eun-story"): None,
        ("middle-school-30", "matching-watches"): None,
    }
    expected = []
    for (standard, slide), event in uses.items():
        where = _uses(workspace, f"decks/standard/{standard}.yaml", slide)
        expected.append(
            f"{where}: error consent-withdrawn slide '{slide}' {WITHDRAWN}; take the slide out"
        )
        if event:
            expected.append(
                f"decks/{event}.yaml:2:10: error consent-withdrawn slide '{slide}' (inherited from "
                f"{where}) {WITHDRAWN}; add {slide} to `drop:` in this outline"
            )
    # the university talk extends the community talk, so it is told at its own `extends:`
    for slide in ("jo-eun-story", "jo-eun-story-more", "matching-watches"):
        where = _uses(workspace, "decks/standard/community-60.yaml", slide)
        expected.append(
            f"decks/standard/university-50.yaml:5:10: error consent-withdrawn slide '{slide}' "
            f"(inherited from {where}) {WITHDRAWN}; add {slide} to `drop:` in this outline"
        )
    assert lines == sorted(expected, key=_order)
    outlines = sorted(
        p.relative_to(workspace).as_posix() for p in (workspace / "decks").rglob("*.yaml")
    )
    assert sorted({line.split(":")[0] for line in lines}) == outlines


def _order(line: str) -> tuple:
    path, row, column, _ = line.split(":", 3)
    return (path, int(row), int(column), line)


def test_dropping_the_slides_of_a_withdrawn_story_clears_the_event(workspace):
    replace(
        workspace / "content/stories/jo-eun.yaml", "  withdrawn: null", "  withdrawn: 2026-11-01"
    )
    event = workspace / "decks/lincoln-high-2027-03.yaml"
    replace(event, "drop: [beyond-headlines]", "drop: [beyond-headlines, jo-eun-story, lighthouse]")
    assert found(check(workspace, event), *CODES) == []


def test_consent_that_expires_before_the_event_stops_the_event_only(workspace):
    replace(workspace / "content/stories/jo-eun.yaml", "  expires: null", "  expires: 2027-03-11")
    expected = []
    for standard, event, date, slides in (
        ("high-school-45", "lincoln-high-2027-03", "2027-03-12", ("jo-eun-story", "lighthouse")),
        (
            "community-60",
            "riverside-library-2027-04",
            "2027-04-15",
            ("jo-eun-story", "jo-eun-story-more", "matching-watches"),
        ),
    ):
        # the standard talk still holds the story today: the event's date ends it, and is named
        date_at = at(workspace, f"decks/{event}.yaml", "event:", date)
        for slide in slides:
            where = _uses(workspace, f"decks/standard/{standard}.yaml", slide)
            expected.append(
                f"{date_at}: error consent-expired slide '{slide}' (inherited from "
                f"{where}) uses story 'jo-eun', whose consent expired on 2027-03-11, before the "
                f"event on {date}; add {slide} to `drop:` in this outline, or ask staff whether the "
                "narrator has renewed consent"
            )
    assert found(check(workspace, workspace / "decks", today=SAMPLES_CHECKED), *CODES) == expected


def test_consent_expiring_on_the_day_of_the_event_still_holds(workspace):
    replace(workspace / "content/stories/jo-eun.yaml", "  expires: null", "  expires: 2027-03-12")
    assert (
        found(
            check(workspace, workspace / "decks/lincoln-high-2027-03.yaml", today=SAMPLES_CHECKED),
            *CODES,
        )
        == []
    )


def test_a_standard_talk_is_checked_against_today(workspace):
    replace(workspace / "content/stories/jo-eun.yaml", "  expires: null", "  expires: 2026-11-20")
    rel = "decks/standard/middle-school-30.yaml"
    assert found(check(workspace, workspace / rel, today=SAMPLES_CHECKED), *CODES) == [
        f"{_uses(workspace, rel, slide)}: error consent-expired slide '{slide}' uses story "
        "'jo-eun', whose consent expired on 2026-11-20, before today (2026-11-21); take the "
        "slide out, or ask staff whether the narrator has renewed consent"
        for slide in ("jo-eun-story", "matching-watches")
    ]


def test_slides_and_recordings_need_consent_for_their_medium(workspace):
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "  media: [slides, handout, recording]",
        "  media: [handout]",
    )
    path = talk(
        workspace,
        """
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
        event="{name: Test, date: 2027-03-01, recorded: true}",
    )
    hint = (
        "take the slide out, or choose a story whose narrators agreed to recording, or set "
        "`recorded: false` if the talk will not be filmed or streamed"
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/talk.yaml:5:49: error consent-medium the talk will be recorded, but story "
        f"'jeans-and-freedom', used on slide 2, has no consent for recording; {hint}",
        "decks/talk.yaml:5:49: error consent-medium the talk will be recorded, but story "
        f"'jeans-and-freedom', used on slide 3, has no consent for recording; {hint}",
        "decks/talk.yaml:5:49: error consent-medium the talk will be recorded, but story "
        f"'jo-eun', used on slide 1, has no consent for recording; {hint}",
        "decks/talk.yaml:8:12: error consent-medium slide 1 uses story 'jo-eun', whose consent "
        "does not cover slides (it covers: handout); take the slide out; this story may not be "
        "shown",
    ]


def test_a_recorded_event_names_every_inherited_slide_without_recording_consent(workspace):
    """One run names every slide to change, each with what to do (issue: one slide per run)."""
    path = outline(
        workspace,
        "streamed",
        """
        extends: standard/middle-school-30
        speaker: Sam Rivera
        event:
          name: Streamed
          date: 2027-03-12
          recorded: true
        """,
    )
    diagnostics = [d for d in check(workspace, path) if d.code == "consent-medium"]
    assert [d.format(workspace) for d in diagnostics] == [
        "decks/streamed.yaml:7:13: error consent-medium the talk will be recorded, but story "
        f"'jeans-and-freedom', used on slide '{slide}' (inherited from "
        f"decks/standard/middle-school-30.yaml:{line}:12), has no consent for recording; add "
        f"{slide} to `drop:` in this outline, or choose a story whose narrators agreed to "
        "recording, or set `recorded: false` if the talk will not be filmed or streamed"
        for slide, line in (("jeans-story", 81), ("this-is-freedom", 99))
    ]
    assert [d.as_json(workspace)["related"] for d in diagnostics] == [
        ["decks/standard/middle-school-30.yaml:81:12"],
        ["decks/standard/middle-school-30.yaml:99:12"],
    ]


def test_an_unrecorded_talk_may_use_a_story_without_recording_consent(workspace):
    path = talk(
        workspace,
        """
        - kind: quote
          story: jeans-and-freedom
          excerpt: this-is-freedom
        """,
        event="{name: Test, date: 2027-03-01, recorded: false}",
    )
    assert found(check(workspace, path), *CODES) == []


def test_the_samples_use_stories_only_with_consent(sample_findings):
    assert found(sample_findings, *CODES) == []
