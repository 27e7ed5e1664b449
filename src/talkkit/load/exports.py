"""Spreadsheet exports (CSV) as form services and donation platforms write them.

UTF-8 with or without a byte-order mark, commas or semicolons, quoted cells
holding newlines. Rows are numbered as a spreadsheet numbers them: the header
is row 1, so a problem names the row staff see when they open the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from talkkit.errors import UsageError


@dataclass(frozen=True)
class Row:
    """One row of an export: its spreadsheet row number and its cells by header."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


@dataclass(frozen=True)
class Export:
    """An export's name (for messages), its headers and its rows."""

    name: str
    headers: list[str]
    rows: list[Row]

    def require(self, columns: dict[str, str], setting: str) -> None:
        """Refuse an export missing any of `columns` (what -> header), naming the setting to change."""
        missing = [header for header in columns.values() if header not in self.headers]
        if missing:
            found = ", ".join(f'"{h}"' for h in self.headers) or "none"
            names = ", ".join(f'"{h}"' for h in missing)
            raise UsageError(
                f"{self.name} has no column {names}; its columns: {found}. "
                f"Set the column names under `{setting}` in talkkit.yaml"
            )


def read_export(data: bytes, name: str) -> Export:
    """The export in `data`, named `name` in messages; refuses what is not a UTF-8 CSV."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name} is not UTF-8 text (byte {exc.start + 1}); export it again as CSV UTF-8"
        ) from None
    if not text.strip():
        raise UsageError(f"{name} is empty: export the form's answers as CSV")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise UsageError(f"{name} line {reader.line_num}: {exc}") from None
    headers = [h.strip() for h in records[0]]
    rows = []
    for offset, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        rows.append(Row(offset, dict(zip(headers, record, strict=False))))
    return Export(name, headers, rows)


def read_export_file(path: Path) -> Export:
    """The export at `path`; refuses a file that cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path.name}: {exc.strerror}") from None
    return read_export(data, path.name)


def _delimiter(text: str) -> str:
    """Comma or semicolon: whichever the header row (outside quotes) uses more."""
    header = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    return ";" if header.count(";") > header.count(",") else ","
