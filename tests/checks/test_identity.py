"""Identity: withheld names never shown or said; photos only of narrators who allow them."""

from __future__ import annotations

from checking import check, found, outline, replace, talk
from talkkit.models import Narrator, Story
from talkkit.policy import WithheldNames

CODES = (
    "withheld-name",
    "photo-not-allowed",
    "protected-photos",
    "withheld-names-missing",
    "unknown-narrator",
)
PROTECT = (
    "it is a name withheld to protect narrator 'jeans-narrator' of 'jeans-and-freedom', and "
    "must never be shown or said; speak of them only as “A woman who escaped North Korea in 2009”"
)


def test_a_withheld_name_anywhere_the_talk_shows_or_says_is_an_error(workspace):
    path = outline(
        workspace,
        "talk",
        """
        title: Jihyun's story
        audience: community
        minutes: 5
        event: {name: "An evening with KANG  jihyun", date: 2027-03-01}
        slides:
          - kind: bullets
            title: Freedom
            bullets: [Ask about jeans, "Jihyun-Kang escaped"]
            notes: |
              Her friends' nickname is not to be used, and neither is Kang
              Jihyun.
          - kind: image
            image: river-at-dawn
            caption: Jihyun’s river
        """,
    )
    same = (
        "it is a name withheld to protect narrator 'jeans-narrator' of 'jeans-and-freedom', and "
        "must never be shown or said; leave the name out even if it is someone else's: talkkit "
        "cannot tell two people of the same name apart"
    )
    assert found(check(workspace, path), *CODES) == [
        f"decks/talk.yaml:2:8: error withheld-name 'Jihyun' appears in the title of the talk: {same}",
        f"decks/talk.yaml:5:15: error withheld-name 'Jihyun' appears in the name of the event: {same}",
        f"decks/talk.yaml:9:32: error withheld-name 'Jihyun Kang' appears in bullet 2 of slide 1: {PROTECT}",
        f"decks/talk.yaml:10:12: error withheld-name 'Jihyun' appears in the notes of slide 1: {PROTECT}",
        f"decks/talk.yaml:15:14: error withheld-name 'Jihyun' appears in the caption of slide 2: {PROTECT}",
    ]


def test_names_match_whole_words_in_any_case_and_spacing():
    narrator = Narrator.model_construct(
        id="n", shown_as="A woman", withheld_names=["Jihyun Kang", "Jihyun"]
    )
    names = WithheldNames([Story.model_construct(id="s", narrators=[narrator])])
    assert names.find("JIHYUN\n  kang spoke").name == "Jihyun Kang"
    assert names.find("Jihyun's jeans").name == "Jihyun"
    assert names.find("Ji-hyun") is None
    assert names.find("Jihyunie laughed") is None
    assert names.find("Kangjihyun") is None
    assert names.find(None) is None


def test_a_withheld_name_without_letters_matches_nothing(workspace):
    replace(
        workspace / "content/stories/jeans-and-freedom.yaml",
        'withheld_names: ["Jihyun Kang", "Jihyun", "Kang Jihyun"]',
        'withheld_names: ["Jihyun Kang", " - "]',
    )
    assert found(check(workspace), *CODES) == []


def test_a_withheld_name_in_a_library_entry_the_talk_shows_stops_the_talk(workspace):
    story = workspace / "content/stories/jeans-and-freedom.yaml"
    replace(
        story,
        "  A woman who escaped North Korea in 2009 remembers",
        "  Jihyun Kang, who escaped North Korea in 2009, remembers",
    )
    path = talk(
        workspace,
        """
          - kind: story
            story: jeans-and-freedom
            excerpts: [dramas-so-clean]
        """,
    )
    expected = [
        "content/stories/jeans-and-freedom.yaml:5:10: error withheld-name 'Jihyun Kang' appears "
        f"in the story's summary: {PROTECT}"
    ]
    assert found(check(workspace, path), *CODES) == expected
    assert found(check(workspace), *CODES) == expected


def test_protected_narrators_allow_no_photos_and_keep_their_names_out_of_shown_as(workspace):
    story = workspace / "content/stories/jeans-and-freedom.yaml"
    replace(story, "    photos_allowed: false", "    photos_allowed: true")
    replace(
        story,
        "    shown_as: A woman who escaped North Korea in 2009",
        "    shown_as: Jihyun, a woman who escaped in 2009",
    )
    replace(
        workspace / "content/stories/hyo-jin.yaml", "    identity: named", "    identity: protected"
    )
    assert found(check(workspace), *CODES) == [
        "content/stories/hyo-jin.yaml:14:15: warning withheld-names-missing narrator 'hyo-jin' "
        "is protected but lists no withheld_names, so talkkit cannot check that their name is "
        "never shown; list every form of the name under withheld_names",
        "content/stories/jeans-and-freedom.yaml:13:15: error withheld-name 'Jihyun' appears in "
        "the shown_as of narrator 'jeans-narrator': it is a name withheld to protect narrator "
        "'jeans-narrator' of 'jeans-and-freedom', and must never be shown or said; shown_as is "
        "what slides show: describe the narrator without a name they withhold (like “A woman who "
        "escaped North Korea in 2009”)",
        "content/stories/jeans-and-freedom.yaml:18:21: error protected-photos narrator "
        "'jeans-narrator' is protected, so no photo of them may be shown; set photos_allowed: false",
    ]


def test_an_image_of_a_narrator_who_allows_no_photos_is_an_error(workspace):
    replace(
        workspace / "assets/assets.yaml",
        "  shows_people: []\n\n- id: road",
        "  shows_people: [ji-min, jo-eun, jeans-narrator, nobody]\n\n- id: road",
    )
    path = talk(
        workspace,
        """
          - kind: image
            image: river-at-dawn
        """,
    )
    findings = check(workspace, path)
    assert found(findings, *CODES) == [
        "decks/talk.yaml:7:12: error photo-not-allowed image 'river-at-dawn' shows 'nobody', who "
        "is not a narrator of any story, so talkkit cannot tell whether a photo of them may be "
        "shown; choose an image that does not show them",
        "decks/talk.yaml:7:12: error photo-not-allowed image 'river-at-dawn' shows narrator "
        "'jeans-narrator' of 'jeans-and-freedom', whose identity is protected; choose an image "
        "that does not show them",
        "decks/talk.yaml:7:12: error photo-not-allowed image 'river-at-dawn' shows narrator "
        "'jo-eun' of 'jo-eun', who has not allowed photos; choose an image that does not show them",
    ]
    assert found(check(workspace, workspace / "assets"), "unknown-narrator") == [
        "assets/assets.yaml:9:50: error unknown-narrator no narrator 'nobody' in any story; "
        "narrators: dasom, huh-joon, hyo-jin, hyun-kyung, ilhyeok, jeans-narrator, jeongyol, "
        "ji-min, jo-eun, joy, ju-ok-jeon"
    ]


def test_an_image_of_a_narrator_who_allows_photos_is_fine(workspace):
    replace(
        workspace / "assets/assets.yaml",
        "  shows_people: []\n\n- id: road",
        "  shows_people: [ji-min]\n\n- id: road",
    )
    assert found(check(workspace), *CODES) == []


def test_the_samples_show_no_withheld_name_and_no_photo(sample_findings):
    assert found(sample_findings, *CODES) == []


def test_a_withheld_name_in_the_campaign_or_file_name_is_an_error(workspace):
    body = """
        extends: standard/high-school-45
        event: {name: Evening, date: 2027-03-01}
        """
    by_file = outline(workspace, "jihyun-kang-2027", body)
    assert found(check(workspace, by_file), *CODES) == [
        "decks/jihyun-kang-2027.yaml:1:1: error withheld-name 'Jihyun Kang' appears in the "
        "tracking campaign (the outline's file name), which every QR code and link carries: it "
        "is a name withheld to protect narrator 'jeans-narrator' of 'jeans-and-freedom', and "
        "must never be shown or said; set `campaign:` under `event:` to words that name no one, "
        "and rename the file the same way"
    ]
    campaigned = outline(
        workspace, "jihyun-2027", body.replace("2027-03-01}", "2027-03-01, campaign: kang-jihyun}")
    )
    assert found(check(workspace, campaigned), *CODES) == [
        "decks/jihyun-2027.yaml:1:1: error withheld-name 'Jihyun' appears in the outline's file "
        "name, which every output's file name repeats: it is a name withheld to protect narrator "
        "'jeans-narrator' of 'jeans-and-freedom', and must never be shown or said; set "
        "`campaign:` under `event:` to words that name no one, and rename the file the same way",
        "decks/jihyun-2027.yaml:3:52: error withheld-name 'Jihyun' appears in the event's "
        "tracking campaign: it is a name withheld to protect narrator 'jeans-narrator' of "
        "'jeans-and-freedom', and must never be shown or said; set `campaign:` under `event:` to "
        "words that name no one, and rename the file the same way",
    ]


def test_an_identifying_detail_is_refused_like_a_name(workspace):
    path = talk(
        workspace,
        """
          - kind: bullets
            title: Today
            bullets: ["She works in the Fashion  Industry now"]
            notes: She is free.
        """,
    )
    assert found(check(workspace, path), *CODES, "identifying-detail") == [
        "decks/talk.yaml:8:15: error identifying-detail 'fashion industry' appears in bullet 1 "
        "of slide 1: it is an identifying detail withheld to protect narrator 'jeans-narrator' of "
        "'jeans-and-freedom', and must never be shown or said; speak of them only as “A woman "
        "who escaped North Korea in 2009”"
    ]
    story = workspace / "content/stories/jeans-and-freedom.yaml"
    replace(story, "scissors.", "scissors. I work in the fashion industry.")
    assert found(check(workspace, story), "identifying-detail") == [
        "content/stories/jeans-and-freedom.yaml:51:11: error identifying-detail 'fashion "
        "industry' appears in excerpt 'inspection-unit': it is an identifying detail withheld to "
        "protect narrator 'jeans-narrator' of 'jeans-and-freedom', and must never be shown or "
        "said; speak of them only as “A woman who escaped North Korea in 2009”"
    ]


def test_printed_outputs_refuse_an_identifying_detail(workspace):
    from talkkit.errors import RenderError
    from talkkit.load.workspace import Workspace
    from talkkit.render.printed import Guard
    from talkkit.session import Session

    project = Session(Workspace.at(workspace))
    talk_, _ = project.talk(workspace / "decks/lincoln-high-2027-03.yaml")
    guard = Guard(talk_, "handout")
    assert guard("She is free.") == "She is free."
    assert guard.names_withheld("in the fashion-industry today")
    try:
        guard("in the fashion industry today", talk_.outline, "title")
    except RenderError as exc:
        assert "withholds to protect a narrator" in str(exc)
    else:
        raise AssertionError("the guard printed an identifying detail")


def test_a_withheld_name_written_in_hangul_is_refused_like_one_in_latin_letters(workspace):
    path = talk(
        workspace,
        """
        - kind: bullets
          title: 강지현의 이야기
          bullets: ["그날 지현이가 말했습니다", "강 지현은 청바지를 좋아했습니다", "김지현 선생님"]
        """,
    )
    assert found(check(workspace, path), *CODES) == [
        f"decks/talk.yaml:7:12: error withheld-name '강지현' appears in the title of slide 1: {PROTECT}",
        f"decks/talk.yaml:8:15: error withheld-name '지현' appears in bullet 1 of slide 1: {PROTECT}",
        f"decks/talk.yaml:8:32: error withheld-name '강지현' appears in bullet 2 of slide 1: {PROTECT}",
    ]


def test_hangul_names_are_found_with_the_particles_korean_attaches():
    narrator = Narrator.model_construct(
        id="n",
        shown_as="A woman",
        withheld_names=["Jihyun Kang", "Jihyun"],
        withheld_hangul={"Jihyun Kang": "강지현", "Jihyun": "지현"},
    )
    names = WithheldNames([Story.model_construct(id="s", narrators=[narrator])])
    for text, name in [
        ("강지현의 청바지", "강지현"),
        ("강지현은 웃었다", "강지현"),
        ("지현이가 말했다", "지현"),
        ("강 지현", "강지현"),
        ("(강지현)", "강지현"),
        ("Jihyun Kang", "Jihyun Kang"),
    ]:
        found_name = names.find(text)
        assert found_name is not None and found_name.name == name, text
    assert names.find("김지현 선생님") is None
    assert names.find("지현a") is None


def test_a_hangul_spelling_must_spell_a_withheld_name_in_hangul(workspace):
    story = workspace / "content/stories/jeans-and-freedom.yaml"
    replace(story, "Jihyun: 지현}", "Jihyun: Jihyun}")
    assert [d.format(workspace) for d in check(workspace) if d.code == "invalid-value"] == [
        "content/stories/jeans-and-freedom.yaml:16:67: error invalid-value 'Jihyun': "
        "'Jihyun' is not a name in Hangul (like 강지현)",
    ]
    replace(story, "Jihyun: Jihyun}", "Jiyoon: 지윤}")
    assert [d.format(workspace) for d in check(workspace) if d.code == "invalid-value"] == [
        "content/stories/jeans-and-freedom.yaml:12:5: error invalid-value item 1 of 'narrators': "
        "withheld_hangul spells 'Jiyoon', which is not one of withheld_names",
    ]
