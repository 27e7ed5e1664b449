"""The printed speaker notes of the sample events, read back: every slide with its timing, notes,
warnings, guidance and sources, in type large enough for a podium."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from printed_pdf import (
    as_printed,
    build_outputs,
    page_sizes,
    pdf_text,
    sample_talk,
    squeezed,
    tool,
    words,
)
from talkkit.errors import RenderError
from talkkit.render.notes import KIND_LABELS, notes_context, render_notes
from talkkit.render.paper import clock

EVENTS = ("lincoln-high-2027-03", "riverside-library-2027-04")


def body_text(path: Path) -> str:
    """The words of the notes without what repeats on every page (running title, page number)."""
    talk_titles = {sample_talk(name).title for name in EVENTS}
    kept = [
        line
        for line in pdf_text(path).splitlines()
        if not re.fullmatch(r"page \d+ of \d+", line)
        and not any(line.startswith(f"{title} · ") for title in talk_titles)
    ]
    return words("\n".join(kept))


@pytest.fixture(scope="session")
def notes(tmp_path_factory) -> Path:
    """The speaker notes of both sample events on Letter, and of one on A4, built once."""
    out = tmp_path_factory.mktemp("notes")
    for name in EVENTS:
        build_outputs(sample_talk(name), out / "letter", kinds=["notes"])
    build_outputs(sample_talk(EVENTS[0]), out / "a4", kinds=["notes"], paper="a4")
    return out


def test_notes_paper(notes):
    assert set(page_sizes(notes / "letter" / "lincoln-high-2027-03-notes.pdf")) == {(612, 792)}
    assert set(page_sizes(notes / "a4" / "lincoln-high-2027-03-notes.pdf")) == {(595, 842)}


@pytest.mark.parametrize("name", EVENTS)
def test_summary_table_lists_every_slide_with_its_start_and_length(notes, name):
    talk = sample_talk(name)
    lines = pdf_text(notes / "letter" / f"{name}-notes.pdf", layout=True)
    summary = lines[: lines.index("\f", lines.index("\f") + 1)]  # the first two pages
    assert re.search(r"#\s+SLIDE\s+STARTS\s+LENGTH\s+HEADS-UP", summary)
    for item in talk.slides:
        start = r"\s+".join(re.escape(w) for w in item.title.split()[:3])
        row = rf"(?m)^\s*{item.number}\s+{start}.*?\s{re.escape(clock(item.start_minute))}\s+"
        assert re.search(row + re.escape(clock(item.minutes)), summary), item.number
    total = sum(item.minutes for item in talk.slides)
    assert f"{clock(talk.minutes)}; the slides add up to {clock(total)}" in words(summary)


@pytest.mark.parametrize("name", EVENTS)
def test_every_slide_has_number_title_timing_and_notes(notes, name):
    talk = sample_talk(name)
    text = pdf_text(notes / "letter" / f"{name}-notes.pdf")
    flat = squeezed(text)
    body = body_text(notes / "letter" / f"{name}-notes.pdf")
    position = 0
    for item in talk.slides:
        heading = squeezed(
            f"{item.number} {item.title} {KIND_LABELS[item.kind].upper()}"
            f" · starts at {clock(item.start_minute)} · {clock(item.minutes)} planned"
        )
        found = flat.find(heading, position)
        assert found >= 0, heading
        # pdftotext joins a word hyphenated at a line's end (Hee-|Mang -> HeeMang)
        assert as_printed(item.slide.notes).replace("-", "") in body.replace("-", "")
        for line in getattr(item.slide, "bullets", None) or []:
            assert words(line) in body
        position = found


def test_content_warnings_are_flagged_for_this_audience(notes):
    text = squeezed(pdf_text(notes / "letter" / "lincoln-high-2027-03-notes.pdf"))
    block = text[text.index("6ControlandpunishmentFACTS") : text.index("7HungerandhealthFACTS")]
    assert (
        squeezed(
            "CONTENT NOTE execution: prepare the audience before this slide. "
            "death: prepare the audience before this slide. Also touches on: detention"
        )
        in block
    )
    calm = text[text.index("4JeansandSouthKoreandramasSTORY") : text.index("5ThisIsFreedomQUOTE")]
    assert "CONTENTNOTE" not in calm


def test_summary_flags_slides_that_need_a_note(notes):
    lines = pdf_text(notes / "letter" / "riverside-library-2027-04-notes.pdf", layout=True)
    summary = squeezed(lines[: lines.index("\f", lines.index("\f") + 1)])
    assert "11Politicalprisoncamps(continued)16:300:30childharm,violence12" in summary
    assert "12Rulingbyfear17:001:30execution,childharm13" in summary
    assert "9Asystemofcontrol14:001:3010" in summary


def test_warning_not_for_the_audience_says_so(workspace):
    talk = sample_talk("lincoln-high-2027-03", workspace)
    talk.library.facts["songbun-levels"].warnings = ["torture"]
    slide = next(
        s
        for s in notes_context(talk, paper="letter")["slides"]
        if s["id"] == "control-and-punishment"
    )
    assert slide["warnings"][0] == {"name": "torture", "label": "torture", "level": "not-allowed"}
    pdf = workspace / "notes.pdf"
    pdf.write_bytes(render_notes(talk, paper="letter"))
    assert "torture: not for this audience; leave it out." in words(pdf_text(pdf))


def test_narrator_guidance_is_printed_with_the_name_allowed(notes):
    text = squeezed(pdf_text(notes / "letter" / "riverside-library-2027-04-notes.pdf"))
    talk = sample_talk("riverside-library-2027-04")
    narrator = talk.library.stories["jeans-and-freedom"].narrators[0]
    expected = f"Speaking of {narrator.shown_as}".upper() + narrator.speaking_guidance
    assert squeezed(expected) in text
    for withheld in narrator.withheld_names:
        assert withheld.lower() not in text.lower()


@pytest.mark.parametrize("name", EVENTS)
def test_every_source_is_cited_where_it_is_used(notes, name):
    talk = sample_talk(name)
    text = words(pdf_text(notes / "letter" / f"{name}-notes.pdf"))
    for item in talk.slides:
        for fact in item.facts:
            source = talk.library.sources[fact.source]
            assert f"{source.title}. {source.publisher}, undated. {fact.where}." in text
            assert as_printed(fact.text) in text
        if item.story is not None:
            source = talk.library.sources[item.story.source]
            assert f"{source.title}. {source.publisher}," in text
            for excerpt in item.excerpts:
                assert as_printed(excerpt.text) in text


def word_heights(pdf: Path) -> list[tuple[str, float]]:
    """Each word of a PDF with the height of its box, which is its type size, in points."""
    result = subprocess.run(
        [tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    pattern = re.compile(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>'
    )
    return [
        (html.unescape(m[3]), float(m[2]) - float(m[1])) for m in pattern.finditer(result.stdout)
    ]


def test_notes_are_printed_in_large_type(notes):
    talk = sample_talk("lincoln-high-2027-03")
    found = word_heights(notes / "letter" / "lincoln-high-2027-03-notes.pdf")
    texts = [w for w, _ in found]
    for item in talk.slides:
        first = item.slide.notes.split()[:6]
        start = next(i for i in range(len(texts)) if texts[i : i + len(first)] == first)
        heights = [h for _, h in found[start : start + len(first)]]
        assert round(min(heights), 2) >= 14, (item.number, heights)


def test_a_withheld_name_in_notes_stops_them(workspace):
    outline = workspace / "decks" / "lincoln-high-2027-03.yaml"
    outline.write_text(
        outline.read_text(encoding="utf-8").replace(
            "    minutes: 13", "    minutes: 13\n    notes: Thank Kang Jihyun for her words."
        ),
        encoding="utf-8",
    )
    talk = sample_talk("lincoln-high-2027-03", workspace)
    with pytest.raises(RenderError) as caught:
        render_notes(talk, paper="letter")
    assert str(caught.value) == (
        f"{outline}:27:12: the speaker notes would print a name that the library withholds "
        "to protect a narrator (in 'notes'); take the name out"
    )
