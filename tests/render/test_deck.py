"""The deck as python-pptx reads it back: layouts, text, notes, pictures, links, determinism."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from samples import write
from talkkit.errors import RenderError
from talkkit.load.workspace import Workspace
from talkkit.render.deck import render_deck
from talkkit.session import Session

LINCOLN = "decks/lincoln-high-2027-03.yaml"
LAYOUTS = {
    "title": "Title",
    "section": "Section",
    "story": "Story",
    "quote": "Quote",
    "facts": "Facts",
    "bullets": "Bullets",
    "image": "Image",
    "actions": "Actions",
    "donate": "Donate",
    "questions": "Questions",
    "closing": "Closing",
}


def talk_of(ws: Path, outline: str):
    talk, problems = Session(Workspace.at(ws)).talk(ws / outline)
    assert talk is not None, [d.format() for d in problems]
    return talk


def deck_of(ws: Path, outline: str = LINCOLN):
    talk = talk_of(ws, outline)
    return talk, Presentation(io.BytesIO(render_deck(talk)))


def texts(slide) -> dict[str, str]:
    return {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}


def outline(ws: Path, slides: str, name: str = "test-talk", theme: str = "") -> str:
    """Write an event outline of the given slides (YAML, indented by 2) and return its path."""
    write(
        ws / "decks" / f"{name}.yaml",
        f"""
title: A test talk
audience: high-school
minutes: 20
speaker: Sam Rivera
{theme}
event: {{name: Test evening, date: 2027-06-01, campaign: test-evening}}
slides:
"""
        + slides,
    )
    return f"decks/{name}.yaml"


def outputs(folder: Path) -> list[str]:
    """The files a build left in a folder, without its own records of what it built."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".talkkit-"))


def test_build_writes_the_deck_named_after_the_outline(workspace, talkkit):
    result = talkkit("build", LINCOLN, "--only", "deck", "-o", "out", cwd=workspace)
    assert result.status == 0, result.err
    assert result.lines == ["wrote out/lincoln-high-2027-03.pptx"]
    assert outputs(workspace / "out") == ["lincoln-high-2027-03.pptx"]
    prs = Presentation(str(workspace / "out" / "lincoln-high-2027-03.pptx"))
    assert len(prs.slides) == 20


def test_the_default_output_folder_is_build(workspace, talkkit):
    result = talkkit("build", "--only", "deck", cwd=workspace)
    assert result.status == 0, result.err
    # the talks are built side by side, so each line comes as its deck is written
    assert sorted(result.lines) == [
        "wrote build/lincoln-high-2027-03.pptx",
        "wrote build/riverside-library-2027-04.pptx",
    ]


def test_every_slide_uses_its_kinds_layout_and_has_notes_with_a_timing_cue(workspace):
    talk, prs = deck_of(workspace, "decks/riverside-library-2027-04.yaml")
    kinds = {s.kind for s in talk.slides}
    assert kinds == set(LAYOUTS)
    for resolved, slide in zip(talk.slides, prs.slides, strict=True):
        assert slide.slide_layout.name == LAYOUTS[resolved.kind]
        notes = slide.notes_slide.notes_text_frame.text
        assert re.search(r"\nTiming: [\d.]+ min, starts at minute [\d.]+ of 60$", notes), notes
    numbers = [s.notes_slide.notes_text_frame.text.rsplit("\n", 1)[-1] for s in prs.slides]
    assert numbers[:4] == [
        "Timing: 1.5 min, starts at minute 0 of 60",
        "Timing: 3 min, starts at minute 1.5 of 60",
        "Timing: 1.5 min, starts at minute 4.5 of 60",
        "Timing: 2 min, starts at minute 6 of 60",
    ]


def test_a_protected_narrator_is_named_only_as_the_library_allows(workspace):
    talk, prs = deck_of(workspace)
    story = next(s for s in prs.slides if s.slide_layout.name == "Story")
    assert texts(story)["Attribution"] == "\u2014 A woman who escaped North Korea in 2009"
    assert texts(story)["Quote"].startswith("\u201cEverything portrayed in the South Korean")
    notes = story.notes_slide.notes_text_frame.text
    assert (
        "Speaking of A woman who escaped North Korea in 2009: She must hide her identity" in notes
    )
    assert "Protected identity: no name but this one, and never a photo." in notes
    data = render_deck(talk)
    withheld = {
        n for s in talk.library.stories.values() for p in s.narrators for n in p.withheld_names
    }
    assert withheld
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        everything = " ".join(deck.read(n).decode("utf-8", "replace") for n in deck.namelist())
    assert [name for name in withheld if name in everything] == []


def test_narrative_excerpts_are_attributed_to_the_work(workspace):
    path = outline(
        workspace,
        """
  - {kind: quote, story: ju-ok-jeon, excerpt: double-rainbow, minutes: 1}
  - {kind: quote, story: ju-ok-jeon, excerpt: voices-for-freedom, minutes: 1}
""",
    )
    _, prs = deck_of(workspace, path)
    first, second = (texts(s) for s in prs.slides)
    assert first["Attribution"] == "From Ju Ok Jeon\u2019s webcomic"
    assert first["Quote"].startswith("Amidst the beautiful scenery")
    assert second["Attribution"] == "\u2014 Ju Ok Jeon"
    assert second["Quote"].startswith("\u201cThrough illustration")


def test_facts_of_one_source_name_it_once_and_the_notes_give_the_full_citation(workspace):
    talk, prs = deck_of(workspace)
    number = next(s.number for s in talk.slides if s.kind == "facts")
    facts = prs.slides[number - 1]
    assert len({f.source for f in talk.slides[number - 1].facts}) == 1
    lines = texts(facts)["Facts"].split("\n")
    assert lines[0] == (
        "It is illegal for North Koreans to leave their country without the regime\u2019s "
        "permission."
    )
    assert [line for line in lines if line.startswith("Source")] == [lines[-1]]
    assert lines[-1] == "Source: Liberty in North Korea report"
    notes = facts.notes_slide.notes_text_frame.text
    assert (
        "[1] It is illegal for North Koreans to leave their country without the regime\u2019s "
        "permission. \u201cLiberty in North Korea report\u201d, Liberty in North Korea, undated "
        "(The report states no date.)"
    ) in notes


def test_the_image_slide_sets_alt_text_and_a_caption_that_does_not_repeat_the_credit(workspace):
    talk, prs = deck_of(workspace)
    number = next(s.number for s in talk.slides if s.kind == "image")
    slide = prs.slides[number - 1]
    (picture,) = [s for s in slide.shapes if s.shape_type == 13 or s.name == "Picture"]
    alt = picture._element.nvPicPr.cNvPr.get("descr")
    assert alt == " ".join(talk.library.assets["road-to-horizon"].alt.split())
    assert texts(slide)["Caption"] == "An illustration made for this talk"
    assert "Credit: Illustration made for the talkkit sample workspace." in (
        slide.notes_slide.notes_text_frame.text
    )


def _media(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        return {n: deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/")}


def test_an_image_used_twice_is_stored_once_at_its_display_size(workspace):
    big = Image.new("RGB", (6000, 3000), (40, 90, 160))
    big.save(workspace / "assets" / "images" / "big.png")
    with open(workspace / "assets" / "assets.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            "\n- id: big\n  file: images/big.png\n  alt: A blue rectangle.\n"
            "  credit: Made for a test\n"
        )
    path = outline(
        workspace,
        """
  - {kind: image, image: big, title: One, minutes: 1}
  - {kind: image, image: big, title: Two, minutes: 1}
""",
    )
    media = _media(render_deck(talk_of(workspace, path)))
    assert len(media) == 1
    (data,) = media.values()
    with Image.open(io.BytesIO(data)) as stored:
        # The picture box is 11.83 x 4.15 in; a 2:1 picture fills 8.3 x 4.15 in at 180 dpi.
        assert stored.size == (1494, 747)


def test_an_image_is_turned_upright_by_its_exif_orientation(workspace):
    image = Image.new("RGB", (400, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: rotate 90 degrees clockwise to view
    image.save(workspace / "assets" / "images" / "side.jpg", exif=exif.tobytes())
    with open(workspace / "assets" / "assets.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            "\n- id: side\n  file: images/side.jpg\n  alt: A red rectangle.\n"
            "  credit: Made for a test\n"
        )
    path = outline(workspace, "  - {kind: image, image: side, minutes: 1}\n")
    talk = talk_of(workspace, path)
    data = render_deck(talk)
    (stored,) = _media(data).values()
    with Image.open(io.BytesIO(stored)) as upright:
        assert upright.size == (200, 400)
        assert upright.format == "JPEG"
    prs = Presentation(io.BytesIO(data))
    (picture,) = [s for s in prs.slides[0].shapes if s.name == "Picture"]
    assert picture.height == 2 * picture.width


def test_an_unsupported_image_is_a_located_check_error_and_a_render_error(workspace, talkkit):
    (workspace / "assets" / "images" / "notes.png").write_text("not a picture", encoding="utf-8")
    Image.new("RGB", (20, 20)).save(workspace / "assets" / "images" / "pic.webp")
    assets = workspace / "assets" / "assets.yaml"
    with open(assets, "a", encoding="utf-8") as stream:
        stream.write(
            "\n- id: fake\n  file: images/notes.png\n  alt: Nothing.\n  credit: Nobody\n"
            "\n- id: webp\n  file: images/pic.webp\n  alt: Nothing.\n  credit: Nobody\n"
        )
    lines = assets.read_text(encoding="utf-8").splitlines()
    fake_line = lines.index("  file: images/notes.png") + 1
    webp_line = lines.index("  file: images/pic.webp") + 1
    path = outline(
        workspace,
        "  - {kind: image, image: fake, minutes: 1}\n  - {kind: image, image: webp, minutes: 1}\n",
    )
    result = talkkit("check", path, cwd=workspace)
    assert result.status == 1
    assert [line for line in result.lines if " image-unsupported " in line] == [
        f"assets/assets.yaml:{fake_line}:9: error image-unsupported image 'fake': "
        "assets/images/notes.png is not an image talkkit can read; save it as PNG or JPEG",
        f"assets/assets.yaml:{webp_line}:9: error image-unsupported image 'webp': "
        "assets/images/pic.webp is a WEBP image; talkkit takes PNG or JPEG, so save it as one "
        "of those",
    ]
    with pytest.raises(RenderError, match=r"image 'fake': assets/images/notes.png is not an image"):
        render_deck(talk_of(workspace, path))


def test_a_protected_narrators_photo_is_never_placed(workspace):
    with open(workspace / "assets" / "assets.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            "\n- id: portrait\n  file: images/river-at-dawn.png\n  alt: A portrait.\n"
            "  credit: Nobody\n  shows_people: [jeans-narrator]\n"
        )
    path = outline(workspace, "  - {kind: image, image: portrait, minutes: 1}\n")
    with pytest.raises(RenderError) as caught:
        render_deck(talk_of(workspace, path))
    assert str(caught.value) == (
        "slide 1, image: image 'portrait' shows A woman who escaped North Korea in 2009, whose "
        "photo may never be shown; choose another image"
    )


def test_the_donate_slide_has_a_large_qr_code_and_the_address_beside_it(workspace):
    talk, prs = deck_of(workspace)
    number = next(s.number for s in talk.slides if s.kind == "donate")
    slide = prs.slides[number - 1]
    (code,) = [s for s in slide.shapes if s.name == "QR code"]
    assert code.height >= 0.4 * prs.slide_height
    assert code.width == code.height
    assert code._element.nvPicPr.cNvPr.get("descr").startswith("QR code of the donation address")
    address = next(s for s in slide.shapes if s.name == "Address")
    assert address.left + address.width <= code.left
    run = address.text_frame.paragraphs[0].runs[0]
    assert run.text == "www.libertyinnorthkorea.org/donate"
    assert run.hyperlink.address == (
        "https://www.libertyinnorthkorea.org/donate/"
        "?utm_source=talkkit&utm_medium=slides&utm_campaign=lincoln-high-2027-03"
    )


def test_action_links_are_tracked(workspace):
    talk, prs = deck_of(workspace)
    number = next(s.number for s in talk.slides if s.kind == "actions")
    shape = next(s for s in prs.slides[number - 1].shapes if s.name == "Actions")
    links = [r.hyperlink.address for p in shape.text_frame.paragraphs for r in p.runs]
    assert (
        "https://fundraise.libertyinnorthkorea.org/"
        "?utm_source=talkkit&utm_medium=slides&utm_campaign=lincoln-high-2027-03"
    ) in links


def test_two_builds_are_byte_identical_with_fixed_dates(workspace):
    talk = talk_of(workspace, LINCOLN)
    first, second = render_deck(talk), render_deck(talk_of(workspace, LINCOLN))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as deck:
        assert {info.date_time for info in deck.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert deck.namelist()[0] == "[Content_Types].xml"
    props = Presentation(io.BytesIO(first)).core_properties
    assert (props.title, props.author, props.subject) == (
        "Behind the Numbers",
        "Sam Rivera",
        "Lincoln High School assembly (sample event)",
    )
    assert props.created.isoformat() == props.modified.isoformat() == "2027-03-12T00:00:00"


def test_the_deck_declares_its_notes_master(workspace):
    data = render_deck(talk_of(workspace, LINCOLN))
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        presentation = deck.read("ppt/presentation.xml").decode()
        assert re.search(r'<p:notesMasterIdLst><p:notesMasterId r:id="rId\d+"/>', presentation)
        assert any(n.startswith("ppt/notesSlides/") for n in deck.namelist())


def test_an_outline_chooses_its_theme(workspace):
    path = outline(
        workspace,
        "  - {kind: title, title: Plain, minutes: 1}\n",
        theme="theme: high-contrast",
    )
    data = render_deck(talk_of(workspace, path))
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        theme = deck.read("ppt/theme/theme1.xml").decode()
    assert '<a:clrScheme name="High contrast">' in theme


def test_text_that_cannot_fit_is_reported_by_check_and_stops_the_build(workspace, talkkit):
    good = talkkit("build", LINCOLN, "--only", "deck", cwd=workspace)
    assert good.status == 0
    earlier = (workspace / "build" / "lincoln-high-2027-03.pptx").read_bytes()
    sentence = "Every word of this bullet is here to make it far too long for any slide to hold"
    # many bullets continue on the next slide; one bullet longer than a slide cannot
    bullet = " ".join(f"{sentence} ({n})." for n in range(14))
    path = outline(
        workspace, f"  - kind: bullets\n    title: Too much\n    bullets:\n      - {bullet}\n"
    )
    result = talkkit("check", path, cwd=workspace)
    assert result.status == 1
    assert [line for line in result.lines if " text-overflow " in line] == [
        f"{path}:11:9: error text-overflow slide 1, bullets: bullet 1 is too long for a slide of "
        "its own: it does not fit the 'Bullets' box even at 20 pt, the smallest the theme allows "
        "(the text needs 5.3 in, the box holds 4.5 in); shorten the bullet, or make it two"
    ]
    build = talkkit("build", path, LINCOLN, "--only", "deck", cwd=workspace)
    assert build.status == 1
    assert outputs(workspace / "build") == ["lincoln-high-2027-03.pptx"]
    assert (workspace / "build" / "lincoln-high-2027-03.pptx").read_bytes() == earlier


def test_a_long_title_shrinks_to_fit_before_it_is_reported(workspace):
    path = outline(
        workspace,
        "  - {kind: section, title: A section title long enough to need two lines at the "
        "largest size of the theme, minutes: 1}\n",
    )
    _, prs = deck_of(workspace, path)
    title = next(s for s in prs.slides[0].shapes if s.name == "Title")
    sizes = {r.font.size.pt for p in title.text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and 32 <= sizes.pop() <= 44


def test_talkkit_check_does_not_import_the_renderers(workspace):
    code = (
        "import sys\nfrom talkkit.cli import main\n"
        "try:\n    main(['check'])\nexcept SystemExit as exit:\n    status = exit.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'weasyprint'))\n"
        "print(status, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True, check=True
    )
    assert result.stdout == "0 []\n", result.stderr


def test_notes_fit_a_printed_notes_page(workspace):
    from pptx.enum.shapes import PP_PLACEHOLDER

    from talkkit.render.deck import NOTES_MIN, NOTES_SIZE, _notes_slot, theme_for
    from talkkit.text.measure import HEIGHT_SAFETY, Para, layout

    talk, deck = deck_of(workspace)
    slot = _notes_slot(deck, theme_for(talk))
    image = next(
        ph
        for ph in deck.notes_master.placeholders
        if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_IMAGE
    )
    assert abs(image.width / image.height - 16 / 9) < 0.01
    sizes = set()
    for page in deck.slides:
        frame = page.notes_slide.notes_text_frame
        [size] = {run.font.size.pt for p in frame.paragraphs for run in p.runs}
        assert NOTES_MIN <= size <= NOTES_SIZE
        paras = [Para(p.text, gap=False) for p in frame.paragraphs]
        assert layout(paras, slot, size)[1] <= slot.frame.text_height_pt * HEIGHT_SAFETY
        if size < NOTES_SIZE:
            assert layout(paras, slot, size + 1)[1] > slot.frame.text_height_pt * HEIGHT_SAFETY
        sizes.add(size)
    # long notes shrink, short ones do not
    assert NOTES_SIZE in sizes
    assert len(sizes) > 1


def test_a_caption_repeats_a_credit_it_contains_or_begins_like():
    from talkkit.text.slides import repeats

    credit = "Illustration made for the talkkit sample workspace"
    assert repeats("An illustration made for this talk", credit)
    assert repeats("The river at dawn. Photo: Jane Doe", "Jane Doe")
    assert not repeats("The Tumen River in winter", "Photo by Jane Doe for LiNK")
    assert not repeats("An illustration of the river", credit)


def test_pictures_qr_codes_and_font_metrics_are_kept_in_the_cache_by_content(workspace, talkkit):
    cache = workspace / ".talkkit-cache"
    deck = workspace / "build" / "lincoln-high-2027-03.pptx"
    assert talkkit("build", LINCOLN, "--only", "deck", cwd=workspace).status == 0
    first = deck.read_bytes()
    kept = {p.relative_to(cache).parts[0]: p for p in cache.rglob("*") if p.is_file()}
    # the build checks first, and the check typesets the handout
    assert set(kept) == {"pictures", "qr", "font-metrics", "widest-metrics", "handouts"}
    entries = sorted(p for p in cache.rglob("*") if p.is_file())

    assert talkkit("build", LINCOLN, "--only", "deck", "--force", cwd=workspace).status == 0
    assert deck.read_bytes() == first
    assert sorted(p for p in cache.rglob("*") if p.is_file()) == entries

    picture = workspace / "assets" / "images" / "road-to-horizon.png"
    with Image.open(picture) as image:
        changed = image.convert("RGB")
    changed.putpixel((0, 0), (255, 0, 0))
    changed.save(picture)
    assert talkkit("build", LINCOLN, "--only", "deck", "--force", cwd=workspace).status == 0
    assert len(list((cache / "pictures").iterdir())) == 2
    assert deck.read_bytes() != first


def test_a_damaged_cache_entry_is_made_again(workspace, talkkit):
    assert talkkit("build", LINCOLN, "--only", "deck", cwd=workspace).status == 0
    deck = workspace / "build" / "lincoln-high-2027-03.pptx"
    first = deck.read_bytes()
    cache = workspace / ".talkkit-cache"
    for entry in [*cache.glob("*-metrics/*"), *cache.glob("pictures/*")]:
        entry.write_bytes(b"not what was stored")
    # A new process, as a user's next build: nothing is remembered but the cache.
    result = subprocess.run(
        [sys.executable, "-m", "talkkit", "build", LINCOLN, "--only", "deck", "--force"],
        cwd=workspace,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert deck.read_bytes() == first
    assert all(p.read_bytes() != b"not what was stored" for p in cache.rglob("*") if p.is_file())
