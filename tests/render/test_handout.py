"""The printed handout of the sample events, read back: one sheet, the right paper, every QR code
scanned from a 150 dpi image, every fact and citation printed, only what the audience may see."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from printed_pdf import (
    as_printed,
    build_outputs,
    page_images,
    page_sizes,
    pdf_text,
    quiet_zone_is_white,
    sample_talk,
    squeezed,
    words,
    zbar_codes,
    zxing_codes,
)
from samples import widen, write
from talkkit.errors import RenderError
from talkkit.links import display_url, link_url
from talkkit.render.handout import handout_context, render_handout
from talkkit.render.printed import Guard, source_date
from talkkit.render.qr import modules

EVENTS = ("lincoln-high-2027-03", "riverside-library-2027-04")
LETTER = (612, 792)
A4 = (595, 842)
LETTER_LANDSCAPE = (792, 612)
A4_LANDSCAPE = (842, 595)


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> Path:
    """The handouts (full and half sheet) of both sample events on Letter and A4, built once."""
    out = tmp_path_factory.mktemp("printed")
    for name in EVENTS:
        talk = sample_talk(name)
        build_outputs(talk, out / "letter", kinds=["handout", "handout-half"])
        build_outputs(talk, out / "a4", kinds=["handout", "handout-half"], paper="a4")
    return out


# --- Paper -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_handout_is_one_letter_sheet_by_default(printed, name):
    sizes = page_sizes(printed / "letter" / f"{name}-handout.pdf")
    assert 1 <= len(sizes) <= 2
    assert set(sizes) == {LETTER}


@pytest.mark.parametrize("name", EVENTS)
def test_handout_is_one_a4_sheet_with_paper_a4(printed, name):
    sizes = page_sizes(printed / "a4" / f"{name}-handout.pdf")
    assert 1 <= len(sizes) <= 2
    assert set(sizes) == {A4}


@pytest.mark.parametrize(("paper", "size"), [("letter", LETTER_LANDSCAPE), ("a4", A4_LANDSCAPE)])
@pytest.mark.parametrize("name", EVENTS)
def test_half_sheet_is_two_landscape_pages(printed, name, paper, size):
    assert page_sizes(printed / paper / f"{name}-handout-half.pdf") == [size, size]


def test_paper_of_the_outline_is_used(workspace):
    path = workspace / "decks" / "lincoln-high-2027-03.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "paper: a4\n", encoding="utf-8")
    talk = sample_talk("lincoln-high-2027-03", workspace)
    assert talk.paper == "a4"
    paths = build_outputs(talk, workspace / "out", kinds=["handout"])
    assert set(page_sizes(paths[0])) == {A4}


# --- QR codes --------------------------------------------------------------------------------


def expected_urls(name: str) -> set[str]:
    talk = sample_talk(name)
    return {
        link_url(talk.config, a.link, medium="handout", campaign=talk.campaign)
        for a in talk.actions()
    }


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", EVENTS)
def test_every_qr_code_scans_to_its_tracked_link(printed, tmp_path, name, paper):
    images = page_images(printed / paper / f"{name}-handout.pdf", tmp_path)
    scanned = [code for image in images for code in zbar_codes(image)]
    talk = sample_talk(name)
    assert len(scanned) == len(talk.actions()) == 5
    assert set(scanned) == expected_urls(name)
    donate = link_url(talk.config, "donate", medium="handout", campaign=talk.campaign)
    assert donate == (
        "https://www.libertyinnorthkorea.org/donate/?utm_source=talkkit&utm_medium=handout"
        f"&utm_campaign={name}"
    )
    assert scanned.count(donate) == 1


@pytest.mark.parametrize("name", EVENTS)
def test_qr_codes_print_at_least_2_5_cm_wide(printed, tmp_path, name):
    for paper, kind in (("letter", "handout"), ("a4", "handout-half")):
        images = page_images(printed / paper / f"{name}-{kind}.pdf", tmp_path / paper)
        found = zxing_codes(images[0])
        assert len(found) == (5 if kind == "handout" else 10)
        assert {f.text for f in found} == expected_urls(name)
        for code in found:
            assert code.width_cm >= 2.5 and code.height_cm >= 2.5, code
            assert quiet_zone_is_white(images[0], code, modules(code.text)), code


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", EVENTS)
def test_half_sheet_has_two_copies_of_every_code(printed, tmp_path, name, paper):
    images = page_images(printed / paper / f"{name}-handout-half.pdf", tmp_path)
    front = zbar_codes(images[0])
    assert sorted(front) == sorted(list(expected_urls(name)) * 2)
    assert zbar_codes(images[1]) == []


# --- What is printed -------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_handout_prints_the_event_and_the_talk(printed, name):
    text = words(pdf_text(printed / "letter" / f"{name}-handout.pdf"))
    talk = sample_talk(name)
    event = talk.event
    for expected in (
        "Liberty in North Korea",
        talk.title,
        event.name,
        event.venue,
        event.city,
        {"lincoln-high-2027-03": "March 12, 2027", "riverside-library-2027-04": "April 15, 2027"}[
            name
        ],
        "Speaker: Sam Rivera",
    ):
        assert expected in text


@pytest.mark.parametrize("name", EVENTS)
def test_every_action_is_printed_with_its_address(printed, name):
    text = pdf_text(printed / "letter" / f"{name}-handout.pdf")
    talk = sample_talk(name)
    for action in talk.actions():
        assert action.title in text
        url = link_url(talk.config, action.link, medium="handout", campaign=talk.campaign)
        assert squeezed(display_url(url)) in squeezed(text)
    assert "www.libertyinnorthkorea.org/donate" in text


@pytest.mark.parametrize("name", EVENTS)
def test_every_fact_and_its_citation_is_printed(printed, name):
    talk = sample_talk(name)
    path = printed / "letter" / f"{name}-handout.pdf"
    text = words(pdf_text(path))
    lines = pdf_text(path, layout=True)
    context = handout_context(talk, paper="letter")
    shown = {f["id"] for f in context["facts"]}
    allowed = [f for f in talk.facts() if set(f.warnings) <= set(talk.audience.allow)]
    assert shown == {f.id for f in allowed}
    for fact in allowed:
        number = context["facts"][[f["id"] for f in context["facts"]].index(fact.id)]["cite"]
        assert re.search(re.escape(as_printed(fact.text)) + rf" \[{number}\]", text), fact.id
        cited = context["citations"][number - 1]
        assert cited["number"] == number
        assert (cited["id"], cited["where"]) == (fact.source, fact.where)
    for cited in context["citations"]:
        source = talk.library.sources[cited["id"]]
        assert f"{source.title}. {source.publisher}, {source_date(source.date)}." in text
        if cited["where"]:
            start = r"\s+".join(re.escape(w) for w in cited["where"].split()[:4])
            assert re.search(rf"(?:^|\s){cited['number']}\s+{start}", lines), cited


def test_facts_the_audience_may_not_see_are_not_printed(printed):
    text = words(pdf_text(printed / "letter" / "lincoln-high-2027-03-handout.pdf"))
    talk = sample_talk("lincoln-high-2027-03")
    executions = talk.library.facts["public-executions"]
    assert executions in talk.facts()  # shown on a slide, with a note for the speaker
    assert set(executions.warnings) - set(talk.audience.allow) == {"execution", "death"}
    assert as_printed(executions.text) not in text
    assert as_printed(talk.library.facts["no-free-media"].text) in text


@pytest.mark.parametrize("name", EVENTS)
def test_the_excerpt_names_the_narrator_only_as_the_library_allows(printed, name):
    text = words(pdf_text(printed / "letter" / f"{name}-handout.pdf"))
    talk = sample_talk(name)
    story = talk.library.stories["jeans-and-freedom"]
    excerpt = story.excerpt("this-is-freedom")
    assert as_printed(excerpt.text) in text
    assert f"— {story.narrators[0].shown_as} [1]" in text
    assert "1 Three short stories from inside North Korea. Liberty in North Korea, undated." in text
    for name_withheld in story.narrators[0].withheld_names:
        assert name_withheld.lower() not in text.lower()


# --- Choosing the excerpt --------------------------------------------------------------------


def test_excerpt_is_the_talks_quote_slide(workspace):
    context = handout_context(sample_talk("lincoln-high-2027-03", workspace), paper="letter")
    assert context["excerpt"] == {
        "text": "Even now in South Korea, every time I put on a pair of jeans I think, "
        '"This is freedom."',
        "kind": "quote",
        "by": "A woman who escaped North Korea in 2009",
        "story": "This Is Freedom",
        "cite": 1,
    }


def set_consent(workspace: Path, story: str, old: str, new: str) -> None:
    path = workspace / "content" / "stories" / f"{story}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("withdrawn: null", "withdrawn: 2026-01-05"),
        ("expires: null", "expires: 2027-03-01"),
        ("media: [slides, handout]", "media: [slides]"),
    ],
)
def test_no_excerpt_from_a_story_without_consent_for_paper(workspace, old, new):
    set_consent(workspace, "jeans-and-freedom", old, new)
    context = handout_context(sample_talk("lincoln-high-2027-03", workspace), paper="letter")
    assert context["excerpt"]["story"] != "This Is Freedom"
    assert context["excerpt"]["text"].startswith("People think that all North Koreans are poor")
    assert context["excerpt"]["by"] == "Dasom"


def test_consent_that_expires_after_the_event_still_holds(workspace):
    set_consent(workspace, "jeans-and-freedom", "expires: null", "expires: 2027-03-13")
    context = handout_context(sample_talk("lincoln-high-2027-03", workspace), paper="letter")
    assert context["excerpt"]["story"] == "This Is Freedom"


def test_excerpt_must_suit_the_audience_on_paper(workspace):
    talk = sample_talk("lincoln-high-2027-03", workspace)
    story = talk.library.stories["jeans-and-freedom"]
    excerpt = story.excerpt("this-is-freedom")
    excerpt.warnings = ["death"]  # allowed for high school only with a speaker's note
    chosen = handout_context(talk, paper="letter")["excerpt"]
    assert chosen["text"] == words(story.excerpt("jeans-symbolize-freedom").text)
    excerpt.warnings = []
    excerpt.audience = "university"  # older than the talk's audience
    assert handout_context(talk, paper="letter")["excerpt"] == chosen
    excerpt.audience = "high-school"
    assert handout_context(talk, paper="letter")["excerpt"]["text"] == words(excerpt.text)


def test_excerpt_naming_a_withheld_name_is_not_chosen(workspace):
    talk = sample_talk("lincoln-high-2027-03", workspace)
    story = talk.library.stories["jeans-and-freedom"]
    story.excerpt("this-is-freedom").text = "Kang  JIHYUN wears jeans."
    chosen = handout_context(talk, paper="letter")["excerpt"]
    assert chosen["text"] == words(story.excerpt("jeans-symbolize-freedom").text)


def test_no_excerpt_when_none_may_be_printed(workspace):
    talk = sample_talk("lincoln-high-2027-03", workspace)
    for story in talk.library.stories.values():
        story.consent.media = ["slides"]
    context = handout_context(talk, paper="letter")
    assert context["excerpt"] is None
    pdf = workspace / "handout.pdf"
    pdf.write_bytes(render_handout(talk, paper="letter"))
    text = words(pdf_text(pdf))
    assert "This is freedom" not in text
    assert "Three short stories from inside North Korea" not in text
    assert "Point your phone’s camera at a code, or type the address under it." in text


# --- Ways to help ----------------------------------------------------------------------------


def test_donate_slide_without_donate_action_still_offers_donate(workspace):
    write(
        workspace / "decks" / "maple-middle.yaml",
        """
        extends: standard/middle-school-30
        event: {name: Maple Middle School, date: 2027-05-03, venue: Library}
        """,
    )
    talk = sample_talk("maple-middle", workspace)
    assert "donate" not in [a.id for a in talk.actions()]
    actions = handout_context(talk, paper="letter")["actions"]
    assert [a["id"] for a in actions] == [
        "rescue-teams",
        "fundraise",
        "learn-more",
        "request-a-speaker",
        "donate",
    ]
    donate = actions[-1]
    assert donate["url"] == (
        "https://www.libertyinnorthkorea.org/donate/?utm_source=talkkit&utm_medium=handout"
        "&utm_campaign=maple-middle"
    )
    assert donate["url_text"] == "www.libertyinnorthkorea.org/donate"
    assert donate["text"] == (
        "Ask a parent or guardian before giving online. 100% of a gift goes to programs that "
        "support the North Korean people."
    )


# --- Identity --------------------------------------------------------------------------------


# A hyphen or capitals: `talkkit check` refused these, the printed outputs' own matcher did not.
@pytest.mark.parametrize(
    "venue", ["Jihyun Kang Hall", "JIHYUN-KANG Hall", "Jihyun\u2010Kang Hall", "강지현의 집"]
)
def test_a_withheld_name_anywhere_stops_the_handout(workspace, venue):
    path = workspace / "decks" / "lincoln-high-2027-03.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("venue: Lincoln High School auditorium", f"venue: {venue}"),
        encoding="utf-8",
    )
    talk = sample_talk("lincoln-high-2027-03", workspace)
    assert Guard(talk, "handout").names_withheld(venue)
    with pytest.raises(RenderError) as caught:
        render_handout(talk, paper="letter")
    assert str(caught.value) == (
        f"{path}:7:10: the handout would print a name that the library withholds to protect "
        "a narrator (in 'venue'); take the name out"
    )


def test_guard_matches_whole_names_in_any_case_and_spacing():
    talk = sample_talk("lincoln-high-2027-03")
    guard = Guard(talk, "handout")
    assert guard.names_withheld("met kang\n jihyun today")
    assert guard.names_withheld("JIHYUN.")
    assert not guard.names_withheld("Jihyunsomething else")
    assert guard("A woman who escaped North Korea in 2009") == (
        "A woman who escaped North Korea in 2009"
    )


# --- Half sheet ------------------------------------------------------------------------------


def test_half_sheet_prints_the_whole_handout_twice(printed):
    full = words(pdf_text(printed / "letter" / "riverside-library-2027-04-handout.pdf"))
    half = words(pdf_text(printed / "letter" / "riverside-library-2027-04-handout-half.pdf"))
    talk = sample_talk("riverside-library-2027-04")
    for fact in handout_context(talk, paper="letter")["facts"]:
        assert words(fact["text"]) in full
        assert half.count(words(fact["text"])) == 2


def test_half_sheet_is_never_set_under_9_pt_and_says_which_facts_to_leave_out(workspace):
    facts = workspace / "content" / "facts.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "  text: >-\n    ",
            "  text: >-\n    Words that make this fact run to two or three lines on a half sheet. ",
        ),
        encoding="utf-8",
    )
    talk = sample_talk("riverside-library-2027-04", workspace)
    printed = [f["id"] for f in handout_context(talk, paper="letter")["facts"]]
    with pytest.raises(RenderError) as caught:
        render_handout(talk, paper="letter", half=True)
    found = re.fullmatch(
        r"the half-sheet handout of riverside-library-2027-04 does not fit: the back holds "
        rf"(\d+) of the talk's {len(printed)} facts at 9 pt \(8 pt for sources\): leave out "
        r"(\d+) of them \((.+) are the last\); or print the full-size handout "
        r"\(build without --half-sheet\)",
        str(caught.value),
    )
    assert found, str(caught.value)
    keep, drop = int(found[1]), int(found[2])
    assert 5 < keep < len(printed)
    assert keep + drop == len(printed)
    assert found[3] == ", ".join(printed[keep:])


# --- Building --------------------------------------------------------------------------------


def test_build_writes_handout_and_notes_identical_every_time(printed, workspace, talkkit):
    args = ("build", "decks/lincoln-high-2027-03.yaml", "--only", "handout", "--half-sheet")
    first = talkkit(*args, "--only", "notes", "-o", "first", cwd=workspace)
    assert first.status == 0, first.err
    assert first.lines == [
        "wrote first/lincoln-high-2027-03-handout.pdf",
        "wrote first/lincoln-high-2027-03-notes.pdf",
        "wrote first/lincoln-high-2027-03-handout-half.pdf",
    ]
    second = talkkit(*args, "--only", "notes", "-o", "second", cwd=workspace)
    assert second.status == 0, second.err
    for name in (
        "lincoln-high-2027-03-handout.pdf",
        "lincoln-high-2027-03-notes.pdf",
        "lincoln-high-2027-03-handout-half.pdf",
    ):
        assert (workspace / "first" / name).read_bytes() == (
            workspace / "second" / name
        ).read_bytes()
    for name in ("lincoln-high-2027-03-handout.pdf", "lincoln-high-2027-03-handout-half.pdf"):
        # the same bytes from another copy of the workspace, built earlier in the session
        assert (workspace / "first" / name).read_bytes() == (printed / "letter" / name).read_bytes()


def test_pdf_metadata_comes_from_the_outline(printed):
    from pypdf import PdfReader

    info = PdfReader(printed / "letter" / "lincoln-high-2027-03-handout.pdf").metadata
    assert info.title == (
        "Behind the Numbers: handout for Lincoln High School assembly (sample event)"
    )
    assert info.author == "Liberty in North Korea"
    assert info.creation_date.date() == dt.date(2027, 3, 12)
    assert info.modification_date.date() == dt.date(2027, 3, 12)


def test_paper_option_of_build(workspace, talkkit):
    result = talkkit(
        "build",
        "decks/riverside-library-2027-04.yaml",
        "--only",
        "handout",
        "--paper",
        "a4",
        "-o",
        "out",
        cwd=workspace,
    )
    assert result.status == 0, result.err
    assert set(page_sizes(workspace / "out" / "riverside-library-2027-04-handout.pdf")) == {A4}


@pytest.mark.parametrize("url", ["https://a.org/", "https://www.example.org/" + "x" * 300])
def test_qr_width_keeps_every_code_at_least_2_5_cm(url):
    from talkkit.render.handout import qr_width
    from talkkit.render.qr import modules

    total = modules(url)
    width = qr_width([url])
    assert width >= 3.2
    assert width * (total - 8) / total >= 2.5


# --- Checked before it is built ----------------------------------------------------------------


def test_check_finds_a_handout_too_full_for_its_sheet_and_build_keeps_the_earlier_one(
    workspace, talkkit
):
    # The handout's font is wider than the deck's measures know: the slides fit, the sheet
    # does not. Check typesets the handout as the build does, so it says so first.
    event = "decks/riverside-library-2027-04.yaml"
    built = talkkit("build", event, "--only", "handout", cwd=workspace)
    assert built.status == 0, built.err
    handout = workspace / "build" / "riverside-library-2027-04-handout.pdf"
    before = handout.read_bytes()
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        widen(workspace / "assets" / "fonts" / f"Carlito-{style}.ttf", 3)

    checked = talkkit("check", event, cwd=workspace)
    assert checked.status == 1
    found = [line for line in checked.lines if " error " in line]
    assert len(found) == 1, checked.out
    assert re.match(
        rf"{re.escape(event)}:\d+:\d+: error handout-too-long the handout of "
        r"riverside-library-2027-04 does not fit: ",
        found[0],
    ), found[0]
    assert "show fewer facts or ways to help" in found[0]

    refused = talkkit("build", event, "--only", "handout", cwd=workspace)
    assert refused.status == 1
    assert "handout-too-long" in refused.out + refused.err
    assert handout.read_bytes() == before


def test_check_remembers_a_handout_that_prints_and_typesets_it_again_when_it_changes(
    workspace, talkkit
):
    cache = workspace / ".talkkit-cache" / "handouts"
    event = "decks/lincoln-high-2027-03.yaml"
    assert talkkit("check", event, cwd=workspace).status == 0
    entries = sorted(cache.iterdir())
    assert len(entries) == 1
    assert talkkit("check", event, cwd=workspace).status == 0
    assert sorted(cache.iterdir()) == entries
    outline = workspace / event
    outline.write_text(
        outline.read_text(encoding="utf-8").replace("venue: ", "venue: The Hall of "), "utf-8"
    )
    assert talkkit("check", event, cwd=workspace).status == 0
    assert len(sorted(cache.iterdir())) == 2


def _talk_with_facts(workspace, facts: list[str]):
    from long_outlines import long_outline
    from talkkit.load.workspace import Workspace
    from talkkit.session import Session

    text = long_outline("every-action")
    if facts:
        text += f"  - {{kind: facts, title: Figures, facts: [{', '.join(facts)}], minutes: 1}}\n"
    path = write(workspace / "decks" / "short.yaml", text)
    talk, problems = Session(Workspace.at(workspace)).talk(path)
    assert talk is not None, [p.format() for p in problems]
    return talk


@pytest.mark.parametrize("facts", [[], ["population", "leaving-is-illegal"]])
def test_a_handout_with_little_for_the_back_is_one_page(workspace, tmp_path, facts):
    pdf = tmp_path / "handout.pdf"
    talk = _talk_with_facts(workspace, facts)
    pdf.write_bytes(render_handout(talk, paper="letter"))
    assert page_sizes(pdf) == [LETTER]
    text = words(pdf_text(pdf))
    kickers = squeezed(text).upper()  # set letter-spaced
    assert "WAYSTOHELP" in kickers
    for fact in talk.facts():
        assert as_printed(fact.text) in text
    assert ("SOURCES" in kickers) == bool(facts)


@pytest.mark.parametrize("name", EVENTS)
def test_a_handout_with_many_facts_fills_its_back(printed, name):
    # the back's type grows until the facts and sources fill it, or they take two columns
    path = printed / "letter" / f"{name}-handout.pdf"
    assert len(page_sizes(path)) == 2
    back = pdf_text(path).split("\f")[1]
    lines = [line for line in back.splitlines() if line.strip()]
    assert len(lines) > 30
