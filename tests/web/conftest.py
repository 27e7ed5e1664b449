"""The page served for real: uvicorn on a free port of 127.0.0.1, over a copy of the sample workspace."""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn

from samples import copy_sample
from talkkit.load.workspace import Workspace
from talkkit.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    """A running page: its address, workspace folder and app."""

    url: str
    port: int
    root: Path
    app: object
    cookies: dict = field(default_factory=dict)
    """The cookies the page set, sent back with every request as a browser does."""

    @property
    def site(self):
        return self.app.state.site

    def request(
        self, method: str, path: str, *, body: str | None = None, headers: dict | None = None
    ) -> tuple[int, dict, str]:
        """One HTTP request as a browser or an attacker would send it: status, headers, text."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies and "Cookie" not in sent:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        found = {k.lower(): v for k, v in response.getheaders()}
        for key, value in response.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.split(";")[0].partition("=")
                self.cookies[name.strip()] = rest
        connection.close()
        return response.status, found, text

    def csrf(self) -> str:
        """The form token of this client's session (the session cookie is kept)."""
        _, _, text = self.request("GET", "/new")
        return re.search(r'name="csrf" value="([0-9a-f]+)"', text).group(1)

    def version(self, name: str) -> str:
        """The version of a talk's file its page shows, as its forms send it back."""
        _, _, text = self.request("GET", f"/talks/{name}")
        return re.search(r'name="version" value="([0-9a-f]+)"', text).group(1)


def copy_workspace(folder: Path) -> Path:
    return copy_sample(folder)


def start(root: Path, **options):
    port = free_port()
    app = create_app(Workspace.at(root), host="127.0.0.1", port=port, **options)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:  # pragma: no cover
            raise RuntimeError("the page did not start")
        time.sleep(0.02)
    return Served(f"http://127.0.0.1:{port}", port, root, app), server, thread


@pytest.fixture
def served(tmp_path: Path):
    """The page over a fresh copy of the sample workspace."""
    page, server, thread = start(copy_workspace(tmp_path / "ws"), pictures=False)
    yield page
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def served_with_token(tmp_path: Path):
    page, server, thread = start(
        copy_workspace(tmp_path / "ws"), token="open-sesame", pictures=False
    )
    yield page
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def served_with_pictures(tmp_path: Path):
    """The page as `talkkit serve` runs it: a build also draws the slides."""
    page, server, thread = start(copy_workspace(tmp_path / "ws"))
    yield page
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; the browser tests are skipped only without it."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (/usr/bin/chromium); .ci/run installs it")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="en-US",
        timezone_id="UTC",
        accept_downloads=True,
        viewport={"width": 1280, "height": 900},
    )
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()
