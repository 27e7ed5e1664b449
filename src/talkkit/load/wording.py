"""An excerpt's words against its source document: found as written, or the closest passage and what differs.

Both texts are compared after normalizing what a copy from a PDF or a web
page changes without changing a word: Unicode forms (NFC), white space and
line breaks, the forms of quotation marks and apostrophes (‘ ’ “ ” ' "), and
a word broken by a hyphen at the end of a line (`escap-` / `ed`, which may
also be a hyphenated word, `well-` / `known`: both readings are tried).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from talkkit.diagnostics import display_path
from talkkit.load.workspace import Workspace
from talkkit.models import Config, Excerpt, Story

_SINGLE = re.compile("[‘’‚‛′`´]")
_DOUBLE = re.compile("[“”„‟″«»]")
_LINE_END_HYPHEN = re.compile(r"(\w)[-‐]\s*\n\s*(\w)")


def _marks(text: str) -> str:
    """NFC, with one form of each quotation mark and apostrophe."""
    return _DOUBLE.sub('"', _SINGLE.sub("'", unicodedata.normalize("NFC", text)))


def _joined(text: str, join_hyphens: bool) -> str:
    text = _LINE_END_HYPHEN.sub(r"\1\2" if join_hyphens else r"\1-\2", text)
    return " ".join(text.split())


def normalize(text: str, *, join_hyphens: bool = True) -> str:
    """The text as compared: NFC, one form of each quote mark, white space collapsed.

    With `join_hyphens`, a word broken at a line end is joined (`escap-\\ned`
    is `escaped`); without, the hyphen is kept (`well-\\nknown` is `well-known`).
    """
    return _joined(_marks(text), join_hyphens)


@dataclass(frozen=True)
class Comparison:
    """How an excerpt compares with its source: found, or the closest passage and the differences."""

    found: bool
    closest: str = ""
    differences: list[str] = field(default_factory=list)


def readings(document: str) -> tuple[str, str]:
    """The document normalized both ways: hyphens at line ends joined, and kept."""
    marked = _marks(document)
    return _joined(marked, True), _joined(marked, False)


def compare(excerpt: str, document: str, read: tuple[str, str] | None = None) -> Comparison:
    """Whether `excerpt` is in `document` (both normalized); if not, the closest passage and what differs.

    `read` is the document's `readings`, when already made.
    """
    words = normalize(excerpt)
    both = read or readings(document)
    if any(words in reading for reading in both):
        return Comparison(True)
    return _closest(words.split(), both[0].split())


def _closest(words: list[str], source: list[str]) -> Comparison:
    """The passage of `source` most like `words`, and the words that differ."""
    if not source or not words:
        return Comparison(False, "", ["the source document has no words to compare"])
    n = len(words)
    whole = difflib.SequenceMatcher(None, source, words, autojunk=False)
    starts = {max(0, block.a - block.b) for block in whole.get_matching_blocks() if block.size}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(words)
    best, best_ratio = 0, -1.0
    for start in sorted(starts or {0}):
        matcher.set_seq1(source[start : start + n])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = start, ratio
    passage = source[best : best + n]
    differences = []
    for op, said, here in word_differences(passage, words):
        if op == "replace":
            differences.append(f"the source says '{said}' where the excerpt says '{here}'")
        elif op == "delete":
            differences.append(f"the source says '{said}', which the excerpt leaves out")
        else:
            differences.append(f"the excerpt adds '{here}'")
    return Comparison(False, " ".join(passage), differences)


def word_differences(before: list[str], after: list[str]) -> list[tuple[str, str, str]]:
    """What changed from the words `before` to `after`, in order: (replace, delete or
    insert, the words before, the words after)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        (op, " ".join(before[a1:a2]), " ".join(after[b1:b2]))
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
        if op != "equal"
    ]


def source_document(workspace: Workspace, config: Config, library, story: Story) -> Path | None:
    """The source document a story quotes (talkkit.yaml `source_documents` + the source's `document`).

    None when no folder is configured or the source names no document; the
    path even when the file is not there (approval then refuses to guess).
    """
    source = library.sources.get(story.source)
    if config.source_documents is None or source is None or source.document is None:
        return None
    return (workspace.root / config.source_documents / source.document).resolve()


UNVERIFIED = "quotes could not be verified against the source documents"
"""How a finding or a refusal begins when excerpts cannot be compared with their source."""
Unverifiable = Literal["unnamed", "unset", "missing", "unreadable"]


@dataclass(frozen=True)
class SourceCheck:
    """How one excerpt stands against its source document.

    `document` is None when there is nothing to compare with (talkkit.yaml
    names no folder, or the story's source names no document); `comparison`
    is None when the document cannot be read, so the words were not compared.
    """

    document: Path | None
    comparison: Comparison | None = None

    @property
    def verified(self) -> bool:
        """The words were compared and found in the document."""
        return self.comparison is not None and self.comparison.found


class SourceDocuments:
    """The source documents of a workspace as one run reads them.

    Each document is read once; its normalized text and every comparison with
    it are kept by the document's content (its sha256), so one run compares
    an excerpt shown by many talks once. A run (the session) owns one, and
    nothing outlives the run.
    """

    def __init__(self, workspace: Workspace, config: Config, library) -> None:
        self.workspace = workspace
        self.config = config
        self.library = library
        self.written = config.source_documents
        """The folder as talkkit.yaml writes it, or None when it names none."""
        self.folder = (workspace.root / self.written).resolve() if self.written else None
        self._paths: dict[str, Path | None] = {}
        self._texts: dict[Path, tuple[str, str] | None] = {}
        self._readings: dict[str, tuple[str, str]] = {}
        self._compared: dict[tuple[str, str], Comparison] = {}

    @property
    def outside(self) -> bool:
        """talkkit.yaml names a folder of source documents outside the workspace."""
        root = self.workspace.root.resolve()
        return self.folder is not None and not self.folder.is_relative_to(root)

    @property
    def missing(self) -> bool:
        """talkkit.yaml names a folder of source documents that is not there (or is not the
        workspace's: a copy of the workspace would be without it)."""
        return self.folder is not None and (self.outside or not self.folder.is_dir())

    def document(self, story: Story) -> Path | None:
        """The document a story quotes, or None when there is none to compare with."""
        if story.source not in self._paths:
            self._paths[story.source] = source_document(
                self.workspace, self.config, self.library, story
            )
        return self._paths[story.source]

    def folder_missing(self) -> tuple[Unverifiable, str]:
        """The reason when talkkit.yaml's folder of source documents is not there."""
        if self.outside:
            return "missing", f"folder {self.written} is outside the workspace, which reads none"
        return "missing", f"folder {self.written} is missing"

    def unverifiable(self, story: Story) -> tuple[Unverifiable, str] | None:
        """Why a story's excerpts cannot be compared with its source document, or None when they can.

        The kind of reason, and the reason in words: the story's source names
        no document, talkkit.yaml names no folder, the folder is missing, or
        the document cannot be read. None too for a source the library lacks
        (reported as an unknown source).
        """
        source = self.library.sources.get(story.source)
        if source is None:
            return None
        if source.document is None:
            return "unnamed", f"source '{source.id}' names no document"
        if self.written is None:
            return "unset", "talkkit.yaml names no folder of source documents"
        if self.missing:
            return self.folder_missing()
        path = self.document(story)
        if path is not None and self.folder is not None and not path.is_relative_to(self.folder):
            return "unreadable", f"{source.document} is outside folder {self.written}"
        if path is not None and self._read(path) is None:
            return "unreadable", f"{display_path(path, self.workspace.root)} cannot be read"
        return None

    def check(self, story: Story, excerpt: Excerpt) -> SourceCheck:
        """The excerpt's words against the document its story's source names."""
        path = self.document(story)
        if path is None:
            return SourceCheck(None)
        read = self._read(path)
        if read is None:
            return SourceCheck(path)
        digest, text = read
        key = (digest, excerpt.text)
        if key not in self._compared:
            if digest not in self._readings:
                self._readings[digest] = readings(text)
            self._compared[key] = compare(excerpt.text, text, self._readings[digest])
        return SourceCheck(path, self._compared[key])

    def _read(self, path: Path) -> tuple[str, str] | None:
        """A document's digest and text; None when it cannot be read or is not in the folder."""
        if self.missing or self.folder is None or not path.is_relative_to(self.folder):
            return None
        if path not in self._texts:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
            else:
                self._texts[path] = (hashlib.sha256(text.encode("utf-8")).hexdigest(), text)
        return self._texts[path]
