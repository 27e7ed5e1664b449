"""Long but reasonable outlines: content a volunteer cannot shorten without cutting testimony."""

from __future__ import annotations

HEAD = """\
title: "{title}"
audience: community
minutes: 11
speaker: Sam Rivera
event:
  name: "{event}"
  date: 2027-05-20
  venue: Riverside Library
  city: Springfield
slides:
  - id: welcome
    kind: title
    title: "{title}"
    minutes: 0.5
"""

LONG_OUTLINES = {
    "three-long-excerpts": (
        "Jo Eun",
        "Riverside evening",
        """\
  - id: jo-eun
    kind: story
    story: jo-eun
    excerpts: [born-by-the-tumen, her-name-means-hope, like-a-lighthouse]
    notes: Read each passage slowly.
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
    "two-narrators": (
        "Ji Min and Hyun Kyung",
        "Riverside evening",
        """\
  - id: two-voices
    kind: story
    story: ji-min-and-hyun-kyung
    excerpts: [drivers-license, children-left-behind, freedom-of-movement]
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
    "every-fact": (
        "What the reports say",
        "Riverside evening",
        """\
  - id: every-fact
    kind: facts
    title: What life is like inside North Korea
    facts: [population, brutal-regime, leaving-is-illegal, travel-permission, no-free-media,
            tunable-radio, no-internet, no-international-calls, religion-persecuted,
            songbun-levels, food-shortages, markets]
    notes: Walk through these slowly.
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
    "many-bullets": (
        "Beyond the headlines",
        "Riverside evening",
        """\
  - id: many-bullets
    kind: bullets
    title: What we will talk about tonight
    bullets:
      - What daily life is like for ordinary families inside North Korea today
      - Why watching a foreign drama can be a crime, and why people watch anyway
      - How the songbun system ranks every family by its loyalty to the regime
      - What it costs to leave, and why leaving without permission is illegal
      - The 3,000-mile journey through China and Southeast Asia to safety
      - How refugees build new lives in South Korea and the United States
      - What the people who made it want the world to know about their country
      - Why China sends refugees back, and what waits for them when it does
      - How rescue teams find and guide refugees along the underground railroad
      - What each of us here tonight can do to help, starting this very evening
      - Where to learn more, and how to bring a speaker to your own school or group
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
    "every-action": (
        "How you can help",
        "Riverside evening",
        """\
  - id: every-action
    kind: actions
    actions: [donate, rescue-teams, fundraise, request-a-speaker, learn-more]
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
    "long-titles": (
        "The People Behind the Headlines: North Korea, its people, and the long road to freedom",
        "Riverside evening",
        """\
  - id: long-title
    kind: bullets
    title: Why so many North Koreans risk everything to leave their country and what happens next
    bullets:
      - It is illegal to leave
      - China sends refugees back
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
    "long-event-name": (
        "Behind the Numbers",
        "Springfield Korean Community Church and Riverside Public Library: an autumn evening"
        " of stories and questions",
        """\
  - id: thanks
    kind: closing
    text: Thank you for listening.
    minutes: 0.5
  - id: questions
    kind: questions
    minutes: 10
""",
    ),
}
"""Name -> (title, event name, slides after the title slide)."""


def long_outline(name: str) -> str:
    """The YAML of the long outline `name`."""
    title, event, slides = LONG_OUTLINES[name]
    return HEAD.format(title=title, event=event) + slides
