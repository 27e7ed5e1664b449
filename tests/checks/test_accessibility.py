"""Accessibility: alt text present and useful; purpose: a talk invites its audience to help."""

from __future__ import annotations

import pytest

from checking import check, found, replace, talk

CODES = ("alt-missing", "alt-poor", "no-call-to-action")


def image_talk(workspace, alt_line: str):
    return talk(
        workspace,
        f"""
        - kind: image
          image: river-at-dawn
          {alt_line}
        - kind: donate
        """,
    )


@pytest.mark.parametrize("alt_line", ['alt: ""', "alt:", 'alt: "   "'])
def test_an_empty_alt_for_the_slide_is_an_error(workspace, alt_line):
    path = image_talk(workspace, alt_line)
    column = 5 if alt_line == "alt:" else 10
    assert found(check(workspace, path), *CODES) == [
        f"decks/talk.yaml:8:{column}: error alt-missing slide 1, \u201cImage\u201d: image "
        "'river-at-dawn' has no alt text, so "
        "people who cannot see it miss what it shows; say in a sentence what the image shows, "
        "for someone who cannot see it"
    ]


@pytest.mark.parametrize("alt", ["river-at-dawn.png", "River at dawn", "images/river_at_dawn"])
def test_an_alt_that_is_only_the_file_name_is_a_warning(workspace, alt):
    path = image_talk(workspace, f"alt: {alt}")
    expected = (
        "decks/talk.yaml:8:10: warning alt-poor slide 1, \u201cImage\u201d: the alt text of image "
        "'river-at-dawn' is only its file name; say in a sentence what the image shows, for someone who cannot see it"
    )
    assert found(check(workspace, path), *CODES) == [expected]


def test_a_very_long_alt_is_a_warning(workspace):
    path = image_talk(workspace, "alt: " + "A river between hills at dawn. " * 9)
    assert found(check(workspace, path), *CODES) == [
        "decks/talk.yaml:8:10: warning alt-poor slide 1, \u201cImage\u201d: the alt text of image "
        "'river-at-dawn' is 278 "
        "characters long; screen readers read it in one breath, so keep it under 250; keep what "
        "the image shows; put the rest in the caption or the notes"
    ]


def test_the_library_alt_is_checked_where_it_is_written(workspace):
    replace(
        workspace / "assets/assets.yaml",
        "  alt: >-\n    An illustration of a pale river winding toward the viewer between layers\n"
        "    of dark purple hills, under a dawn sky that glows gold near the horizon.\n",
        "  alt: river at dawn\n",
    )
    path = image_talk(workspace, "caption: A river")
    expected = [
        "assets/assets.yaml:5:8: warning alt-poor the alt text of image 'river-at-dawn' is only "
        "its file name; say in a sentence what the image shows, for someone who cannot see it"
    ]
    assert found(check(workspace, path), *CODES) == expected
    assert found(check(workspace, workspace / "assets"), *CODES) == expected


def test_a_talk_without_a_donate_or_actions_slide_is_warned(workspace):
    path = talk(
        workspace,
        """
          - kind: title
            title: Test
          - kind: questions
        """,
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/talk.yaml:6:3: warning no-call-to-action the talk has no donate or actions slide: "
        "the program exists to turn a talk into help; add a `kind: actions` slide (like actions: "
        "[rescue-teams, fundraise, donate]) or a `kind: donate` slide before the questions"
    ]


def test_the_samples_are_accessible_and_close_with_a_call_to_action(sample_findings):
    assert found(sample_findings, *CODES) == []
