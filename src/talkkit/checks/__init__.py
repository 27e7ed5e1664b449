"""Check: a resolved talk (and what the rules are given) -> diagnostics. Rules never raise, write or read.

Each family of rules lives in a module of this package; the lists below name
every rule and the codes it may report, in the order they run. A talk rule
gets the talk and the `Given` (settings, library, approvals, themes, image
problems, today); a library rule gets the `Given` alone. Every code has an
entry in docs/checks.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from talkkit.checks import (
    accessibility,
    audience,
    consent,
    deck,
    event,
    fit,
    freshness,
    identity,
    links,
    printable,
    purpose,
    quotes,
    timing,
)
from talkkit.checks._common import Given, TalkDate, talk_date
from talkkit.diagnostics import Diagnostic
from talkkit.resolve import Talk

__all__ = [
    "DECK_RULES",
    "LIBRARY_RULES",
    "PRINTED_RULES",
    "TALK_RULES",
    "Given",
    "Rule",
    "TalkDate",
    "check_library",
    "check_talk",
    "talk_date",
]


@dataclass(frozen=True)
class Rule:
    """A rule: the codes it may report and the function that finds them."""

    codes: tuple[str, ...]
    func: Callable[..., Iterable[Diagnostic]]


ADDRESS_CODES = (
    "link-invalid",
    "link-insecure",
    "link-domain",
    "link-ip-address",
    "link-shortener",
)
"""What `policy.url_problem` may say of an address, configured or typed into a text."""

TALK_RULES: tuple[Rule, ...] = (
    Rule(("alt-missing", "alt-poor"), accessibility.image_alt),
    Rule(("beyond-audience", "content-note-missing"), audience.audience),
    Rule(("consent-withdrawn", "consent-expired", "consent-medium"), consent.consent),
    Rule(
        (
            "template-broken",
            "low-contrast",
            "font-substituted",
            "text-overflow",
            "image-unsupported",
        ),
        fit.deck_fits,
    ),
    Rule(("event-past", "speaker-missing"), event.event_details),
    Rule(("fact-stale", "fact-outdated", "fact-undated"), freshness.freshness),
    Rule(("withheld-name", "identifying-detail", "photo-not-allowed"), identity.identity),
    Rule(
        (*ADDRESS_CODES, "tracking-invalid", "campaign-invalid", "unknown-link"),
        links.talk_links,
    ),
    Rule(("unprintable-character",), printable.unprintable),
    Rule(("no-call-to-action",), purpose.call_to_action),
    Rule(
        (
            "quote-unapproved",
            "quote-changed",
            "library-broken",
            "quote-not-in-source",
            "quotes-unverified",
        ),
        quotes.quotes_in_talk,
    ),
    Rule(("time-budget",), timing.time_budget),
)
"""The rules run on every resolved talk: `func(talk, given)`."""

PRINTED_RULES: tuple[Rule, ...] = (
    Rule(("handout-too-long", "handout-broken"), printable.handout_prints),
)
"""The rules that typeset a printed output as the build does: `func(talk, given)`. They run
only for a talk the other rules find no error in (a talk with an error is not built)."""

LIBRARY_RULES: tuple[Rule, ...] = (
    Rule(("alt-missing", "alt-poor"), accessibility.library_alt),
    Rule(("audience-inconsistent",), audience.excerpt_audiences),
    Rule(("fact-undated",), freshness.undated_facts),
    Rule(
        (
            "withheld-name",
            "identifying-detail",
            "protected-photos",
            "withheld-names-missing",
            "unknown-narrator",
        ),
        identity.library_identity,
    ),
    Rule(
        (*ADDRESS_CODES, "tracking-invalid"),
        links.library_links,
    ),
    Rule(
        ("quote-unapproved", "quote-changed", "quote-not-in-source", "quotes-unverified"),
        quotes.quotes_in_library,
    ),
)
"""The rules run once on the workspace's settings and library: `func(given)`."""


DECK_RULES: tuple[Rule, ...] = (Rule(deck.CODES, deck.audit_deck),)
"""The rules run on a deck read back from a .pptx: `func(deck, given, talk or None)`."""


def check_talk(talk: Talk, given: Given) -> list[Diagnostic]:
    """Every problem the talk rules find in one talk (and the printed rules, when none is an error)."""
    found = [d for rule in TALK_RULES for d in rule.func(talk, given)]
    if not any(d.severity == "error" for d in found):
        found.extend(d for rule in PRINTED_RULES for d in rule.func(talk, given))
    return found


def check_library(given: Given) -> list[Diagnostic]:
    """Every problem the library rules find."""
    return [d for rule in LIBRARY_RULES for d in rule.func(given)]


def rule_codes() -> set[str]:
    """Every code a rule may report."""
    return {
        code
        for rule in (*TALK_RULES, *PRINTED_RULES, *LIBRARY_RULES, *DECK_RULES)
        for code in rule.codes
    }
