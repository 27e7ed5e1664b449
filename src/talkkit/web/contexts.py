"""What the pages show: the rows of the home page, the talk page and the library page for staff."""

from __future__ import annotations

from pathlib import Path

from talkkit.diagnostics import Diagnostic
from talkkit.text.when import clock
from talkkit.web import core, edit
from talkkit.web.forms import Form, audiences

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


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def _where(d: Diagnostic, root: Path) -> str:
    return d.location.display(root)


def _problems(diagnostics: list[Diagnostic], root: Path) -> dict:
    def item(d: Diagnostic) -> dict:
        return {"where": _where(d, root), "message": d.message, "hint": d.hint, "code": d.code}

    return {
        "must": [item(d) for d in diagnostics if d.severity == "error"],
        "look": [item(d) for d in diagnostics if d.severity == "warning"],
    }


def home_rows(site) -> list[dict]:
    current = site.run()
    today = current.today
    rows = []
    for name, path in core.event_outlines(site.workspace).items():
        talk, _ = core.talk(current, path)
        found = core.check_outline(current, path)
        row = {
            "id": name,
            "errors": len(errors(found)),
            "warnings": len(found) - len(errors(found)),
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


def talk_context(
    site,
    name: str,
    path: Path,
    form: Form | None = None,
    excerpt_errors: dict[str, str] | None = None,
) -> dict:
    current = site.run()
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
        "audiences": audiences(current),
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
    context["plan"] = _plan(talk, parent, changed)
    context["stories"] = _stories(talk, current.today)
    if parent is not None:
        titles = {s.slide.id: s.title for s in parent.slides}
        context["dropped"] = [{"id": d, "title": titles.get(d, d)} for d in dropped]
    if not context["problems"]["must"] and core.outputs_current(current, talk, site.folder):
        context["downloads"] = [
            {"kind": kind, "label": label} for kind, (label, _) in DOWNLOADS.items()
        ]
        context["pictures"] = _pictures(site, name, talk)
    return context


def _plan(talk, parent, changed: set) -> list[dict]:
    """The slide plan: each slide's number, id, title, kind, minutes and start, and whether it
    may be left out (an inherited slide the event has not changed)."""
    inherited = {s.slide.id for s in parent.slides} if parent else set()
    return [
        {
            "number": slide.number,
            "id": slide.slide.id,
            "title": slide.title,
            "kind": slide.kind,
            "minutes": f"{slide.minutes:g}",
            "start": clock(slide.start_minute),
            "droppable": slide.slide.id in inherited and slide.slide.id not in changed,
            "changed": slide.slide.id in changed,
        }
        for slide in talk.slides
    ]


def _stories(talk, today) -> list[dict]:
    """Each story slide with the excerpts its audience may be shown, to choose from."""
    stories = []
    for slide in talk.slides:
        if slide.kind != "story" or slide.story is None or not slide.slide.id:
            continue
        chosen = {e.id for e in slide.excerpts}
        stories.append(
            {
                "slide": slide.slide.id,
                "title": slide.title,
                "story": slide.story.title,
                "consent": core.consent_holds(talk, slide.story, today),
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
    return stories


def _pictures(site, name: str, talk) -> list[int]:
    """The numbers of the slide pictures drawn from the deck as it is now."""
    preview = site.folder / f"{name}-preview"
    count = len(list(preview.glob("slide-*.png"))) if preview.is_dir() else 0
    newest = (site.folder / core.output_name(talk, "deck")).stat().st_mtime
    if count and (preview / "slide-01.png").stat().st_mtime >= newest:
        return list(range(1, count + 1))
    return []


def library_context(site) -> dict:
    current = site.run()
    today = current.today
    if core.config(current) is None:
        return {"listing": None, "stale": [], "uses": {}, "today": today}
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
