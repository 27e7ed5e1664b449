"""The models of templates/<theme>/theme.yaml: which layout each slide kind uses and how its text is set."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from talkkit.models import Node, Text

THEME_FILE = "theme.yaml"


class Faces(Node):
    """The four faces of one font, as files in assets/fonts/."""

    regular: Text
    """The regular face (e.g. LiberationSans-Regular.ttf for Arial)."""
    bold: str | None = None
    """The bold face; the regular one when left out."""
    italic: str | None = None
    """The italic face; the regular one when left out."""
    bold_italic: str | None = None
    """The bold italic face; the bold one when left out."""


class FontFiles(Faces):
    """The metric-compatible font files, in assets/fonts/, that text is measured with."""

    substitute: Faces | None = None
    """The font a client without this one draws it in (DejaVu Sans, for a LibreOffice
    without Liberation Sans); text is measured in both and must fit in the wider."""


class SlotStyle(Node):
    """Where one part of a slide goes and how large its text may be."""

    placeholder: Text
    """The name of the placeholder in the layout (as the selection pane shows it)."""
    font: Literal["heading", "body"] = "body"
    """The master's heading font or body font."""
    size: float | None = Field(None, ge=8, le=200)
    """The largest text size, in points."""
    min: float | None = Field(None, ge=8, le=200)
    """The smallest size text may shrink to, in points; past it the check reports an overflow."""
    bold: bool = False
    """Whether the text is bold."""
    italic: bool = False
    """Whether the text is italic."""
    line_spacing: float = Field(1.0, ge=0.8, le=2.5)
    """Line spacing as a multiple of single spacing."""
    gap: float = Field(0.5, ge=0, le=3)
    """Space before each paragraph after the first, as a multiple of its text size."""
    small: float = Field(0.7, ge=0.3, le=1)
    """The size of secondary lines (a source, a credit, an address) relative to the text."""


class KindMap(Node):
    layout: Text
    """The name of the layout of deck.pptx (as PowerPoint's Layout menu shows it)."""
    placeholders: dict[str, SlotStyle]
    """Each part of the slide: the placeholder it goes into and its text style."""


class ThemeFile(Node):
    """templates/<theme>/theme.yaml: how talkkit uses the theme's master."""

    name: Text
    """The theme's name, for people."""
    deck: Text = "deck.pptx"
    """The master, relative to this file."""
    fonts: dict[str, FontFiles]
    """For each font the master names, the metric-compatible files in assets/fonts/ to measure with."""
    east_asian: Text | None = None
    """The font Korean (Hangul) text is set in, as its files name their family: one of `fonts`,
    or when left out the bundled Noto Sans CJK KR (assets/fonts/NotoSansCJKkr-Subset-*.otf)."""
    colors: dict[str, str] = Field(default_factory=dict)
    """The theme's colors as #RRGGBB, for the handout and notes (text, background, heading, accent, muted)."""
    kinds: dict[str, KindMap]
    """For each slide kind, its layout and placeholders."""


# --- The master ------------------------------------------------------------------------------
