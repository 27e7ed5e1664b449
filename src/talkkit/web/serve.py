"""`talkkit serve`: run the local page on a workspace until Ctrl-C."""

from __future__ import annotations

import contextlib
import secrets
import socket
import webbrowser
from collections.abc import Callable

from talkkit.errors import UsageError
from talkkit.web.app import LOOPBACK, create_app

ANY = ("0.0.0.0", "::")


def _free(host: str, port: int) -> None:
    """Refuse, in plain words, an address another program is listening on already."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(
                f"cannot serve at {host}:{port}: {exc.strerror.lower()}; "
                "choose another port with --port"
            ) from exc


def machine_names() -> tuple[str, ...]:
    """The names and addresses this machine is reached by, for a page served on every address."""
    names = [socket.gethostname(), socket.getfqdn()]
    with contextlib.suppress(OSError):
        names += [info[4][0] for info in socket.getaddrinfo(names[0], None)]
    return tuple(dict.fromkeys(n for n in names if n))


def serve(
    workspace, *, host: str, port: int, open_browser: bool, say: Callable[[str], None]
) -> None:
    """Serve the page at http://HOST:PORT; beyond 127.0.0.1 with an access token, printed once."""
    import uvicorn

    from talkkit.web import core

    _free(host, port)
    core.warm()
    token = None if host in LOOPBACK else secrets.token_urlsafe(18)
    names = machine_names() if host in ANY else ()
    app = create_app(workspace, host=host, port=port, token=token, hosts=names)
    shown = "127.0.0.1" if host == "localhost" else (names[0] if names else host)
    address = f"http://{shown}:{port}/"
    say(f"talkkit serves {workspace.root} at {address} (Ctrl-C stops)")
    if token is not None:
        say(f"the page asks once for this access token: {token}")
    if open_browser:
        webbrowser.open(address)
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="none", lifespan="off")
