"""The printed handout: the event, one excerpt, the talk's facts with sources, and ways to help.

Typeset by Typst from templates/<theme>/handout.typ (and common.typ). Only what the
audience may be shown on paper is printed: an excerpt whose warnings are all
in the audience's `allow` (paper carries no speaker note), from a story whose
consent covers handouts on the event's day, named as the library allows; facts
whose warnings the audience allows. QR codes carry the event's tracked links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from talkkit import __version__
from talkkit.cache import Digests, cached, file_digest
from talkkit.errors import DoesNotFit, RenderError
from talkkit.links import display_url
from talkkit.models import Excerpt, Story
from talkkit.policy import consent_covers, suits, url_problem
from talkkit.render.printed import (
    TYPST_PAPERS,
    Citations,
    Guard,
    as_of,
    common_context,
    east_asian_font,
    pdf_data,
    pdf_info,
)
from talkkit.render.qr import QUIET_ZONE, modules, qr_svg
from talkkit.render.typst import Typesetter, apart, stage, theme_files
from talkkit.resolve import Talk

TEMPLATE = "handout.typ"
SHORT_EXCERPT_WORDS = 45
"""The longest excerpt, in words, the handout quotes."""
QR_WIDTH_CM = 3.2
"""The printed width of a QR code, quiet zone included, unless the code needs more."""
QR_CODE_MIN_CM = 2.55
"""The smallest printed width of the code itself, inside its quiet zone (at least 2.5 cm)."""
DENSITIES = 3
"""How many text sizes the full-size handout tries, roomiest first (the half sheet has one)."""
FIT = "<talkkit-fit>"


@apart
def render_handout(talk: Talk, *, paper: str, half: bool = False) -> bytes:
    """The handout PDF of a talk on `paper` (letter or a4): one sheet, front and back.

    The roomiest text size at which both sides fit is used. With `half`, two
    copies of a half-size handout (half-letter or A5) side by side on each
    landscape page, to print double-sided and cut in two, at one size (body
    9 pt, nothing under 8 pt). When a side does not fit even so, raises
    RenderError saying what to leave out.
    """
    data = handout_data(talk, paper=paper, half=half)
    with stage(talk.workspace, talk.theme) as staged:
        typesetter = Typesetter(staged, TEMPLATE, talk.day)
        for density in range(1 if half else DENSITIES):
            pdf, sides = typesetter.pdf({**data, "density": density}, query=FIT)
            over = overflowing(sides)
            if not over:
                return pdf
        raise DoesNotFit(too_long(talk, data, over, half=half, typesetter=typesetter))


PRINTS = "handouts"
"""The cache's kind for typeset handouts: the PDF, or why it cannot be printed."""


def checked_handout(talk: Talk, cache: Path | None, digests: Digests) -> bytes | RenderError:
    """The handout the build prints on the talk's paper, or what stops it.

    The build's own typesetting, run for the check, so that what the check
    passes the build prints, and the build writes the very bytes the check
    typeset. They are kept in `cache` under a key made of everything the
    handout is made from (its values, the day it is dated, the theme's template
    files, the fonts, and the versions of talkkit and Typst), so an unchanged
    handout is not typeset again by the next run. `digests` are the run's file
    digests.
    """
    try:
        data = handout_data(talk, paper=talk.paper)
    except RenderError as problem:
        return problem
    from importlib import metadata

    # Typst's version, without loading Typst when the handout is kept
    typst = metadata.version("typst")
    key = hashlib.sha256(f"{__version__}\0{typst}\0{talk.day}".encode())
    key.update(json.dumps(data, sort_keys=True, default=str).encode())
    fonts = talk.workspace.assets / "fonts"
    files = [*theme_files(talk.workspace, talk.theme).values()]
    files += sorted(fonts.glob("*.[ot]tf")) if fonts.is_dir() else []
    for path in files:
        key.update(path.name.encode() + b"\0" + file_digest(path, digests))

    def typeset() -> bytes:
        try:
            return b"pdf\0" + render_handout(talk, paper=talk.paper)
        except DoesNotFit as problem:
            return b"fit\0" + str(problem).encode()
        except RenderError as problem:
            return b"other\0" + str(problem).encode()

    found = cached(cache, PRINTS, key.digest(), typeset, read=_printed)
    if isinstance(found, bytes):
        return found
    kind, message = found
    return (DoesNotFit if kind == "fit" else RenderError)(message)


def _printed(stored: bytes) -> bytes | tuple[str, str]:
    """A stored handout: its PDF, or (kind, message) of why it cannot print."""
    kind, sep, rest = stored.partition(b"\0")
    if not sep or kind not in (b"pdf", b"fit", b"other"):
        raise ValueError("not a stored handout")
    if kind == b"pdf":
        if not rest.startswith(b"%PDF-") or not rest.rstrip().endswith(b"%%EOF"):
            raise ValueError("a damaged PDF")
        return rest
    return kind.decode(), rest.decode()


def overflowing(sides: list[dict[str, Any]]) -> list[str]:
    """The names of the sides whose content needs more room than the side has."""
    return [s["side"] for s in sides if s["need"] > s["room"] + 0.5]


def too_long(
    talk: Talk, data: dict[str, Any], over: list[str], *, half: bool, typesetter: Typesetter
) -> str:
    """What to leave out so that the handout fits, in plain words."""
    what = "half-sheet handout" if half else "handout"
    instead = "; or print the full-size handout (build without --half-sheet)" if half else ""
    size = "9 pt (8 pt for sources)" if half else "its smallest size, 9 pt (8 pt for sources)"
    problems = []
    if "front" in over:
        problems.append(
            f"the front does not hold the excerpt and the {len(data['actions'])} ways to help "
            f"at {size}: take an action out of the outline's actions"
        )
    if "back" in over:
        facts = data["facts"]
        keep = _facts_that_fit(data, typesetter)
        drop = facts[keep:]
        names = ", ".join(f["id"] for f in drop)
        problems.append(
            f"the back holds {keep} of the talk's {len(facts)} facts at {size}: leave out "
            f"{len(drop)} of them ({names} {'is' if len(drop) == 1 else 'are'} the last)"
        )
    return f"the {what} of {talk.name} does not fit: " + "; ".join(problems) + instead


def _facts_that_fit(data: dict[str, Any], typesetter: Typesetter) -> int:
    """How many of the first facts fit the back, at the densest size."""
    low, high = 0, len(data["facts"])
    density = 0 if data["paper"]["half"] else DENSITIES - 1
    while low < high:
        middle = (low + high + 1) // 2
        facts = data["facts"][:middle]
        _, sides = typesetter.pdf(
            {**data, "density": density, "facts": facts, "sources": data["sources"]}, query=FIT
        )
        if "back" in overflowing(sides):
            high = middle - 1
        else:
            low = middle
    return low


def handout_data(talk: Talk, *, paper: str, half: bool = False) -> dict[str, Any]:
    """Everything handout.typ gets: the values of `handout_context`, each QR code's modules,
    the paper as Typst names it (the whole sheet, for the half sheet too) and the PDF's
    title, author and language."""
    context = handout_context(talk, paper=paper, half=half)
    width = qr_width([a["url"] for a in context["actions"]])
    for action in context["actions"]:
        action["qr"] = {"svg": qr_svg(action["url"]), "width_cm": width, "alt": action["qr"]}
    context["paper"]["typst"] = TYPST_PAPERS[paper]
    context["pdf"] = pdf_data(pdf_info(talk, "handout"), east_asian_font(talk))
    context["density"] = 0
    return context


def qr_width(urls: list[str]) -> float:
    """The printed width in cm, quiet zone included, that gives each code at least QR_CODE_MIN_CM."""
    width = QR_WIDTH_CM
    for url in urls:
        total = modules(url)
        width = max(width, QR_CODE_MIN_CM * total / (total - 2 * QUIET_ZONE))
    return round(width, 2)


def handout_context(talk: Talk, *, paper: str, half: bool = False) -> dict[str, Any]:
    """The values handout.typ is given, before its QR drawings and paper (see `handout_data`)."""
    guard = Guard(talk, "handout")
    context = common_context(talk, guard, paper=paper)
    context["paper"]["half"] = half
    citations = Citations(talk, guard)

    chosen = handout_excerpt(talk, guard)
    excerpt = None
    if chosen is not None:
        story, item = chosen
        narrator = story.narrator_of(item)
        excerpt = {
            "text": item.text.strip(),
            "kind": item.kind,
            "by": narrator.shown_as,
            "story": guard(story.title, story, "title"),
            "cite": citations.cite(story.source),
        }

    facts = []
    for fact in talk.facts():
        if not suits(talk.config, talk.audience_id, None, list(fact.warnings), note=False):
            continue
        facts.append(
            {
                "id": fact.id,
                "text": guard(fact.text.strip(), fact, "text"),
                "cite": citations.cite(fact.source, fact.where, fact),
            }
        )

    context.update(
        excerpt=excerpt,
        facts=facts,
        citations=citations.entries,
        sources=[{**s, "label": number_label(s)} for s in citations.by_source()],
        actions=handout_actions(talk, guard),
    )
    return context


def suits_paper(talk: Talk, story: Story, excerpt: Excerpt, on: dt.date) -> bool:
    """Whether an excerpt may be printed for this talk's audience on the day `on`.

    Paper carries no speaker's note, so only warnings the audience is allowed
    without one may be printed.
    """
    if not suits(
        talk.config, talk.audience_id, excerpt.audience, list(excerpt.warnings), note=False
    ):
        return False
    return consent_covers(story.consent, "handout", on)


def handout_excerpt(talk: Talk, guard: Guard) -> tuple[Story, Excerpt] | None:
    """The one short excerpt the handout quotes, or None when none of the talk's may be printed.

    Among the talk's excerpts that suit paper, short enough and naming no
    withheld name: the excerpt of a quote slide first (the talk's own
    highlight), then the narrators' own words before narrative, each in the
    order the talk uses them.
    """
    on = as_of(talk)
    candidates = []
    seen = set()
    for order, slide in enumerate(talk.slides):
        if slide.story is None:
            continue
        for excerpt in slide.excerpts:
            key = (slide.story.id, excerpt.id)
            if key in seen:
                continue
            seen.add(key)
            if len(excerpt.text.split()) > SHORT_EXCERPT_WORDS:
                continue
            if guard.names_withheld(excerpt.text) or not suits_paper(
                talk, slide.story, excerpt, on
            ):
                continue
            rank = (slide.kind != "quote", excerpt.kind != "quote", order)
            candidates.append((rank, slide.story, excerpt))
    if not candidates:
        return None
    _, story, excerpt = min(candidates, key=lambda c: c[0])
    return story, excerpt


def handout_actions(talk: Talk, guard: Guard) -> list[dict[str, Any]]:
    """Each way to help: title, text, tracked url, the url as people type it, and its QR code."""
    actions = list(talk.actions())
    donate_of_talk = talk.donate
    if talk.donate_lent and donate_of_talk is not None:
        actions.append(donate_of_talk)
    donate_slide = next((s.slide for s in talk.slides if s.kind == "donate"), None)
    allowed = list(talk.config.allowed_domains)
    views = []
    for action in actions:
        donate = action is donate_of_talk
        link = (talk.donate_link or action.link) if donate else action.link
        url = talk.address(link, "handout")
        if url is None:
            raise RenderError(f"no link '{link}' in talkkit.yaml for action '{action.id}'")
        problem = url_problem(url, allowed)
        if problem is not None:
            raise RenderError(
                f"the link '{link}': {problem[1]}; "
                "the handout prints no QR code to an address the checks refuse"
            )
        text = action.text
        node, field_name = action, "text"
        if donate and donate_slide is not None and getattr(donate_slide, "text", None):
            text, node = donate_slide.text, donate_slide
        views.append(
            {
                "id": action.id,
                "title": guard(action.title, action, "title"),
                "text": guard(text.strip(), node, field_name),
                "url": url,
                "url_text": display_url(url),
                "qr": f"QR code: opens {display_url(url)}",
                "donate": donate,
            }
        )
    return views


def number_label(source: dict[str, Any]) -> str:
    """The citation numbers a source line stands for: 3, or 2–5, or 1, 4."""
    numbers = sorted([*source["numbers"], *(p["number"] for p in source["parts"])])
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
