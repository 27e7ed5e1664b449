"""`talkkit library`: the stories, facts and actions a speaker can use, filtered by audience or tag."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

from talkkit.commands.ui import Ui, count
from talkkit.errors import UsageError
from talkkit.policy import suits, warning_level
from talkkit.text.table import text_table


def library_listing(project, *, audience: str | None = None, tag: str | None = None) -> dict:
    """The library as plain data: stories with excerpts, facts, actions."""
    config, library = project.config, project.library

    rule = config.audiences[audience] if audience else None

    def noted(warning: str) -> bool:
        return rule is not None and warning_level(rule, warning) == "with-note"

    def keep(youngest, warnings, tags) -> bool:
        if tag is not None and tag not in tags:
            return False
        return audience is None or suits(config, audience, youngest, warnings)

    stories = []
    for story in sorted(library.stories.values(), key=lambda s: s.id):
        excerpts = [
            {
                "id": e.id,
                "narrator": story.narrator_of(e).shown_as,
                "warnings": list(e.warnings),
                "needs_note": [w for w in e.warnings if noted(w)],
                "audience": e.audience,
                "tags": list(e.tags),
                "words": len(e.text.split()),
            }
            for e in story.excerpts
            if keep(e.audience, e.warnings, e.tags)
        ]
        if excerpts or (tag is None and audience is None):
            stories.append(
                {
                    "id": story.id,
                    "title": story.title,
                    "narrators": [n.shown_as for n in story.narrators],
                    "identity": sorted({n.identity for n in story.narrators}),
                    "consent": list(story.consent.media),
                    "excerpts": excerpts,
                }
            )
    facts = [
        {
            "id": f.id,
            "text": f.text,
            "as_of": f.as_of,
            "review_every": f.review_every,
            "source": f.source,
            "warnings": list(f.warnings),
            "needs_note": [w for w in f.warnings if noted(w)],
            "tags": list(f.tags),
        }
        for f in sorted(library.facts.values(), key=lambda f: f.id)
        if keep(None, f.warnings, f.tags)
    ]
    actions = [
        {"id": a.id, "title": a.title, "link": a.link, "url": config.links.get(a.link)}
        for a in sorted(library.actions.values(), key=lambda a: a.id)
        if tag is None
    ]
    return {
        "audience": audience,
        "tag": tag,
        "stories": stories,
        "facts": facts,
        "actions": actions,
    }


def render_table(listing: dict) -> str:
    """The listing as plain-text tables a terminal shows well."""
    lines: list[str] = []
    heading = "Library"
    if listing["audience"]:
        heading += f" for {listing['audience']}"
    if listing["tag"]:
        heading += f", tag {listing['tag']}"
    lines += [heading, ""]
    lines.append(f"STORIES ({len(listing['stories'])})")
    for story in listing["stories"]:
        lines.append(f"  {story['id']}: {story['title']} ({', '.join(story['narrators'])})")
        rows = [(e["id"], e["audience"], _warnings(e), e["narrator"]) for e in story["excerpts"]]
        lines += text_table(
            ("excerpt", "youngest audience", "warnings", "narrator"), rows, indent=4
        )
    lines += ["", f"FACTS ({len(listing['facts'])})"]
    rows = [
        (f["id"], f["as_of"], f["review_every"], _warnings(f), _short(f["text"], 50))
        for f in listing["facts"]
    ]
    lines += text_table(("fact", "as of", "review", "warnings", "text"), rows, indent=2)
    if listing["actions"]:
        lines += ["", f"ACTIONS ({len(listing['actions'])})"]
        rows = [(a["id"], a["title"], a["url"] or "?") for a in listing["actions"]]
        lines += text_table(("action", "title", "link"), rows, indent=2)
    if any(e["needs_note"] for s in listing["stories"] for e in s["excerpts"]) or any(
        f["needs_note"] for f in listing["facts"]
    ):
        lines += ["", "* only with a content note naming the warning in the slide's notes"]
    return "\n".join(lines)


def _warnings(entry: dict) -> str:
    return (
        ", ".join(w + ("*" if w in entry["needs_note"] else "") for w in entry["warnings"]) or "-"
    )


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="...")


def list_library(
    session,
    ui: Ui,
    *,
    audience: str | None,
    tag: str | None,
    stale_on: dt.date | None,
    output_format: str,
) -> None:
    """Print the library (or, with `stale_on`, the facts due for review on that day)."""
    config = session.config
    if stale_on is not None:
        _print_stale(session, ui, stale_on, output_format)
    else:
        if audience is not None and audience not in config.audiences:
            raise UsageError(
                f"no audience '{audience}' in talkkit.yaml; audiences: "
                + ", ".join(config.audiences)
            )
        listing = library_listing(session, audience=audience, tag=tag)
        if output_format == "json":
            ui.out(json.dumps(listing, indent=2, ensure_ascii=False))
        else:
            ui.out(render_table(listing))
    if session.library.diagnostics:
        ui.err(
            f"the library has {count(len(session.library.diagnostics), 'problem')}: "
            "run `talkkit check content/`"
        )


def talks_showing(session, on: dt.date) -> dict[str, list[dict]]:
    """Fact id -> every standard talk, and every event on or after `on`, whose slides show it."""
    decks = session.workspace.decks
    shown: dict[str, list[dict]] = {}
    for path in session.workspace.outlines():
        talk, _ = session.talk(path)
        if talk is None:
            continue
        day = talk.event.date
        if not talk.is_standard and day is not None and day < on:
            continue
        entry = {
            "outline": path.relative_to(decks).with_suffix("").as_posix(),
            "standard": talk.is_standard,
            "event": None if talk.is_standard else (talk.event.name or path.stem),
            "date": day.isoformat() if day else None,
        }
        for fact in talk.facts():
            shown.setdefault(fact.id, []).append(entry)
    return shown


def _print_stale(session, ui: Ui, on: dt.date, output_format: str) -> None:
    from talkkit.checks.freshness import stale_facts, stale_table

    reviews = stale_facts(session.library, on)
    shown = talks_showing(session, on) if reviews else {}
    if output_format == "json":
        ui.out(
            json.dumps(
                [
                    {
                        "id": r.fact.id,
                        "state": r.state,
                        "as_of": r.fact.as_of,
                        "checked": r.fact.checked.isoformat() if r.fact.checked else None,
                        "review_every": r.fact.review_every,
                        "due": r.due.isoformat() if r.due else None,
                        "shown_by": shown.get(r.fact.id, []),
                    }
                    for r in reviews
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        ui.out(stale_table(reviews, on))
        if reviews:
            ui.out(_shown_table(reviews, shown, on))


def _shown_table(reviews, shown: dict[str, list[dict]], on: dt.date) -> str:
    """Per fact due, the standard talks and upcoming events that show it."""
    lines = ["", f"Shown by the standard talks and the events on or after {on.isoformat()}:"]
    for r in reviews:
        uses = shown.get(r.fact.id, [])
        names = [
            u["outline"] if u["standard"] else f"{u['outline']} ({u['date'] or 'no date'})"
            for u in uses
        ]
        lines.append(f"  {r.fact.id}: {', '.join(names) or 'no talk shows it'}")
    return "\n".join(lines)


def approve_excerpts(
    session, ui: Ui, excerpts: list[str], *, by: str | None, reason: str | None = None
) -> None:
    """Approve the wording of excerpts as of the session's day, and say what was approved.

    Words not in their source document are refused unless `reason` says why.
    """
    from talkkit.load.approvals import approve

    done = approve(
        session.workspace,
        session.library,
        excerpts,
        by=by,
        on=session.today,
        config=session.config,
        reason=reason,
    )
    for item in done:
        was = f"changed since its approval on {item.since}" if item.was == "changed" else "new"
        ui.out(f"approved {item.key} ({was})")
    ui.err(
        f"approved {count(len(done), 'excerpt')}"
        if done
        else "nothing to approve: every excerpt named is approved as it reads"
    )
