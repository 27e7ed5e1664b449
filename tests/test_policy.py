"""The shared safety rules, once each, and every case that used to slip through one of their copies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samples import write
from talkkit.checks.timing import shown_text
from talkkit.errors import RenderError
from talkkit.load.workspace import Workspace
from talkkit.models import Action, Audience, Consent, Narrator, Story
from talkkit.policy import (
    WithheldNames,
    beyond,
    consent_covers,
    consent_ended,
    donate_action,
    host_allowed,
    photo_refusals,
    url_problem,
    warning_level,
)
from talkkit.render.deck import render_deck
from talkkit.render.handout import handout_context, render_handout
from talkkit.session import Session
from talkkit.text.images import refused_people
from talkkit.text.slides import slide_title

DAY = dt.date(2027, 3, 12)


def _narrator(id: str, **fields) -> Narrator:
    fields.setdefault("shown_as", f"The narrator {id}")
    fields.setdefault("identity", "named")
    fields.setdefault("withheld_names", [])
    fields.setdefault("photos_allowed", False)
    return Narrator.model_construct(id=id, **fields)


# --- audience ------------------------------------------------------------------------------


def test_a_warning_is_allowed_needs_a_note_or_is_refused_and_paper_carries_no_note():
    rule = Audience.model_construct(min_age=14, allow=["hunger"], allow_with_note=["detention"])
    assert [warning_level(rule, w) for w in ("hunger", "detention", "death")] == [
        "allowed",
        "with-note",
        "not-allowed",
    ]
    assert beyond(rule, ["hunger", "detention", "death"]) == ["death"]
    assert beyond(rule, ["hunger", "detention", "death"], note=False) == ["detention", "death"]


# --- consent -------------------------------------------------------------------------------


def test_consent_holds_through_its_last_day_and_never_after_withdrawal():
    lasting = Consent.model_construct(media=["slides", "handout"], expires=DAY, withdrawn=None)
    assert consent_ended(lasting, DAY) is None
    assert consent_ended(lasting, DAY + dt.timedelta(days=1)) == "expired"
    assert consent_covers(lasting, "handout", DAY)
    assert not consent_covers(lasting, "recording", DAY)
    withdrawn = Consent.model_construct(media=["slides"], expires=None, withdrawn=DAY)
    assert consent_ended(withdrawn, DAY - dt.timedelta(days=400)) == "withdrawn"
    assert not consent_covers(withdrawn, "slides", DAY - dt.timedelta(days=400))


# --- photos --------------------------------------------------------------------------------


def test_a_photo_is_refused_for_protected_unknown_and_unwilling_people():
    story = Story.model_construct(
        id="s",
        narrators=[
            _narrator("willing", photos_allowed=True),
            _narrator("protected", identity="protected", photos_allowed=True),
            _narrator("unwilling"),
        ],
    )
    refused = photo_refusals(["willing", "protected", "stranger", "unwilling"], [story])
    assert [(r.person, r.reason) for r in refused] == [
        ("protected", "protected"),
        ("stranger", "unknown"),
        ("unwilling", "not-allowed"),
    ]


def _add_image(workspace: Path, people: str) -> None:
    with open(workspace / "assets" / "assets.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            "\n- id: portrait\n  file: images/river-at-dawn.png\n  alt: A portrait.\n"
            f"  credit: Nobody\n  shows_people: [{people}]\n"
        )


def _one_slide_talk(workspace: Path, slide: str):
    """The talk of decks/one.yaml: a high-school evening of this one slide."""
    write(
        workspace / "decks" / "one.yaml",
        "title: A test talk\naudience: high-school\nminutes: 20\n"
        "event: {name: Test evening, date: 2027-06-01, campaign: test-evening}\n"
        f"slides:\n  - {slide}\n",
    )
    talk, problems = Session(Workspace.at(workspace)).talk(workspace / "decks" / "one.yaml")
    assert talk is not None, [d.format() for d in problems]
    return talk


def test_the_deck_refuses_a_photo_of_a_protected_narrator_who_allows_photos(workspace):
    # The check has refused this (photo-not-allowed); the deck looked only at photos_allowed.
    story = workspace / "content" / "stories" / "jeans-and-freedom.yaml"
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            "photos_allowed: false", "photos_allowed: true", 1
        ),
        encoding="utf-8",
    )
    _add_image(workspace, "jeans-narrator")
    talk = _one_slide_talk(workspace, "{kind: image, image: portrait, minutes: 1}")
    assert refused_people(talk, talk.slides[0].asset) == ["A woman who escaped North Korea in 2009"]
    with pytest.raises(RenderError) as caught:
        render_deck(talk)
    assert str(caught.value) == (
        "slide 1, image: image 'portrait' shows A woman who escaped North Korea in 2009, whose "
        "photo may never be shown; choose another image"
    )


def test_the_deck_refuses_a_photo_of_someone_who_is_no_narrator(workspace):
    # The check has refused this; the deck placed the photo.
    _add_image(workspace, "ji-min, a-stranger")
    talk = _one_slide_talk(workspace, "{kind: image, image: portrait, minutes: 1}")
    with pytest.raises(RenderError) as caught:
        render_deck(talk)
    assert str(caught.value) == (
        "slide 1, image: image 'portrait' shows 'a-stranger', whose "
        "photo may never be shown; choose another image"
    )


# --- withheld names ------------------------------------------------------------------------


def test_a_withheld_name_matches_across_hyphens_line_breaks_and_case():
    story = Story.model_construct(
        id="s", narrators=[_narrator("n", withheld_names=["Kang Jihyun", "Straße Name"])]
    )
    names = WithheldNames([story])
    assert names.find("KANG-JIHYUN spoke").name == "Kang Jihyun"
    assert names.find("kang\u2010jihyun").name == "Kang Jihyun"
    assert names.find("met kang\n  jihyun").name == "Kang Jihyun"
    assert names.find("STRASSE NAME").name == "Straße Name"
    assert names.find("Kangjihyun") is None
    assert not WithheldNames([])


# --- the donate action ---------------------------------------------------------------------


def test_the_donate_action_is_the_one_named_donate_then_the_one_linking_to_donate():
    give = Action.model_construct(id="give", title="Give", text="Give now.", link="donate")
    named = Action.model_construct(id="donate", title="Donate", text="Donate.", link="donate")
    other = Action.model_construct(id="learn", title="Learn", text="Learn.", link="learn-more")
    assert donate_action({"give": give, "donate": named}) is named
    assert donate_action({"learn": other, "give": give}) is give
    assert donate_action({"learn": other}) is None


def _donate_talk(workspace: Path, *, link: str = "donate"):
    """A talk of one donate slide (no text of its own), the library's donate action renamed `give`."""
    actions = workspace / "content" / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    head, rest = text.split("- id: donate\n", 1)
    rest = rest.replace("  link: donate\n", f"  link: {link}\n", 1)
    actions.write_text(head + "- id: give\n" + rest, encoding="utf-8")
    return _one_slide_talk(workspace, "{kind: donate, minutes: 1}")


def test_the_timing_counts_the_words_of_a_donate_action_found_by_its_link(workspace):
    # The timing looked the action up by id only; the slides by link.
    talk = _donate_talk(workspace)
    action = talk.library.actions["give"]
    assert donate_action(talk.library.actions) is action
    assert slide_title(talk, talk.slides[0]) == action.title
    assert shown_text(talk.slides[0], talk) == [action.text]


def test_the_handout_makes_up_no_donate_action_the_library_lacks(workspace):
    # The handout made up "Give online." when the library had no donate action.
    talk = _donate_talk(workspace, link="learn-more")
    assert donate_action(talk.library.actions) is None
    views = handout_context(talk, paper="letter")["actions"]
    assert [v["id"] for v in views] == []


# --- addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "domains", "allowed"),
    [
        ("www.example.org", [".example.org"], True),
        ("www.example.org", ["example.org."], True),
        ("example.org.evil.com", ["example.org"], False),
        ("anything.org", [" . "], False),
    ],
)
def test_allowed_domains_are_compared_whole_with_dots_around_them_ignored(host, domains, allowed):
    assert host_allowed(host, domains) is allowed


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://www.libertyinnorthkorea.org/donate/",
            "'http://www.libertyinnorthkorea.org/donate/?utm_source=talkkit&utm_medium=handout"
            "&utm_campaign=lincoln-high-2027-03' is not https",
        ),
        (
            "https://evil.example@www.libertyinnorthkorea.org/donate/",
            "'https://evil.example@www.libertyinnorthkorea.org/donate/?utm_source=talkkit"
            "&utm_medium=handout&utm_campaign=lincoln-high-2027-03' hides its real host "
            "('www.libertyinnorthkorea.org') behind a user name",
        ),
    ],
)
def test_the_handout_prints_no_qr_code_to_an_address_the_checks_refuse(workspace, url, message):
    # The handout compared only the host with allowed_domains: plain http and a hidden host passed.
    config = workspace / "talkkit.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "donate: https://www.libertyinnorthkorea.org/donate/", f"donate: {url}"
        ),
        encoding="utf-8",
    )
    talk = Session(Workspace.at(workspace)).talk(workspace / "decks" / "lincoln-high-2027-03.yaml")[
        0
    ]
    assert url_problem(url, list(talk.config.allowed_domains)) is not None
    with pytest.raises(RenderError) as caught:
        render_handout(talk, paper="letter")
    assert str(caught.value) == (
        f"the link 'donate': {message}; "
        "the handout prints no QR code to an address the checks refuse"
    )
