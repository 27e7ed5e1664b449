"""Which characters are Hangul, and Hangul spelt in Latin letters for file names."""

from __future__ import annotations

from talkkit.commands.new import slugify
from talkkit.text.script import has_hangul, is_east_asian, romanize


def test_hangul_is_told_from_other_scripts():
    assert has_hangul("서울 한인교회") and has_hangul("Kim ㄱ") and has_hangul("ᄀ")
    assert not has_hangul("Lincoln High") and not has_hangul("北韓") and not has_hangul(None)
    assert is_east_asian("한") and is_east_asian("。") and not is_east_asian("a")


def test_hangul_is_spelt_in_latin_letters_for_file_names():
    assert romanize("서울 한인교회 청년부 모임") == "seoul haningyohoe cheongnyeonbu moim"
    assert romanize("Hello 한글!") == "Hello hangeul!"
    assert slugify("서울 한인교회, 2027") == "seoul-haningyohoe-2027"
