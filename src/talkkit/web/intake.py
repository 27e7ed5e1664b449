"""The page's staff tools around the talks: a request form's export in, a donations report out.

Both run the command line's own code (`talkkit new --from-requests`,
`talkkit report --donations`) on an uploaded CSV, and show what it did.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from talkkit.errors import TalkkitError

MAX_UPLOAD = 5 * 1024 * 1024
"""The largest export the page reads, in bytes."""


async def _upload(form, field: str) -> tuple[str, bytes] | str:
    """The uploaded file's name and bytes, or what is wrong, in plain words."""
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return "Choose the CSV file to upload."
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return "That file is larger than 5 MB; export only the rows you need."
    return PurePath(upload.filename).name, data


def _day(text: str) -> dt.date | str | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return f"{text} is not a day of the calendar; write it like 2027-03-12."


def _import(site, name: str, data: bytes):
    from talkkit.commands.requests import import_requests
    from talkkit.load.exports import read_export

    run = site.run()
    return import_requests(run, read_export(data, name))


def _report(site, name: str, data: bytes, since, until) -> str:
    from talkkit.commands.report import make_report
    from talkkit.commands.report_html import report_body, write_report
    from talkkit.load.exports import read_export

    run = site.run()
    report = make_report(run, read_export(data, name), since=since, until=until)
    write_report(report, site.folder)
    return report_body(report)


def routes(site, templates) -> list[tuple[str, object, list[str]]]:
    """The routes of the staff tools, as (path, endpoint, methods)."""

    def page(request: Request, template: str, status: int = 200, **context) -> Response:
        return templates.TemplateResponse(
            request,
            template,
            {"csrf": site.csrf(request), "said": None, "error": None, **context},
            status_code=status,
        )

    async def requests_page(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "requests.html", title="Speaker requests", result=None)
        form = await site.form(request)
        try:
            upload = await _upload(form, "export")
        finally:
            await form.close()
        if isinstance(upload, str):
            return page(request, "requests.html", 400, title="Speaker requests", error=upload)
        try:
            result = await run_in_threadpool(_import, site, *upload)
        except TalkkitError as exc:
            return page(request, "requests.html", 400, title="Speaker requests", error=str(exc))
        root = site.workspace.root
        created = [
            {
                "row": c.row,
                "id": c.path.stem,
                "standard": c.standard,
                "problems": [d.format(root) for d in c.problems],
            }
            for c in result.created
        ]
        return page(
            request,
            "requests.html",
            title="Speaker requests",
            result=result,
            created=created,
        )

    async def report_page(request: Request) -> Response:
        title = "Donations by event"
        if request.method == "GET":
            return page(request, "report.html", title=title, body=None, values={})
        form = await site.form(request)
        try:
            values = {k: str(form.get(k, "")) for k in ("since", "until")}
            upload = await _upload(form, "donations")
        finally:
            await form.close()
        since, until = _day(values["since"]), _day(values["until"])
        problem = next((p for p in (upload, since, until) if isinstance(p, str)), None)
        if problem is not None:
            return page(
                request, "report.html", 400, title=title, body=None, values=values, error=problem
            )
        try:
            body = await run_in_threadpool(_report, site, *upload, since, until)
        except TalkkitError as exc:
            return page(
                request, "report.html", 400, title=title, body=None, values=values, error=str(exc)
            )
        return page(request, "report.html", title=title, body=body, values=values)

    return [
        ("/staff/requests", requests_page, ["GET", "POST"]),
        ("/staff/report", report_page, ["GET", "POST"]),
    ]
