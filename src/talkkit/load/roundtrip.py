"""Outlines read and written round-trip: comments, order and quoting kept (ruamel.yaml).

The one YAML boundary for files talkkit changes: the page's edits and
`talkkit new` write through `dump`, and `parse` reads a file only once
talkkit's own loader (talkkit.load.safe_yaml) accepts it, so the same size
limit, byte-order mark, alias and duplicate-key rules hold for what is
edited as for what `talkkit check` reads.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from talkkit.load.safe_yaml import load_yaml, read_text

__all__ = [
    "CommentedMap",
    "CommentedSeq",
    "RoundTripError",
    "block",
    "dump",
    "flow",
    "load_text",
    "parse",
    "quoted",
    "text_of",
]


class RoundTripError(Exception):
    """The file cannot be read for editing; the message says why, in talkkit's words."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def text_of(path: Path) -> str:
    """A file's text as talkkit reads it (byte-order mark dropped); RoundTripError when it cannot."""
    text, problems = read_text(path)
    if text is None:
        raise RoundTripError(problems[0].message)
    return text


def parse(path: Path, text: str) -> CommentedMap:
    """The mapping of a file's text, once talkkit's loader accepts the file at `path`."""
    refused = [d for d in load_yaml(path).diagnostics if d.severity == "error"]
    if refused:
        first = refused[0]
        raise RoundTripError(f"line {first.location.line}: {first.message}")
    data = load_text(text)
    if not isinstance(data, CommentedMap):
        raise RoundTripError("it is not a mapping of fields")
    return data


def load_text(text: str) -> object:
    """Text read round-trip, with no check of talkkit's rules (for comparing two versions)."""
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise RoundTripError(str(exc).splitlines()[0] if str(exc) else "cannot be read") from exc


def dump(data: CommentedMap) -> str:
    """The text of a mapping, as the page and `talkkit new` write every outline."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def quoted(text: str) -> DoubleQuotedScalarString:
    """Text written in double quotes, so no word of it turns into YAML."""
    return DoubleQuotedScalarString(text)


def block(text: str) -> str:
    """Text of several lines written as a block rather than one quoted line."""
    return LiteralScalarString(text) if "\n" in text else text


def flow(items: list[str]) -> CommentedSeq:
    """A list written on one line: [a, b]."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
