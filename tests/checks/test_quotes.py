"""Quote integrity: excerpts shown only in the wording staff approved; `talkkit library approve`."""

from __future__ import annotations

import shutil
import unicodedata

from checking import SAMPLES_CHECKED, at, check, found, replace, talk
from conftest import ROOT
from talkkit.load.approvals import HEADER, fingerprint
from talkkit.load.wording import compare, normalize
from talkkit.load.workspace import Workspace
from talkkit.session import Session

CODES = ("quote-changed", "quote-unapproved", "library-broken")
HINT = "check it against the source, then run `talkkit library approve jo-eun/born-by-the-tumen`"


def test_changed_words_are_reported_in_the_library_and_in_every_talk_showing_them(workspace):
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "catch fish and cook them",
        "catch fish and grill them",
    )
    talk = (
        "error quote-changed the words of excerpt 'born-by-the-tumen' of 'jo-eun' changed after "
        "staff approved them on 2026-11-21; it may not be shown until they are approved again; "
        f"staff: {HINT}"
    )
    assert found(check(workspace), *CODES) == [
        "content/stories/jo-eun.yaml:39:11: error quote-changed the words of excerpt "
        f"'jo-eun/born-by-the-tumen' changed after they were approved on 2026-11-21; {HINT}",
        *(
            f"{at(workspace, rel, 'id: jo-eun-story', 'born-by-the-tumen')}: {talk}"
            for rel in ("decks/standard/community-60.yaml", "decks/standard/middle-school-30.yaml")
        ),
    ]


def test_approving_again_records_the_new_words_and_who_approved_them(workspace, talkkit):
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "catch fish and cook them",
        "catch fish and grill them",
    )
    result = talkkit(
        "--today",
        "2027-01-05",
        "library",
        "approve",
        "--by",
        "Dana Lee",
        "--reason",
        "the narrator's own correction",
        cwd=workspace,
    )
    assert (result.status, result.out, result.err) == (
        0,
        "approved jo-eun/born-by-the-tumen (changed since its approval on 2026-11-21)\n",
        "approved 1 excerpt\n",
    )
    text = (workspace / "content/approvals.yaml").read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert (
        "jo-eun/born-by-the-tumen:\n"
        f"  fingerprint: {fingerprint(_text(workspace, 'jo-eun', 'born-by-the-tumen'))}\n"
        "  approved: 2027-01-05\n"
        '  by: "Dana Lee"\n'
        '  reason: "the narrator\'s own correction"\n'
    ) in text
    assert found(check(workspace), *CODES) == []
    again = talkkit("library", "approve", cwd=workspace)
    assert (again.status, again.out) == (0, "")
    assert again.err == "nothing to approve: every excerpt named is approved as it reads\n"


def _text(workspace, story_id: str, excerpt_id: str) -> str:
    story = Session(Workspace.at(workspace)).library.stories[story_id]
    return story.excerpt(excerpt_id).text


def test_a_new_excerpt_is_unapproved_until_approved_by_name(workspace, talkkit):
    story = workspace / "content/stories/jeans-and-freedom.yaml"
    replace(
        story,
        "    tags: [freedom, clothes]\n",
        "    tags: [freedom, clothes]\n"
        "  - id: new-words\n"
        "    text: Words staff have not read yet.\n"
        "    audience: middle-school\n",
    )
    path = talk(
        workspace,
        """
          - kind: quote
            story: jeans-and-freedom
            excerpt: new-words
        """,
    )
    hint = (
        "check it against the source, then run "
        "`talkkit library approve jeans-and-freedom/new-words`"
    )
    assert found(check(workspace, path, workspace / "content"), *CODES) == [
        "content/stories/jeans-and-freedom.yaml:79:11: error quote-unapproved the words of "
        f"excerpt 'jeans-and-freedom/new-words' have not been approved; {hint}",
        "decks/talk.yaml:8:14: error quote-unapproved staff have not approved the words of "
        f"excerpt 'new-words' of 'jeans-and-freedom'; it may not be shown until they do; staff: {hint}",
    ]
    anonymous = talkkit("library", "approve", "jeans-and-freedom", cwd=workspace)
    assert (anonymous.status, anonymous.err) == (
        2,
        'talkkit: say who approves the wording: add --by "Your Name" (it is recorded in '
        "content/approvals.yaml)\n",
    )
    result = talkkit(
        "library", "approve", "jeans-and-freedom", "--by", "Dana", "--reason", "test", cwd=workspace
    )
    assert (result.status, result.out) == (0, "approved jeans-and-freedom/new-words (new)\n")
    assert found(check(workspace, path, workspace / "content"), *CODES) == []


def test_refolding_an_excerpt_keeps_its_approval(workspace):
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "      I was born next to the Tumen. I grew up playing on its rocky shore,\n",
        "      I was born next to the Tumen.\n      I grew up playing on its rocky shore,\n",
    )
    assert found(check(workspace), *CODES) == []


def test_the_fingerprint_ignores_white_space_and_unicode_form_but_not_a_letter():
    composed = "Caf\u00e9 “jeans”"
    decomposed = unicodedata.normalize("NFD", composed)
    assert fingerprint(composed) == fingerprint(decomposed) == fingerprint("  Café\n “jeans”  ")
    assert fingerprint(composed) != fingerprint('Café "jeans"')
    assert fingerprint(composed).startswith("sha256:") and len(fingerprint(composed)) == 71


def test_approve_refuses_an_unknown_excerpt_and_writes_nothing(workspace, talkkit):
    before = (workspace / "content/approvals.yaml").read_bytes()
    result = talkkit("library", "approve", "jo-eun/born-by-the-tumn", cwd=workspace)
    assert result.status == 2
    assert result.err == (
        "talkkit: story 'jo-eun' has no excerpt 'born-by-the-tumn'; "
        "did you mean 'born-by-the-tumen'?\n"
    )
    assert (workspace / "content/approvals.yaml").read_bytes() == before


def test_approve_drops_the_approvals_of_excerpts_that_are_gone(workspace, talkkit):
    story = workspace / "content/stories/jo-eun.yaml"
    text = story.read_text(encoding="utf-8")
    start = text.index("  - id: matching-watches")
    story.write_text(text[:start], encoding="utf-8")
    result = talkkit("library", "approve", "--by", "Dana", cwd=workspace)
    assert result.status == 0
    approvals = (workspace / "content/approvals.yaml").read_text(encoding="utf-8")
    assert "jo-eun/matching-watches" not in approvals
    assert "jo-eun/like-a-lighthouse" in approvals


def test_a_broken_approvals_file_is_reported_and_stops_talks_and_approve(workspace, talkkit):
    approvals = workspace / "content/approvals.yaml"
    approvals.write_text(
        "jo-eun/x:\n  fingerprint: md5:1\n  approved: 2026\nnot a key: {}\n", encoding="utf-8"
    )
    standard = workspace / "decks/standard/middle-school-30.yaml"
    assert [d.format(workspace) for d in check(workspace, workspace / "content")] == [
        "content/approvals.yaml:2:16: error invalid-value 'fingerprint': 'md5:1' is not a "
        "fingerprint that `talkkit library approve` writes",
        "content/approvals.yaml:3:13: error invalid-value 'approved' should be a date like "
        "2027-03-12, not '2026'",
        "content/approvals.yaml:4:1: error invalid-value 'not a key' is not story-id/excerpt-id; "
        "this file is made by `talkkit library approve`; do not edit it by hand",
    ]
    assert found(check(workspace, standard), *CODES) == [
        "decks/standard/middle-school-30.yaml:2:1: error library-broken content/approvals.yaml "
        "has errors, so talkkit cannot tell whether the excerpts this talk shows are approved; "
        "run `talkkit check content/` to see them"
    ]
    result = talkkit("library", "approve", cwd=workspace)
    assert result.status == 2
    assert result.err.splitlines()[-1] == (
        "content/approvals.yaml cannot be read; fix it, or delete it and approve every excerpt again"
    )
    assert approvals.read_text(encoding="utf-8").startswith("jo-eun/x:")


def test_without_an_approvals_file_every_excerpt_is_unapproved(workspace):
    (workspace / "content/approvals.yaml").unlink()
    library = Session(Workspace.at(workspace)).library
    keys = sorted(f"'{s.id}/{e.id}'" for s in library.stories.values() for e in s.excerpts)
    findings = [d for d in check(workspace, workspace / "content") if d.code in CODES]
    assert sorted(d.message.split()[4] for d in findings) == keys
    assert {d.code for d in findings} == {"quote-unapproved"}


def test_the_sample_approvals_match_the_library(sample_findings):
    assert found(sample_findings, *CODES) == []
    assert SAMPLES_CHECKED.isoformat() in (ROOT / "content/approvals.yaml").read_text()


def _with_sources(workspace):
    """The workspace with its own copy of the source documents, as talkkit.yaml names them."""
    shutil.copytree(ROOT.parent / "shared" / "sources", workspace / "sources")
    replace(
        workspace / "talkkit.yaml",
        "source_documents: ../shared/sources",
        "source_documents: sources",
    )


def test_approve_refuses_words_that_are_not_in_the_source(workspace, talkkit):
    _with_sources(workspace)
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "We were only fed a quarter of an ear",
        "We were only fed a half of an ear",
    )
    before = (workspace / "content/approvals.yaml").read_bytes()
    result = talkkit("library", "approve", "jo-eun", "--by", "Dana Lee", cwd=workspace)
    assert result.status == 2
    assert result.err.splitlines() == [
        "talkkit: the words of jo-eun/hunger-in-detention are not in its source document "
        "(001_098a76e456ab8c78.txt); the closest passage: “"
        + normalize(_text(workspace, "jo-eun", "hunger-in-detention")).replace(
            "a half", "a quarter"
        )
        + "”",
        "  the source says 'quarter' where the excerpt says 'half'",
        "nothing was approved; correct the words to match the source, or approve them anyway "
        'with --reason "why they differ" (recorded in content/approvals.yaml)',
    ]
    assert (workspace / "content/approvals.yaml").read_bytes() == before
    anyway = talkkit(
        "library",
        "approve",
        "jo-eun",
        "--by",
        "Dana Lee",
        "--reason",
        "the narrator corrected the figure",
        cwd=workspace,
    )
    assert anyway.status == 0
    assert '  by: "Dana Lee"\n  reason: "the narrator corrected the figure"\n' in (
        workspace / "content/approvals.yaml"
    ).read_text(encoding="utf-8")


def test_words_that_differ_only_in_quotes_breaks_and_hyphens_are_in_the_source():
    document = (
        "She said \u201cI was born next to the Tu-\nmen.\u201d It\u2019s a well-\nknown river."
    )
    assert compare('She said "I was born next to the Tumen." It\'s', document).found
    assert compare("a well-known river.", document).found
    missing = compare("I was born next to the Yalu.", document)
    assert (missing.found, missing.differences) == (
        False,
        [
            "the source says '\"I' where the excerpt says 'I'",
            "the source says 'Tumen.\"' where the excerpt says 'Yalu.'",
        ],
    )


def test_approve_refuses_when_the_source_document_cannot_be_read(workspace, talkkit):
    replace(
        workspace / "talkkit.yaml",
        "source_documents: ../shared/sources",
        "source_documents: no-such-folder",
    )
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "catch fish and cook them",
        "catch fish and grill them",
    )
    before = (workspace / "content/approvals.yaml").read_bytes()
    result = talkkit("library", "approve", "jo-eun", "--by", "Dana Lee", cwd=workspace)
    assert result.status == 2
    assert result.err.splitlines() == [
        "talkkit: the source document of jo-eun/born-by-the-tumen "
        "(no-such-folder/001_098a76e456ab8c78.txt) cannot be read, so its words cannot be "
        "compared with the source",
        "nothing was approved; correct the words to match the source, or approve them anyway "
        'with --reason "why they differ" (recorded in content/approvals.yaml)',
    ]
    assert (workspace / "content/approvals.yaml").read_bytes() == before
