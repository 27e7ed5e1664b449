"""Quote integrity: an excerpt is shown only in the wording staff approved.

content/approvals.yaml keeps a fingerprint of each approved excerpt; an
excerpt whose text no longer matches, or that was never approved, is reported
where the library holds it and wherever a talk shows it, until staff run
`talkkit library approve`.
"""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given, excerpt_uses
from talkkit.diagnostics import Diagnostic, Location, error
from talkkit.load.approvals import FILE_NAME, Approvals, key
from talkkit.models import Excerpt, Story
from talkkit.resolve import Talk


def _since(approvals: Approvals, story: Story, excerpt: Excerpt) -> str:
    entry = approvals.entries.get(key(story, excerpt))
    return f" on {entry.approved.isoformat()}" if entry else ""


def quotes_in_talk(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Excerpts a talk shows whose wording staff have not approved as it now reads."""
    approvals = given.approvals
    if approvals.broken:
        yield error(
            talk.location(),
            "library-broken",
            f"content/{FILE_NAME} has errors, so talkkit cannot tell whether the excerpts "
            "this talk shows are approved",
            "run `talkkit check content/` to see them",
        )
        return
    for slide in talk.slides:
        story = slide.story
        if story is None:
            continue
        for excerpt, where in excerpt_uses(slide):
            status = approvals.status(story, excerpt)
            if status == "approved":
                continue
            hint = (
                "staff: check it against the source, then run "
                f"`talkkit library approve {key(story, excerpt)}`"
            )
            if status == "changed":
                yield error(
                    where or talk.location(),
                    "quote-changed",
                    f"the words of excerpt '{excerpt.id}' of '{story.id}' changed after staff "
                    f"approved them{_since(approvals, story, excerpt)}; it may not be shown "
                    "until they are approved again",
                    hint,
                )
            else:
                yield error(
                    where or talk.location(),
                    "quote-unapproved",
                    f"staff have not approved the words of excerpt '{excerpt.id}' of "
                    f"'{story.id}'; it may not be shown until they do",
                    hint,
                )


def quotes_in_library(given: Given) -> Iterator[Diagnostic]:
    """Every excerpt of the library whose wording is not approved as it now reads."""
    approvals = given.approvals
    yield from approvals.diagnostics
    if approvals.broken:
        return
    for story_id in sorted(given.library.stories):
        story = given.library.stories[story_id]
        for excerpt in story.excerpts:
            status = approvals.status(story, excerpt)
            if status == "approved":
                continue
            where = excerpt.location("text") or Location(approvals.path)
            hint = f"check it against the source, then run `talkkit library approve {key(story, excerpt)}`"
            if status == "changed":
                yield error(
                    where,
                    "quote-changed",
                    f"the words of excerpt '{key(story, excerpt)}' changed after they were "
                    f"approved{_since(approvals, story, excerpt)}",
                    hint,
                )
            else:
                yield error(
                    where,
                    "quote-unapproved",
                    f"the words of excerpt '{key(story, excerpt)}' have not been approved",
                    hint,
                )
