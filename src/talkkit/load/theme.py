"""Themes: templates/<theme>/theme.yaml and the deck master it maps slide kinds onto.

theme.yaml says which layout of deck.pptx each slide kind uses, which named
placeholder of that layout each part of the slide goes into, and how large its
text may be. The master itself is read by `load.master`, never with python-pptx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.cache import cache_folder
from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.load.fonts import EAST_ASIAN_FONT, east_asian_faces, substituted_fonts
from talkkit.load.master import (
    _PICTURE_TYPES,
    Frame,
    MasterError,
    MasterInfo,
    PlaceholderInfo,
    contrast,
    read_master,
)
from talkkit.load.safe_yaml import YDict, load_yaml
from talkkit.load.theme_file import THEME_FILE, SlotStyle, ThemeFile
from talkkit.load.theme_fonts import FontSet, Measures, font_files
from talkkit.load.validate import validate
from talkkit.load.workspace import Workspace

MIN_CONTRAST = 4.5
MIN_QR_SHARE = 0.4
"""The least side of the donate slide's QR code, as a share of the slide's height."""

# The parts of each slide kind, and whether each holds text or a picture.
SLOTS: dict[str, dict[str, str]] = {
    "title": {"title": "text", "subtitle": "text", "event": "text"},
    "section": {"title": "text", "subtitle": "text"},
    "story": {"title": "text", "quote": "text", "attribution": "text"},
    "quote": {"title": "text", "quote": "text", "attribution": "text"},
    "facts": {"title": "text", "facts": "text"},
    "bullets": {"title": "text", "bullets": "text"},
    "image": {"title": "text", "picture": "picture", "caption": "text"},
    "actions": {"title": "text", "actions": "text"},
    "donate": {"title": "text", "text": "text", "address": "text", "qr": "picture"},
    "questions": {"title": "text", "subtitle": "text"},
    "closing": {"title": "text", "text": "text", "website": "text"},
}

_HEX_RE = re.compile(r"^#?[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Slot:
    """One part of a slide kind: its placeholder in the layout and its text style."""

    key: str
    style: SlotStyle
    placeholder: PlaceholderInfo
    fonts: FontSet
    """The regular, bold, italic and bold italic faces of the slot's font: each the
    metric-compatible file, then its substitute's when the theme names one."""

    @property
    def frame(self) -> Frame:
        assert self.placeholder.frame is not None
        return self.placeholder.frame

    cache: Path | None = None
    """The workspace's cache folder, where the fonts' metrics are kept between runs."""
    measures: Measures = field(default_factory=Measures, compare=False, repr=False)
    """The fonts read and the text fitted with this slot, shared by every slot of the theme
    as loaded: a theme loaded again (after an edit of it or its fonts) measures afresh."""
    east_asian: FontSet | None = None
    """The faces of the theme's East Asian font, which Hangul is set and measured in; None
    when the theme has none."""

    def font_files(self, *, bold: bool, italic: bool) -> tuple[Path, ...]:
        """The files one face is measured with; text must fit in the widest of them."""
        return self.fonts[(2 if italic else 0) + (1 if bold else 0)]

    def east_asian_files(self, *, bold: bool, italic: bool) -> tuple[Path, ...] | None:
        """The files the East Asian font's face is measured with, when the theme has the font."""
        if self.east_asian is None:
            return None
        return self.east_asian[(2 if italic else 0) + (1 if bold else 0)]


@dataclass
class Theme:
    """A theme ready to render with: every kind's layout and slots looked up in the master."""

    name: str
    folder: Path
    deck_path: Path
    file: ThemeFile
    master: MasterInfo
    layouts: dict[str, str] = field(default_factory=dict)
    slots: dict[str, dict[str, Slot]] = field(default_factory=dict)
    east_asian: str = EAST_ASIAN_FONT
    """The font Hangul is set in: theme.yaml's `east_asian`, else the bundled one."""
    east_asian_fonts: FontSet | None = None
    """Its files in assets/fonts/; None when the bundled font's files are not there."""

    def slot(self, kind: str, key: str) -> Slot:
        return self.slots[kind][key]


def theme_names(workspace: Workspace) -> list[str]:
    """The themes of the workspace: the folders of templates/."""
    folder = workspace.templates
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def load_theme(workspace: Workspace, name: str) -> tuple[Theme | None, list[Diagnostic]]:
    """The theme `name` of the workspace and every problem of it; None when it cannot make a deck.

    Errors: a missing or invalid theme.yaml, a master that is not a .pptx, a
    kind without its layout, a missing or renamed placeholder, a font without
    metric files. Warnings: a master without a notes master, a font a common
    client lacks (see load.fonts.missing_in_clients), colors below WCAG's 4.5:1 contrast.
    Read afresh on every call; a run keeps what it loaded (see `theme_stamp`).
    """
    return _load_theme(workspace, name)


def theme_stamp(workspace: Workspace, name: str) -> tuple:
    """What a loaded theme depends on: every file of its folder and of assets/fonts/, each by
    path, size and modification time. A theme loaded under another stamp is out of date."""
    files = []
    for folder in (workspace.templates / name, workspace.assets / "fonts"):
        if not folder.is_dir():
            files.append((str(folder), None))
            continue
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                files.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return (name, tuple(files))


def _load_theme(workspace: Workspace, name: str) -> tuple[Theme | None, list[Diagnostic]]:
    found: list[Diagnostic] = []
    spec = _read_theme_file(workspace, name, found)
    if spec is None:
        return None, found
    folder = workspace.templates / name
    theme_path = folder / THEME_FILE
    top = Location(theme_path, 1, 1)
    master, deck_path = _read_deck(workspace, name, spec, top, found)
    if master is None:
        return None, found
    theme = Theme(name=name, folder=folder, deck_path=deck_path, file=spec, master=master)
    rel_deck = _rel(workspace, deck_path)
    found.extend(_master_warnings(master, rel_deck, Location(deck_path)))

    broken = False
    fonts: dict[str, FontSet] = {}
    for role, face in (("heading", master.heading_font), ("body", master.body_font)):
        files = font_files(workspace, spec, face, role, rel_deck, found)
        if files is None:
            broken = True
        else:
            fonts[role] = files
    found.extend(substituted_fonts(master, Location(deck_path)))
    theme.east_asian = spec.east_asian or EAST_ASIAN_FONT
    theme.east_asian_fonts = east_asian_faces(workspace, spec, top, found)
    if spec.east_asian and theme.east_asian_fonts is None:
        broken = True

    for kind in sorted(set(spec.kinds) - set(SLOTS)):
        found.append(
            warning(
                spec.kinds[kind].location() or top,
                "template-broken",
                f"'{kind}' is not a slide kind; it is left unused",
                "kinds: " + ", ".join(SLOTS),
            )
        )
    measures = Measures()
    for kind in SLOTS:
        slots = _kind_slots(workspace, theme, kind, fonts, measures, top, found)
        if slots is None:
            broken = True
        else:
            theme.slots[kind] = slots
    found.extend(_color_problems(spec, top))
    return (None if broken else theme), found


def _read_theme_file(workspace: Workspace, name: str, found: list[Diagnostic]) -> ThemeFile | None:
    """The theme's theme.yaml, validated; None (with the problems in `found`) when it is unusable."""
    folder = workspace.templates / name
    theme_path = folder / THEME_FILE
    if not folder.is_dir():
        found.append(
            error(
                Location(workspace.templates),
                "template-broken",
                f"no theme '{name}' in templates/",
                "themes: " + (", ".join(theme_names(workspace)) or "none"),
            )
        )
        return None
    if not theme_path.is_file():
        found.append(
            error(
                Location(theme_path),
                "template-broken",
                f"theme '{name}' has no {THEME_FILE}, which maps slide kinds to the layouts of "
                "its master",
                "copy templates/default/theme.yaml and adjust it",
            )
        )
        return None
    loaded = load_yaml(theme_path)
    found.extend(loaded.diagnostics)
    if loaded.data is None:
        return None
    if not isinstance(loaded.data, YDict):
        found.append(
            error(Location(theme_path, 1, 1), "template-broken", f"{THEME_FILE} is a mapping")
        )
        return None
    spec, problems = validate(ThemeFile, loaded.data, theme_path)
    found.extend(problems)
    return spec


def _read_deck(
    workspace: Workspace, name: str, spec: ThemeFile, top: Location, found: list[Diagnostic]
) -> tuple[MasterInfo | None, Path]:
    """The master theme.yaml names, read; None (with the problem in `found`) when it cannot be."""
    folder = workspace.templates / name
    deck_path = (folder / spec.deck).resolve()
    rel_deck = _rel(workspace, deck_path)
    if not deck_path.is_relative_to(folder.resolve()):
        found.append(
            error(
                spec.location("deck") or top,
                "template-broken",
                f"the master '{spec.deck}' is outside templates/{name}/",
            )
        )
        return None, deck_path
    if not deck_path.is_file():
        found.append(
            error(
                spec.location("deck") or top,
                "template-broken",
                f"theme '{name}' has no master: {rel_deck} is missing",
                "save the theme's PowerPoint master there",
            )
        )
        return None, deck_path
    try:
        return read_master(deck_path), deck_path
    except MasterError as exc:
        found.append(
            error(Location(deck_path), "template-broken", f"{rel_deck} cannot be read: {exc}")
        )
        return None, deck_path


def _master_warnings(master: MasterInfo, rel_deck: str, where: Location) -> list[Diagnostic]:
    """A master that is not 16:9, or declares no notes master."""
    found = []
    if master.width * 9 != master.height * 16:
        found.append(
            warning(
                where,
                "template-broken",
                f"{rel_deck} is not 16:9 ({master.width / 914400:.2f} x "
                f"{master.height / 914400:.2f} in)",
                "set Design > Slide Size > Widescreen (16:9)",
            )
        )
    if not master.has_notes_master:
        found.append(
            warning(
                where,
                "template-broken",
                f"{rel_deck} declares no notes master, so Keynote may drop the speaker notes",
                "open View > Notes Master once in PowerPoint and save",
            )
        )
    return found


def _kind_slots(
    workspace: Workspace,
    theme: Theme,
    kind: str,
    fonts: dict[str, FontSet],
    measures: Measures,
    top: Location,
    found: list[Diagnostic],
) -> dict[str, Slot] | None:
    """The slots of one slide kind in the layout theme.yaml maps it to; None when one is broken."""
    spec, master = theme.file, theme.master
    rel_deck = _rel(workspace, theme.deck_path)
    mapping = spec.kinds.get(kind)
    if mapping is None:
        found.append(
            error(
                spec.location("kinds") or top,
                "template-broken",
                f"{THEME_FILE} maps no layout for '{kind}' slides",
                f"add `{kind}: {{layout: ..., placeholders: ...}}` under kinds",
            )
        )
        return None
    layout = master.layout(mapping.layout)
    if layout is None:
        layout_names = [lay.name for lay in master.layouts]
        found.append(
            error(
                mapping.location("layout") or top,
                "template-broken",
                f"layout '{mapping.layout}' for {kind} slides is not in {rel_deck}; "
                f"it has: {', '.join(layout_names) or 'no layouts'}",
                "restore or rename the layout in Slide Master view",
            )
        )
        return None
    theme.layouts[kind] = layout.name
    slot_kinds = SLOTS[kind]
    slots: dict[str, Slot] = {}
    broken = False
    for slot_key in sorted(set(mapping.placeholders) - set(slot_kinds)):
        found.append(
            warning(
                mapping.location("placeholders", slot_key) or top,
                "template-broken",
                f"{kind} slides have no part '{slot_key}'; it is left unused",
                f"{kind} slides have: " + ", ".join(slot_kinds),
            )
        )
    for slot_key, what in slot_kinds.items():
        style = mapping.placeholders.get(slot_key)
        if style is None:
            found.append(
                error(
                    mapping.location("placeholders") or mapping.location() or top,
                    "template-broken",
                    f"{kind} slides need a placeholder for their {slot_key}, and "
                    f"{THEME_FILE} names none",
                    f"add `{slot_key}: {{placeholder: ...}}`",
                )
            )
            broken = True
            continue
        placeholder = _placeholder(
            layout, kind, slot_key, what, style, master, rel_deck, top, found
        )
        if placeholder is None:
            broken = True
            continue
        files = fonts.get(style.font)
        if files is None:
            continue
        slots[slot_key] = Slot(
            slot_key,
            style,
            placeholder,
            files,
            cache_folder(workspace.root),
            measures,
            east_asian=theme.east_asian_fonts,
        )
        if what == "text" and layout.background and placeholder.color:
            ratio = contrast(placeholder.color, layout.background)
            if ratio < MIN_CONTRAST:
                found.append(
                    warning(
                        style.location("placeholder") or top,
                        "low-contrast",
                        f"the text of '{placeholder.name}' in layout '{layout.name}' "
                        f"(#{placeholder.color} on #{layout.background}) has a contrast "
                        f"of {ratio:.1f}:1, below {MIN_CONTRAST}:1",
                        "darken the text or lighten the background in the master",
                    )
                )
    return None if broken else slots


def _placeholder(
    layout,
    kind: str,
    slot_key: str,
    what: str,
    style: SlotStyle,
    master: MasterInfo,
    rel_deck: str,
    top: Location,
    found: list[Diagnostic],
) -> PlaceholderInfo | None:
    """The placeholder a slot names in its layout, when it can hold the slot's text or picture."""
    placeholder = layout.placeholder(style.placeholder)
    if placeholder is None:
        names = [p.name for p in layout.placeholders]
        found.append(
            error(
                style.location("placeholder") or top,
                "template-broken",
                f"layout '{layout.name}' of {rel_deck} has no placeholder "
                f"'{style.placeholder}' (for the {slot_key} of {kind} slides); "
                f"it has: {', '.join(names) or 'no placeholders'}",
                "restore it, or rename it in the selection pane (Home > Arrange > Selection Pane)",
            )
        )
        return None
    problem = _slot_problem(placeholder, what, style)
    if problem:
        found.append(error(style.location("placeholder") or top, "template-broken", problem))
        return None
    if kind == "donate" and slot_key == "qr" and placeholder.frame is not None:
        side = min(placeholder.frame.cx, placeholder.frame.cy)
        if side < MIN_QR_SHARE * master.height:
            found.append(
                error(
                    style.location("placeholder") or top,
                    "template-broken",
                    f"placeholder '{placeholder.name}' of layout '{layout.name}' holds a "
                    f"QR code only {side / 914400:.1f} in across, "
                    f"{side / master.height:.0%} of the slide's height; it must be at "
                    f"least {MIN_QR_SHARE:.0%} to scan from the back of a room",
                    "make the placeholder larger and square",
                )
            )
            return None
    return placeholder


def _slot_problem(placeholder: PlaceholderInfo, what: str, style: SlotStyle) -> str | None:
    name = f"placeholder '{placeholder.name}'"
    if placeholder.frame is None or placeholder.frame.cx <= 0 or placeholder.frame.cy <= 0:
        return f"{name} has no size or position"
    if what == "picture" and placeholder.type not in _PICTURE_TYPES:
        return f"{name} must be a picture placeholder, not a {placeholder.type} placeholder"
    if what == "text":
        if placeholder.type in ("pic",):
            return f"{name} must be a text placeholder, not a picture placeholder"
        if style.size is None or style.min is None:
            return f"{name} needs a text size and a smallest size (size: and min:)"
        if style.min > style.size:
            return f"{name}: the smallest size ({style.min:g} pt) is above the size ({style.size:g} pt)"
        if placeholder.frame.text_width_pt <= 0 or placeholder.frame.text_height_pt <= 0:
            return f"{name} leaves no room for text inside its margins"
    return None


def _color_problems(spec: ThemeFile, top: Location) -> list[Diagnostic]:
    found = []
    for key, value in spec.colors.items():
        if not _HEX_RE.match(value):
            found.append(
                error(
                    spec.location("colors", key) or top,
                    "template-broken",
                    f"color '{key}' is '{value}', not a color like #1E2430",
                )
            )
    background = spec.colors.get("background")
    if background and _HEX_RE.match(background):
        for key in ("text", "heading", "muted", "accent"):
            value = spec.colors.get(key)
            if value and _HEX_RE.match(value):
                ratio = contrast(value, background)
                if ratio < MIN_CONTRAST:
                    found.append(
                        warning(
                            spec.location("colors", key) or top,
                            "low-contrast",
                            f"the {key} color {value} on the background {background} has a "
                            f"contrast of {ratio:.1f}:1, below {MIN_CONTRAST}:1",
                            "choose a darker text color or a lighter background",
                        )
                    )
    return found


def _rel(workspace: Workspace, path: Path) -> str:
    try:
        return path.relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return str(path)
