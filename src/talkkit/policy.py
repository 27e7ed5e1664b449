"""The safety rules, each written once, for the checks, every renderer and the library listing.

Whether an excerpt or fact suits an audience, whether consent covers a use on
a day, whether a photo of a person may be shown, where a withheld name appears
in a text, which action is the donate action, and whether an address may be
shown. Nothing else in talkkit decides these; a new output or front end calls
these functions instead of writing its own copy. The rules depend on the
library's models only, so every stage above may use them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from talkkit.models import Action, Audience, Config, Consent, Narrator, Story

# --- audience -------------------------------------------------------------------------------


WarningLevel = Literal["allowed", "with-note", "not-allowed"]


def warning_level(rule: Audience, warning: str) -> WarningLevel:
    """Whether an audience may be shown a content warning: freely, only after a content note, or not."""
    if warning in rule.allow:
        return "allowed"
    if warning in rule.allow_with_note:
        return "with-note"
    return "not-allowed"


def beyond(rule: Audience, warnings: Iterable[str], *, note: bool = True) -> list[str]:
    """The warnings an audience may not be shown; with `note=False`, those needing a note too."""
    allowed: tuple[WarningLevel, ...] = ("allowed", "with-note") if note else ("allowed",)
    return [w for w in warnings if warning_level(rule, w) not in allowed]


def too_young(config: Config, audience: str, youngest: str) -> Audience | None:
    """The entry's youngest audience when it is older than `audience` (None when not, or unknown)."""
    floor = config.audiences.get(youngest)
    if floor is not None and floor.min_age > config.audiences[audience].min_age:
        return floor
    return None


def suits(
    config: Config, audience: str, youngest: str | None, warnings: list[str], *, note: bool = True
) -> bool:
    """Whether an entry with these warnings (and youngest suitable audience) may go before `audience`.

    An entry whose `youngest` audience is unknown, or older than `audience`,
    never suits. With `note=False` (paper, where no speaker prepares the
    audience), warnings the audience may be shown only with a note do not
    count as allowed.
    """
    if youngest is not None and (
        youngest not in config.audiences or too_young(config, audience, youngest) is not None
    ):
        return False
    return not beyond(config.audiences[audience], warnings, note=note)


# --- consent --------------------------------------------------------------------------------

ConsentEnd = Literal["withdrawn", "expired"]


def consent_ended(consent: Consent, day: dt.date) -> ConsentEnd | None:
    """Why consent no longer holds on `day` ("withdrawn", "expired"), or None while it holds.

    Withdrawn consent ends every use whatever the date; consent that expires
    on `day` still holds that day.
    """
    if consent.withdrawn is not None:
        return "withdrawn"
    if consent.expires is not None and consent.expires < day:
        return "expired"
    return None


def consent_covers(consent: Consent, medium: str, day: dt.date) -> bool:
    """Whether a story may be used on `medium` (slides, handout, recording) on `day`."""
    return medium in consent.media and consent_ended(consent, day) is None


# --- photos ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoRefusal:
    """Why a person an image shows may not be shown: unknown, protected, or no leave given."""

    person: str
    reason: Literal["unknown", "protected", "not-allowed"]
    story: Story | None = None
    narrator: Narrator | None = None

    @property
    def shown_as(self) -> str:
        """How an error may name them: the narrator's shown_as, or the id for an unknown person."""
        return self.narrator.shown_as if self.narrator is not None else f"'{self.person}'"


def narrators_by_id(stories: Iterable[Story]) -> dict[str, tuple[Story, Narrator]]:
    """Every narrator by id, with the story it belongs to (the first story, for a shared id)."""
    found: dict[str, tuple[Story, Narrator]] = {}
    for story in stories:
        for narrator in story.narrators:
            found.setdefault(narrator.id, (story, narrator))
    return found


def photo_refusal(
    person: str, narrators: Mapping[str, tuple[Story, Narrator]]
) -> PhotoRefusal | None:
    """Why a photo of `person` may not be shown, or None when it may.

    A photo may be shown only of a known narrator who allows photos and whose
    identity is not protected; talkkit cannot vouch for anyone else.
    """
    known = narrators.get(person)
    if known is None:
        return PhotoRefusal(person, "unknown")
    story, narrator = known
    if narrator.identity == "protected":
        return PhotoRefusal(person, "protected", story, narrator)
    if not narrator.photos_allowed:
        return PhotoRefusal(person, "not-allowed", story, narrator)
    return None


def photo_refusals(shows_people: Iterable[str], stories: Iterable[Story]) -> list[PhotoRefusal]:
    """The refusals for every person an image shows, in the image's order."""
    narrators = narrators_by_id(stories)
    return [r for p in shows_people if (r := photo_refusal(p, narrators)) is not None]


# --- withheld names -------------------------------------------------------------------------

_BETWEEN_WORDS = r"[\s\-\u2010\u2011]+"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class Withheld:
    """A name that must never be shown, and whose it is."""

    name: str
    story: Story
    narrator: Narrator

    @property
    def whose(self) -> str:
        return f"narrator '{self.narrator.id}' of '{self.story.id}'"

    def hint(self) -> str:
        return f"speak of them only as “{self.narrator.shown_as}”"


class WithheldNames:
    """Every name a library withholds, ready to be found in any text.

    A match is case-insensitive (Unicode case folding), on whole words, and
    takes any run of spaces, line breaks or hyphens between the words of a
    name as the same: "Kang Jihyun", "KANG-JIHYUN" and "kang\\n jihyun" are one
    name. A name with no letter or digit is ignored.
    """

    def __init__(self, stories: Iterable[Story]):
        self.names: list[Withheld] = [
            Withheld(name, story, narrator)
            for story in stories
            for narrator in story.narrators
            for name in narrator.withheld_names
            if re.search(r"\w", name)
        ]
        self._patterns = [(w, _pattern(w.name)) for w in self.names]

    def __bool__(self) -> bool:
        return bool(self.names)

    def find(self, text: str | None) -> Withheld | None:
        """The first withheld name that `text` contains, if any."""
        if not text or not self._patterns:
            return None
        folded = _fold(text)
        return next((w for w, pattern in self._patterns if pattern.search(folded)), None)


def _pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(_BETWEEN_WORDS, _fold(name).strip()) if w]
    return re.compile(r"(?<!\w)" + _BETWEEN_WORDS.join(words) + r"(?!\w)")


# --- the donate action ----------------------------------------------------------------------


def donate_action(actions: Mapping[str, Action]) -> Action | None:
    """The action a donate slide stands for: the action with id `donate`, else the first linking to `donate`.

    None when the library has neither; nothing is made up in its place.
    """
    found = actions.get("donate")
    if found is not None:
        return found
    return next((a for a in actions.values() if a.link == "donate"), None)


# --- addresses ------------------------------------------------------------------------------


def host_allowed(host: str, domains: Iterable[str]) -> bool:
    """Whether `host` is one of `domains` or a subdomain of one (compared whole, case-insensitively)."""
    host = host.lower().rstrip(".")
    for domain in domains:
        domain = domain.lower().strip().strip(".")
        if domain and (host == domain or host.endswith("." + domain)):
            return True
    return False


def url_problem(url: str, domains: list[str] | None) -> tuple[str, str, str] | None:
    """What is wrong with an address (code, message, hint), or None; domains None: any host.

    An address may be shown only when it is https, names its host plainly (no
    user name before '@') and, with `domains`, goes to one of them.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        _ = parts.port
    except ValueError:
        return "link-invalid", f"'{url}' is not a web address", "write it like https://example.org/"
    if parts.scheme.lower() != "https" or not host:
        if host and parts.scheme.lower() == "http":
            return (
                "link-insecure",
                f"'{url}' is not https",
                "use the https:// address; browsers and QR readers warn about plain http",
            )
        return "link-invalid", f"'{url}' is not a web address", "write it like https://example.org/"
    if parts.username or parts.password:
        return (
            "link-domain",
            f"'{url}' hides its real host ('{host}') behind a user name",
            "write the address without anything before '@'",
        )
    if domains is not None and not host_allowed(host, domains):
        return (
            "link-domain",
            f"'{url}' goes to '{host}', which is not an allowed domain "
            f"(talkkit.yaml allowed_domains: {', '.join(domains)})",
            "point it to the organization's own site, or ask staff to allow the domain",
        )
    return None


def address_allowed(url: str, domains: list[str]) -> bool:
    """Whether an address may be shown or printed as a QR code (see `url_problem`)."""
    return url_problem(url, domains) is None
