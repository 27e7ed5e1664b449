"""The audit of a deck as it comes back: what an edited .pptx shows and says, by the outline check's rules.

A deck read by `load.deck_file` is checked with the policy's own rules:
withheld names and identifying details anywhere (slides, notes, alt text,
comments, properties); excerpts of the library whose words were changed, or
that the event's audience may not be shown; facts whose figure was changed;
addresses, links and QR codes off the allowlist or through a shortener, and
a donate address that lost the event's tracking; people's names, user names
and local paths in the properties and picture descriptions; comments and
hidden slides left in the file; and accessibility as PowerPoint's checker
sees it (titles, alt text, contrast, reading order). Checks that need the
event (audience, content notes, tracking) run only when `talk` is known.
Each finding is placed by slide number and place, like "slide 7, notes".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from talkkit.checks._common import Given
from talkkit.checks.audience import noted_warnings
from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.load.deck_file import DeckFile, Said
from talkkit.load.master import contrast
from talkkit.load.theme import MIN_CONTRAST
from talkkit.load.wording import word_differences
from talkkit.models import Excerpt, Fact, Story
from talkkit.policy import WithheldNames, beyond, find_addresses, suits, url_problem
from talkkit.resolve import Talk
from talkkit.text.slides import donate_url

CODES = (
    "withheld-name",
    "identifying-detail",
    "quote-changed",
    "quote-unapproved",
    "beyond-audience",
    "content-note-missing",
    "fact-changed",
    "link-invalid",
    "link-insecure",
    "link-domain",
    "link-ip-address",
    "link-shortener",
    "tracking-lost",
    "personal-data",
    "local-path",
    "comment-left",
    "slide-hidden",
    "title-missing",
    "title-duplicate",
    "alt-missing",
    "low-contrast",
    "reading-order",
)
"""Every code the audit of a deck may report."""

SHOWN = ("title", "text", "table", "SmartArt")
"""The places of a slide an audience reads."""
MIN_WORDS = 6
"""A paragraph shorter than this is not taken for an excerpt or a fact."""
CLOSE = 0.8
"""How much of a paragraph must match an excerpt or fact for it to count as one, changed."""
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_LOCAL_PATH = re.compile(
    r"(?:\b[A-Za-z]:[\\/]|\\\\[\w.$-]+\\|(?<![\w.])/(?:Users|home|Volumes|mnt|media|private|tmp|var)/"
    r"|\bfile:/|(?<!\w)~/)"
)
_FILE_NAME = re.compile(
    r"^[^\s/\\]+\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|heic|webp)$", re.IGNORECASE
)


def where(deck: DeckFile, said: Said | None = None, place: str | None = None) -> Location:
    """The place of a finding: 'slide 7, notes', or 'document properties, author'."""
    if said is None:
        return Location(deck.path, place=place or "")
    if said.slide is None:
        return Location(deck.path, place=said.place)
    return Location(deck.path, place=f"slide {said.slide}, {place or said.place}")


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return [w.strip("\"'") for w in text.split() if w.strip("\"'")]


def audit_deck(deck: DeckFile, given: Given, talk: Talk | None = None) -> list[Diagnostic]:
    """Every finding of a deck; `talk` is the event it was made for, when known."""
    found = list(_names(deck, given))
    found += _excerpts(deck, given, talk)
    found += _facts(deck, given, talk)
    found += _links(deck, given, talk)
    found += _properties(deck, given, talk)
    found += _left_in_file(deck)
    found += _accessibility(deck)
    return found


# --- identity -------------------------------------------------------------------------------


def _names(deck: DeckFile, given: Given) -> Iterator[Diagnostic]:
    names = WithheldNames(given.library.stories.values())
    if not names:
        return
    for said in (*deck.texts, *deck.links):
        hit = names.find(said.text)
        if hit:
            yield error(
                where(deck, said),
                hit.code,
                f"'{hit.name}' appears here: it is {hit.kind} withheld to protect {hit.whose}, "
                "and must never be shown or said",
                f"take it out of the deck; {hit.hint()}",
            )


# --- excerpts and facts ---------------------------------------------------------------------


def _closeness(shown: list[str], source: list[str]) -> float:
    """How much of the shown words come, in order, from the source's words (0 to 1)."""
    matcher = difflib.SequenceMatcher(None, shown, source, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / max(len(shown), 1)


def word_changes(source: list[str], shown: list[str], limit: int = 3) -> str:
    """The differences from the source's words to the shown ones, in words."""
    changes = []
    for op, before, after in word_differences(source, shown):
        if op == "replace":
            changes.append(f"“{before}” became “{after}”")
        elif op == "delete":
            changes.append(f"“{before}” was left out")
        else:
            changes.append(f"“{after}” was added")
    more = f", and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def _shown(deck: DeckFile) -> Iterator[tuple[Said, list[str]]]:
    for said in deck.texts:
        if said.slide is not None and said.place in SHOWN:
            words = _words(said.text)
            if len(words) >= MIN_WORDS:
                yield said, words


def _excerpts(deck: DeckFile, given: Given, talk: Talk | None) -> Iterator[Diagnostic]:
    library: list[tuple[Story, Excerpt, list[str]]] = [
        (story, excerpt, _words(excerpt.text))
        for story in given.library.stories.values()
        for excerpt in story.excerpts
    ]
    notes = {slide.number: slide.notes for slide in deck.slides}
    for said, words in _shown(deck):
        best = max(
            ((_closeness(words, w), story, excerpt, w) for story, excerpt, w in library),
            key=lambda item: item[0],
            default=None,
        )
        if best is None or best[0] < CLOSE:
            continue
        _, story, excerpt, source = best
        name = f"a quote of the story “{story.title}”"
        if words != source:
            yield error(
                where(deck, said),
                "quote-changed",
                f"these words are {name} with its words changed: {word_changes(source, words)}",
                "show the excerpt exactly as staff approved it, or leave it out",
            )
        elif given.approvals.status(story, excerpt) != "approved" and not given.approvals.broken:
            yield error(
                where(deck, said),
                "quote-unapproved",
                f"staff have not approved the words of {name} as they read now",
                "leave it out until staff approve it",
            )
        if talk is not None:
            yield from _audience(deck, said, talk, name, excerpt, notes.get(said.slide or 0, ""))


def _audience(
    deck: DeckFile, said: Said, talk: Talk, name: str, entry: Excerpt | Fact, notes: str
) -> Iterator[Diagnostic]:
    label = talk.audience.label.lower()
    youngest = entry.audience if isinstance(entry, Excerpt) else None
    if not suits(talk.config, talk.audience_id, youngest, list(entry.warnings)):
        yield error(
            where(deck, said),
            "beyond-audience",
            f"{name} is not for this {label} audience",
            "take it out of the deck; `talkkit check` on the outline suggests what suits them",
        )
        return
    needed = [w for w in beyond(talk.audience, entry.warnings, note=False)]
    missing = [w for w in needed if w not in noted_warnings(notes)]
    if missing:
        yield error(
            where(deck, said),
            "content-note-missing",
            f"{name} may be shown to {label} audiences only after a content note "
            f"({', '.join(missing)}), and this slide's notes do not begin with one",
            f"begin the notes with `Content note ({', '.join(needed)}): ...`",
        )


def _facts(deck: DeckFile, given: Given, talk: Talk | None) -> Iterator[Diagnostic]:
    facts = [(fact, _words(fact.text)) for fact in given.library.facts.values()]
    masked = [(fact, words, [_NUMBER.sub("#", w) for w in words]) for fact, words in facts]
    notes = {slide.number: slide.notes for slide in deck.slides}
    for said, words in _shown(deck):
        mask = [_NUMBER.sub("#", w) for w in words]
        best = max(
            ((_closeness(mask, m), fact, w) for fact, w, m in masked if _NUMBER.search(fact.text)),
            key=lambda item: item[0],
            default=None,
        )
        if best is None or best[0] < CLOSE:
            continue
        _, fact, source = best
        figures = _NUMBER.findall(" ".join(source))
        shown = _NUMBER.findall(" ".join(words))
        if figures != shown:
            yield error(
                where(deck, said),
                "fact-changed",
                "this sentence is a checked fact of the library with its figures changed: "
                f"the source says {', '.join(figures)}, the slide {', '.join(shown) or 'none'}",
                f"write it as the library has it: “{fact.text.strip()}”",
            )
        elif talk is not None:
            name = f"the fact “{fact.text.strip()}”"
            yield from _audience(deck, said, talk, name, fact, notes.get(said.slide or 0, ""))


# --- addresses --------------------------------------------------------------------------------


def _links(deck: DeckFile, given: Given, talk: Talk | None) -> Iterator[Diagnostic]:
    domains = list(given.config.allowed_domains)
    for said in deck.links:
        problem = url_problem(said.text, domains)
        if problem:
            code, message, hint = problem
            yield error(where(deck, said), code, message, hint)
    for said in deck.texts:
        if said.slide is None:
            continue
        for address in find_addresses(said.text):
            problem = url_problem(address.url, domains, written=address.written)
            if problem:
                code, message, hint = problem
                yield error(where(deck, said), code, message, hint)
    expected = donate_url(talk) if talk is not None else None
    if expected is None:
        return
    goal = urlsplit(expected)
    tracking = dict(parse_qsl(goal.query))
    for said in deck.links:
        parts = urlsplit(said.text)
        same = (parts.hostname or "").lower() == (goal.hostname or "").lower() and (
            parts.path.rstrip("/") == goal.path.rstrip("/")
        )
        if same and any(dict(parse_qsl(parts.query)).get(k) != v for k, v in tracking.items()):
            yield error(
                where(deck, said),
                "tracking-lost",
                f"the donate address '{said.text}' does not carry this event's tracking",
                f"link to {expected}, so gifts after this talk are counted for it",
            )


# --- the file itself ------------------------------------------------------------------------


def _properties(deck: DeckFile, given: Given, talk: Talk | None) -> Iterator[Diagnostic]:
    allowed = {"talkkit", given.config.organization.name.casefold()}
    if talk is not None and talk.outline.speaker:
        allowed.add(talk.outline.speaker.casefold())
    for key in ("author", "last modified by", "manager"):
        value = deck.properties.get(key, "").strip()
        if value and value.casefold() not in allowed:
            yield warning(
                where(deck, place=f"document properties, {key}"),
                "personal-data",
                f"the file names '{value}' as its {key}: a person's name or user name, "
                "which everyone given the file can see",
                "clear it (PowerPoint: File > Info > Check for Issues > Inspect Document)",
            )
    for said in deck.texts:
        if (said.slide is None or said.place.startswith("picture")) and _LOCAL_PATH.search(
            said.text
        ):
            yield warning(
                where(deck, said),
                "local-path",
                f"'{said.text}' is a path on someone's computer, which may name their user account",
                "clear it or write what it means in words",
            )


def _left_in_file(deck: DeckFile) -> Iterator[Diagnostic]:
    for said in deck.comments:
        shown = f": “{said.text}”" if said.text else ""
        yield warning(
            where(deck, said),
            "comment-left",
            f"a comment is left in the file{shown}; everyone given the file can read it",
            "delete the comments before the deck is shared",
        )
    for slide in deck.slides:
        if slide.hidden:
            yield warning(
                Location(deck.path, place=f"slide {slide.number}"),
                "slide-hidden",
                f"slide {slide.number} is hidden: it is not shown, but stays in the file "
                "for anyone given it",
                "delete it, or show it; hidden slides are checked like every other",
            )


def _accessibility(deck: DeckFile) -> Iterator[Diagnostic]:
    titles: dict[str, int] = {}
    for slide in deck.slides:
        here = Location(deck.path, place=f"slide {slide.number}")
        if slide.title is None:
            yield warning(
                here,
                "title-missing",
                f"slide {slide.number} has no title, so people using a screen reader "
                "cannot find it",
                "give it a title in its title box (it may be hidden off the slide)",
            )
        else:
            first = titles.setdefault(slide.title, slide.number)
            if first != slide.number:
                yield warning(
                    here,
                    "title-duplicate",
                    f"slide {slide.number} has the same title as slide {first} "
                    f"(“{slide.title}”), so a screen reader cannot tell them apart",
                    "give each slide its own title, like “… (continued)”",
                )
            if not slide.title_first:
                yield warning(
                    here,
                    "reading-order",
                    f"the reading order of slide {slide.number} does not start with its title",
                    "move the title to the bottom of the Selection Pane's list (it is read bottom-up)",
                )
        for text, color, background in slide.colors:
            ratio = contrast(color, background)
            if ratio < MIN_CONTRAST:
                yield warning(
                    Location(deck.path, place=f"slide {slide.number}, text"),
                    "low-contrast",
                    f"“{text}” is #{color} on #{background}, a contrast of {ratio:.1f}:1, "
                    f"below the {MIN_CONTRAST}:1 the theme keeps",
                    "use the theme's text color",
                )
    for picture in deck.pictures:
        at = Location(deck.path, place=f"slide {picture.slide}, picture alt text")
        if picture.decorative:
            continue
        if not picture.descr.strip():
            yield error(
                at,
                "alt-missing",
                f"picture '{picture.name}' has no alt text, so people who cannot see it "
                "miss what it shows",
                "say in a sentence what it shows (or mark it decorative)",
            )
        elif _FILE_NAME.match(picture.descr.strip()):
            yield error(
                at,
                "alt-missing",
                f"the alt text of picture '{picture.name}' is only a file name "
                f"('{picture.descr.strip()}')",
                "say in a sentence what it shows (or mark it decorative)",
            )
