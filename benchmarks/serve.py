"""Benchmark the local page: a changed talk's deck rebuilt with `talkkit serve` running, and
how soon the problems of an edit are shown.

    python benchmarks/serve.py          # from the repository, with talkkit[serve] installed

Starts `talkkit serve` on a copy of the sample workspace with a 24-slide event, then, with the
server running, changes the talk on the page and rebuilds its deck (median of --runs), against
pandoc's cold time for a deck of the same slides; and times an edit of the event's details
until the page shows its problems. Prints a table and says which targets hold.
"""

from __future__ import annotations

import argparse
import http.client
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ENV, copy_workspace, ensure_pandoc, markdown_of, report, timed

EVENT = "bench-24"
EXTRA_SLIDES = """add:
  - after: what-you-can-do
    id: our-club
    kind: bullets
    title: Our club
    bullets: [We meet on Fridays, Everyone is welcome]
    minutes: 0.5
  - after: our-club
    id: our-plan
    kind: bullets
    title: What we plan this term
    bullets: [A bake sale, A letter-writing evening]
    minutes: 0.5
  - after: our-plan
    id: join-us
    kind: bullets
    title: Join us
    bullets: [Talk to us after the assembly]
    minutes: 0.5
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Page:
    def __init__(self, port: int):
        self.port = port
        self.csrf = ""
        self.cookies: dict[str, str] = {}

    def version(self, path: str) -> str:
        """The version of the talk a form on its page saves over (the page refuses others)."""
        _, text = self.request("GET", path)
        return re.search(r'name="version" value="([^"]+)"', text).group(1)

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode({**fields, "csrf": self.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        text = response.read().decode()
        connection.close()
        return response.status, text

    def wait(self, deadline: float = 60) -> None:
        end = time.monotonic() + deadline
        while True:
            try:
                status, text = self.request("GET", "/new")
                if status == 200:
                    self.csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', text).group(1)
                    return
            except OSError:
                pass
            if time.monotonic() > end:
                raise SystemExit("talkkit serve did not start")
            time.sleep(0.1)


def details(venue: str) -> dict:
    return {
        "name": "Benchmark assembly",
        "date": "2027-03-12",
        "venue": venue,
        "city": "Springfield",
        "speaker": "Sam Rivera",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement")
    args = parser.parse_args()
    pandoc = ensure_pandoc()
    rows = []
    with tempfile.TemporaryDirectory(prefix="talkkit-bench-serve-") as tmp:
        workspace = copy_workspace(Path(tmp) / "ws")
        outline = workspace / "decks" / f"{EVENT}.yaml"
        outline.write_text(
            "# yaml-language-server: $schema=../schema/outline.schema.json\n"
            "extends: standard/high-school-45\n"
            "speaker: Sam Rivera\n"
            "event:\n"
            "  name: Benchmark assembly\n"
            "  date: 2027-03-12\n"
            "  venue: Hall 0\n"
            "  city: Springfield\n" + EXTRA_SLIDES
        )
        markdown = Path(tmp) / "deck.md"
        markdown.write_text(markdown_of(workspace, outline))
        slides = markdown.read_text().count("\n# ")
        ref, _ = timed(
            [pandoc, str(markdown), "-o", str(Path(tmp) / "pandoc.pptx")], workspace, args.runs
        )

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "talkkit", "serve", "--port", str(port)],
            cwd=workspace,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            page = Page(port)
            page.wait()
            page.request("POST", f"/talks/{EVENT}/build", {"only": "deck"})
            rebuilds, edits = [], []
            talk = f"/talks/{EVENT}"
            for n in range(args.runs):
                version = {"version": page.version(talk)}
                status, _ = page.request(
                    "POST", f"{talk}/details", {**details(f"Hall {n + 1}"), **version}
                )
                assert status == 303, status
                start = time.perf_counter()
                status, _ = page.request("POST", f"/talks/{EVENT}/build", {"only": "deck"})
                rebuilds.append(time.perf_counter() - start)
                assert status == 303, status

                version = {"version": page.version(talk)}
                start = time.perf_counter()
                status, _ = page.request(
                    "POST", f"{talk}/details", {**details(f"Room {n + 1}"), **version}
                )
                status, text = page.request("GET", f"/talks/{EVENT}")
                edits.append(time.perf_counter() - start)
                assert status == 200 and "Problems" in text and f"Room {n + 1}" in text
        finally:
            server.terminate()
            server.wait(10)
        rebuild = statistics.median(rebuilds)
        ratio = rebuild / ref
        rows.append(
            (
                f"changed talk's deck ({slides} slides), server running",
                f"{rebuild:.2f} s",
                f"pandoc cold {ref:.2f} s: {ratio:.2f}x",
                ratio <= 1.2,
                "<= 1.2x pandoc",
            )
        )
        edit = statistics.median(edits)
        rows.append(
            ("an edit's problems shown", f"{edit:.3f} s", "save + page", edit <= 0.3, "<= 0.3 s")
        )

    return report(rows, "talkkit serve benchmark")


if __name__ == "__main__":
    sys.exit(main())
