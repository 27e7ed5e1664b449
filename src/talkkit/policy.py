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
import ipaddress
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
    """A name (or, with `detail`, an identifying detail) that must never be shown, and whose it is."""

    name: str
    story: Story
    narrator: Narrator
    detail: bool = False

    @property
    def whose(self) -> str:
        return f"narrator '{self.narrator.id}' of '{self.story.id}'"

    @property
    def code(self) -> str:
        """The diagnostic code of a match: `identifying-detail` or `withheld-name`."""
        return "identifying-detail" if self.detail else "withheld-name"

    @property
    def kind(self) -> str:
        return "an identifying detail" if self.detail else "a name"

    def hint(self) -> str:
        return f"speak of them only as “{self.narrator.shown_as}”"


class WithheldNames:
    """Every name and identifying detail a library withholds, ready to be found in any text.

    Names come first, so a text holding both is reported for the name.

    A match is case-insensitive (Unicode case folding), on whole words, and
    takes any run of spaces, line breaks or hyphens between the words of a
    name as the same: "Kang Jihyun", "KANG-JIHYUN" and "kang\\n jihyun" are one
    name. A name with no letter or digit is ignored.

    A name in Hangul (a narrator's `withheld_hangul`) is found with or without
    spaces between its syllables (강지현, 강 지현) and with the particles Korean
    attaches to a name (강지현의, 강지현은, 지현이가), as "Jihyun's" is found.
    """

    def __init__(self, stories: Iterable[Story]):
        stories = list(stories)
        self.names: list[Withheld] = [
            Withheld(name, story, narrator)
            for story in stories
            for narrator in story.narrators
            for name in [*narrator.withheld_names, *narrator.withheld_hangul.values()]
            if re.search(r"\w", name)
        ] + [
            Withheld(detail, story, narrator, detail=True)
            for story in stories
            for narrator in story.narrators
            for detail in narrator.identifying_details
            if re.search(r"\w", detail)
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


_HANGUL_SYLLABLE = "\uac00-\ud7a3"
_HANGUL_PARTICLES = rf"(?![^\W{_HANGUL_SYLLABLE}])"
"""After a Hangul name: no other letter or digit, but any Hangul (the particles Korean attaches)."""


def _pattern(name: str) -> re.Pattern[str]:
    plain = [w for w in re.split(_BETWEEN_WORDS, _fold(name).strip()) if w]
    words = [re.escape(w) for w in plain]
    if plain and re.search(f"[{_HANGUL_SYLLABLE}]$", plain[-1]):
        within = _BETWEEN_WORDS[:-1] + "*"
        spaced = [within.join(re.escape(ch) for ch in word) for word in plain]
        return re.compile(r"(?<!\w)" + _BETWEEN_WORDS.join(spaced) + _HANGUL_PARTICLES)
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


def talk_donate_action(
    named: Mapping[str, Action], library: Mapping[str, Action], *, donate_slide: bool
) -> tuple[Action | None, bool]:
    """The donate action of a talk, and whether the library lends it.

    The donate action among the actions the talk names; when it names none and
    has a donate slide, the library's (lent to the slide). None when neither.
    """
    own = donate_action(named)
    if own is not None or not donate_slide:
        return own, False
    lent = donate_action(library)
    return lent, lent is not None


def donate_link(action: Action | None, links: Mapping[str, str]) -> str | None:
    """The one link every donate address of a talk leads to: slide, QR codes, notes, handout.

    The donate action's own link when talkkit.yaml has it: the slide shows the
    action's title and text and the handout prints the action, so its address
    goes with them. Without one, talkkit.yaml's `donate` link. None when
    neither is configured.
    """
    if action is not None and action.link in links:
        return action.link
    return "donate" if "donate" in links else None


# --- addresses ------------------------------------------------------------------------------


SHORTENERS = frozenset(
    [
        "bit.ly",
        "bitly.com",
        "buff.ly",
        "cutt.ly",
        "goo.gl",
        "is.gd",
        "lnkd.in",
        "ow.ly",
        "qrco.de",
        "rb.gy",
        "rebrand.ly",
        "s.id",
        "shorturl.at",
        "t.co",
        "t.ly",
        "tiny.cc",
        "tinyurl.com",
        "tr.im",
        "trib.al",
        "v.gd",
    ]
)
"""Hosts of link shorteners: an address through one of them hides where it leads."""

_COMMON_TLDS = frozenset(
    [
        "com",
        "org",
        "net",
        "edu",
        "gov",
        "mil",
        "int",
        "info",
        "biz",
        "io",
        "ly",
        "co",
        "kr",
        "kp",
        "uk",
        "us",
        "ca",
        "au",
        "de",
        "fr",
        "jp",
        "cn",
        "ru",
        "ch",
        "nl",
        "be",
        "eu",
        "in",
        "it",
        "es",
        "me",
        "app",
        "ai",
        "gl",
        "to",
        "tv",
        "cc",
        "xyz",
        "site",
        "online",
        "page",
        "link",
        "ee",
        "at",
    ]
)

_ADDRESS = re.compile(
    r"(?<![\w@.\-/:])"
    r"(?P<scheme>[a-z][a-z0-9+.\-]*://)?"
    r"(?P<user>[^\s/@<>\"“”‘’()\[\]{}]+@)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24}|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])"
    r"(?P<port>:\d+)?"
    r"(?P<path>[/?#][^\s<>\"“”]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'’”\""


@dataclass(frozen=True)
class FoundAddress:
    """An address found in a text: as written, where it starts, and as a full URL to check."""

    written: str
    start: int
    url: str


def find_addresses(text: str | None) -> list[FoundAddress]:
    """Every web address in `text`, with or without a scheme (`www.example.org/give`, `example.org/x`).

    Without a scheme, a run like `name.tld` counts as an address when it starts
    with `www.`, is followed by a path, or ends in a common top-level domain, so
    `e.g.` or `talkkit.yaml` are not addresses. An e-mail address
    (`name@example.org`) is not a web address; `example.org@evil.com` is.
    Punctuation that ends a sentence is not part of the address.
    """
    found: list[FoundAddress] = []
    for match in _ADDRESS.finditer(text or ""):
        written = match.group(0)
        while written and written[-1] in _TRAILING:
            if written[-1] == ")" and written.count("(") >= written.count(")"):
                break
            written = written[:-1]
        scheme, user, host = match.group("scheme"), match.group("user"), match.group("host")
        path = match.group("path") or ""
        if not scheme:
            tld = host.rsplit(".", 1)[-1].lower()
            named = host.lower().startswith("www.") or tld in _COMMON_TLDS or _is_ip(host)
            if user:
                before = user[:-1].rsplit(".", 1)
                if not path.strip(_TRAILING) and (
                    len(before) < 2 or before[1].lower() not in _COMMON_TLDS
                ):
                    continue  # an e-mail address
            elif not (named or path.strip(_TRAILING)):
                continue
            if not named and not path.strip(_TRAILING) and not user:
                continue
        url = written if scheme else "https://" + written
        found.append(FoundAddress(written, match.start(), url))
    return found


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def host_allowed(host: str, domains: Iterable[str]) -> bool:
    """Whether `host` is one of `domains` or a subdomain of one (compared whole, case-insensitively)."""
    host = host.lower().rstrip(".")
    for domain in domains:
        domain = domain.lower().strip().strip(".")
        if domain and (host == domain or host.endswith("." + domain)):
            return True
    return False


def url_problem(
    url: str, domains: list[str] | None, *, written: str | None = None
) -> tuple[str, str, str] | None:
    """What is wrong with an address (code, message, hint), or None; domains None: any host.

    The one rule for configured links and for addresses found in text;
    `written` is how a message quotes the address (as typed, perhaps without
    a scheme).
    """
    shown = written or url
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        _ = parts.port
    except ValueError:
        return (
            "link-invalid",
            f"'{shown}' is not a web address",
            "write it like https://example.org/",
        )
    if parts.scheme.lower() != "https" or not host:
        if host and parts.scheme.lower() == "http":
            return (
                "link-insecure",
                f"'{shown}' is not https",
                "use the https:// address; browsers and QR readers warn about plain http",
            )
        return (
            "link-invalid",
            f"'{shown}' is not a web address",
            "write it like https://example.org/",
        )
    if parts.username or parts.password:
        return (
            "link-domain",
            f"'{shown}' hides its real host ('{host}') behind a user name",
            "write the address without anything before '@'",
        )
    if _is_ip(host):
        return (
            "link-ip-address",
            f"'{shown}' goes to a bare IP address ('{host}'), not to a named site",
            "use the organization's own address, like https://www.example.org/",
        )
    if host.lower().rstrip(".") in SHORTENERS:
        return (
            "link-shortener",
            f"'{shown}' is a shortened link ('{host}'): nobody can see where it leads",
            "use the full address on the organization's own site",
        )
    if domains is not None and not host_allowed(host, domains):
        return (
            "link-domain",
            f"'{shown}' goes to '{host}', which is not an allowed domain "
            f"(talkkit.yaml allowed_domains: {', '.join(domains)})",
            "point it to the organization's own site, or ask staff to allow the domain",
        )
    return None
