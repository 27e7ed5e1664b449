"""Printable: a character no font of assets/fonts/ has is refused at the field, before any build."""

from __future__ import annotations

import shutil

from checking import check, found, talk
from samples import ROOT

CASE = ROOT / "tests" / "cases" / "korean" / "seoul-church-2027-05.yaml"
FONTS = (
    "is in none of the fonts the deck, handout and notes are printed in (assets/fonts/), so it "
    "cannot be printed; take the character out or write it in words; the fonts print Latin and "
    "Korean (Hangul) letters"
)


def test_an_emoji_in_a_venue_is_refused_at_its_line_and_column_and_nothing_is_built(
    talkkit, workspace
):
    target = workspace / "decks" / CASE.name
    shutil.copy2(CASE, target)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("venue: 서울 한인교회 본당", "venue: 서울 한인교회 🙏 본당"))
    result = talkkit("--today", "2027-01-05", "check", f"decks/{CASE.name}", cwd=workspace)
    assert result.status == 1
    assert result.lines == [
        f"decks/{CASE.name}:12:18: error unprintable-character '🙏' (person with folded hands, "
        f"U+1F64F) in the venue of the event {FONTS}"
    ]
    built = talkkit("--today", "2027-01-05", "build", f"decks/{CASE.name}", cwd=workspace)
    assert built.status == 1
    assert not (workspace / "build").exists() or not any(
        p.name.startswith(CASE.stem) for p in (workspace / "build").iterdir()
    )


def test_korean_prints_and_hanja_and_emoji_anywhere_in_a_talk_do_not(workspace):
    path = talk(
        workspace,
        """
        - kind: bullets
          title: 北韓 사람들
          bullets: ["안녕하세요", "Hello ✋🏽 friends"]
          notes: 감사합니다 🎉
        """,
    )
    assert found(check(workspace, path), "unprintable-character") == [
        f"decks/talk.yaml:7:12: error unprintable-character '北' (cjk unified ideograph-5317, "
        f"U+5317) in the title of slide 1 {FONTS}",
        f"decks/talk.yaml:8:31: error unprintable-character '✋' (raised hand, U+270B) in "
        f"bullet 2 of slide 1 {FONTS}",
        f"decks/talk.yaml:9:18: error unprintable-character '🎉' (party popper, U+1F389) in "
        f"the notes of slide 1 {FONTS}",
    ]


def test_without_fonts_to_read_nothing_is_refused(workspace):
    shutil.rmtree(workspace / "assets" / "fonts")
    path = talk(workspace, "- {kind: bullets, title: 🙂, bullets: [a]}")
    assert found(check(workspace, path), "unprintable-character") == []
