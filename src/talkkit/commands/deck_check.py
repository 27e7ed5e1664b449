"""`talkkit check deck.pptx`: the audit of decks as they come back, for the command line and the page.

A deck built by talkkit names its outline in its `talkkit-outline` property,
and the audit finds its event there; `--event` names the outline otherwise.
A deck of unknown origin gets every check that needs no event.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from talkkit.checks import DECK_RULES
from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.load.deck_file import OUTLINE_PROPERTY, DeckError, DeckFile, read_deck
from talkkit.resolve import Talk

DECK_SUFFIX = ".pptx"


def is_deck(path: Path) -> bool:
    return path.suffix.lower() == DECK_SUFFIX and not path.name.startswith("~$")


def decks_in(folder: Path) -> list[Path]:
    """Every deck below a folder (PowerPoint's lock files `~$name.pptx` left out)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_deck(p))


def _event_of(session, deck: DeckFile, event: Path | None) -> tuple[Talk | None, list[Diagnostic]]:
    """The talk the deck was made for: `event`, else the outline its property names."""
    if event is not None:
        talk, problems = session.talk(event)
        if talk is None:
            return None, [
                error(
                    Location(event),
                    "deck-event-unknown",
                    f"--event {event.name} cannot be read, so the checks that need the event "
                    "were left out",
                    "run `talkkit check` on it to see why",
                ),
                *problems,
            ]
        return talk, []
    named = deck.custom.get(OUTLINE_PROPERTY, "").strip()
    if not named:
        return None, []
    root = session.workspace.root.resolve()
    path = (root / named).resolve()
    talk = None
    if path.is_relative_to(root) and path.is_file():
        talk, _ = session.talk(path)
    if talk is None:
        return None, [
            warning(
                Location(deck.path, place="document properties"),
                "deck-event-unknown",
                f"the deck was made from {named}, which this workspace cannot read, so the "
                "checks that need the event were left out",
                "name the outline with --event decks/<name>.yaml",
            )
        ]
    return talk, []


def audit(
    session, path: Path, data: bytes | None = None, *, event: Path | None = None, name: str = ""
) -> list[Diagnostic]:
    """Every finding of one deck (from `data` instead of the file, when given)."""
    try:
        deck = read_deck(path, data, name=name or None)
    except DeckError as exc:
        return [error(Location(path), "deck-unreadable", str(exc))]
    if session.config is None:
        return list(session.config_diagnostics)
    talk, found = _event_of(session, deck, event)
    given = session.given()
    for rule in DECK_RULES:
        found.extend(rule.func(deck, given, talk))
    return found


def audit_paths(session, paths: Iterable[Path], *, event: Path | None = None) -> list[Diagnostic]:
    """The findings of every deck among `paths` (a folder: every deck in it)."""
    found: list[Diagnostic] = []
    for path in paths:
        for deck in decks_in(path) if path.is_dir() else [path]:
            found.extend(audit(session, deck, event=event))
    return found
