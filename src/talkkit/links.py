"""Links: the rule every address a talk shows obeys, finding addresses in text, and tracking.

One rule (`url_problem`) holds for talkkit.yaml's links and for every address
typed into a text that reaches an output: https, a host on an allowed domain
(compared at a label boundary), no user name before the host, no IP address,
no link shortener.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from talkkit.models import Config

TrackedMedium = Literal["slides", "handout"]

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


def host_allowed(host: str, domains: list[str]) -> bool:
    """Whether `host` is one of `domains` or a subdomain of one (compared whole, case-insensitively)."""
    host = host.lower().rstrip(".")
    for domain in domains:
        domain = domain.lower().strip().rstrip(".")
        if host == domain or host.endswith("." + domain):
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


def tracked_url(config: Config, url: str, *, medium: TrackedMedium, campaign: str) -> str:
    """`url` with utm_source, utm_medium and utm_campaign set (replacing any already there).

    Other query parameters and the fragment are kept; the parameters are added
    in a fixed order, so the same event always gets the same address.
    """
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    tracking = [
        ("utm_source", config.tracking.source),
        ("utm_medium", config.tracking.medium.get(medium, medium)),
        ("utm_campaign", campaign),
    ]
    return urlunsplit(parts._replace(query=urlencode(kept + tracking)))


def link_url(config: Config, key: str, *, medium: TrackedMedium, campaign: str) -> str:
    """The tracked address of one of talkkit.yaml's links, by name (donate, fundraise ...)."""
    return tracked_url(config, config.links[key], medium=medium, campaign=campaign)


def display_url(url: str) -> str:
    """An address as people read and type it: no scheme, no tracking, no trailing slash."""
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    text = parts.netloc + parts.path.rstrip("/")
    if kept:
        text += "?" + urlencode(kept)
    return text
