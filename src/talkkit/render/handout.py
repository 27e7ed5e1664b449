"""The printed handout: the event, one excerpt, the talk's facts with sources, and ways to help.

Made from templates/<theme>/handout.html.j2 and handout.css. Only what the
audience may be shown on paper is printed: an excerpt whose warnings are all
in the audience's `allow` (paper carries no speaker note), from a story whose
consent covers handouts on the event's day, named as the library allows; facts
whose warnings the audience allows. QR codes carry the event's tracked links.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from talkkit.errors import RenderError
from talkkit.links import display_url, link_url
from talkkit.models import Action, Excerpt, Story
from talkkit.policy import consent_covers, donate_action, suits, url_problem
from talkkit.render.html import (
    HALF_PAPER_SIZES,
    PAPER_SIZES,
    PdfInfo,
    Renderer,
    environment,
    fit,
    inline_svg,
    render_template,
)
from talkkit.render.printed import Citations, Guard, as_of, common_context, pdf_info
from talkkit.render.qr import QUIET_ZONE, modules, qr_svg
from talkkit.resolve import Talk

TEMPLATE = "handout.html.j2"
SHORT_EXCERPT_WORDS = 45
"""The longest excerpt, in words, the handout quotes."""
QR_WIDTH_CM = 3.2
"""The printed width of a QR code, quiet zone included, unless the code needs more."""
QR_CODE_MIN_CM = 2.55
"""The smallest printed width of the code itself, inside its quiet zone (at least 2.5 cm)."""
MAX_PAGES = 2
"""One sheet, printed on both sides."""


def render_handout(talk: Talk, *, paper: str, half: bool = False) -> bytes:
    """The handout PDF of a talk on `paper` (letter or a4): one sheet, front and back.

    With `half`, two copies of a half-size handout (half-letter or A5) side by
    side on each landscape page, to print double-sided and cut in two; raises
    RenderError when the handout does not fit a half sheet.
    """
    context = handout_context(talk, paper=paper, half=half)
    renderer = Renderer(talk.workspace, talk.theme)
    env = environment(talk.workspace, talk.theme)
    width, height = (HALF_PAPER_SIZES if half else PAPER_SIZES)[paper]
    page_css = _page_rules(width, height, qr_width([a["url"] for a in context["actions"]]))

    def layout(density: int):
        html = render_template(env, TEMPLATE, {**context, "density": density})
        return renderer.layout(html, page_css=page_css)

    document, _ = fit(layout, max_pages=MAX_PAGES)
    if half and len(document.pages) > MAX_PAGES:
        raise RenderError(
            f"the handout of {talk.name} does not fit a half sheet ({len(document.pages)} "
            "half pages for 2 sides); print the full-size handout instead"
        )
    info = pdf_info(talk, "handout")
    pdf = renderer.write(document, info)
    if half:
        pdf = two_up(pdf, paper=paper, renderer=renderer, info=info)
    return pdf


def handout_html(talk: Talk, *, paper: str, half: bool = False, density: int = 0) -> str:
    """The HTML the handout's PDF is laid out from, at one density."""
    context = handout_context(talk, paper=paper, half=half)
    env = environment(talk.workspace, talk.theme)
    return render_template(env, TEMPLATE, {**context, "density": density})


def qr_width(urls: list[str]) -> float:
    """The printed width in cm, quiet zone included, that gives each code at least QR_CODE_MIN_CM."""
    width = QR_WIDTH_CM
    for url in urls:
        total = modules(url)
        width = max(width, QR_CODE_MIN_CM * total / (total - 2 * QUIET_ZONE))
    return round(width, 2)


def _page_rules(width: str, height: str, qr_cm: float) -> str:
    """The page size and QR code size, which templates and their CSS cannot change."""
    return (
        f"@page {{ size: {width} {height} !important; }}\n"
        f"svg.qr {{ width: {qr_cm}cm !important; height: {qr_cm}cm !important;"
        " min-width: 0 !important; max-width: none !important; display: block !important;"
        " visibility: visible !important; opacity: 1 !important; }\n"
    )


def handout_context(talk: Talk, *, paper: str, half: bool = False) -> dict[str, Any]:
    """The values handout.html.j2 gets (see the README's section on templates)."""
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
        sources=citations.by_source(),
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


def _donate_action(talk: Talk, actions: list[Action]) -> Action | None:
    """The donate action a donate slide stands for, when the talk's actions lack one."""
    if any(a.link == "donate" for a in actions):
        return None
    if not any(s.kind == "donate" for s in talk.slides):
        return None
    return donate_action(talk.library.actions)


def handout_actions(talk: Talk, guard: Guard) -> list[dict[str, Any]]:
    """Each way to help: title, text, tracked url, the url as people type it, and its QR code."""
    actions = list(talk.actions())
    extra = _donate_action(talk, actions)
    if extra is not None:
        actions.append(extra)
    donate_slide = next((s.slide for s in talk.slides if s.kind == "donate"), None)
    allowed = list(talk.config.allowed_domains)
    views = []
    for action in actions:
        if action.link not in talk.config.links:
            raise RenderError(f"no link '{action.link}' in talkkit.yaml for action '{action.id}'")
        url = link_url(talk.config, action.link, medium="handout", campaign=talk.campaign)
        problem = url_problem(url, allowed)
        if problem is not None:
            raise RenderError(
                f"the link '{action.link}': {problem[1]}; "
                "the handout prints no QR code to an address the checks refuse"
            )
        donate = action.link == "donate"
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
                "qr": inline_svg(qr_svg(url), "qr", f"QR code: {display_url(url)}"),
                "donate": donate,
            }
        )
    return views


def two_up(pdf: bytes, *, paper: str, renderer: Renderer, info: PdfInfo) -> bytes:
    """Each page of a half-size PDF twice, side by side on a landscape sheet, with a dashed cut line."""
    from pypdf import PdfReader, PdfWriter, Transformation

    width, height = PAPER_SIZES[paper]
    sheet_html = (
        '<html><body><div style="position: absolute; left: 50%; top: 6mm; bottom: 6mm;'
        ' border-left: 0.6pt dashed #888"></div></body></html>'
    )
    layout = renderer.layout(
        sheet_html, page_css=f"@page {{ size: {height} {width} !important; margin: 0 }}"
    )
    sheet = PdfReader(io.BytesIO(renderer.write(layout, info))).pages[0]
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:
        half = float(page.mediabox.width)
        blank = writer.add_blank_page(float(sheet.mediabox.width), float(sheet.mediabox.height))
        blank.merge_transformed_page(page, Transformation())
        blank.merge_transformed_page(page, Transformation().translate(tx=half, ty=0))
        blank.merge_page(sheet)
        blank.compress_content_streams()
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
