"""Safe YAML with locations: every mapping and list remembers where each of its parts stands.

The loader is deliberately small. Every scalar is text or null: `NO`, `yes`,
`1.0` and `2027-03-12` all stay text until a model says what a field holds, so
nothing turns silently into a boolean. Aliases, tags, tabs in indentation,
deep nesting, duplicate keys, binary and oversized files are refused with a
located, plain-words diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from talkkit.diagnostics import Diagnostic, Location, error, has_errors
from talkkit.load.indentation import line_up, out_of_line, spaces
from talkkit.located import YDict, YList
from talkkit.located import location_of as location_of

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass
class Loaded:
    """A file read: its data (None when unreadable) and the problems found reading it."""

    path: Path
    data: object = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not has_errors(self.diagnostics)


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


class _PurePythonParser(Reader, Scanner, Parser):
    """PyYAML's own parser: slower than libyaml, but with no nesting limit of its own."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:
    from yaml._yaml import CParser as _FastParser  # libyaml: the same events, ten times faster
except ImportError:  # pragma: no cover
    _FastParser = _PurePythonParser


class _Composing(Composer, Resolver):
    """Composes YAML nodes from parser events, resolving nothing but null, refusing aliases, limiting depth."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's class-level registry)

    def __init__(self, stream: str, path: Path):
        self._parser_class.__init__(self, stream)
        Composer.__init__(self)
        Resolver.__init__(self)
        self.path = path
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused(
                error(
                    _loc(self.path, mark),
                    "yaml-alias",
                    "aliases (*name) are not allowed in talkkit files",
                    "write the value out, or use `extends` to reuse an outline",
                )
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _Refused(
                    error(
                        _loc(self.path, mark),
                        "yaml-too-deep",
                        f"nested more than {MAX_DEPTH} levels deep",
                        "talkkit files need only a few levels; check the indentation",
                    )
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Composing, _FastParser):
    _parser_class = _FastParser


class _PureLoader(_Composing, _PurePythonParser):
    """The loader used again when libyaml stops at its own nesting limit, so the answer is talkkit's."""

    _parser_class = _PurePythonParser


_Composing.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _loc(path: Path, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file, or None with a diagnostic for an unreadable, binary, huge or non-UTF-8 file.

    A byte-order mark is dropped and Windows line ends are read as plain ones.
    """
    start = Location(path, 1, 1)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                error(
                    start,
                    "file-too-large",
                    f"the file is {size:,} bytes; talkkit reads files of up to {max_bytes:,}",
                    "is this the right file?",
                )
            ]
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [error(start, "file-unreadable", "this is a folder, not a file")]
    except OSError as exc:
        return None, [error(start, "file-unreadable", f"cannot read the file: {exc.strerror}")]
    if b"\0" in raw[:8192] or b"\0" in raw:
        nul = raw.index(b"\0")
        return None, [
            error(
                _byte_location(path, raw, nul),
                "file-binary",
                "this looks like a binary file, not YAML text",
                "save it as plain text (UTF-8)",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            error(
                _byte_location(path, raw, exc.start),
                "file-encoding",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} here)",
                "save it as UTF-8 in your editor",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _byte_location(path: Path, raw: bytes, offset: int) -> Location:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Location(path, line, column)


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Read one YAML file into YDict/YList/str/None, collecting every problem found."""
    result = Loaded(path)
    text, problems = read_text(path, max_bytes=max_bytes)
    if text is None:
        result.diagnostics = problems
        return result
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        result.diagnostics.append(
            error(Location(path, 1, 1), "file-empty", "the file is empty", "see docs/ for a sample")
        )
        return result
    try:
        node = _compose(text, path)
    except _Refused as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    except yaml.MarkedYAMLError as exc:
        result.diagnostics.append(_syntax_error(path, text, exc))
        return result
    except yaml.YAMLError as exc:
        result.diagnostics.append(_reader_error(path, text, exc))
        return result
    if node is None:
        result.diagnostics.append(
            error(Location(path, 1, 1), "file-empty", "the file is empty", "see docs/ for a sample")
        )
        return result
    result.data = _construct(node, path, result.diagnostics)
    return result


def _compose(text: str, path: Path):
    """The file's root node; libyaml's own nesting limit gives way to talkkit's (`yaml-too-deep`)."""
    for loader_class in (_Loader, _PureLoader):
        loader = loader_class(text, path)
        try:
            return loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            if loader_class is _PureLoader or "nesting depth" not in (exc.problem or ""):
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable")  # pragma: no cover


def _syntax_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    location = _loc(path, mark) if mark else Location(path, 1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    opened = f"line {exc.context_mark.line + 1}" if exc.context_mark else "an earlier line"
    lines = text.split("\n")
    here = ""
    if mark and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        here = lines[mark.line][mark.column]
    if here == "\t" or "\\t" in problem:
        return error(
            location,
            "yaml-tab",
            "a tab is not allowed here; YAML needs spaces",
            "replace the tab with spaces",
        )
    indented = problem.startswith("mapping values are not allowed") or any(
        words in problem
        for words in ("expected key", "expected '-' indicator", "expected <block end>")
    )
    misplaced = out_of_line(text, mark.line) if (indented and mark) else None
    if misplaced is not None:
        number, should = misplaced
        line = lines[number - 1]
        return error(
            Location(path, number, len(line) - len(line.lstrip()) + 1),
            "yaml-syntax",
            f"line {number} is out of line: it starts {spaces(len(line) - len(line.lstrip()))} "
            f"in, where the lines it belongs with start {spaces(should)} in",
            line_up(lines, number, should),
        )
    if "expected a single document" in problem + context:
        message, hint = (
            "the file holds more than one YAML document (a line `---` starts another)",
            "keep one document a file",
        )
    elif problem.startswith("mapping values are not allowed"):
        message = "a `key: value` where YAML did not expect one"
        hint = "put text containing ': ' in quotes, or check the indentation of this line"
    elif "could not find expected ':'" in problem:
        message = "a line that is neither `key: value` nor a list item"
        hint = "check for a missing ':' or a missing quote on the line before"
    elif "expected ',' or ']'" in problem:
        message = "a list in [brackets] is not closed"
        hint = f"add the ']' of the list opened on {opened}"
    elif "expected ',' or '}'" in problem:
        message = "a mapping in {braces} is not closed"
        hint = f"add the '}}' of the mapping opened on {opened}"
    elif "end of stream" in problem:
        message = "the file ends inside a quoted text"
        hint = f"close the quote that starts on {opened}"
    elif "unknown escape" in problem:
        message = 'a backslash in "double quotes" starts an escape YAML does not know'
        hint = "write the text in 'single quotes', or double the backslash"
    elif "cannot start any token" in problem:
        message = (
            f"a value cannot start with '{here}'" if here else "YAML cannot read this character"
        )
        hint = "put the text in quotes"
    elif "<document start>" in problem:
        message = "this line is not part of the file's top-level mapping"
        hint = "start top-level lines at the first column, without indentation"
    elif (
        "expected key" in problem
        or "expected '-' indicator" in problem
        or "expected <block end>" in problem
    ):
        message = "the indentation of this line does not match the lines above it"
        hint = "line up items of the same list or mapping at the same column"
    else:
        message = f"YAML cannot read this: {problem}" + (f" ({context})" if context else "")
        hint = "check this line and the one before it"
    return error(location, "yaml-syntax", message, hint)


def _reader_error(path: Path, text: str, exc: yaml.YAMLError) -> Diagnostic:
    position = getattr(exc, "position", None)
    if position is not None:
        before = text[:position]
        location = Location(path, before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)
        character = getattr(exc, "character", "")
        code = ord(character) if isinstance(character, str) and character else character
        return error(
            location,
            "file-encoding",
            f"the file contains a control character (code {code}) that YAML does not allow",
            "delete it; it is usually invisible in an editor",
        )
    return error(Location(path, 1, 1), "yaml-syntax", f"YAML cannot read this file: {exc}")


def _construct(node, path: Path, diagnostics: list[Diagnostic]) -> object:
    location = _loc(path, node.start_mark)
    if isinstance(node, ScalarNode):
        if node.tag == _NULL:
            return None
        if node.tag != _STR:
            diagnostics.append(
                error(
                    location,
                    "yaml-tag",
                    f"YAML tags such as {node.tag.replace('tag:yaml.org,2002:', '!!')} are not allowed",
                    "remove the tag; talkkit decides what each field holds",
                )
            )
        return node.value
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            diagnostics.append(error(location, "yaml-tag", "YAML tags are not allowed"))
        items = YList(location=location)
        for child in node.value:
            items.append(_construct(child, path, diagnostics))
            items.item_locations.append(_loc(path, child.start_mark))
        return items
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            diagnostics.append(error(location, "yaml-tag", "YAML tags are not allowed"))
        mapping = YDict(location=location)
        for key_node, value_node in node.value:
            key_location = _loc(path, key_node.start_mark)
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (_STR, _NULL):
                diagnostics.append(
                    error(
                        key_location,
                        "yaml-syntax",
                        "a key must be a plain word, not a list or mapping",
                    )
                )
                continue
            key = key_node.value if key_node.tag == _STR else ""
            if key in mapping:
                first = mapping.key_location(key)
                diagnostics.append(
                    error(
                        key_location,
                        "duplicate-key",
                        f"'{key}' is given twice in this mapping; the first is on line {first.line}",
                        "keep one of them",
                        related=(first,),
                    )
                )
                continue
            mapping[key] = _construct(value_node, path, diagnostics)
            mapping.key_locations[key] = key_location
            empty = (
                isinstance(value_node, ScalarNode)
                and value_node.value == ""
                and not value_node.style
            )
            mapping.value_locations[key] = (
                key_location if empty else _loc(path, value_node.start_mark)
            )
        return mapping
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover
