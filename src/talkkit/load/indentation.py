"""Which line of a YAML file is out of line, and how it should look: for errors in plain words."""

from __future__ import annotations


def line_up(lines: list[str], number: int, should: int) -> str:
    """How the out-of-line line should look, lined up with the line above it that it belongs with."""
    moved = " " * should + lines[number - 1].strip()
    for above in range(number - 1, 0, -1):
        other = lines[above - 1]
        meaningful = other.strip() and not other.strip().startswith("#")
        if meaningful and len(other) - len(other.lstrip(" ")) == should:
            return f"line it up with line {above} ({other.strip()}): {moved}"
    return f"start it {spaces(should)} in: {moved}"


def spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def out_of_line(text: str, last: int) -> tuple[int, int] | None:
    """The first line up to line `last` (0-based) whose indentation fits no open block.

    The answer is its 1-based number and the indentation it should have:
    the nearest indentation of the blocks open above it. Lines inside a
    block of text (after `|` or `>`) and comments are passed over.
    """
    open_at = [0]
    text_block: int | None = None
    opens = False
    lines = text.split("\n")
    for number, line in enumerate(lines[: last + 1], start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if text_block is not None:
            if indent > text_block:
                continue
            text_block = None
        if indent > open_at[-1]:
            if not opens:
                return number, open_at[-1]
            open_at.append(indent)
        elif indent < open_at[-1]:
            while open_at[-1] > indent:
                popped = open_at.pop()
            if open_at[-1] != indent:
                return number, fitting(lines, number, (open_at[-1], popped))
        body = stripped[2:].lstrip() if stripped.startswith("- ") else stripped
        if stripped.startswith("- ") and indent + 2 not in open_at:
            open_at.append(indent + 2)
            open_at.sort()
        value = body.partition(": ")[2].strip() if ": " in body else None
        opens = body.endswith(":") or stripped.startswith("- ")
        if value is not None and value[:1] in ("|", ">"):
            text_block = indent if not stripped.startswith("- ") else indent + 2
            opens = False
    return None


def fitting(lines: list[str], number: int, levels: tuple[int, int]) -> int:
    """Of the two indentations a line falls between, the one the line after it agrees with.

    A line that opens a block belongs left of the line after it; any other
    line at the same indentation as the line after it. Else the nearer one.
    """
    line = lines[number - 1].strip()
    after = next(
        (
            len(other) - len(other.lstrip(" "))
            for other in lines[number:]
            if other.strip() and not other.strip().startswith("#")
        ),
        None,
    )
    low, high = sorted(levels)
    if after is not None and line.endswith(":"):
        return high if high < after else low
    if after in levels:
        return after
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip(" "))
    return low if indent - low < high - indent else high
