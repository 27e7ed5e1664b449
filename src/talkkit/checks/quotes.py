"""Quote integrity: an excerpt is shown only in the wording staff approved, as its source has it.

content/approvals.yaml keeps a fingerprint of each approved excerpt; an
excerpt whose text no longer matches, or that was never approved, is reported
where the library holds it and wherever a talk shows it, until staff run
`talkkit library approve`. Every excerpt is also compared with its source
document (talkkit.yaml's `source_documents`), so a document that changed under
an approved excerpt is found in the same places. A comparison that cannot be
made (the folder is missing, a document cannot be read) is a warning, never
a silence. Words approved with a recorded reason for differing from the source
are not compared again.
"""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given, excerpt_uses
from talkkit.diagnostics import Diagnostic, Location, display_path, error, warning
from talkkit.load.approvals import FILE_NAME, Approvals, fingerprint, key
from talkkit.load.wording import UNVERIFIED, SourceCheck, Unverifiable
from talkkit.models import Excerpt, Source, Story
from talkkit.resolve import Talk


def _since(approvals: Approvals, story: Story, excerpt: Excerpt) -> str:
    entry = approvals.entries.get(key(story, excerpt))
    return f" on {entry.approved.isoformat()}" if entry else ""


def quotes_in_talk(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Excerpts a talk shows whose wording is not approved as it now reads, or not in its source."""
    yield from _approvals_in_talk(talk, given)
    yield from _sources_in_talk(talk, given)


def _approvals_in_talk(talk: Talk, given: Given) -> Iterator[Diagnostic]:
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
    """Every excerpt of the library whose wording is not approved as it now reads, or not in its source."""
    yield from _approvals_in_library(given)
    yield from _sources_in_library(given)


def _approvals_in_library(given: Given) -> Iterator[Diagnostic]:
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


def _sources_in_talk(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Excerpts a talk shows whose words are not in their source document, or cannot be compared."""
    for slide in talk.slides:
        story = slide.story
        if story is None:
            continue
        for excerpt, where in excerpt_uses(slide):
            result = _against_source(given, story, excerpt)
            if isinstance(result, Diagnostic):
                yield result
            elif result is not None:
                yield error(
                    where or talk.location(),
                    "quote-not-in-source",
                    f"the words of excerpt '{excerpt.id}' of '{story.id}' are not in its source "
                    f"document ({_shown(given, result)}): {_differences(result)}; it may not be "
                    "shown until they agree",
                    f"staff: {_fix(story, excerpt)}",
                )


def _sources_in_library(given: Given) -> Iterator[Diagnostic]:
    """Every excerpt of the library whose words are not in its source document, or cannot be compared."""
    sources = given.sources
    if sources is None:
        return
    if sources.missing:
        yield _unverified(given, None, *sources.folder_missing())
    for story_id in sorted(given.library.stories):
        story = given.library.stories[story_id]
        for excerpt in story.excerpts:
            result = _against_source(given, story, excerpt)
            if isinstance(result, Diagnostic):
                yield result
            elif result is not None:
                yield error(
                    excerpt.location("text") or Location(given.library.story_path(story.id)),
                    "quote-not-in-source",
                    f"the words of excerpt '{key(story, excerpt)}' are not in its source "
                    f"document ({_shown(given, result)}): {_differences(result)}",
                    _fix(story, excerpt),
                )


def _against_source(
    given: Given, story: Story, excerpt: Excerpt
) -> Diagnostic | SourceCheck | None:
    """How an excerpt stands against its source document, for a finding.

    The warning when it cannot be compared, the comparison when its words are
    not there, else None (also for words staff approved, with a reason, as
    differing from the source).
    """
    sources = given.sources
    if sources is None:
        return None
    entry = given.approvals.entries.get(key(story, excerpt))
    if entry is not None and entry.reason and entry.fingerprint == fingerprint(excerpt.text):
        return None
    why = sources.unverifiable(story)
    if why is not None:
        return _unverified(given, given.library.sources[story.source], *why)
    result = sources.check(story, excerpt)
    return None if result.document is None or result.verified else result


def _unverified(given: Given, source: Source | None, kind: Unverifiable, reason: str) -> Diagnostic:
    """Where and how to say that excerpts (of `source`) could not be compared with their source."""
    sources = given.sources
    assert sources is not None
    in_sources = Location(given.library.files["sources"])

    def of_source(field: str) -> Location | None:
        return source.location(field) if source is not None else None

    where, hint = {
        "unnamed": (
            of_source("id") or in_sources,
            "add its `document:`, the file of the source documents folder that holds it",
        ),
        "unset": (
            Location(sources.workspace.config_path, 1, 1),
            "add `source_documents:` naming the folder that holds them",
        ),
        "missing": (
            given.config.location("source_documents") or Location(sources.workspace.config_path),
            "put the source documents there, or correct `source_documents` in talkkit.yaml",
        ),
        "unreadable": (
            of_source("document") or in_sources,
            "put the document there, or correct its `document:` in content/sources.yaml",
        ),
    }[kind]
    return warning(where, "quotes-unverified", f"{UNVERIFIED}: {reason}", hint)


def _shown(given: Given, result: SourceCheck) -> str:
    assert given.sources is not None and result.document is not None
    return display_path(result.document, given.sources.workspace.root)


def _differences(result: SourceCheck, most: int = 3) -> str:
    assert result.comparison is not None
    differences = result.comparison.differences
    text = ", ".join(differences[:most])
    if len(differences) > most:
        text += f", and {len(differences) - most} more differences"
    return text


def _fix(story: Story, excerpt: Excerpt) -> str:
    return (
        "compare the excerpt with its source document; restore the document if it was changed "
        "by mistake, or correct the excerpt and run "
        f"`talkkit library approve {key(story, excerpt)}`"
    )
