"""The page's one door into talkkit: the run object, checks, builds, the library and its rules.

Every rule the page applies (which excerpts suit an audience, whether consent
holds, what `talkkit check` finds) is called here from where the command line
calls it; nothing below is a second copy of a rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from talkkit.diagnostics import Diagnostic
from talkkit.load.workspace import Workspace
from talkkit.models import Config, Excerpt, Story
from talkkit.resolve import Talk

OUTPUT_KINDS = ("deck", "handout", "notes")


def open_run(workspace: Workspace, today: dt.date | None = None, *, kept=None):
    """A fresh run over the workspace, checked as of `today`: every file read again, each once,
    but what `kept` (a `talkkit.session.Kept`) holds of files that have not changed since."""
    from talkkit.session import Session

    return Session(workspace, today=today, kept=kept)


def kept():
    """A store for what one run keeps for the next (see `talkkit.session.Kept`)."""
    from talkkit.session import Kept

    return Kept()


def event_outlines(workspace: Workspace) -> dict[str, Path]:
    """The events of decks/ by id (the file name without .yaml); the page's only way to a file."""
    return {path.stem: path for path in workspace.event_outlines()}


def talk(run, path: Path) -> tuple[Talk | None, list[Diagnostic]]:
    """The resolved talk of an outline, or None and the problems that stop it."""
    return run.talk(path)


def check_outline(run, path: Path) -> list[Diagnostic]:
    """What `talkkit check OUTLINE` finds, sorted by place."""
    return run.check([path])


def config(run) -> Config | None:
    return run.config


@dataclass(frozen=True)
class StandardTalk:
    """A talk an event may start from, as the form offers it."""

    name: str
    title: str
    audience: str
    minutes: int


def standard_talks(run) -> list[StandardTalk]:
    """The standard talks of decks/standard/ with their audience and minutes."""
    from talkkit.commands.new import standard_talks as names

    workspace = run.workspace
    found = []
    for name in names(workspace):
        resolved, _ = run.talk(workspace.decks / f"{name}.yaml")
        if resolved is None:
            found.append(StandardTalk(name, name, "?", 0))
        else:
            found.append(
                StandardTalk(name, resolved.title, resolved.audience.label, resolved.minutes)
            )
    return found


def new_outline(workspace: Workspace, file_name: str, parent: str, **details) -> tuple[Path, str]:
    """The path and text `talkkit new FILE_NAME --from PARENT ...` writes, from the same code."""
    from talkkit.commands.new import EventDetails, outline_text, parent_path, slugify

    path = workspace.decks / f"{slugify(file_name)}.yaml"
    return path, outline_text(workspace, parent_path(workspace, parent), EventDetails(**details))


def slugify(text: str) -> str:
    from talkkit.commands.new import slugify as slug

    return slug(text)


def write_file(path: Path, text: str) -> None:
    """Write one outline atomically (never half a file) into its folder."""
    from talkkit.output import write_outputs

    write_outputs(path.parent, {path.name: text.encode()})


def output_name(talk: Talk, kind: str) -> str:
    from talkkit.commands.changed import output_name as name

    return name(talk, kind)


def outputs_current(run, talk: Talk, folder: Path) -> bool:
    """Whether the deck, handout and notes in `folder` were built from the talk as it is now."""
    from talkkit.commands.changed import plan

    todo, _ = plan([talk], folder, kinds=OUTPUT_KINDS, paper=None, force=False, digests=run.digests)
    return not todo


def build(run, path: Path, folder: Path, *, kinds: tuple[str, ...] = OUTPUT_KINDS) -> list[str]:
    """Build what changed of one talk's deck, handout and notes; the errors, none when it worked.

    The caller has checked the talk first; the writes are the same atomic ones
    as `talkkit build`.
    """
    from talkkit.commands import build as builder

    talk, _ = run.talk(path)
    todo, _ = builder.plan(
        [talk], folder, kinds=kinds, paper=None, force=False, digests=run.digests
    )
    outcomes = builder.run(run, todo, folder, paper=None, workers=1)
    return [o.error for o in outcomes if o.error]


def warm() -> None:
    """Load every renderer now, so that the first build on the page is as quick as the next."""
    from talkkit.commands.build import warm as load

    load(OUTPUT_KINDS)


def has_office() -> bool:
    from talkkit.render.office import find_soffice

    return find_soffice() is not None


def slide_pictures(run, talk: Talk, folder: Path) -> list[Path]:
    """Draw the built deck's slides as PNGs in <name>-preview/ (LibreOffice must be installed)."""
    from talkkit.commands.preview import preview

    deck = (folder / output_name(talk, "deck")).read_bytes()
    written = preview(deck, talk.name, folder, fonts=run.workspace.assets / "fonts")
    return [p for p in written if p.name.startswith("slide-")]


def suitable_excerpts(talk: Talk, story: Story) -> list[Excerpt]:
    """The excerpts of a story the talk's audience may be shown: the rule `beyond-audience` applies."""
    from talkkit.policy import suits

    return [
        e for e in story.excerpts if suits(talk.config, talk.audience_id, e.audience, e.warnings)
    ]


def needs_note(talk: Talk, excerpt: Excerpt) -> list[str]:
    """The excerpt's warnings this audience may be shown only after a content note."""
    from talkkit.policy import warning_level

    return [w for w in excerpt.warnings if warning_level(talk.audience, w) == "with-note"]


def noted_warnings(notes: str | None) -> set[str]:
    """The warnings the content note opening a slide's notes names (the rule of the check)."""
    from talkkit.checks.audience import noted_warnings as noted

    return noted(notes)


def with_content_note(notes: str | None, warnings: list[str], text: str) -> str:
    """A slide's notes opened by a content note naming `warnings`, as the check reads one."""
    from talkkit.checks.audience import content_note

    return content_note(warnings, text, notes)


def consent_holds(talk: Talk, story: Story) -> bool:
    """Whether the story's consent holds on the day the talk is judged on (the rule of the
    consent checks)."""
    from talkkit.policy import consent_ended

    return consent_ended(story.consent, talk.day) is None


def library_listing(run) -> dict:
    """The library as `talkkit library --format json` gives it."""
    from talkkit.commands.library import library_listing as listing

    return listing(run)


def stale_facts(run, on: dt.date) -> list:
    """The facts due for review on `on`, as `talkkit library --stale` lists them."""
    from talkkit.checks.freshness import stale_facts as stale

    return stale(run.library, on)


def talks_showing(run, on: dt.date) -> dict[str, list[dict]]:
    """Fact id -> the standard talks and upcoming events that show it, as `library --stale` says."""
    from talkkit.commands.library import talks_showing as showing

    return showing(run, on)


def consent_state(story: Story, on: dt.date) -> dict:
    """A story's consent on day `on`, plainly: whether it holds, since when not, what it lacks."""
    from typing import get_args

    from talkkit.models import Medium
    from talkkit.policy import consent_ended

    consent = story.consent
    ended = consent_ended(consent, on)
    since = consent.withdrawn if ended == "withdrawn" else consent.expires
    return {
        "ended": ended,
        "since": since if ended else None,
        "expires": consent.expires,
        "media": list(consent.media),
        "lacks": [m for m in get_args(Medium) if m not in consent.media],
    }


def events_using(run) -> dict[str, list[tuple[str, Talk]]]:
    """Story id -> the events (id, talk) whose slides use it; for when consent is withdrawn."""
    uses: dict[str, list[tuple[str, Talk]]] = {}
    for name, path in event_outlines(run.workspace).items():
        resolved, _ = run.talk(path)
        if resolved is None:
            continue
        for story in resolved.stories():
            uses.setdefault(story.id, []).append((name, resolved))
    return uses


def parent_talk(run, talk: Talk) -> Talk | None:
    """The talk an event extends, resolved, to offer its dropped slides back."""
    if len(talk.chain) < 2:
        return None
    parent, _ = run.talk(talk.chain[1])
    return parent


def extends_name(talk: Talk) -> str:
    """The standard talk an event starts from, as `extends:` names it; empty for none."""
    if len(talk.chain) < 2:
        return ""
    return talk.chain[1].relative_to(talk.workspace.decks.resolve()).with_suffix("").as_posix()
