"""HTML templates to PDF: a strict Jinja environment and a WeasyPrint confined to the workspace.

Templates live in templates/<theme>/; a theme may hold only the files it
changes, the others are taken from templates/default/. Every value is escaped
and a missing value is an error naming the template and line. The PDF renderer
reads only files inside the workspace's templates/ and assets/: no other local
file and nothing from the network.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import mimetypes
import os
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from talkkit.diagnostics import display_path
from talkkit.errors import RenderError
from talkkit.load.workspace import Workspace

if TYPE_CHECKING:
    from weasyprint import Document

DEFAULT_THEME = "default"

PAPER_SIZES = {
    "letter": ("8.5in", "11in"),
    "a4": ("210mm", "297mm"),
}
"""Page width and height of each paper, portrait."""

HALF_PAPER_SIZES = {
    "letter": ("5.5in", "8.5in"),
    "a4": ("148mm", "210mm"),
}
"""Half of each paper (half-letter, A5), portrait: two fit side by side on a landscape sheet."""

PAPER_LABELS = {"letter": "Letter", "a4": "A4"}

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --- Templates -------------------------------------------------------------------------------


class ThemeLoader(jinja2.BaseLoader):
    """Loads templates/<theme>/NAME, else templates/default/NAME, never a file outside templates/."""

    def __init__(self, templates: Path, theme: str):
        self.templates = templates.resolve()
        self.folders = [self.templates / theme]
        if theme != DEFAULT_THEME:
            self.folders.append(self.templates / DEFAULT_THEME)

    def find(self, name: str) -> Path | None:
        """The file a template name stands for; None when no folder has it."""
        pieces = split_template_path(name)
        for folder in self.folders:
            path = folder.joinpath(*pieces).resolve()
            if path.is_relative_to(self.templates) and path.is_file():
                return path
        return None

    def get_source(self, environment: jinja2.Environment, template: str):
        path = self.find(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        mtime = path.stat().st_mtime
        return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == mtime


class _Missing(jinja2.StrictUndefined):
    """StrictUndefined that says in plain words which value is missing and which exist."""

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name = self._undefined_name
        owner = self._undefined_obj
        if owner is jinja2.utils.missing:
            return f"there is no value '{name}'"
        if isinstance(owner, Mapping):
            known = ", ".join(sorted(str(k) for k in owner)) or "none"
            return f"there is no '{name}' here; the values here are: {known}"
        if isinstance(owner, list | tuple):
            return f"there is no item {name!r} in a list of {len(owner)}"
        return f"there is no '{name}' in {owner!r}"


def long_date(value: dt.date | None) -> str:
    """A date as people write it in English (March 12, 2027); empty for None."""
    if value is None:
        return ""
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def clock(minutes: float | None) -> str:
    """Minutes as m:ss (12.5 -> 12:30)."""
    seconds = round((minutes or 0) * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


def environment(workspace: Workspace, theme: str) -> jinja2.Environment:
    """The Jinja environment of a theme: sandboxed, autoescaped, strict, confined to templates/."""
    env = SandboxedEnvironment(
        loader=ThemeLoader(workspace.templates, theme),
        autoescape=True,
        undefined=_Missing,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["clock"] = clock
    return env


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """The text of template `name` with `context`; any problem in it is a RenderError at file:line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = _template_place(exc.filename or exc.name or name, exc.lineno)
        raise RenderError(f"{where}: the template cannot be read: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise RenderError(_not_found(env, name)) from None
        where = _failing_line(exc, env) or name
        raise RenderError(
            f"{where}: the template includes '{exc.name}', which is in no template folder"
        ) from None
    except jinja2.UndefinedError as exc:
        where = _failing_line(exc, env) or name
        raise RenderError(f"{where}: the template asks for a missing value: {exc}") from None
    except SecurityError as exc:
        where = _failing_line(exc, env) or name
        raise RenderError(f"{where}: the template may not do that: {exc}") from None
    except RenderError:
        raise
    except Exception as exc:
        where = _failing_line(exc, env)
        if where is None:
            raise
        raise RenderError(f"{where}: the template failed: {exc}") from None


def _not_found(env: jinja2.Environment, name: str) -> str:
    loader = env.loader
    assert isinstance(loader, ThemeLoader)
    folders = " or ".join(display_path(f) for f in loader.folders)
    return f"no template {name} in {folders}"


def _template_place(filename: str, line: int | None) -> str:
    text = display_path(Path(filename))
    return f"{text}:{line}" if line else text


def _failing_line(exc: BaseException, env: jinja2.Environment) -> str | None:
    """file:line of the innermost template frame of a traceback (Jinja rewrites them to template lines)."""
    loader = env.loader
    assert isinstance(loader, ThemeLoader)
    place = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_absolute() and path.resolve().is_relative_to(loader.templates):
            place = _template_place(frame.filename, frame.lineno)
    return place


# --- Fetching --------------------------------------------------------------------------------


def weasyprint():
    """The weasyprint module, imported on first use.

    WeasyPrint warns at import when the system lacks HarfBuzz-Subset (it then
    subsets fonts with fontTools, more slowly); that is for whoever installs
    the system, not for a speaker, so the warning is not shown.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        import weasyprint
        import weasyprint.urls
    return weasyprint


class FetchRefused(ValueError):
    """A resource outside the workspace's templates/ and assets/, or not a local file."""


def workspace_fetcher(workspace: Workspace, theme: str):
    """A WeasyPrint URL fetcher serving only files of templates/ and assets/.

    A file asked for in templates/<theme>/ that the theme lacks is served from
    templates/default/. Anything else (another local file, http, https, data,
    a missing file) is refused, and the refusal stops the rendering.
    """
    urls = weasyprint().urls
    templates = workspace.templates.resolve()
    roots = (templates, workspace.assets.resolve())
    theme_folder = templates / theme
    default_folder = templates / DEFAULT_THEME

    class WorkspaceFetcher(urls.URLFetcher):
        def __init__(self):
            super().__init__(fail_on_errors=True)
            self.refused: list[str] = []
            self.served: list[Path] = []

        def fetch(self, url, headers=None):
            try:
                path = self.local_path(url)
            except FetchRefused as exc:
                self.refused.append(str(exc))
                raise
            self.served.append(path)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": kind}, status=200
            )

        def local_path(self, url: str) -> Path:
            """The file of templates/ or assets/ a URL names; raises FetchRefused for any other."""
            parts = urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                raise FetchRefused(
                    f"refused to fetch {_short(url)}: talkkit reads only files in the "
                    "workspace's templates/ and assets/, nothing from the network"
                )
            path = Path(url2pathname(unquote(parts.path))).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                raise FetchRefused(
                    f"refused to read {path}: talkkit reads only files in the workspace's "
                    "templates/ and assets/"
                )
            if not path.is_file() and path.is_relative_to(theme_folder):
                fallback = (default_folder / path.relative_to(theme_folder)).resolve()
                if fallback.is_relative_to(default_folder) and fallback.is_file():
                    path = fallback
            if not path.is_file():
                raise FetchRefused(f"no file {display_path(path)}, which a template asks for")
            return path

    return WorkspaceFetcher()


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


# --- PDF -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfInfo:
    """What the PDF says of itself: title, author, and the date that stands for every timestamp."""

    title: str
    author: str
    date: dt.date | None
    language: str = "en"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[_Collect]:
    """Keep the log of WeasyPrint and fontTools (font fallbacks, ignored CSS) off the terminal."""
    handler = _Collect()
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    saved = [(lg.handlers[:], lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.handlers = [handler]
        lg.propagate = False
    try:
        yield handler
    finally:
        for lg, (handlers, propagate) in zip(loggers, saved, strict=True):
            lg.handlers = handlers
            lg.propagate = propagate


@contextlib.contextmanager
def _fixed_clock(date: dt.date | None) -> Iterator[None]:
    """Pin the timestamps font subsetting writes (fontTools reads SOURCE_DATE_EPOCH), for identical builds."""
    day = date or dt.date(2000, 1, 1)
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


class Renderer:
    """Lays out HTML of one theme into pages, then writes them as a PDF, reading only the workspace."""

    def __init__(self, workspace: Workspace, theme: str):
        self.workspace = workspace
        self.theme = theme
        self.fetcher = workspace_fetcher(workspace, theme)
        self.base_url = (workspace.templates.resolve() / theme).as_uri() + "/"

    def layout(self, html: str, *, page_css: str) -> Document:
        """The laid-out pages of `html`, with `page_css` (code's rules, not the staff's) on top."""
        wp = weasyprint()
        try:
            with _quiet_weasyprint():
                rules = wp.CSS(string=page_css, url_fetcher=self.fetcher)
                document = wp.HTML(
                    string=html, base_url=self.base_url, url_fetcher=self.fetcher
                ).render(stylesheets=[rules])
        except wp.urls.FatalURLFetchingError as exc:
            cause = exc.__cause__
            message = str(cause) if isinstance(cause, FetchRefused) else str(exc)
            raise RenderError(message) from None
        return document

    def write(self, document: Document, info: PdfInfo) -> bytes:
        """The PDF bytes of laid-out pages, the same bytes for the same input on every run."""
        wp = weasyprint()
        stamp = info.date.isoformat() if info.date else None
        document.metadata.title = info.title
        document.metadata.authors = [info.author]
        document.metadata.created = stamp
        document.metadata.modified = stamp
        document.metadata.lang = info.language
        document.metadata.generator = "talkkit"
        try:
            with _quiet_weasyprint(), _fixed_clock(info.date):
                return document.write_pdf(pdf_tags=True)
        except wp.urls.FatalURLFetchingError as exc:
            raise RenderError(str(exc.__cause__ or exc)) from None


def fit(
    layout: Callable[[int], Document], *, max_pages: int, densities: int = 3
) -> tuple[Document, int]:
    """The first layout, from density 0 (roomiest) up, with at most `max_pages` pages.

    When even the densest has more, that one is returned: nothing is ever left
    out to make a document fit.
    """
    document = None
    for density in range(densities):
        document = layout(density)
        if len(document.pages) <= max_pages:
            return document, density
    assert document is not None
    return document, densities - 1


def inline_svg(svg: str, css_class: str, label: str) -> Markup:
    """An SVG we generated, marked safe to place in a template, with a class and an accessible name."""
    label_attr = Markup.escape(label)
    return Markup(
        svg.replace("<svg ", f'<svg class="{css_class}" role="img" aria-label="{label_attr}" ', 1)
    )
