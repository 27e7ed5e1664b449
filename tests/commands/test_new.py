"""`talkkit new`: a small event outline extending a standard talk, asked for at a terminal, checked."""

from __future__ import annotations

import io

import pytest

import talkkit.cli.talks as cli_module


def test_new_writes_a_checked_outline(talkkit, workspace):
    result = talkkit(
        "new",
        "Oak Ridge Middle, 2027",
        "--from",
        "standard/middle-school-30",
        "--speaker",
        "Jamie Lee",
        "--event",
        "Oak Ridge assembly",
        "--date",
        "2027-05-04",
        "--venue",
        "Library: room 2",
        "--city",
        "Springfield",
        cwd=workspace,
    )
    assert result.status == 0, result.out + result.err
    assert result.lines == ["wrote decks/oak-ridge-middle-2027.yaml"]
    assert result.err == "no problems in decks/oak-ridge-middle-2027.yaml\n"
    text = (workspace / "decks/oak-ridge-middle-2027.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../schema/outline.schema.json\n"
        "extends: standard/middle-school-30\n"
        'speaker: "Jamie Lee"\n'
        "event:\n"
        '  name: "Oak Ridge assembly"\n'
        "  date: 2027-05-04\n"
        '  venue: "Library: room 2"\n'
        '  city: "Springfield"\n'
    )
    assert "# Its slides: welcome, what-we-know," in text
    # the new outline builds on the standard talk without copying it
    assert text.count("\n") < 20


def test_new_asks_for_what_is_missing_at_a_terminal(talkkit, workspace, monkeypatch):
    monkeypatch.setattr(cli_module, "interactive", lambda: True)
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO(
            "standard/middle-school-30\nPat Doe\nRiverside club\nnext Tuesday\n2027-06-01\n\n"
            "Riverside\nn\n"
        ),
    )
    result = talkkit("new", "riverside-club", cwd=workspace)
    assert result.status == 0, result.err
    text = (workspace / "decks/riverside-club.yaml").read_text()
    assert "extends: standard/middle-school-30\n" in text
    assert 'speaker: "Pat Doe"\n' in text
    assert "  date: 2027-06-01\n" in text
    assert "venue" not in text.split("\n\n")[0]
    assert "  recorded: false\n" in text
    assert "Will the talk be recorded or streamed?" in result.out
    assert "'next Tuesday' is not a date like 2027-03-12" in result.err


def test_new_takes_an_audience_by_its_label_or_name(talkkit, workspace):
    for given in ("High school", "high-school", "HIGH SCHOOL"):
        result = talkkit(
            "new", "x", "--from", "middle-school-30", "--audience", given, "--force", cwd=workspace
        )
        assert result.status == 0, result.err
        assert "audience: high-school\n" in (workspace / "decks/x.yaml").read_text()
    wrong = talkkit("new", "y", "--from", "middle-school-30", "--audience", "kids", cwd=workspace)
    assert wrong.err == (
        "talkkit: no audience 'kids' in talkkit.yaml; audiences: middle-school (Middle school), "
        "high-school (High school), university (University), community (Community group)\n"
    )


def test_new_without_a_terminal_needs_from(talkkit, workspace):
    result = talkkit("new", "x", cwd=workspace)
    assert result.status == 2
    assert result.err == (
        "talkkit: say which talk to start from with --from; standard talks: standard/community-60, "
        "standard/high-school-45, standard/middle-school-30, standard/university-50\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--from", "standard/high-school-40"),
            "talkkit: no standard talk 'standard/high-school-40'",
        ),
        (
            ("--from", "high-school-45", "--audience", "kids"),
            "talkkit: no audience 'kids' in talkkit.yaml",
        ),
    ],
)
def test_new_refuses_unknown_names(talkkit, workspace, args, message):
    result = talkkit("new", "x", *args, cwd=workspace)
    assert result.status == 2
    assert result.err.startswith(message)
    assert not (workspace / "decks/x.yaml").exists()


def test_new_never_replaces_an_outline_unasked(talkkit, workspace):
    path = workspace / "decks/lincoln-high-2027-03.yaml"
    before = path.read_text()
    result = talkkit("new", "lincoln-high-2027-03", "--from", "high-school-45", cwd=workspace)
    assert result.status == 2
    assert "exists already" in result.err
    assert path.read_text() == before


def test_check_warns_about_an_event_in_the_past_and_one_without_a_speaker(workspace):
    from checking import check, found, outline

    path = outline(
        workspace,
        "old",
        """
        extends: standard/high-school-45
        event: {name: Evening, date: 2020-03-01}
        """,
    )
    assert found(check(workspace, path), "event-past", "speaker-missing") == [
        "decks/old.yaml:2:1: warning speaker-missing the outline names no speaker; add "
        "`speaker:` with the name of who gives the talk; the title slide and handout show it",
        "decks/old.yaml:3:30: warning event-past the event's date, 2020-03-01, is in the past; "
        "check the year; facts and consent are checked for the event's date",
    ]
    sample = workspace / "decks/lincoln-high-2027-03.yaml"
    assert found(check(workspace, sample), "event-past", "speaker-missing") == []


def test_new_at_a_terminal_takes_what_from_takes_and_suggests_a_near_miss(
    talkkit, workspace, monkeypatch
):
    monkeypatch.setattr(cli_module, "interactive", lambda: True)
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO("high-school-40\nhigh-school-45\nPat Doe\nClub\n2027-06-01\nHall\nTown\nn\n"),
    )
    result = talkkit("new", "club", cwd=workspace)
    assert result.status == 0, result.err
    assert "no standard talk 'high-school-40'; did you mean 'standard/high-school-45'?\n" in (
        result.err
    )
    assert (
        "Start from which standard talk (standard/community-60, standard/high-school-45, "
        "standard/middle-school-30, standard/university-50)" in result.out
    )
    text = (workspace / "decks/club.yaml").read_text()
    assert "extends: standard/high-school-45\n" in text
    assert "Will the talk be recorded or streamed?" in result.out
    assert "  recorded: false\n" in text


def test_new_always_writes_whether_the_talk_is_recorded(talkkit, workspace):
    result = talkkit("new", "quiet", "--from", "high-school-45", cwd=workspace)
    assert result.status == 0, result.err
    assert (
        (workspace / "decks/quiet.yaml")
        .read_text()
        .startswith(
            "# yaml-language-server: $schema=../schema/outline.schema.json\n"
            "extends: standard/high-school-45\n"
            "event:\n"
            "  recorded: false\n"
        )
    )


def test_a_venue_longer_than_an_outline_holds_is_refused_as_check_refuses_it(talkkit, workspace):
    result = talkkit(
        "new", "long", "--from", "high-school-45", "--venue", "Hall " * 30, cwd=workspace
    )
    assert result.status == 2
    assert result.err == (
        "talkkit: --venue has 150 characters; it may have at most 120, so that it fits on one "
        "line of the handout\n"
    )
    assert not (workspace / "decks/long.yaml").exists()
    from checking import check, found, outline

    path = outline(
        workspace,
        "long",
        f"extends: standard/high-school-45\nspeaker: Sam\nevent:\n  venue: {'Hall ' * 30}\n",
    )
    assert found(check(workspace, path), "invalid-value") == [
        "decks/long.yaml:5:10: error invalid-value 'venue' has 149 characters; it may have at "
        "most 120; shorten it; the handout prints it on one line"
    ]


def test_a_near_miss_of_from_is_suggested(talkkit, workspace):
    result = talkkit("new", "x", "--from", "high-school-54", cwd=workspace)
    assert result.err == (
        "talkkit: no standard talk 'high-school-54'; did you mean 'standard/high-school-45'?\n"
    )
