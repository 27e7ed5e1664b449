"""`talkkit template check`: what a master lacks, said in plain words, naming what it has."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

from samples import write

QUOTED_MUTED = '"#A0A4AA"'
ALL_LAYOUTS = (
    "Title, Section, Story, Quote, Facts, Bullets, Image, Actions, Donate, Questions, Closing"
)


def where(path: Path, text: str, ws: Path) -> str:
    """`path:line:col` of the first occurrence of `text` in a file, as the CLI prints it."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return f"{path.relative_to(ws)}:{number}:{line.index(text) + 1}"
    raise AssertionError(f"{text!r} not in {path}")


def edit_master(ws: Path, change, theme: str = "default") -> None:
    path = ws / "templates" / theme / "deck.pptx"
    prs = Presentation(str(path))
    change(prs)
    prs.save(str(path))


def layout(prs, name: str):
    return prs.slide_layouts.get_by_name(name)


def placeholder(prs, layout_name: str, name: str):
    return next(s for s in layout(prs, layout_name).placeholders if s.name == name)


def test_the_sample_themes_have_no_problems(workspace, talkkit):
    result = talkkit("template", "check", cwd=workspace)
    assert result.status == 0, result.out + result.err
    assert result.out == ""
    assert result.err.splitlines() == [
        "theme 'default': 11 layouts in templates/default/deck.pptx, every slide kind mapped, "
        "4 standard talks laid out",
        "theme 'high-contrast': 11 layouts in templates/high-contrast/deck.pptx, every slide "
        "kind mapped, 4 standard talks laid out",
        "no problems in every theme",
    ]


def test_every_standard_talk_is_laid_out_on_every_theme(workspace, talkkit):
    # The standard talks name no theme, so only template check lays them out on high-contrast.
    theme = workspace / "templates" / "high-contrast" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(
        text.replace(
            "quote: {placeholder: Quote, size: 26, min: 20, gap: 0.6, small: 0.8}",
            "quote: {placeholder: Quote, size: 34, min: 34, gap: 0.6, small: 0.8}",
        ),
        encoding="utf-8",
    )
    result = talkkit("template", "check", "high-contrast", cwd=workspace)
    assert result.status == 1
    community = workspace / "decks" / "standard" / "community-60.yaml"
    lines = [line for line in result.lines if "talk standard/community-60, slide 5 " in line]
    assert lines == [
        f"{where(community, '[dramas-so-clean', workspace)}: error text-overflow theme "
        "'high-contrast', talk standard/community-60, slide 5 (jeans-story), story: the excerpts "
        "do not fit the 'Quote' box even at 34 pt, the smallest the theme allows (the text needs "
        "6.5 in, the box holds 3.7 in); use fewer or shorter excerpts, or give each its own slide"
    ]
    talks = {line.split("talk ")[1].split(",")[0] for line in result.lines}
    assert talks == {
        "standard/community-60",
        "standard/high-school-45",
        "standard/middle-school-30",
        "standard/university-50",
    }
    assert "theme 'default'" not in result.out + result.err


def test_a_deleted_layout_and_a_renamed_and_a_removed_placeholder_are_named(workspace, talkkit):
    def damage(prs):
        prs.slide_layouts.remove(layout(prs, "Story"))
        placeholder(prs, "Quote", "Quote").name = "Quoted words"
        element = placeholder(prs, "Facts", "Facts")._element
        element.getparent().remove(element)

    edit_master(workspace, damage)
    theme = workspace / "templates" / "default" / "theme.yaml"
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 1
    without_story = ALL_LAYOUTS.replace(" Story,", "")
    assert result.lines == [
        f"{where(theme, 'Story', workspace)}: error template-broken layout 'Story' for story "
        f"slides is not in templates/default/deck.pptx; it has: {without_story}; restore or "
        "rename the layout in Slide Master view",
        f"{where(theme, 'Quote, size: 36', workspace)}: error template-broken layout 'Quote' of "
        "templates/default/deck.pptx has no placeholder 'Quote' (for the quote of quote slides); "
        "it has: Title, Quoted words, Attribution; restore it, or rename it in the selection pane "
        "(Home > Arrange > Selection Pane)",
        f"{where(theme, 'Facts, size', workspace)}: error template-broken layout 'Facts' of "
        "templates/default/deck.pptx has no placeholder 'Facts' (for the facts of facts slides); "
        "it has: Title; restore it, or rename it in the selection pane "
        "(Home > Arrange > Selection Pane)",
    ]
    assert result.err.splitlines()[-1] == "3 errors, 0 warnings in theme 'default'"


def test_talkkit_check_and_build_stop_on_a_broken_master(workspace, talkkit):
    edit_master(workspace, lambda prs: prs.slide_layouts.remove(layout(prs, "Donate")))
    result = talkkit("check", "decks/lincoln-high-2027-03.yaml", cwd=workspace)
    assert result.status == 1
    assert [line.split(": ", 1)[1][:40] for line in result.lines] == [
        "error template-broken layout 'Donate' fo"
    ]
    build = talkkit("build", "--only", "deck", cwd=workspace)
    assert build.status == 1
    assert "nothing was built" in build.err
    assert not (workspace / "build").exists()


def test_a_missing_master_is_a_clear_diagnostic(workspace, talkkit):
    (workspace / "templates" / "default" / "deck.pptx").unlink()
    theme = workspace / "templates" / "default" / "theme.yaml"
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 1
    assert result.lines == [
        f"{where(theme, 'deck: deck.pptx', workspace).rsplit(':', 1)[0]}:7: error template-broken "
        "theme 'default' has no master: templates/default/deck.pptx is missing; save the theme's "
        "PowerPoint master there"
    ]


def test_a_master_that_is_not_a_pptx(workspace, talkkit):
    (workspace / "templates" / "default" / "deck.pptx").write_text("not a deck", encoding="utf-8")
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.lines == [
        "templates/default/deck.pptx: error template-broken templates/default/deck.pptx cannot be "
        "read: it is not a PowerPoint file (.pptx is a zip archive)"
    ]


def test_a_theme_without_theme_yaml(workspace, talkkit):
    (workspace / "templates" / "default" / "theme.yaml").unlink()
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.lines == [
        "templates/default/theme.yaml: error template-broken theme 'default' has no theme.yaml, "
        "which maps slide kinds to the layouts of its master; copy "
        "templates/default/theme.yaml and adjust it"
    ]


def test_an_unknown_theme_is_a_usage_error(workspace, talkkit):
    result = talkkit("template", "check", "fancy", cwd=workspace)
    assert result.status == 2
    assert result.err == "talkkit: no theme 'fancy' in templates/; themes: default, high-contrast\n"


def test_a_font_without_metric_files(workspace, talkkit):
    theme = workspace / "templates" / "default" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace("  Arial:", "  Helvetica:"), encoding="utf-8")
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 1
    fonts = where(theme, "Helvetica:", workspace)
    message = (
        "error template-broken the master's {role} font 'Arial' has no font files to measure "
        "text with; add `Arial: {{regular: ..., bold: ...}}` under fonts, naming "
        "metric-compatible files in assets/fonts/"
    )
    assert result.lines == [
        f"{fonts}: {message.format(role='heading')}",
        f"{fonts}: {message.format(role='body')}",
    ]


def test_low_contrast_colors_are_warned_of(workspace, talkkit):
    theme = workspace / "templates" / "default" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('muted: "#4B5563"', 'muted: "#A0A4AA"'), encoding="utf-8")

    def pale_attribution(prs):
        # The story's attribution in the master's light gray (bg1 is white) on warm paper.
        shape = placeholder(prs, "Story", "Attribution")
        shape._element.find(".//{*}defRPr/{*}solidFill/{*}schemeClr").set("val", "bg1")

    edit_master(workspace, pale_attribution)
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 0
    assert result.lines == [
        f"{where(theme, 'Attribution, size: 20', workspace)}: warning low-contrast the text of "
        "'Attribution' in layout 'Story' (#FFFFFF on #FAF6EF) has a contrast of 1.1:1, below "
        "4.5:1; darken the text or lighten the background in the master",
        f"{where(theme, QUOTED_MUTED, workspace)}: warning low-contrast the muted color #A0A4AA on "
        "the background #FAF6EF has a contrast of 2.3:1, below 4.5:1; choose a darker text color "
        "or a lighter background",
    ]


def test_a_qr_code_placeholder_too_small_to_scan(workspace, talkkit):
    def shrink(prs):
        shape = placeholder(prs, "Donate", "QR code")
        shape.width = shape.height = Inches(2)

    edit_master(workspace, shrink)
    theme = workspace / "templates" / "default" / "theme.yaml"
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 1
    assert result.lines == [
        f"{where(theme, 'QR code', workspace)}: error template-broken placeholder 'QR code' of "
        "layout 'Donate' holds a QR code only 2.0 in across, 27% of the slide's height; it must "
        "be at least 40% to scan from the back of a room; make the placeholder larger and square"
    ]


def test_the_masters_declare_their_notes_master_and_are_16_by_9(workspace):
    for theme in ("default", "high-contrast"):
        with zipfile.ZipFile(workspace / "templates" / theme / "deck.pptx") as deck:
            presentation = deck.read("ppt/presentation.xml").decode()
        assert "<p:notesMasterIdLst>" in presentation
        assert '<p:sldSz cx="12192000" cy="6858000"' in presentation


def test_a_theme_yaml_with_a_wrong_field_is_located(workspace, talkkit):
    theme = workspace / "templates" / "default" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace("size: 54, min: 36", "size: huge, min: 36"), encoding="utf-8")
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 1
    assert len(result.lines) == 1
    assert result.lines[0].startswith(f"{where(theme, 'huge', workspace)}: error ")


def test_a_new_theme_folder_needs_only_its_files(workspace, talkkit):
    folder = workspace / "templates" / "plain"
    folder.mkdir()
    write(folder / "theme.yaml", "name: Plain\nfonts: {}\nkinds: {}\n")
    result = talkkit("template", "check", "plain", cwd=workspace)
    assert result.lines == [
        "templates/plain/theme.yaml:1:1: error template-broken theme 'plain' has no master: "
        "templates/plain/deck.pptx is missing; save the theme's PowerPoint master there"
    ]


def test_a_master_font_a_common_client_lacks_is_warned_of(workspace, talkkit):
    def calibri(prs):
        theme_part = prs.slide_masters[0].part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
        )
        theme_part._blob = theme_part.blob.replace(
            b'<a:minorFont><a:latin typeface="Arial"', b'<a:minorFont><a:latin typeface="Calibri"'
        )

    edit_master(workspace, calibri)
    theme = workspace / "templates" / "default" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(
        text.replace("fonts:\n", "fonts:\n  Calibri: {regular: Carlito-Regular.ttf}\n")
    )
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 0, result.out + result.err
    assert result.lines == [
        "templates/default/deck.pptx: warning font-substituted the master's body font 'Calibri' "
        "is missing from LibreOffice with Debian's default fonts, which draws it in DejaVu Sans, "
        "about 24% wider, and from Keynote on a Mac without Microsoft Office, which draws it in "
        "Helvetica Neue, wider; text measured for Calibri may run out of its boxes there; name "
        "Arial in the master (Design > Variants > Fonts): PowerPoint, Keynote and Google Slides "
        "have it and LibreOffice draws it in Liberation Sans, of the same widths"
    ]


def test_the_shipped_themes_never_shrink_text_under_20_pt_nor_titles_under_28(workspace):
    from talkkit.load.theme import load_theme
    from talkkit.load.workspace import Workspace

    for name in ("default", "high-contrast"):
        theme, problems = load_theme(Workspace.at(workspace), name)
        assert theme is not None, problems
        for kind, slots in theme.slots.items():
            for key, slot in slots.items():
                if slot.style.min is None:
                    continue
                floor = 28 if slot.style.font == "heading" else 20
                assert slot.style.min >= floor, (name, kind, key)
        assert set(theme.slots["quote"]) == {"title", "quote", "attribution"}


def test_check_reports_an_unreadable_master_before_a_build_would_fail(workspace, talkkit):
    (workspace / "templates" / "default" / "deck.pptx").write_bytes(b"PK\x03\x04 cut short")
    problem = (
        "templates/default/deck.pptx: error template-broken templates/default/deck.pptx cannot be "
        "read: it is not a PowerPoint file (.pptx is a zip archive)"
    )
    event = "decks/lincoln-high-2027-03.yaml"
    checked = talkkit("--today", "2026-11-21", "check", event, cwd=workspace)
    assert (checked.status, checked.lines) == (1, [problem])
    whole = talkkit("--today", "2026-11-21", "check", cwd=workspace)
    assert (whole.status, whole.lines) == (1, [problem])
    built = talkkit("--today", "2026-11-21", "build", event, cwd=workspace)
    assert (built.status, built.lines) == (1, [problem])
    assert not (workspace / "build").exists()


def test_a_theme_may_name_its_own_east_asian_font(workspace, talkkit):
    from talkkit.load.theme import load_theme
    from talkkit.load.workspace import Workspace

    theme = workspace / "templates" / "default" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    named = text.replace(
        "fonts:\n",
        "east_asian: Noto Sans CJK KR\nfonts:\n"
        "  Noto Sans CJK KR: {regular: NotoSansCJKkr-Subset-Regular.otf}\n",
        1,
    )
    theme.write_text(named, encoding="utf-8")
    loaded, problems = load_theme(Workspace.at(workspace), "default")
    assert [p for p in problems if p.severity == "error"] == []
    assert loaded is not None and loaded.east_asian == "Noto Sans CJK KR"
    regular = workspace / "assets" / "fonts" / "NotoSansCJKkr-Subset-Regular.otf"
    assert loaded.east_asian_fonts == ((regular.resolve(),),) * 4

    theme.write_text(named.replace("east_asian: Noto Sans CJK KR", "east_asian: Malgun Gothic"))
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.status == 1
    assert result.lines == [
        "templates/default/theme.yaml:19:13: error template-broken the East Asian font "
        "'Malgun Gothic' has no font files under `fonts`; add `Malgun Gothic: {regular: ..., "
        "bold: ...}` under fonts, naming its files in assets/fonts/"
    ]

    theme.write_text(
        named.replace("Noto Sans CJK KR: {", "Malgun Gothic: {").replace(
            "east_asian: Noto Sans CJK KR", "east_asian: Malgun Gothic"
        )
    )
    result = talkkit("template", "check", "default", cwd=workspace)
    assert result.lines == [
        "templates/default/theme.yaml:19:13: error template-broken the East Asian font is named "
        "'Malgun Gothic', but its file NotoSansCJKkr-Subset-Regular.otf is the font 'Noto Sans "
        "CJK KR'; write `east_asian: Noto Sans CJK KR`, the name the handout and notes know it by"
    ]


def test_without_the_bundled_korean_font_a_theme_has_no_east_asian_font(workspace):
    from talkkit.load.theme import load_theme
    from talkkit.load.workspace import Workspace

    (workspace / "assets" / "fonts" / "NotoSansCJKkr-Subset-Bold.otf").unlink()
    loaded, problems = load_theme(Workspace.at(workspace), "default")
    assert loaded is not None and loaded.east_asian_fonts is None
    assert [p for p in problems if p.severity == "error"] == []
