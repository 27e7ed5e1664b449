"""`talkkit serve`: run the local page on a workspace until Ctrl-C."""

from __future__ import annotations

import secrets
import webbrowser
from collections.abc import Callable

from talkkit.web.app import LOOPBACK, create_app


def serve(
    workspace, *, host: str, port: int, open_browser: bool, say: Callable[[str], None]
) -> None:
    """Serve the page at http://HOST:PORT; beyond 127.0.0.1 with an access token, printed once."""
    import uvicorn

    from talkkit.web import core

    core.warm()
    token = None if host in LOOPBACK else secrets.token_urlsafe(18)
    app = create_app(workspace, host=host, port=port, token=token)
    address = f"http://{'127.0.0.1' if host == 'localhost' else host}:{port}/"
    say(f"talkkit serves {workspace.root} at {address} (Ctrl-C stops)")
    if token is not None:
        say(f"the page asks once for this access token: {token}")
    if open_browser:
        webbrowser.open(address)
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="none", lifespan="off")
