"""Links: every address a talk shows or prints as a QR code is https, on an allowed domain, and tracked well.

The addresses are talkkit.yaml's `links` and the organization's website, each
as a talk shows it (with utm_source, utm_medium and utm_campaign added). A
domain is allowed when the address's host is one of `allowed_domains` or
below one of them; hosts are compared whole, so `example.org.evil.com` is not
`example.org`. Sources in content/sources.yaml must be https too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, Location, did_you_mean, error
from talkkit.models import Config
from talkkit.policy import find_addresses, url_problem
from talkkit.resolve import Talk
from talkkit.text.shown import (
    Shown,
    library_texts,
    outline_texts,
    position_in_file,
    talk_library_texts,
)

_TRACKING_VALUE = re.compile(r"^[a-z0-9_-]+$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


_TEXT_HINT = "or put the link on the donate or actions slide, whose links are tracked"


def text_address_problems(
    texts: Iterable[Shown], domains: list[str], given: Given
) -> Iterator[Diagnostic]:
    """Every address typed into these texts that breaks the rule configured links obey.

    Each is reported where the address itself is written.
    """
    for shown in texts:
        for address in find_addresses(shown.text):
            problem = url_problem(address.url, domains, written=address.written)
            if problem:
                code, message, hint = problem
                yield error(
                    position_in_file(shown.location, address.written, given.file_text),
                    code,
                    f"{shown.what}: {message}",
                    f"{hint}; {_TEXT_HINT}",
                )


def _config_links(config: Config) -> Iterator[tuple[str, str, Location]]:
    where = config.location("organization", "website")
    yield "the organization's website", config.organization.website, where
    for name, url in config.links.items():
        yield f"link '{name}'", url, config.location("links", name)


def _config_problems(config: Config) -> Iterator[Diagnostic]:
    domains = list(config.allowed_domains)
    for index, domain in enumerate(domains):
        if not re.fullmatch(
            r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+",
            domain.strip().lower(),
        ):
            yield error(
                config.location("allowed_domains", index),
                "link-invalid",
                f"'{domain}' is not a domain name",
                "write only the domain, like example.org (no https://, no path)",
            )
    for what, url, where in _config_links(config):
        problem = url_problem(url, domains)
        if problem:
            code, message, hint = problem
            yield error(where, code, f"{what}: {message}", hint)
    tracking = config.tracking
    values = [("source", tracking.source, config.location("tracking", "source"))]
    values += [
        (f"medium for {medium}", value, config.location("tracking", "medium", medium))
        for medium, value in tracking.medium.items()
    ]
    for what, value, where in values:
        if not _TRACKING_VALUE.match(value):
            yield error(
                where,
                "tracking-invalid",
                f"the tracking {what} '{value}' is not a plain word",
                "use lower-case letters, digits, '-' and '_' only",
            )


def talk_links(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """The addresses the talk may show, the links its slides need, and its tracking campaign."""
    config = talk.config
    yield from _config_problems(config)
    domains = list(config.allowed_domains)
    yield from text_address_problems(outline_texts(talk), domains, given)
    yield from text_address_problems(talk_library_texts(talk), domains, given)
    if talk.event.campaign is None and not _SLUG.match(talk.name):
        yield error(
            talk.location(),
            "campaign-invalid",
            f"the file name '{talk.path.name}' cannot name the talk's tracking campaign: "
            "it is not lower-case words joined by hyphens",
            "rename the file (like lincoln-high-2027-03.yaml) or set `campaign:` under `event:`",
        )
    for slide in talk.slides:
        keys = [
            (a.link, f"action '{a.id}'", slide.location("actions", i))
            for i, a in enumerate(slide.actions)
        ]
        if slide.kind == "donate":
            # The donate target by the policy's rule (policy.donate_link): when talkkit.yaml has
            # neither, the link the donate action names, else `donate`, is the one missing.
            target = talk.donate_link or (talk.donate.link if talk.donate else "donate")
            keys.append((target, "a donate slide", slide.location("kind")))
        for key, what, where in keys:
            if key not in config.links:
                yield error(
                    where or talk.location(),
                    "unknown-link",
                    f"{what} needs the link '{key}', which talkkit.yaml does not have",
                    did_you_mean(key, config.links, what="links"),
                )


def library_links(given: Given) -> Iterator[Diagnostic]:
    """talkkit.yaml's addresses and tracking values; the addresses of sources and in the library's texts."""
    yield from _config_problems(given.config)
    domains = list(given.config.allowed_domains)
    yield from text_address_problems(library_texts(given.library), domains, given)
    for source in given.library.sources.values():
        if source.url is None:
            continue
        problem = url_problem(source.url, None)
        if problem:
            code, message, hint = problem
            yield error(source.location("url"), code, f"source '{source.id}': {message}", hint)
