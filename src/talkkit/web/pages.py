"""The page's routes: home, new talk, the talk, building and downloads, the library for staff.

Every handler that reads files, checks, builds or draws does that work in
Starlette's thread pool, never on the event loop. Every change to an outline
carries the version of the file it was made on (see talkkit.web.edit): a
change made on an older version is refused with what changed, and nothing
is written. A refused build answers with a redirect to the talk's page,
so reloading never posts again.
"""

from __future__ import annotations

import hmac
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from talkkit.web import building, contexts, core, edit, forms
from talkkit.web.contexts import DOWNLOADS, RECORDED_HELP
from talkkit.web.forms import Form

SAID = {
    "created": "The talk was created. Here is what the check finds in it.",
    "saved": "Saved. The problems below are checked again.",
    "dropped": "The slide was left out.",
    "restored": "The slide is back in the talk.",
    "excerpts": "The excerpts were saved.",
    "built": "Built. Download the deck, handout and notes below.",
}
BUSY = (
    "This talk is being built already, perhaps in another tab. "
    "Wait for that build to finish, then reload this page."
)


class Views:
    """The handlers of one served workspace."""

    def __init__(self, site, templates):
        self.site = site
        self.templates = templates

    # --- Helpers -----------------------------------------------------------------------

    def page(self, request: Request, template: str, status: int = 200, **context) -> Response:
        context.setdefault("said", SAID.get(request.query_params.get("said", "")))
        context.setdefault("recorded_help", RECORDED_HELP)
        return self.templates.TemplateResponse(
            request,
            template,
            {"csrf": self.site.csrf(request), "title": "", **context},
            status_code=status,
        )

    def event_path(self, name: str) -> Path:
        path = core.event_outlines(self.site.workspace).get(name)
        if path is None:
            raise HTTPException(404, "There is no such talk on this page.")
        return path

    def run(self):
        return self.site.run()

    async def talk_response(self, request: Request, name: str, status: int = 200, **extra):
        """The talk's page, its context made in the thread pool, with `extra` over it."""
        path = await run_in_threadpool(self.event_path, name)
        options = {k: extra.pop(k) for k in ("form", "excerpt_errors") if k in extra}
        context = await run_in_threadpool(
            contexts.talk_context,
            self.site,
            name,
            path,
            options.get("form"),
            options.get("excerpt_errors"),
        )
        conflict = extra.pop("conflict", None)
        if conflict is not None:
            titles = {row["id"]: row["title"] for row in context["plan"] if row["id"]}
            titles.update({row["id"]: row["title"] for row in context["dropped"]})
            context["conflict"] = contexts.what_changed(*conflict, titles)
        context.update(extra)
        return self.page(request, "talk.html", status, **context)

    async def change(self, request: Request, name: str, data, func, *args, **kw) -> Response | None:
        """Make one edit on the version the form was made on; the refusal page when it changed."""
        path = await run_in_threadpool(self.event_path, name)
        version = str(data.get("version", ""))
        try:
            await run_in_threadpool(_edit, self.site, func, path, version, *args, **kw)
        except edit.Conflict as conflict:
            before = self.site.seen_text(version)
            kept = _kept(func, kw)
            if "form" in kept:
                kept["form"] = contexts.merged_form(kept["form"], before, conflict.text)
            return await self.talk_response(
                request, name, 409, conflict=(before, conflict.text), **kept
            )
        return None

    # --- Home and new talk -------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        rows = await run_in_threadpool(contexts.home_rows, self.site)
        return self.page(request, "home.html", title="Talks", rows=rows)

    async def new_form(self, request: Request) -> Response:
        choices = await run_in_threadpool(lambda: forms.new_choices(self.run()))
        return self.page(request, "new.html", title="New talk", form=Form(), **choices)

    async def new_create(self, request: Request) -> Response:
        data = await self.site.form(request)
        form, choices, path = await run_in_threadpool(self._create, data)
        if form.errors:
            return self.page(request, "new.html", 400, title="New talk", form=form, **choices)
        return RedirectResponse(f"/talks/{path.stem}?said=created", 303)

    def _create(self, data):
        choices = forms.new_choices(self.run())
        form, details = forms.read_details(data, choices, new=True)
        parent = form.values.get("standard", "")
        if parent not in {t.name for t in choices["standards"]}:
            form.errors["standard"] = "Choose the standard talk this one starts from."
        if form.errors:
            return form, choices, None
        path, text = core.new_outline(
            self.site.workspace, forms.file_name(details), parent, **details
        )
        if path.exists():
            form.errors["name"] = (
                "There is already a talk for this event and date; "
                "open it from the list of talks, or give the event another name."
            )
            return form, choices, None
        core.write_file(path, text)
        return form, choices, path

    # --- The talk ----------------------------------------------------------------------

    async def talk_page(self, request: Request) -> Response:
        name = request.path_params["name"]
        refused = self.site.refusal(request, name) if "refused" in request.query_params else None
        return await self.talk_response(request, name, refused=refused)

    async def save_details(self, request: Request) -> Response:
        name = request.path_params["name"]
        data = await self.site.form(request)
        audiences = await run_in_threadpool(lambda: forms.audiences(self.run()))
        form, details = forms.read_details(data, {"audiences": audiences}, new=False)
        if form.errors:
            return await self.talk_response(request, name, 400, form=form)
        event = {key: details[key] for key in ("name", "date", "venue", "city", "recorded")}
        refused = await self.change(
            request,
            name,
            data,
            edit.set_details,
            speaker=details["speaker"],
            audience=details["audience"],
            minutes=details["minutes"],
            event=event,
            form=form,
        )
        return refused or RedirectResponse(f"/talks/{name}?said=saved", 303)

    async def drop(self, request: Request) -> Response:
        name = request.path_params["name"]
        data = await self.site.form(request)
        slide_id = str(data.get("slide", ""))
        if not await run_in_threadpool(self._droppable, name, slide_id):
            raise HTTPException(400, "That slide cannot be left out here.")
        refused = await self.change(request, name, data, edit.drop_slide, slide_id)
        return refused or RedirectResponse(f"/talks/{name}?said=dropped", 303)

    def _droppable(self, name: str, slide_id: str) -> bool:
        path = self.event_path(name)
        current = self.run()
        talk, _ = core.talk(current, path)
        parent = core.parent_talk(current, talk) if talk else None
        droppable = {s.slide.id for s in parent.slides} if parent else set()
        return slide_id in droppable and slide_id not in edit.changed(_safe(edit.read, path, {}))

    async def restore(self, request: Request) -> Response:
        name = request.path_params["name"]
        data = await self.site.form(request)
        slide_id = str(data.get("slide", ""))
        path = await run_in_threadpool(self.event_path, name)
        dropped = await run_in_threadpool(lambda: edit.dropped(_safe(edit.read, path, {})))
        if slide_id not in dropped:
            raise HTTPException(400, "That slide is not left out.")
        refused = await self.change(request, name, data, edit.restore_slide, slide_id)
        return refused or RedirectResponse(f"/talks/{name}?said=restored", 303)

    async def excerpts(self, request: Request) -> Response:
        name = request.path_params["name"]
        data = await self.site.form(request)
        slide_id = str(data.get("slide", ""))
        chosen = [str(v) for v in data.getlist("excerpt")]
        note = str(data.get("note", ""))
        choice = await run_in_threadpool(
            contexts.excerpt_choice, self.site, self.event_path, name, slide_id, chosen, note
        )
        if choice.problem is not None:
            return await self.talk_response(
                request, name, 400, excerpt_errors={slide_id: choice.problem}
            )
        refused = await self.change(
            request, name, data, edit.set_excerpts, slide_id, choice.ids, notes=choice.notes
        )
        return refused or RedirectResponse(f"/talks/{name}?said=excerpts#slide-{slide_id}", 303)

    # --- Build and download ------------------------------------------------------------

    async def build(self, request: Request) -> Response:
        name = request.path_params["name"]
        path = await run_in_threadpool(self.event_path, name)
        data = await self.site.form(request)
        # `only` (deck, handout or notes) builds one output; the page itself builds all three.
        only = str(data.get("only", ""))
        kinds = (only,) if only in core.OUTPUT_KINDS else core.OUTPUT_KINDS
        with self.site.guard:
            busy = name in self.site.building
            self.site.building.add(name)
        if busy:
            refused = BUSY
        else:
            try:
                refused = await run_in_threadpool(building.build, self.site, path, kinds)
            finally:
                with self.site.guard:
                    self.site.building.discard(name)
        self.site.refuse(request, name, refused)
        if refused:
            return RedirectResponse(f"/talks/{name}?refused#build", 303)
        return RedirectResponse(f"/talks/{name}?said=built#build", 303)

    async def download(self, request: Request) -> Response:
        name = request.path_params["name"]
        kind = request.path_params["kind"]
        if kind not in DOWNLOADS:
            raise HTTPException(404, "There is no such download.")
        file = await run_in_threadpool(self._download_file, name, kind)
        return FileResponse(file, filename=file.name)

    def _download_file(self, name: str, kind: str) -> Path:
        path = self.event_path(name)
        current = self.run()
        talk, _ = core.talk(current, path)
        if talk is None or contexts.errors(core.check_outline(current, path)):
            raise HTTPException(409, "This talk has problems to fix first; nothing to download.")
        if not core.outputs_current(current, talk, self.site.folder):
            raise HTTPException(409, "The outputs are older than the talk; build it again.")
        return self.site.folder / core.output_name(talk, kind)

    async def slide_picture(self, request: Request) -> Response:
        name = request.path_params["name"]
        number = request.path_params["number"]
        await run_in_threadpool(self.event_path, name)
        file = self.site.folder / f"{name}-preview" / f"slide-{number:02d}.png"
        if not await run_in_threadpool(file.is_file):
            raise HTTPException(404, "There is no picture of that slide; build the talk first.")
        return FileResponse(file, media_type="image/png")

    # --- For staff and access ----------------------------------------------------------

    async def library(self, request: Request) -> Response:
        context = await run_in_threadpool(contexts.library_context, self.site)
        return self.page(request, "library.html", title="For staff: the library", **context)

    async def login(self, request: Request) -> Response:
        if request.method == "GET":
            return self.page(request, "login.html", title="Access", error=None)
        data = await self.site.form(request)
        sent = str(data.get("token", ""))
        site = self.site
        if site.token is None or not hmac.compare_digest(
            sent.strip().encode(), site.token.encode()
        ):
            return self.page(
                request,
                "login.html",
                403,
                title="Access",
                error="That is not the access token the person who started the page gave you.",
            )
        response = RedirectResponse("/", 303)
        response.set_cookie("talkkit-access", site.access_value(), httponly=True, samesite="strict")
        return response


def routes(site, templates) -> list[tuple[str, object, list[str]]]:
    """Every route of the page, as (path, endpoint, methods)."""
    v = Views(site, templates)
    return [
        ("/", v.home, ["GET"]),
        ("/new", v.new_form, ["GET"]),
        ("/new", v.new_create, ["POST"]),
        ("/talks/{name:str}", v.talk_page, ["GET"]),
        ("/talks/{name:str}/details", v.save_details, ["POST"]),
        ("/talks/{name:str}/drop", v.drop, ["POST"]),
        ("/talks/{name:str}/restore", v.restore, ["POST"]),
        ("/talks/{name:str}/excerpts", v.excerpts, ["POST"]),
        ("/talks/{name:str}/build", v.build, ["POST"]),
        ("/talks/{name:str}/download/{kind:str}", v.download, ["GET"]),
        ("/talks/{name:str}/slides/{number:int}.png", v.slide_picture, ["GET"]),
        ("/library", v.library, ["GET"]),
        ("/login", v.login, ["GET", "POST"]),
    ]


def problem_page(templates, site):
    """The handler that shows a refused request as a page in plain words."""

    async def handle(request: Request, exc: HTTPException) -> Response:
        return templates.TemplateResponse(
            request,
            "problem.html",
            {
                "csrf": site.csrf(request),
                "title": "Not possible",
                "detail": exc.detail,
                "said": None,
            },
            status_code=exc.status_code,
        )

    return handle


def internal_error(templates, site):
    """The handler of a failure inside talkkit: a plain page, never a traceback."""

    async def handle(request: Request, exc: Exception) -> Response:
        return templates.TemplateResponse(
            request,
            "problem.html",
            {
                "csrf": site.csrf(request),
                "title": "Not possible",
                "detail": "Something went wrong inside talkkit, not in your talk. "
                "Ask staff to look at it, and tell them what the page was doing.",
                "said": None,
            },
            status_code=500,
        )

    return handle


# --- Changing the outline ----------------------------------------------------------------


def _safe(func, path: Path, default):
    try:
        return func(path)
    except edit.EditError:
        return default


def _kept(func, kw: dict) -> dict:
    """What the refused page shows again so that nothing typed is lost: the details form."""
    return {"form": kw["form"]} if func is edit.set_details and "form" in kw else {}


def _edit(site, func, path: Path, version: str, *args, **kw) -> None:
    """One edit, made only on `version` of the file; Conflict when the file is newer."""
    kw.pop("form", None)
    with site.edit_lock:
        try:
            func(path, *args, version=version, **kw)
        except edit.Conflict:
            raise
        except edit.EditError as exc:
            raise HTTPException(
                409,
                "This talk's file cannot be changed on the page until it reads again: "
                f"{exc}. Ask staff to look at it.",
            ) from exc
