"""Typst templates to PDF, confined to the workspace's templates/ and assets/.

This is the one boundary between the printed outputs and what staff edit:

- Templates live in templates/<theme>/ (`handout.typ`, `notes.typ` and the
  files they import); a theme may hold only the files it changes, the others
  are taken from templates/default/. Each compile sees them merged in one
  folder, `templates/`, beside `assets/`, and nothing else: Typst refuses to
  read outside its root, so a template cannot open content/, talkkit.yaml or
  any other file of the machine.
- Fonts come only from assets/fonts/ (system fonts are ignored), so every
  machine makes the same bytes.
- A Typst package (`@preview/...`) is refused before anything is compiled:
  packages come from the network, and the printed outputs never do.
- The values go in as one JSON document (`sys.inputs.data`), which the template
  reads with `json(bytes(sys.inputs.data))`: every value is data, set as text,
  never read as markup; `eval` is refused in templates for the same reason.
- Every problem is a RenderError naming the template file and line in plain
  words; a misspelt value is an error (Typst's dictionaries have no default).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from talkkit.diagnostics import display_path
from talkkit.errors import RenderError
from talkkit.load.workspace import Workspace
from talkkit.text.typography import curly

DEFAULT_THEME = "default"
PDF_STANDARD = "ua-1"
"""Tagged PDF/UA-1: a title, a language, alt text on every figure, every font embedded."""

_COMPILED_IN: set[int] = set()
"""The processes that have run Typst: its worker threads do not survive a fork."""

_PACKAGE = re.compile(r"""["']@[A-Za-z0-9_-]+/""")
_EVAL = re.compile(r"(?<![\w-])eval\s*\(")
_PLACE = re.compile(r"┌─ (\S+?):(\d+):(\d+)")


def theme_files(workspace: Workspace, theme: str) -> dict[str, Path]:
    """Each template file by name: the theme's own, else templates/default/'s."""
    templates = workspace.templates.resolve()
    files: dict[str, Path] = {}
    for folder in [templates / DEFAULT_THEME, templates / theme]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix in (".pptx", ".yaml", ".yml"):
                continue
            real = path.resolve()
            if real.is_relative_to(templates):
                files[path.relative_to(folder).as_posix()] = real
    return files


def _refuse_packages_and_eval(files: Mapping[str, Path]) -> None:
    """Stops at the first template that imports a Typst package or evaluates text as markup."""
    for path in files.values():
        if path.suffix != ".typ":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0] if "//" in line and '"' not in line else line
            found = _PACKAGE.search(code)
            if found:
                raise RenderError(
                    f"{display_path(path)}:{number}: the template uses a Typst package "
                    f"({found.group(0)[1:]}...); packages come from the network, which the "
                    "printed outputs never use: copy what you need into templates/"
                )
            if _EVAL.search(code):
                raise RenderError(
                    f"{display_path(path)}:{number}: the template calls eval; values are "
                    "printed as text, never run as Typst markup"
                )


@dataclass
class Stage:
    """A compile root for one theme: templates/ (merged) and assets/, and nothing else."""

    root: Path
    files: dict[str, Path]
    """Each file under the root's templates/ by name, and the real file it stands for."""
    fonts: Path

    def real_place(self, diagnostic: str) -> str | None:
        """The workspace's file:line:col of the first place a Typst diagnostic names."""
        found = _PLACE.search(diagnostic)
        if found is None:
            return None
        name, line, column = found.groups()
        full = Path(os.path.normpath(Path.cwd() / name))
        if full.is_relative_to(self.root):
            name = full.relative_to(self.root).as_posix()
        name = name.lstrip("/")
        if name.startswith("templates/") and name[len("templates/") :] in self.files:
            path = display_path(self.files[name[len("templates/") :]])
        else:
            path = name
        return f"{path}:{line}:{column}"


@contextmanager
def stage(workspace: Workspace, theme: str) -> Iterator[Stage]:
    """A temporary compile root: copies of the theme's templates, a link to the workspace's assets."""
    files = theme_files(workspace, theme)
    _refuse_packages_and_eval(files)
    with tempfile.TemporaryDirectory(prefix="talkkit-typst-") as folder:
        root = Path(folder)
        for name, path in files.items():
            target = root / "templates" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        if workspace.assets.is_dir():
            os.symlink(workspace.assets.resolve(), root / "assets")
        (root / "packages").mkdir()
        yield Stage(root=root, files=files, fonts=workspace.assets / "fonts")


def _plain(exc: Exception, staged: Stage, template: str) -> RenderError:
    """A Typst error (or warning: the printed outputs take none) as a user reads it: the template's file and line, then what went wrong."""
    message = str(getattr(exc, "message", "") or exc).strip()
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    hints = [str(h) for h in getattr(exc, "hints", None) or []]
    where = staged.real_place(diagnostic) or display_path(
        staged.files.get(template, Path(template))
    )
    message = message.replace(str(staged.root) + "/", "").replace(str(staged.root), "")
    if message.startswith("dictionary does not contain key"):
        text = f"the template asks for a missing value: {message}"
    elif message.startswith(("file not found", "access denied")) or "escape the project" in message:
        hints = []
        text = (
            f"the template reads a file that is not in templates/ or assets/ ({message}); "
            "templates may read only those folders"
        )
    elif message.startswith("unknown font family"):
        text = f"the template asks for a font that is not in assets/fonts/ ({message})"
    elif message.startswith("failed to download package") or "package" in message:
        text = f"the template uses a Typst package, which the printed outputs never do ({message})"
    else:
        text = f"the template failed: {message}"
    if hints:
        text += " (" + "; ".join(hints) + ")"
    return RenderError(f"{where}: {text}")


T = TypeVar("T")
FORKS = hasattr(os, "fork") and sys.platform != "darwin"
"""Whether typesetting runs in a forked child (macOS forks unsafely once system libraries run)."""


def apart(function: Callable[..., T]) -> Callable[..., T]:
    """Run a typesetting function in a child process forked for it, and return its result or
    raise what it raised (a RenderError, a DoesNotFit).

    Typst keeps everything it has laid out for the rest of its process's life (typst-py has
    no way to let go of it), about 9 MB a compile, so a process that typesets talk after
    talk would grow without end; a child takes that memory with it when it ends, and leaves
    this process free to fork workers. Where the system cannot fork, or other threads run
    in this process (forking them is unsafe), the function runs here.
    """

    @functools.wraps(function)
    def in_child(*args: Any, **kwargs: Any) -> T:
        if not FORKS or threading.active_count() > 1:
            return function(*args, **kwargs)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            # whatever happens, the child never returns into the caller's code
            try:
                os.close(read)
                try:
                    try:
                        outcome: tuple[str, Any] = ("made", function(*args, **kwargs))
                    except BaseException as exc:
                        outcome = ("raised", exc)
                    data = pickle.dumps(outcome)
                except BaseException as exc:
                    data = pickle.dumps(("raised", RenderError(f"typesetting failed: {exc!r}")))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            raise RenderError(
                f"typesetting stopped before it finished (exit status {status}); "
                "try again, or build with fewer --jobs if the machine is short of memory"
            )
        kind, value = pickle.loads(data)
        if kind == "raised":
            raise value
        return value

    return in_child


def fork_is_safe() -> bool:
    """Whether a process forked from this one may run Typst: not once this one has run it
    (the child would wait for worker threads that were not copied)."""
    return os.getpid() not in _COMPILED_IN


def _timestamp(date: dt.date | None) -> int:
    """The one time the PDF states: noon UTC of the event's day, else the epoch, for fixed bytes."""
    if date is None:
        return 0
    return int(dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.UTC).timestamp())


class Typesetter:
    """Compiles one template of a theme with values, as often as a fit needs, in one stage."""

    def __init__(self, staged: Stage, template: str, date: dt.date | None):
        import typst

        if template not in staged.files:
            folders = " or ".join(
                display_path(p) for p in sorted({p.parent for p in staged.files.values()})
            )
            raise RenderError(f"no template {template} in {folders or 'templates/'}")
        self.typst = typst
        self.staged = staged
        self.template = template
        self.timestamp = _timestamp(date)
        self.compiler = typst.Compiler(
            input=str(staged.root / "templates" / template),
            root=str(staged.root),
            font_paths=typst.Fonts(
                include_system_fonts=False,
                include_embedded_fonts=False,
                font_paths=[str(staged.fonts)] if staged.fonts.is_dir() else [],
            ),
            ignore_system_fonts=True,
            package_path=str(staged.root / "packages"),
            package_cache_path=str(staged.root / "packages"),
        )

    def _inputs(self, data: Mapping[str, Any]) -> dict[str, str]:
        return {"data": json.dumps(_set_words(data), ensure_ascii=False, default=str)}

    def pdf(self, data: Mapping[str, Any], *, query: str | None = None) -> tuple[bytes, list[Any]]:
        """The tagged PDF/UA-1 of the template with `data` (the same bytes for the same values),
        and the values of the template's `metadata` labelled `query` (e.g. "<talkkit-fit>")."""
        _COMPILED_IN.add(os.getpid())
        try:
            out, warnings = self.compiler.compile_with_warnings(
                sys_inputs=self._inputs(data),
                format="pdf",
                pdf_standards=PDF_STANDARD,
                timestamp=self.timestamp,
            )
            if warnings:
                raise _plain(warnings[0], self.staged, self.template)
            found = json.loads(self.compiler.query(query, field="value")) if query else []
        except self.typst.TypstError as exc:
            raise _plain(exc, self.staged, self.template) from None
        assert isinstance(out, bytes)
        return out, found


@apart
def render_pdf(
    workspace: Workspace, theme: str, template: str, data: Mapping[str, Any], date: dt.date | None
) -> bytes:
    """One template of a theme compiled with `data`, once."""
    with stage(workspace, theme) as staged:
        return Typesetter(staged, template, date).pdf(data)[0]


_NOT_WORDS = frozenset({"svg", "url", "href", "link"})
"""Keys of the data whose values are addresses or drawings, never set as words."""


def _set_words(value: Any, key: str = "") -> Any:
    """The data with every text set with typographic quotation marks and apostrophes."""
    if isinstance(value, str):
        return value if key in _NOT_WORDS else curly(value)
    if isinstance(value, Mapping):
        return {k: _set_words(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_set_words(v, key) for v in value]
    return value
