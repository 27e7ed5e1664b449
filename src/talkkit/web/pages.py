"""The page's routes: home, new talk, the talk, building and downloads, the library for staff."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from talkkit.web import building, contexts, core, edit, forms
from talkkit.web.contexts import DOWNLOADS, RECORDED_HELP
from talkkit.web.forms import Form

SAID = {
    "created": "The talk was created. Here is what talkkit check finds in it.",
    "saved": "Saved. The problems below are checked again.",
    "dropped": "The slide was left out.",
    "restored": "The slide is back in the talk.",
    "excerpts": "The excerpts were saved.",
    "built": "Built. Download the deck, handout and notes below.",
}


def routes(site, templates) -> list[tuple[str, object, list[str]]]:
    """Every route of the page, as (path, endpoint, methods)."""

    def page(request: Request, template: str, status: int = 200, **context) -> Response:
        context.setdefault("said", SAID.get(request.query_params.get("said", "")))
        context.setdefault("recorded_help", RECORDED_HELP)
        return templates.TemplateResponse(
            request, template, {"csrf": site.csrf, "title": "", **context}, status_code=status
        )

    def event_path(name: str) -> Path:
        path = core.event_outlines(site.workspace).get(name)
        if path is None:
            raise HTTPException(404, f"There is no talk '{name}' in decks/.")
        return path

    def run():
        return site.run()

    helpers = (site, page, event_path, run)
    return [
        *_home_and_new(*helpers),
        *_the_talk(*helpers),
        *_build_and_download(*helpers),
        *_staff_and_access(*helpers),
    ]


def _home_and_new(site, page, event_path, run) -> list[tuple[str, object, list[str]]]:
    """The list of talks, and the form that makes a new one."""

    # --- Home --------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        rows = await run_in_threadpool(contexts.home_rows, site)
        return page(request, "home.html", title="Talks", rows=rows)

    # --- New talk ----------------------------------------------------------------------

    async def new_form(request: Request) -> Response:
        current = run()
        return page(
            request, "new.html", title="New talk", form=Form(), **forms.new_choices(current)
        )

    async def new_create(request: Request) -> Response:
        data = await site.form(request)
        current = run()
        choices = forms.new_choices(current)
        form, details = forms.read_details(data, choices, new=True)
        parent = form.values.get("standard", "")
        if parent not in {t.name for t in choices["standards"]}:
            form.errors["standard"] = "Choose the standard talk this one starts from."
        path = None
        if not form.errors:
            path, text = core.new_outline(
                site.workspace, forms.file_name(details), parent, **details
            )
            if path.exists():
                form.errors["name"] = (
                    f"There is already a talk {path.stem} for this event and date; "
                    "open it from the list of talks, or give the event another name."
                )
        if form.errors:
            return page(request, "new.html", 400, title="New talk", form=form, **choices)
        core.write_file(path, text)
        return RedirectResponse(f"/talks/{path.stem}?said=created", 303)

    return [
        ("/", home, ["GET"]),
        ("/new", new_form, ["GET"]),
        ("/new", new_create, ["POST"]),
    ]


def _the_talk(site, page, event_path, run) -> list[tuple[str, object, list[str]]]:
    """A talk's page and the changes made on it: details, slides, excerpts."""

    # --- The talk ----------------------------------------------------------------------

    async def talk_page(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        context = await run_in_threadpool(contexts.talk_context, site, name, path)
        return page(request, "talk.html", **context)

    async def save_details(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        data = await site.form(request)
        choices = {"audiences": forms.audiences(run())}
        form, details = forms.read_details(data, choices, new=False)
        if form.errors:
            context = await run_in_threadpool(contexts.talk_context, site, name, path, form)
            return page(request, "talk.html", 400, **context)
        event = {key: details[key] for key in ("name", "date", "venue", "city", "recorded")}
        _edit(
            edit.set_details,
            path,
            speaker=details["speaker"],
            audience=details["audience"],
            minutes=details["minutes"],
            event=event,
        )
        return RedirectResponse(f"/talks/{name}?said=saved", 303)

    async def drop(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        data = await site.form(request)
        current = run()
        talk, _ = core.talk(current, path)
        slide_id = str(data.get("slide", ""))
        parent = core.parent_talk(current, talk) if talk else None
        droppable = {s.slide.id for s in parent.slides} if parent else set()
        if slide_id not in droppable or slide_id in edit.changed(_safe(edit.read, path, {})):
            raise HTTPException(400, "That slide cannot be left out here.")
        _edit(edit.drop_slide, path, slide_id)
        return RedirectResponse(f"/talks/{name}?said=dropped", 303)

    async def restore(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        data = await site.form(request)
        slide_id = str(data.get("slide", ""))
        if slide_id not in edit.dropped(_safe(edit.read, path, {})):
            raise HTTPException(400, "That slide is not left out.")
        _edit(edit.restore_slide, path, slide_id)
        return RedirectResponse(f"/talks/{name}?said=restored", 303)

    async def excerpts(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        data = await site.form(request)
        current = run()
        talk, _ = core.talk(current, path)
        slide_id = str(data.get("slide", ""))
        slide = next(
            (
                s
                for s in (talk.slides if talk else [])
                if s.slide.id == slide_id and s.kind == "story" and s.story
            ),
            None,
        )
        if slide is None:
            raise HTTPException(400, "That is not a story slide of this talk.")
        offered = [e.id for e in core.suitable_excerpts(talk, slide.story)]
        chosen = [str(v) for v in data.getlist("excerpt")]
        beyond = [c for c in chosen if c not in offered]
        if not chosen or beyond:
            problem = (
                f"This audience may not be shown {', '.join(beyond)}; choose among those offered."
                if beyond
                else "Choose at least one excerpt."
            )
            context = await run_in_threadpool(
                contexts.talk_context, site, name, path, None, {slide_id: problem}
            )
            return page(request, "talk.html", 400, **context)
        _edit(edit.set_excerpts, path, slide_id, [e for e in offered if e in chosen])
        return RedirectResponse(f"/talks/{name}?said=excerpts#slide-{slide_id}", 303)

    return [
        ("/talks/{name:str}", talk_page, ["GET"]),
        ("/talks/{name:str}/details", save_details, ["POST"]),
        ("/talks/{name:str}/drop", drop, ["POST"]),
        ("/talks/{name:str}/restore", restore, ["POST"]),
        ("/talks/{name:str}/excerpts", excerpts, ["POST"]),
    ]


def _build_and_download(site, page, event_path, run) -> list[tuple[str, object, list[str]]]:
    """Building a talk, downloading its outputs and its slides' pictures."""

    # --- Build and download ------------------------------------------------------------

    async def build(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        data = await site.form(request)
        # `only` (deck, handout or notes) builds one output; the page itself builds all three.
        only = str(data.get("only", ""))
        kinds = (only,) if only in core.OUTPUT_KINDS else core.OUTPUT_KINDS
        with site.guard:
            if name in site.building:
                busy = True
            else:
                busy = False
                site.building.add(name)
        if busy:
            context = await run_in_threadpool(contexts.talk_context, site, name, path)
            context["refused"] = (
                "This talk is being built already, perhaps in another tab. "
                "Wait for that build to finish, then reload this page."
            )
            return page(request, "talk.html", 409, **context)
        try:
            refused = await run_in_threadpool(building.build, site, path, kinds)
        finally:
            with site.guard:
                site.building.discard(name)
        if refused:
            context = await run_in_threadpool(contexts.talk_context, site, name, path)
            context["refused"] = refused
            return page(request, "talk.html", 409, **context)
        return RedirectResponse(f"/talks/{name}?said=built#build", 303)

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        kind = request.path_params["kind"]
        path = event_path(name)
        if kind not in DOWNLOADS:
            raise HTTPException(404, "There is no such download.")
        current = run()
        talk, _ = core.talk(current, path)
        if talk is None or contexts.errors(core.check_outline(current, path)):
            raise HTTPException(409, "This talk has problems to fix first; nothing to download.")
        if not core.outputs_current(current, talk, site.folder):
            raise HTTPException(409, "The outputs are older than the talk; build it again.")
        file = site.folder / core.output_name(talk, kind)
        return FileResponse(file, filename=file.name)

    async def slide_picture(request: Request) -> Response:
        name = request.path_params["name"]
        number = request.path_params["number"]
        event_path(name)
        file = site.folder / f"{name}-preview" / f"slide-{number:02d}.png"
        if not file.is_file():
            raise HTTPException(404, "There is no picture of that slide; build the talk first.")
        return FileResponse(file, media_type="image/png")

    return [
        ("/talks/{name:str}/build", build, ["POST"]),
        ("/talks/{name:str}/download/{kind:str}", download, ["GET"]),
        ("/talks/{name:str}/slides/{number:int}.png", slide_picture, ["GET"]),
    ]


def _staff_and_access(site, page, event_path, run) -> list[tuple[str, object, list[str]]]:
    """The library for staff, and the access token asked beyond 127.0.0.1."""

    # --- For staff ---------------------------------------------------------------------

    async def library(request: Request) -> Response:
        context = await run_in_threadpool(contexts.library_context, site)
        return page(request, "library.html", title="For staff: the library", **context)

    # --- Access ------------------------------------------------------------------------

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "login.html", title="Access", error=None)
        data = await site.form(request)
        import hmac

        sent = str(data.get("token", ""))
        if site.token is None or not hmac.compare_digest(sent.strip(), site.token):
            return page(
                request,
                "login.html",
                403,
                title="Access",
                error="That is not the access token talkkit serve printed.",
            )
        response = RedirectResponse("/", 303)
        response.set_cookie("talkkit-access", site.access_value(), httponly=True, samesite="strict")
        return response

    return [
        ("/library", library, ["GET"]),
        ("/login", login, ["GET", "POST"]),
    ]


def problem_page(templates, site):
    """The handler that shows a refused request as a page in plain words."""

    async def handle(request: Request, exc: HTTPException) -> Response:
        return templates.TemplateResponse(
            request,
            "problem.html",
            {"csrf": site.csrf, "title": "Not possible", "detail": exc.detail, "said": None},
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
                "csrf": site.csrf,
                "title": "Not possible",
                "detail": "Something went wrong inside talkkit, not in your files. "
                "Run talkkit check in a terminal, and report what the page was doing.",
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


def _edit(func, path: Path, *args, **kw) -> None:
    try:
        func(path, *args, **kw)
    except edit.EditError as exc:
        raise HTTPException(
            409, f"{path.name} cannot be changed on the page until it reads again: {exc}"
        ) from exc
