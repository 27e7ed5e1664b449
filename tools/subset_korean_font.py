"""Write assets/fonts/NotoSansCJKkr-Subset-{Regular,Bold}.otf: Noto Sans CJK KR cut down to Korean and Latin.

The bundled East Asian font of every theme that names none. It is the Korean face
of Debian's fonts-noto-cjk (SIL Open Font License 1.1), subset with fontTools to:

- Basic Latin, Latin-1 and Latin Extended-A (names, addresses, numbers);
- general punctuation, the CJK symbols and punctuation block, full-width forms;
- Hangul jamo (with extensions A and B), compatibility jamo, and every modern
  Hangul syllable (U+AC00 to U+D7A3).

Run from the repository on a machine with fonts-noto-cjk (apt-get install
fonts-noto-cjk), after a new release of it:

    python tools/subset_korean_font.py

It prints each file's size and glyph count, and writes the licence beside them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"
SOURCE = Path("/usr/share/fonts/opentype/noto")
COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACE = "Noto Sans CJK KR"
"""The family of the collection's faces to keep (the collection also holds JP, SC, TC, HK)."""
WEIGHTS = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x02BB, 0x02BC),  # modifier apostrophes
    (0x02C6, 0x02DD),  # spacing accents
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2000, 0x206F),  # General Punctuation
    (0x20A9, 0x20AC),  # won, euro
    (0x2100, 0x2122),  # letterlike symbols (numero, trade mark)
    (0x2190, 0x2193),  # arrows
    (0x2460, 0x2473),  # circled numbers
    (0x25A0, 0x25CF),  # squares, triangles, circles
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0x3200, 0x321E),  # parenthesized Hangul
    (0x3260, 0x327E),  # circled Hangul
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7A3),  # Hangul Syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFE0, 0xFFE6),  # full-width signs
)
"""The code points kept, first and last of each range."""


def kr_face(collection: Path):
    """The Korean face of a Noto Sans CJK collection."""
    fonts = TTCollection(str(collection), recalcTimestamp=False).fonts
    for font in fonts:
        if font["name"].getDebugName(1) == FACE:
            return font
    sys.exit(f"{collection} has no face '{FACE}'")


def subset_face(collection: Path, target: Path) -> tuple[int, int]:
    """Write the subset of one weight; its size in bytes and its number of glyphs."""
    font = kr_face(collection)
    options = subset.Options()
    options.layout_features = [*subset.Options().layout_features, "ljmo", "vjmo", "tjmo"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for first, last in RANGES for c in range(first, last + 1)])
    subsetter.subset(font)
    # The faces of the collection share one CFF table, named for the Japanese face: name it
    # (and its font dicts) for this one, as its name table does, so PDFs name it rightly.
    names = font["name"]
    cff = font["CFF "].cff
    old = cff.fontNames[0]
    cff.fontNames = [names.getDebugName(6)]
    top = cff.topDictIndex[0]
    top.FullName = names.getDebugName(4)
    top.FamilyName = names.getDebugName(1)
    for fd in top.FDArray:
        fd.FontName = fd.FontName.replace(old, cff.fontNames[0])
    font.save(str(target))
    return target.stat().st_size, len(font.getGlyphOrder())


def licence() -> str:
    """The font's copyright and the SIL Open Font License, as Debian ships them."""
    text = COPYRIGHT.read_text(encoding="utf-8")
    start = text.index("License: SIL-1.1\n -")
    body = text[start:].split("\nLicense: ", 1)[0]
    lines = [line[1:] if line.startswith(" ") else line for line in body.splitlines()[1:]]
    lines = ["" if line == "." else line for line in lines]
    return (
        "Noto Sans CJK KR, subset to Latin, punctuation and Hangul by tools/subset_korean_font.py\n"
        "Source: https://github.com/googlefonts/noto-cjk (Debian's fonts-noto-cjk)\n"
        "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
        "Noto is a trademark of Google Inc.\n"
        "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "\n" + "\n".join(lines).strip() + "\n"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "LICENSE-NotoSansCJK.txt").write_text(licence(), encoding="utf-8")
    if "--licence" in sys.argv:
        return
    for weight, name in WEIGHTS.items():
        target = OUT / f"NotoSansCJKkr-Subset-{weight}.otf"
        size, glyphs = subset_face(SOURCE / name, target)
        print(f"{target.relative_to(ROOT)}: {size / 1e6:.2f} MB, {glyphs} glyphs")


if __name__ == "__main__":
    main()
