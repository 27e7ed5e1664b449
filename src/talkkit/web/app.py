"""The local page: a Starlette app over one workspace, with its safety around every request.

Security, in one place:
- the Host header must name the served address (no DNS rebinding);
- every browser gets a signed session cookie, and every form carries a CSRF
  token made from that session: a POST without it, with another session's
  token, after the session expired, or from another origin is refused;
- a request reaches a file only through the workspace's own ids: an event is
  named by its outline's file name among decks/*.yaml, a download by its
  kind, a slide picture by its number;
- downloads come only from the build folder;
- every response forbids framing and sets a strict content security policy;
- served on another address than 127.0.0.1, the page asks once for the access
  token the command printed.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Receive, Scope, Send

from talkkit.web import audit, core, intake, pages

HERE = Path(__file__).parent
ACCESS_COOKIE = "talkkit-access"
SESSION_COOKIE = "talkkit-session"
SESSION_SECONDS = 12 * 60 * 60
"""How long a browser's session (and every form token made from it) lasts."""
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cache-control": "no-store",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def clock_today() -> dt.date:
    """The machine's day: the page reads the clock here only, at its front, once a request."""
    return dt.date.today()


REQUEST_DAY: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "talkkit_request_day", default=None
)
"""The day of the request being answered, set once by `Guard` as the request comes in."""


@dataclass
class Site:
    """What every request of one served workspace shares."""

    workspace: object
    hosts: frozenset[str]
    """The Host header values the page answers to, with their port."""
    token: str | None = None
    """The access token, asked for when the page is served beyond 127.0.0.1."""
    today: Callable[[], dt.date] = clock_today
    """The day a request is checked on (the page's front asks it once a request)."""
    pictures: bool = True
    """Whether a build also draws the slides as pictures (when LibreOffice is installed)."""
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    build_lock: threading.Lock = field(default_factory=threading.Lock)
    building: set[str] = field(default_factory=set)
    """The talks being built now (a second build of one is refused)."""
    drawing: set[str] = field(default_factory=set)
    """The talks whose slides are being drawn as pictures now."""
    guard: threading.Lock = field(default_factory=threading.Lock)
    kept: object = field(default_factory=lambda: core.kept())
    """What runs keep between requests of files that did not change (see talkkit.session.Kept)."""

    def day(self) -> dt.date:
        """The day of the request being answered (asked once as it came in)."""
        return REQUEST_DAY.get() or self.today()

    def run(self):
        """A fresh run for one request, on the request's day."""
        return core.open_run(self.workspace, self.day(), kept=self.kept)

    edit_lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while one edit compares the file's version and writes it."""
    seen: dict[str, str] = field(default_factory=dict)
    """The texts of outlines the page has shown, by version, to say what changed since."""
    refusals: dict[tuple[str, str], str] = field(default_factory=dict)
    """Why the last build of a talk in a browser's session was refused."""

    def remember(self, version: str, text: str) -> None:
        """Keep the text of a version the page has shown (the latest few hundred)."""
        with self.guard:
            self.seen[version] = text
            while len(self.seen) > 256:
                self.seen.pop(next(iter(self.seen)))

    def seen_text(self, version: str) -> str | None:
        with self.guard:
            return self.seen.get(version)

    def refuse(self, request: Request, name: str, message: str | None) -> None:
        """Keep (or, with None, forget) why a build of `name` was refused, for the page after."""
        key = (request.scope.get("state", {}).get("session", ""), name)
        with self.guard:
            if message is None:
                self.refusals.pop(key, None)
            else:
                self.refusals[key] = message
                while len(self.refusals) > 256:
                    self.refusals.pop(next(iter(self.refusals)))

    def refusal(self, request: Request, name: str) -> str | None:
        key = (request.scope.get("state", {}).get("session", ""), name)
        with self.guard:
            return self.refusals.get(key)

    @property
    def folder(self) -> Path:
        return self.workspace.root / "build"

    def _sign(self, text: str) -> str:
        return hmac.new(self.secret, text.encode(), hashlib.sha256).hexdigest()

    def new_session(self) -> str:
        """A fresh signed session value: when it was made, a random part, and the signature."""
        body = f"{int(time.time())}.{secrets.token_hex(16)}"
        return f"{body}.{self._sign('session:' + body)}"

    def session_valid(self, value: str) -> bool:
        """Whether a session cookie is one this page signed, and has not expired."""
        issued, _, rest = value.partition(".")
        nonce, _, signature = rest.partition(".")
        if not issued.isdigit() or not nonce or not signature:
            return False
        if not hmac.compare_digest(
            signature.encode(), self._sign(f"session:{issued}.{nonce}").encode()
        ):
            return False
        return 0 <= time.time() - int(issued) < SESSION_SECONDS

    def csrf(self, request: Request) -> str:
        """The form token of the browser's session; it is worth nothing in another session."""
        session = request.scope.get("state", {}).get("session", "")
        return self._sign(f"csrf:{session}")

    def access_value(self) -> str:
        return hmac.new(self.secret, (self.token or "").encode(), hashlib.sha256).hexdigest()

    def origins(self) -> set[str]:
        return {f"http://{h}" for h in self.hosts}

    async def form(self, request: Request) -> FormData:
        """The posted form, once its CSRF token and origin are known to be the page's own."""
        origin = request.headers.get("origin")
        if origin is not None and origin not in self.origins():
            raise HTTPException(403, "This form came from another site; it was not accepted.")
        form = await request.form()
        sent = form.get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(
            sent.encode(), self.csrf(request).encode()
        ):
            raise HTTPException(
                403, "This form has expired or came from elsewhere; reload the page and try again."
            )
        return form


class Guard:
    """The page's front: host check, access token and security headers around every request,
    and the request's day, asked of the clock once."""

    def __init__(self, app: ASGIApp, site: Site):
        self.app = app
        self.site = site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")

        cookie = self._session(scope) if host in self.site.hosts else None

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                if cookie is not None:
                    extra.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if host not in self.site.hosts:
            response = Response(
                "This page answers only at its own address.", 400, media_type="text/plain"
            )
            await response(scope, receive, send_with_headers)
            return
        if self.site.token is not None and not self._let_in(scope, headers):
            response = RedirectResponse("/login", 303)
            await response(scope, receive, send_with_headers)
            return
        day = REQUEST_DAY.set(self.site.today())
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            REQUEST_DAY.reset(day)

    def _session(self, scope: Scope) -> str | None:
        """Put the browser's session in the request's state; the cookie to set when it is new."""
        sent = Request(scope).cookies.get(SESSION_COOKIE, "")
        if self.site.session_valid(sent):
            scope.setdefault("state", {})["session"] = sent
            return None
        value = self.site.new_session()
        scope.setdefault("state", {})["session"] = value
        return f"{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/"

    def _let_in(self, scope: Scope, headers: dict) -> bool:
        if scope["path"] == "/login" or scope["path"].startswith("/static/"):
            return True
        request = Request(scope)
        sent = request.cookies.get(ACCESS_COOKIE, "")
        return hmac.compare_digest(sent.encode(), self.site.access_value().encode())


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def create_app(
    workspace,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    today: Callable[[], dt.date] | None = None,
    hosts: tuple[str, ...] = (),
    pictures: bool = True,
) -> Starlette:
    """The page over `workspace`, answering at http://HOST:PORT (and localhost for 127.0.0.1)."""
    names = {host, *hosts}
    if host in LOOPBACK:
        names |= {"127.0.0.1", "localhost"}
    allowed = frozenset(f"{name}:{port}" for name in names) | (
        frozenset(names) if port == 80 else frozenset()
    )
    site = Site(workspace, allowed, token=token, today=today or clock_today, pictures=pictures)
    templates = Jinja2Templates(env=environment())
    routes = (
        pages.routes(site, templates)
        + audit.routes(site, templates)
        + intake.routes(site, templates)
    )
    app = Starlette(
        routes=[
            *[Route(path, endpoint, methods=methods) for path, endpoint, methods in routes],
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers={
            HTTPException: pages.problem_page(templates, site),
            Exception: pages.internal_error(templates, site),
        },
    )
    app.state.site = site
    app.add_middleware(Guard, site=site)
    return app
