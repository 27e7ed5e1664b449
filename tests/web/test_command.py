"""`talkkit serve` as a user starts it: the address printed, the page answering, the token beyond 127.0.0.1."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time

from conftest import copy_workspace, free_port


def start(workspace, *args: str) -> tuple[subprocess.Popen, list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "talkkit", "serve", *args],
        cwd=workspace,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = [process.stdout.readline().rstrip("\n")]
    return process, lines


def get(port: int, host: str = "127.0.0.1") -> tuple[int, str, str | None]:
    """GET / once the page answers: status, text, Location."""
    deadline = time.monotonic() + 30
    while True:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        try:
            connection.request("GET", "/", headers={"Host": f"{host}:{port}"})
            response = connection.getresponse()
            return response.status, response.read().decode(), response.getheader("location")
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
        finally:
            connection.close()


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(20)
    process.stdout.close()
    process.stderr.close()


def test_serve_prints_its_address_and_serves_the_workspace(tmp_path):
    workspace = copy_workspace(tmp_path / "ws")
    port = free_port()
    process, lines = start(workspace, "--port", str(port))
    try:
        assert lines == [f"talkkit serves {workspace} at http://127.0.0.1:{port}/ (Ctrl-C stops)"]
        status, text, _ = get(port)
        assert status == 200
        assert "Lincoln High School assembly (sample event)" in text
    finally:
        stop(process)


def test_serve_beyond_127_0_0_1_prints_an_access_token_and_asks_for_it(tmp_path):
    workspace = copy_workspace(tmp_path / "ws")
    port = free_port()
    process, lines = start(workspace, "--port", str(port), "--host", "127.0.0.2")
    try:
        lines.append(process.stdout.readline().rstrip("\n"))
        assert lines[0] == f"talkkit serves {workspace} at http://127.0.0.2:{port}/ (Ctrl-C stops)"
        assert lines[1].startswith("the page asks once for this access token: ")
        assert len(lines[1].rsplit(" ", 1)[1]) == 24
        status, _, location = get(port, "127.0.0.2")
        assert (status, location) == (303, "/login")
    finally:
        stop(process)


def test_serve_on_a_port_in_use_says_so(tmp_path, talkkit):
    import socket

    workspace = copy_workspace(tmp_path / "ws")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = talkkit("serve", "--port", str(port), cwd=workspace)
    assert result.status == 2
    assert result.err == (
        f"talkkit: cannot serve at 127.0.0.1:{port}: address already in use; "
        "choose another port with --port\n"
    )
