"""The page's routes: home, new talk, the talk, building and downloads, the library for staff."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from talkkit.diagnostics import Diagnostic
from talkkit.errors import TalkkitError
from talkkit.web import core, edit

SAID = {
    "created": "The talk was created. Here is what talkkit check finds in it.",
    "saved": "Saved. The problems below are checked again.",
    "dropped": "The slide was left out.",
    "restored": "The slide is back in the talk.",
    "excerpts": "The excerpts were saved.",
    "built": "Built. Download the deck, handout and notes below.",
}
DOWNLOADS = {
    "deck": ("Download deck (.pptx)", ".pptx"),
    "handout": ("Download handout (PDF)", "-handout.pdf"),
    "notes": ("Download speaker notes (PDF)", "-notes.pdf"),
}
RECORDED_HELP = (
    "Tick this when the talk will be filmed or streamed. A recording can travel far beyond the "
    "room, so a talk that is recorded may only use stories whose narrators agreed to recording; "
    "the check says which slides must go."
)


@dataclass
class Form:
    """Submitted values and the problems found in them, by field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


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
        return core.open_run(site.workspace, site.today())

    # --- Home --------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        rows = await run_in_threadpool(_home_rows, site)
        return page(request, "home.html", title="Talks", rows=rows)

    # --- New talk ----------------------------------------------------------------------

    async def new_form(request: Request) -> Response:
        current = run()
        return page(request, "new.html", title="New talk", form=Form(), **_new_choices(current))

    async def new_create(request: Request) -> Response:
        data = await site.form(request)
        current = run()
        choices = _new_choices(current)
        form, details = _read_details(data, choices, new=True)
        parent = form.values.get("standard", "")
        if parent not in {t.name for t in choices["standards"]}:
            form.errors["standard"] = "Choose the standard talk this one starts from."
        path = None
        if not form.errors:
            path, text = core.new_outline(site.workspace, _file_name(details), parent, **details)
            if path.exists():
                form.errors["name"] = (
                    f"There is already a talk {path.stem} for this event and date; "
                    "open it from the list of talks, or give the event another name."
                )
        if form.errors:
            return page(request, "new.html", 400, title="New talk", form=form, **choices)
        core.write_file(path, text)
        return RedirectResponse(f"/talks/{path.stem}?said=created", 303)

    # --- The talk ----------------------------------------------------------------------

    async def talk_page(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        context = await run_in_threadpool(_talk_context, site, name, path)
        return page(request, "talk.html", **context)

    async def save_details(request: Request) -> Response:
        name = request.path_params["name"]
        path = event_path(name)
        data = await site.form(request)
        choices = {"audiences": _audiences(run())}
        form, details = _read_details(data, choices, new=False)
        if form.errors:
            context = await run_in_threadpool(_talk_context, site, name, path, form)
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
                _talk_context, site, name, path, None, {slide_id: problem}
            )
            return page(request, "talk.html", 400, **context)
        _edit(edit.set_excerpts, path, slide_id, [e for e in offered if e in chosen])
        return RedirectResponse(f"/talks/{name}?said=excerpts#slide-{slide_id}", 303)

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
            context = await run_in_threadpool(_talk_context, site, name, path)
            context["refused"] = (
                "This talk is being built already, perhaps in another tab. "
                "Wait for that build to finish, then reload this page."
            )
            return page(request, "talk.html", 409, **context)
        try:
            refused = await run_in_threadpool(_build, site, path, kinds)
        finally:
            with site.guard:
                site.building.discard(name)
        if refused:
            context = await run_in_threadpool(_talk_context, site, name, path)
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
        if talk is None or _errors(core.check_outline(current, path)):
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

    # --- For staff ---------------------------------------------------------------------

    async def library(request: Request) -> Response:
        context = await run_in_threadpool(_library_context, site)
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
        ("/", home, ["GET"]),
        ("/new", new_form, ["GET"]),
        ("/new", new_create, ["POST"]),
        ("/talks/{name:str}", talk_page, ["GET"]),
        ("/talks/{name:str}/details", save_details, ["POST"]),
        ("/talks/{name:str}/drop", drop, ["POST"]),
        ("/talks/{name:str}/restore", restore, ["POST"]),
        ("/talks/{name:str}/excerpts", excerpts, ["POST"]),
        ("/talks/{name:str}/build", build, ["POST"]),
        ("/talks/{name:str}/download/{kind:str}", download, ["GET"]),
        ("/talks/{name:str}/slides/{number:int}.png", slide_picture, ["GET"]),
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


# --- What the pages show -----------------------------------------------------------------


def _errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


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


def _file_name(details: dict) -> str:
    """The file name of a new event: its name and date, as `talkkit new NAME` makes one."""
    return f"{details['name']} {details['date'].isoformat()}"


def _audiences(run) -> list[tuple[str, str, str]]:
    config = core.config(run)
    return [(key, a.label, a.ages) for key, a in config.audiences.items()] if config else []


def _new_choices(run) -> dict:
    return {"standards": core.standard_talks(run), "audiences": _audiences(run)}


def _read_details(data, choices: dict, *, new: bool) -> tuple[Form, dict]:
    """The event fields of a form, checked as `talkkit new` checks its options."""
    form = Form({k: str(v) for k, v in data.items() if isinstance(v, str) and k != "csrf"})
    values = form.values
    name = values.get("name", "").strip()
    if not name:
        form.errors["name"] = "The event needs a name."
    elif not core.slugify(name):
        form.errors["name"] = "Use some letters or digits in the event's name."
    day = None
    text = values.get("date", "").strip()
    if not text:
        form.errors["date"] = "Give the day of the talk."
    else:
        day = edit.parse_date(text)
        if day is None:
            form.errors["date"] = f"{text} is not a day of the calendar; write it like 2027-03-12."
    audience = values.get("audience", "").strip() or None
    if audience is not None and audience not in {a[0] for a in choices["audiences"]}:
        form.errors["audience"] = "Choose one of the audiences offered."
    minutes = None
    text = values.get("minutes", "").strip()
    if text:
        if text.isdigit() and 1 <= int(text) <= 240:
            minutes = int(text)
        else:
            form.errors["minutes"] = "Give the minutes as a whole number from 1 to 240."

    def optional(key: str) -> str | None:
        return values.get(key, "").strip() or None

    details = {
        "speaker": optional("speaker"),
        "name": name,
        "date": day,
        "venue": optional("venue"),
        "city": optional("city"),
        "audience": audience,
        "minutes": minutes,
        "recorded": "recorded" in values,
    }
    return form, details


def _where(d: Diagnostic, root: Path) -> str:
    return d.location.display(root)


def _problems(diagnostics: list[Diagnostic], root: Path) -> dict:
    def item(d: Diagnostic) -> dict:
        return {"where": _where(d, root), "message": d.message, "hint": d.hint, "code": d.code}

    return {
        "must": [item(d) for d in diagnostics if d.severity == "error"],
        "look": [item(d) for d in diagnostics if d.severity == "warning"],
    }


def _home_rows(site) -> list[dict]:
    current = core.open_run(site.workspace, site.today())
    today = site.today()
    rows = []
    for name, path in core.event_outlines(site.workspace).items():
        talk, _ = core.talk(current, path)
        found = core.check_outline(current, path)
        row = {
            "id": name,
            "errors": len(_errors(found)),
            "warnings": len(found) - len(_errors(found)),
            "readable": talk is not None,
            "date": None,
            "event": name,
            "venue": "",
            "standard": "",
            "current": False,
            "past": False,
        }
        if talk is not None:
            event = talk.event
            row.update(
                date=event.date,
                event=event.name or name,
                venue=", ".join(v for v in (event.venue, event.city) if v),
                standard=core.extends_name(talk),
                current=not row["errors"] and core.outputs_current(current, talk, site.folder),
                past=event.date is not None and event.date < today,
            )
        rows.append(row)
    rows.sort(key=lambda r: (r["past"], r["date"] is None, r["date"] or today, r["id"]))
    return rows


def _clock(minutes: float) -> str:
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _talk_context(
    site,
    name: str,
    path: Path,
    form: Form | None = None,
    excerpt_errors: dict[str, str] | None = None,
) -> dict:
    current = core.open_run(site.workspace, site.today())
    root = site.workspace.root
    talk, _ = core.talk(current, path)
    found = core.check_outline(current, path)
    context = {
        "name": name,
        "file": path.relative_to(root).as_posix(),
        "title": name,
        "talk": None,
        "problems": _problems(found, root),
        "building": name in site.building,
        "drawing": name in site.drawing,
        "refused": None,
        "downloads": [],
        "pictures": [],
        "plan": [],
        "dropped": [],
        "stories": [],
        "editable": True,
        "edit_problem": None,
        "audiences": _audiences(current),
        "recorded_help": RECORDED_HELP,
        "excerpt_errors": excerpt_errors or {},
    }
    try:
        raw = edit.read(path)
    except edit.EditError as exc:
        context["editable"] = False
        context["edit_problem"] = f"{context['file']} cannot be changed on the page: {exc}"
        raw = {}
    dropped, changed = edit.dropped(raw), edit.changed(raw)
    if talk is None:
        context["form"] = form or Form()
        return context
    event = talk.event
    context["title"] = event.name or name
    context["talk"] = {
        "event": event.name or name,
        "title": talk.title,
        "audience": talk.audience.label,
        "minutes": talk.minutes,
        "standard": core.extends_name(talk),
    }
    if form is None:
        form = Form(
            {
                "name": event.name or "",
                "date": event.date.isoformat() if event.date else "",
                "venue": event.venue or "",
                "city": event.city or "",
                "speaker": talk.outline.speaker or "",
                "audience": str(raw.get("audience") or ""),
                "minutes": str(raw.get("minutes") or ""),
                **({"recorded": "on"} if event.recorded else {}),
            }
        )
    context["form"] = form
    parent = core.parent_talk(current, talk)
    inherited = {s.slide.id for s in parent.slides} if parent else set()
    for slide in talk.slides:
        model = slide.slide
        title = getattr(model, "title", None) or (slide.story.title if slide.story else "")
        context["plan"].append(
            {
                "number": slide.number,
                "id": model.id,
                "title": title or slide.kind.title(),
                "kind": slide.kind,
                "minutes": f"{slide.minutes:g}",
                "start": _clock(slide.start_minute),
                "droppable": model.id in inherited and model.id not in changed,
                "changed": model.id in changed,
            }
        )
        if slide.kind == "story" and slide.story is not None and model.id:
            chosen = {e.id for e in slide.excerpts}
            context["stories"].append(
                {
                    "slide": model.id,
                    "title": title,
                    "story": slide.story.title,
                    "consent": core.consent_holds(talk, slide.story, current.today),
                    "excerpts": [
                        {
                            "id": e.id,
                            "text": e.text,
                            "narrator": slide.story.narrator_of(e).shown_as,
                            "warnings": list(e.warnings),
                            "note": core.needs_note(talk, e),
                            "chosen": e.id in chosen,
                        }
                        for e in core.suitable_excerpts(talk, slide.story)
                    ],
                }
            )
    if parent is not None:
        titles = {
            s.slide.id: getattr(s.slide, "title", None) or (s.story.title if s.story else s.kind)
            for s in parent.slides
        }
        context["dropped"] = [{"id": d, "title": titles.get(d, d)} for d in dropped]
    if not context["problems"]["must"] and core.outputs_current(current, talk, site.folder):
        context["downloads"] = [
            {"kind": kind, "label": label} for kind, (label, _) in DOWNLOADS.items()
        ]
        preview = site.folder / f"{name}-preview"
        count = len(list(preview.glob("slide-*.png"))) if preview.is_dir() else 0
        newest = (site.folder / core.output_name(talk, "deck")).stat().st_mtime
        if count and (preview / "slide-01.png").stat().st_mtime >= newest:
            context["pictures"] = list(range(1, count + 1))
    return context


def _build(site, path: Path, kinds: tuple[str, ...] = core.OUTPUT_KINDS) -> str | None:
    """Check and build one talk; why it was refused, or None when it was built."""
    with site.build_lock:
        current = core.open_run(site.workspace, site.today())
        talk, _ = core.talk(current, path)
        must = _errors(core.check_outline(current, path))
        if talk is None or must:
            count = len(must) or 1
            problems = (
                "1 must-fix problem remains" if count == 1 else f"{count} must-fix problems remain"
            )
            return (
                f"Build refused: {problems}. Fix what is listed under “Must fix”, then build again."
            )
        try:
            failed = core.build(current, path, site.folder, kinds=kinds)
        except (TalkkitError, OSError) as exc:
            return f"The build did not finish: {exc}. Earlier outputs were left as they were."
        if failed:
            return f"The build did not finish: {failed[0]}. Earlier outputs were left as they were."
        if site.pictures and "deck" in kinds and core.has_office():
            _draw_later(site, current, talk)
        return None


def _draw_later(site, run, talk) -> None:
    """Draw the built deck's slides in the background; the page shows them when they are done."""
    with site.guard:
        if talk.name in site.drawing:
            return
        site.drawing.add(talk.name)

    def draw() -> None:
        try:
            # Pictures are a help, not an output: a failed drawing leaves the build as it is.
            with contextlib.suppress(TalkkitError, OSError):
                core.slide_pictures(run, talk, site.folder)
        finally:
            with site.guard:
                site.drawing.discard(talk.name)

    threading.Thread(target=draw, name=f"draw-{talk.name}", daemon=True).start()


def _library_context(site) -> dict:
    current = core.open_run(site.workspace, site.today())
    if core.config(current) is None:
        return {"listing": None, "stale": [], "uses": {}, "today": site.today()}
    today = site.today()
    uses = core.events_using(current)
    return {
        "listing": core.library_listing(current),
        "stale": core.stale_facts(current, today),
        "uses": {
            story: [{"id": n, "event": t.event.name or n, "date": t.event.date} for n, t in talks]
            for story, talks in uses.items()
        },
        "today": today,
    }
