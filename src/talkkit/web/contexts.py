"""What the pages show: the rows of the home page, the talk page and the library page for staff."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException

from talkkit.diagnostics import Diagnostic
from talkkit.text.slides import excerpt_text
from talkkit.text.when import clock
from talkkit.web import core, edit
from talkkit.web.forms import Form, audiences
from talkkit.web.words import Namer, page_words

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


def _problems(diagnostics: list[Diagnostic], namer: Namer) -> dict:
    def item(d: Diagnostic) -> dict:
        return {**page_words(d, namer), "code": d.code}

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
    talk, _ = core.talk(current, path)
    found = core.check_outline(current, path)
    parent = core.parent_talk(current, talk) if talk is not None else None
    namer = Namer(talk, parent, current.library if current.config is not None else None, path)
    context = {
        "name": name,
        "title": name,
        "talk": None,
        "version": "",
        "conflict": None,
        "problems": _problems(found, namer),
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
        text = edit.current_text(path)
        context["version"] = edit.version_of(text)
        site.remember(context["version"], text)
        raw = edit.read_text_as(path, text)
    except (OSError, edit.EditError):
        context["editable"] = False
        context["edit_problem"] = (
            "This talk cannot be changed on the page until staff correct its file; "
            "the problems above say what is wrong."
        )
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
    context["plan"] = _plan(talk, parent, changed)
    context["stories"] = _stories(talk)
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
            "droppable": not slide.continues
            and slide.slide.id in inherited
            and slide.slide.id not in changed,
            "changed": slide.slide.id in changed,
        }
        for slide in talk.slides
    ]


def _stories(talk) -> list[dict]:
    """Each story slide with the excerpts its audience may be shown, to choose from, and the
    content warnings its chosen excerpts need a note for."""
    stories = []
    for slide in talk.outline_slides():
        if slide.kind != "story" or slide.story is None or not slide.slide.id:
            continue
        chosen = set(slide.slide.excerpts)  # of all its parts
        excerpts = [
            {
                "id": e.id,
                "shown": _beginning(excerpt_text(e)),
                "narrator": slide.story.narrator_of(e).shown_as,
                "warnings": list(e.warnings),
                "note": core.needs_note(talk, e),
                "chosen": e.id in chosen,
            }
            for e in core.suitable_excerpts(talk, slide.story)
        ]
        stories.append(
            {
                "slide": slide.slide.id,
                "title": slide.title,
                "story": slide.story.title,
                "consent": core.consent_holds(talk, slide.story),
                "excerpts": excerpts,
                "noted": sorted(core.noted_warnings(slide.slide.notes)),
                "needs": sorted({w for e in excerpts for w in e["note"]}),
            }
        )
    return stories


def _beginning(text: str, most: int = 220) -> str:
    """The words of `text` up to `most` characters, cut at a word and marked when cut."""
    if len(text) <= most:
        return text
    cut = text[: most - 2].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026" + ("\u201d" if text.startswith("\u201c") else "")


def _pictures(site, name: str, talk) -> list[dict]:
    """The slide pictures drawn from the deck as it is now: each one's number, and the slide's
    title as its text alternative."""
    preview = site.folder / f"{name}-preview"
    count = len(list(preview.glob("slide-*.png"))) if preview.is_dir() else 0
    newest = (site.folder / core.output_name(talk, "deck")).stat().st_mtime
    if not count or (preview / "slide-01.png").stat().st_mtime < newest:
        return []
    titles = {slide.number: slide.title for slide in talk.slides}
    return [{"number": n, "alt": titles.get(n, f"Slide {n}")} for n in range(1, count + 1)]


def library_context(site) -> dict:
    current = site.run()
    today = current.today
    if core.config(current) is None:
        return {"listing": None, "stale": [], "uses": {}, "consent": {}, "today": today}
    uses = core.events_using(current)
    shown = core.talks_showing(current, today)
    return {
        "listing": core.library_listing(current),
        "stale": [
            {"review": r, "shown": shown.get(r.fact.id, [])}
            for r in core.stale_facts(current, today)
        ],
        "uses": {
            story: [
                {
                    "id": n,
                    "event": t.event.name or n,
                    "date": t.event.date,
                    "past": t.event.date is not None and t.event.date < today,
                }
                for n, t in talks
            ]
            for story, talks in uses.items()
        },
        "consent": {
            story.id: core.consent_state(story, today) for story in current.library.stories.values()
        },
        "today": today,
    }


@dataclass(frozen=True)
class ExcerptChoice:
    """The excerpts chosen for a story slide, the notes to write with them, or why not."""

    ids: list[str]
    notes: str | None = None
    problem: str | None = None


def excerpt_choice(site, event_path, name: str, slide_id: str, chosen: list[str], note: str):
    """Check a choice of excerpts as the page offers them; a content note they need is written.

    An excerpt whose warning needs a content note for this audience is taken
    only with the note: typed into the form, or already opening the slide's
    notes. The note typed opens the slide's notes, before what they said.
    """
    path = event_path(name)
    current = site.run()
    talk, _ = core.talk(current, path)
    slide = next(
        (
            s
            for s in (talk.outline_slides() if talk else [])
            if s.slide.id == slide_id and s.kind == "story" and s.story
        ),
        None,
    )
    if slide is None:
        raise HTTPException(400, "That is not a story slide of this talk.")
    suitable = core.suitable_excerpts(talk, slide.story)
    offered = [e.id for e in suitable]
    beyond = [c for c in chosen if c not in offered]
    if beyond:
        return ExcerptChoice(
            [],
            problem=f"This audience may not be shown {', '.join(beyond)}; "
            "choose among those offered.",
        )
    if not chosen:
        return ExcerptChoice([], problem="Choose at least one excerpt.")
    ids = [e for e in offered if e in chosen]
    needed = sorted({w for e in suitable if e.id in ids for w in core.needs_note(talk, e)})
    noted = core.noted_warnings(slide.slide.notes)
    missing = [w for w in needed if w not in noted]
    note = " ".join(note.split())
    if missing and not note:
        return ExcerptChoice(
            ids,
            problem=f"The excerpts you chose need a content note naming {', '.join(missing)}: "
            "write in the box “Content note” under the excerpts what the speaker says before the story, "
            "then save again.",
        )
    if not note:
        return ExcerptChoice(ids)
    names = sorted(set(needed) | noted) or needed
    return ExcerptChoice(ids, notes=core.with_content_note(slide.slide.notes, names, note))


LABELS = {
    "name": "Event name",
    "date": "Date",
    "venue": "Venue",
    "city": "City",
    "recorded": "Recorded or streamed",
    "speaker": "Speaker",
    "audience": "Audience",
    "minutes": "Minutes",
}


def what_changed(before: str | None, now: str, titles: dict[str, str]) -> list[str]:
    """What changed in an outline between the version a page showed and now, in page words."""
    if before is None:
        return ["The talk was changed after this page was opened, in another tab or in its file."]
    old, new = edit.fields(before), edit.fields(now)
    said = []
    for key, label in LABELS.items():
        if old.get(key) != new.get(key):
            said.append(f"{label}: was “{_shown(old.get(key))}”, now “{_shown(new.get(key))}”.")
    for key, label in (("drop", "Slides left out"), ("excerpts", "Excerpts chosen")):
        if old.get(key) != new.get(key):
            said.append(
                f"{label}: {_listed(old.get(key), titles)} → {_listed(new.get(key), titles)}."
            )
    if not said:
        said.append("Other parts of the talk were changed in its file.")
    return said


def merged_form(form: Form, before: str | None, now: str) -> Form:
    """The details typed on an older version, over the file as it is now.

    A field the person changed keeps what they typed; a field they left as
    the older version had it shows the file's value now, so saving again
    loses neither their change nor the other one.
    """
    if before is None:
        return form
    old, new = _as_form(edit.fields(before)), _as_form(edit.fields(now))
    values = dict(form.values)
    for key in LABELS:
        if values.get(key, "") == old.get(key, ""):
            values.pop(key, None)
            if new.get(key):
                values[key] = new[key]
    return Form(values, dict(form.errors))


def _as_form(fields: dict) -> dict[str, str]:
    found = {k: "" if fields.get(k) is None else str(fields[k]) for k in LABELS}
    found["recorded"] = "on" if fields.get("recorded") else ""
    return found


def _shown(value) -> str:
    if value is True:
        return "yes"
    if value in (None, False, ""):
        return "no" if value is False else "not given"
    return str(value)


def _listed(value, titles: dict[str, str]) -> str:
    if not value:
        return "none"
    if isinstance(value, dict):
        return "; ".join(
            f"{titles.get(k, 'a slide')}: {', '.join(v)}" for k, v in sorted(value.items())
        )
    return ", ".join(titles.get(v, "a slide") for v in value)
