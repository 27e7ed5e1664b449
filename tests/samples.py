"""The sample workspace of the repository, as the tests copy and change it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DECKS = [
    "lincoln-high-2027-03",
    "riverside-library-2027-04",
    "standard/middle-school-30",
    "standard/high-school-45",
    "standard/community-60",
    "standard/university-50",
]
"""Every outline of the sample workspace, events first."""
WORKSPACE_PARTS = ("talkkit.yaml", "content", "decks", "templates", "assets", "schema", "sources")


def copy_sample(root: Path) -> Path:
    """A copy of the sample workspace's parts made in the new folder `root`."""
    root.mkdir(parents=True)
    for part in WORKSPACE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("build"))
        elif source.is_file():
            shutil.copy2(source, root / part)
    return root


def widen(font: Path, factor: int = 4) -> None:
    """Rewrite a font file with every glyph `factor` times as wide, as a staff edit of it would."""
    from fontTools.ttLib import TTFont

    loaded = TTFont(str(font))
    metrics = loaded["hmtx"].metrics
    for name, (advance, bearing) in metrics.items():
        metrics[name] = (advance * factor, bearing)
    loaded.save(str(font))


def write(path: Path, text: str) -> Path:
    """Write dedented text to a file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
