"""Plain-text tables for the terminal: the library listing, the timing and the stale facts."""

from __future__ import annotations


def text_table(header: tuple, rows: list[tuple], *, indent: int) -> list[str]:
    """Rows as columns lined up under a header, each line indented; "(none)" for no rows."""
    if not rows:
        return [" " * indent + "(none)"]
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    pad = " " * indent

    def line(row) -> str:
        return (
            pad
            + "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        )

    return [line(header), *(line(r) for r in rows)]
