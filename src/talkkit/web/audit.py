"""The page's audit of an edited deck: a volunteer uploads their talk's .pptx and reads the findings.

The deck is read in memory, checked against the talk it was made for, and
forgotten with the answer: nothing uploaded is written to the workspace or
kept. A request without a length, or longer than `MAX_UPLOAD`, is refused
before its body is read.
"""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from talkkit.diagnostics import Diagnostic
from talkkit.web import core

MAX_UPLOAD = 50 * 1024 * 1024
"""The largest deck the page accepts, in bytes."""
_TOO_LARGE = (
    f"That file is larger than {MAX_UPLOAD // 1024 // 1024} MB, more than the page reads; "
    "make its pictures smaller, or run talkkit check on it in a terminal."
)


def finding(d: Diagnostic) -> dict:
    """A finding in page words: where in the deck, what is wrong, what to do."""
    place = d.location.place or "the whole file"
    return {"where": place[:1].upper() + place[1:], "message": d.message, "hint": d.hint}


def findings(diagnostics: list[Diagnostic]) -> dict:
    return {
        "must": [finding(d) for d in diagnostics if d.severity == "error"],
        "look": [finding(d) for d in diagnostics if d.severity == "warning"],
    }


def routes(site, templates) -> list[tuple[str, object, list[str]]]:
    """The audit's routes, as (path, endpoint, methods)."""

    def event_path(name: str) -> Path:
        path = core.event_outlines(site.workspace).get(name)
        if path is None:
            raise HTTPException(404, f"There is no talk '{name}' in decks/.")
        return path

    def page(request: Request, name: str, status: int = 200, **context) -> Response:
        return templates.TemplateResponse(
            request,
            "audit.html",
            {
                "csrf": site.csrf(request),
                "title": "Check an edited deck",
                "said": None,
                "name": name,
                "limit": MAX_UPLOAD // 1024 // 1024,
                "result": None,
                "refused": None,
                **context,
            },
            status_code=status,
        )

    async def audit_form(request: Request) -> Response:
        name = request.path_params["name"]
        event_path(name)
        return page(request, name)

    async def audit_upload(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            raise HTTPException(411, "The upload did not say its size; send it again.")
        if int(length) > MAX_UPLOAD + 64 * 1024:
            return page(request, name, 413, refused=_TOO_LARGE)
        async with request.form(max_files=1, max_fields=4) as form:
            await site.form(request)
            upload = form.get("deck")
            if not isinstance(upload, UploadFile) or not upload.filename:
                return page(request, name, 400, refused="Choose the .pptx file to check.")
            data = await upload.read(MAX_UPLOAD + 1)
            filename = Path(upload.filename).name
        if len(data) > MAX_UPLOAD:
            return page(request, name, 413, refused=_TOO_LARGE)
        diagnostics = await run_in_threadpool(_audit, site, path, filename, data)
        del data
        return page(request, name, result=findings(diagnostics), filename=filename)

    return [
        ("/talks/{name:str}/audit", audit_form, ["GET"]),
        ("/talks/{name:str}/audit", audit_upload, ["POST"]),
    ]


def _audit(site, outline: Path, filename: str, data: bytes) -> list[Diagnostic]:
    from talkkit.commands.deck_check import audit
    from talkkit.diagnostics import unique_sorted

    run = site.run()
    return unique_sorted(audit(run, Path(filename), data, event=outline, name=filename))
