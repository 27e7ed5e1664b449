"""What each slide says, in words: its title, the text of every placeholder and the speaker notes.

Resolving a talk calls `decide_wording` once, which stores each slide's title,
text and notes on the resolved slide; the deck, the notes, the page and the
checks read them there. Narrators are named only by `shown_as`.
"""

from __future__ import annotations

from dataclasses import replace

from talkkit.links import display_url
from talkkit.models import Excerpt, Fact, Source, Story
from talkkit.resolve.talk import ResolvedSlide, Talk
from talkkit.text.measure import Para
from talkkit.text.typography import curly
from talkkit.text.when import long_date

OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"


def quoted(text: str) -> str:
    """The words in curly quotation marks, its inner double quotes turned single."""
    pieces = " ".join(text.split()).split('"')
    inner = pieces[0]
    for number, piece in enumerate(pieces[1:]):
        inner += ("\u2018" if number % 2 == 0 else "\u2019") + piece
    inner = inner.replace(OPEN_QUOTE, "\u2018").replace(CLOSE_QUOTE, "\u2019")
    return f"{OPEN_QUOTE}{curly(inner)}{CLOSE_QUOTE}"


def _work(source: Source | None) -> str:
    """What a source is, in a few words: 'webcomic' for 'Webcomic: Escape From North Korea'."""
    if source is None:
        return "story"
    title = source.title
    if ":" in title:
        return title.split(":", 1)[0].strip().lower()
    return {"blog": "story", "report": "report", "web-page": "story"}.get(source.kind, "video")


def attribution(talk: Talk, story: Story, excerpt: Excerpt) -> str:
    """Who an excerpt is from, as the library allows: '— Ju Ok Jeon', 'From Ju Ok Jeon’s webcomic'."""
    narrator = story.narrator_of(excerpt)
    if excerpt.kind == "narrative":
        source = talk.library.sources.get(story.source)
        return f"From {narrator.shown_as}\u2019s {_work(source)}"
    return f"\u2014 {narrator.shown_as}"


def excerpt_text(excerpt: Excerpt) -> str:
    """A quote in quotation marks; a narrative passage as it stands (both set typographically)."""
    text = " ".join(excerpt.text.split())
    return quoted(text) if excerpt.kind == "quote" else curly(text)


def source_title(talk: Talk, source_id: str | None) -> str:
    source = talk.library.sources.get(source_id or "")
    if source is None:
        return ""
    if source.publisher.lower() in source.title.lower():
        return source.title
    return f"{source.publisher}, {source.title}"


def fact_source_line(talk: Talk, fact: Fact) -> str:
    """The short source line shown under a fact: 'Source: Liberty in North Korea report'."""
    return f"Source: {source_title(talk, fact.source)}"


def fact_citation(talk: Talk, fact: Fact) -> str:
    """The full citation of a fact: title, publisher, date, where, address."""
    source = talk.library.sources.get(fact.source)
    if source is None:
        return fact.source
    parts = [f"\u201c{source.title}\u201d", source.publisher]
    if fact.as_of == "undated":
        parts.append("undated" + (f" ({fact.as_of_note.strip()})" if fact.as_of_note else ""))
    else:
        parts.append(f"as of {fact.as_of}")
    if source.date != "undated":
        parts.append(f"published {source.date}")
    if fact.where:
        parts.append(fact.where)
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


def decide_wording(talk: Talk) -> None:
    """Decide, once, each slide's title, shown text and speaker notes, stored on the slide,
    set with typographic quotation marks and apostrophes (talkkit.text.typography)."""
    for slide in talk.slides:
        slide.title = curly(slide_title(talk, slide))
        slide.text = decided_text(talk, slide)
        slide.notes = curly(speaker_notes(talk, slide))


def decided_text(talk: Talk, slide: ResolvedSlide) -> dict[str, list[Para]]:
    """The paragraphs of each text part of a slide, set typographically (links as they are)."""
    return {
        part: [p if p.link else replace(p, text=curly(p.text)) for p in paras]
        for part, paras in slide_text(talk, slide).items()
    }


def donate_url(talk: Talk) -> str | None:
    """The talk's tracked donate address on slides (the talk's one donate target)."""
    return talk.donate_url("slides")


def slide_title(talk: Talk, slide: ResolvedSlide) -> str:
    """The title a slide shows, with each kind's default: every slide has one.

    A quote slide's is its story's title; an image slide's its caption, or "Image".
    A slide that continues the one before it says so: "(continued)", or with its
    place, "(continued, 2 of 3)", when there are more.
    """
    title = _own_title(talk, slide)
    if not slide.continues:
        return title
    mark = "continued" if slide.parts == 2 else f"continued, {slide.part} of {slide.parts}"
    return f"{title} ({mark})"


def _own_title(talk: Talk, slide: ResolvedSlide) -> str:
    title = getattr(slide.slide, "title", None)
    if title:
        return " ".join(title.split())
    if slide.kind in ("story", "quote") and slide.story is not None:
        return slide.story.title
    if slide.kind == "image":
        caption = getattr(slide.slide, "caption", None)
        return " ".join(caption.split()) if caption else "Image"
    if slide.kind == "donate":
        return talk.donate.title if talk.donate else "Donate"
    return {
        "actions": "What you can do",
        "questions": "Questions?",
        "closing": "Thank you",
    }.get(slide.kind, "")


def _words(text: str) -> list[str]:
    words = [w.strip(".,;:!?\u2019'\"()").lower() for w in text.split()]
    while words and words[0] in ("a", "an", "the"):
        words.pop(0)
    return words


def repeats(caption: str, credit: str) -> bool:
    """Whether a caption already says what the image's credit says, so the slide shows it once.

    "An illustration made for this talk" repeats "Illustration made for ...":
    the credit is in the caption, or both begin with the same three words.
    """
    said, credit_words = _words(caption), _words(credit)
    if not credit_words:
        return True
    joined = " ".join(said)
    return " ".join(credit_words) in joined or (
        len(credit_words) >= 3 and said[:3] == credit_words[:3]
    )


def _event_lines(talk: Talk) -> list[Para]:
    organization = talk.config.organization.name
    speaker = talk.outline.speaker
    lines = [Para(f"{speaker} \u00b7 {organization}" if speaker else organization)]
    event = talk.event
    second = [p for p in (event.name, long_date(event.date) if event.date else None) if p]
    if second:
        lines.append(Para(" \u00b7 ".join(second)))
    return lines


def slide_text(talk: Talk, slide: ResolvedSlide) -> dict[str, list[Para]]:
    """The paragraphs of each text part of a slide; a part left out or empty shows nothing."""
    s = slide.slide
    kind = slide.kind
    text: dict[str, list[Para]] = {}
    title = slide_title(talk, slide)
    if title:
        text["title"] = [Para(title)]

    def one(key: str, value: str | None) -> None:
        if value and value.strip():
            text[key] = [Para(" ".join(value.split()))]

    if kind in ("title", "section"):
        one("subtitle", s.subtitle)
        if kind == "title":
            text["event"] = _event_lines(talk)
    elif kind in ("story", "quote") and slide.story is not None:
        story = slide.story
        narrators = {(story.narrator_of(e).id, e.kind) for e in slide.excerpts}
        paras = []
        for excerpt in slide.excerpts:
            paras.append(Para(excerpt_text(excerpt)))
            if len(narrators) > 1:
                paras.append(
                    Para(attribution(talk, story, excerpt), small=True, bold=True, gap=False)
                )
        text["quote"] = paras
        if len(narrators) == 1 and slide.excerpts:
            text["attribution"] = [Para(attribution(talk, story, slide.excerpts[0]))]
        else:
            source = talk.library.sources.get(story.source)
            if source is not None:
                text["attribution"] = [Para(f"From \u201c{source.title}\u201d, {source.publisher}")]
    elif kind == "facts":
        paras = []
        one_source = len({fact.source for fact in slide.facts}) == 1
        for fact in slide.facts:
            paras.append(Para(" ".join(fact.text.split())))
            if not one_source:
                paras.append(Para(fact_source_line(talk, fact), small=True, gap=False))
        if one_source and slide.facts:
            paras.append(Para(fact_source_line(talk, slide.facts[0]), small=True))
        text["facts"] = paras
    elif kind == "bullets":
        text["bullets"] = [Para(" ".join(b.split())) for b in slide.bullets]
    elif kind == "image" and slide.asset is not None:
        paras = []
        credit = " ".join(slide.asset.credit.split())
        if s.caption:
            paras.append(Para(" ".join(s.caption.split())))
        if not (s.caption and repeats(s.caption, credit)):
            paras.append(Para(f"Image: {credit}", small=bool(paras)))
        text["caption"] = paras
    elif kind == "actions":
        paras = []
        for action in slide.actions:
            paras.append(Para(action.title, bold=True))
            url = talk.address(action.link, "slides")
            if url:
                paras.append(Para(display_url(url), small=True, gap=False, link=url))
        text["actions"] = paras
    elif kind == "donate":
        action = talk.donate
        one("text", s.text or (action.text if action else None))
        url = donate_url(talk)
        if url:
            text["address"] = [Para(display_url(url), link=url)]
    elif kind == "questions":
        speaker = talk.outline.speaker
        organization = talk.config.organization.name
        text["subtitle"] = [Para(f"{speaker} \u00b7 {organization}" if speaker else organization)]
    elif kind == "closing":
        one("text", s.text)
        text["website"] = [Para(display_url(talk.config.organization.website))]
    return text


def _minutes(value: float) -> str:
    return f"{value:g}"


def timing_cue(talk: Talk, slide: ResolvedSlide) -> str:
    """'Timing: 3 min, starts at minute 12 of 45'."""
    planned = (
        f"{_minutes(slide.minutes)} min" if slide.slide.minutes is not None else "no time planned"
    )
    return (
        f"Timing: {planned}, starts at minute {_minutes(round(slide.start_minute, 1))} "
        f"of {talk.minutes}"
    )


def own_notes(slide: ResolvedSlide) -> str:
    """The outline's notes of a slide, said on the first of its parts; a later part says
    which slide it continues."""
    if slide.continues:
        return f"Continues slide {slide.number - slide.part + 1}."
    return (slide.slide.notes or "").strip()


def speaker_notes(talk: Talk, slide: ResolvedSlide) -> str:
    """The notes of a slide: the outline's notes, what the library asks of the speaker, the timing."""
    parts: list[str] = []
    own = own_notes(slide)
    if own:
        parts.append(" ".join(own.split()))
    # Content warnings name what the whole outline slide shows, on each of its parts: the
    # speaker gives the note before the first.
    whole = slide.whole or slide
    if slide.story is not None:
        story = slide.story
        warnings = sorted({w for e in whole.excerpts for w in e.warnings})
        if warnings:
            parts.append(
                "Content warnings: " + ", ".join(w.replace("-", " ") for w in warnings) + "."
            )
        seen = set()
        for excerpt in slide.excerpts:
            narrator = story.narrator_of(excerpt)
            if narrator.id in seen:
                continue
            seen.add(narrator.id)
            guidance = f"Speaking of {narrator.shown_as}: " + (
                " ".join(narrator.speaking_guidance.split())
                if narrator.speaking_guidance
                else f"call them {narrator.shown_as}."
            )
            if narrator.identity == "protected":
                guidance += " Protected identity: no name but this one, and never a photo."
            parts.append(guidance)
        parts.append(f"Source: {source_title(talk, story.source)}.")
    if slide.facts:
        warnings = sorted({w for f in whole.facts for w in f.warnings})
        if warnings:
            parts.append(
                "Content warnings: " + ", ".join(w.replace("-", " ") for w in warnings) + "."
            )
        for number, fact in enumerate(slide.facts, start=1):
            parts.append(f"[{number}] {' '.join(fact.text.split())} {fact_citation(talk, fact)}.")
    if slide.asset is not None:
        alt = getattr(slide.slide, "alt", None) or slide.asset.alt
        parts.append(f"Image: {' '.join(alt.split())} Credit: {slide.asset.credit}.")
    if slide.kind == "donate":
        url = donate_url(talk)
        if url:
            parts.append(f"The QR code and the address lead to {url}")
    if slide.actions:
        for action in slide.actions:
            url = talk.address(action.link, "slides")
            if url:
                parts.append(f"{action.title}: {url}")
    parts.append(timing_cue(talk, slide))
    return "\n\n".join(parts)
