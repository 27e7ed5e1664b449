"""Quote integrity: excerpts shown only in the wording staff approved; `talkkit library approve`."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from checking import SAMPLES_CHECKED, at, check, found, replace, talk
from samples import ROOT
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


def test_approve_refuses_words_that_are_not_in_the_source(workspace, talkkit):
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


CANNOT_COMPARE = (
    "nothing was approved; make the source documents readable (talkkit.yaml's "
    "`source_documents`, each source's `document:` in content/sources.yaml), or approve them "
    'anyway with --reason "why" (recorded in content/approvals.yaml)'
)


def test_approve_refuses_when_the_source_folder_is_missing(workspace, talkkit):
    replace(
        workspace / "talkkit.yaml",
        "source_documents: sources",
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
        "talkkit: quotes could not be verified against the source documents: folder "
        "no-such-folder is missing",
        CANNOT_COMPARE,
    ]
    assert (workspace / "content/approvals.yaml").read_bytes() == before
    anyway = talkkit(
        "library",
        "approve",
        "jo-eun",
        "--by",
        "Dana Lee",
        "--reason",
        "read in the printed report",
        cwd=workspace,
    )
    assert (anyway.status, anyway.out) == (
        0,
        "approved jo-eun/born-by-the-tumen (changed since its approval on 2026-11-21)\n",
    )
    assert '  by: "Dana Lee"\n  reason: "read in the printed report"\n' in (
        workspace / "content/approvals.yaml"
    ).read_text(encoding="utf-8")


def test_approve_refuses_when_the_source_document_cannot_be_read(workspace, talkkit):
    (workspace / "sources/001_098a76e456ab8c78.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "catch fish and cook them",
        "catch fish and grill them",
    )
    before = (workspace / "content/approvals.yaml").read_bytes()
    result = talkkit("library", "approve", "jo-eun", "--by", "Dana Lee", cwd=workspace)
    assert result.status == 2
    assert result.err.splitlines() == [
        "talkkit: quotes could not be verified against the source documents: "
        "sources/001_098a76e456ab8c78.txt cannot be read",
        CANNOT_COMPARE,
    ]
    assert (workspace / "content/approvals.yaml").read_bytes() == before


SOURCE_CODES = ("quote-not-in-source", "quotes-unverified")
UNVERIFIED = (
    "warning quotes-unverified quotes could not be verified against the source documents: "
    "folder no-such-folder is missing; put the source documents there, or correct "
    "`source_documents` in talkkit.yaml"
)


def _config_line(workspace, needle: str) -> str:
    lines = (workspace / "talkkit.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(needle))
    return f"talkkit.yaml:{number + 1}:{len(needle) + 1}"


def test_a_missing_source_folder_is_a_warning_that_strict_makes_a_failure(workspace, talkkit):
    replace(
        workspace / "talkkit.yaml", "source_documents: sources", "source_documents: no-such-folder"
    )
    where = _config_line(workspace, "source_documents: ")
    assert found(check(workspace), *CODES, *SOURCE_CODES) == [f"{where}: {UNVERIFIED}"]
    standard = workspace / "decks/standard/middle-school-30.yaml"
    assert found(check(workspace, standard), *CODES, *SOURCE_CODES) == [f"{where}: {UNVERIFIED}"]
    result = talkkit("--today", "2026-11-21", "check", cwd=workspace)
    assert (result.status, result.lines) == (0, [f"{where}: {UNVERIFIED}"])
    assert result.err == "0 errors, 1 warning in the workspace\n"
    strict = talkkit("--today", "2026-11-21", "check", "--strict", cwd=workspace)
    assert (strict.status, strict.lines) == (1, [f"{where}: {UNVERIFIED}"])
    assert strict.err == (
        "0 errors, 1 warning in the workspace (--strict: warnings count as errors)\n"
    )


def test_an_unreadable_source_document_is_a_warning_at_its_name(workspace):
    (workspace / "sources/004_394a5029e858065e.txt").unlink()
    where = at(
        workspace, "content/sources.yaml", "id: stories-from-inside", "004_394a5029e858065e.txt"
    )
    assert found(check(workspace), *CODES, *SOURCE_CODES) == [
        f"{where}: warning quotes-unverified quotes could not be verified against the source "
        "documents: sources/004_394a5029e858065e.txt cannot be read; put the document there, "
        "or correct its `document:` in content/sources.yaml"
    ]


def test_a_workspace_naming_no_source_folder_is_told_its_quotes_are_unverified(workspace, talkkit):
    replace(workspace / "talkkit.yaml", "source_documents: sources\n", "")
    assert found(check(workspace), *CODES, *SOURCE_CODES) == [
        "talkkit.yaml:1:1: warning quotes-unverified quotes could not be verified against the "
        "source documents: talkkit.yaml names no folder of source documents; add "
        "`source_documents:` naming the folder that holds them"
    ]
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "catch fish and cook them",
        "catch fish and grill them",
    )
    result = talkkit("library", "approve", "jo-eun", "--by", "Dana Lee", cwd=workspace)
    assert (result.status, result.err.splitlines()) == (
        2,
        [
            "talkkit: quotes could not be verified against the source documents: talkkit.yaml "
            "names no folder of source documents",
            CANNOT_COMPARE,
        ],
    )


def test_a_source_naming_no_document_is_told_its_quotes_are_unverified(workspace):
    replace(workspace / "content/sources.yaml", "  document: 004_394a5029e858065e.txt\n", "")
    where = at(workspace, "content/sources.yaml", "003_86001f59c82de649.txt", "stories-from-inside")
    assert found(check(workspace), *CODES, *SOURCE_CODES) == [
        f"{where}: warning quotes-unverified quotes could not be verified "
        "against the source documents: source 'stories-from-inside' names no document; add its "
        "`document:`, the file of the source documents folder that holds it"
    ]


def test_a_word_changed_in_a_source_document_is_reported_at_each_excerpt_quoting_it(workspace):
    replace(
        workspace / "sources/001_098a76e456ab8c78.txt",
        "catch fish and cook them",
        "catch fish and fry them",
    )
    fix = (
        "compare the excerpt with its source document; restore the document if it was changed "
        "by mistake, or correct the excerpt and run `talkkit library approve jo-eun/born-by-the-tumen`"
    )
    talk = (
        "error quote-not-in-source the words of excerpt 'born-by-the-tumen' of 'jo-eun' are not "
        "in its source document (sources/001_098a76e456ab8c78.txt): the source says 'fry' where "
        f"the excerpt says 'cook'; it may not be shown until they agree; staff: {fix}"
    )
    assert found(check(workspace), *CODES, *SOURCE_CODES) == [
        "content/stories/jo-eun.yaml:39:11: error quote-not-in-source the words of excerpt "
        "'jo-eun/born-by-the-tumen' are not in its source document "
        "(sources/001_098a76e456ab8c78.txt): the source says 'fry' where the excerpt says "
        f"'cook'; {fix}",
        *(
            f"{at(workspace, rel, 'id: jo-eun-story', 'born-by-the-tumen')}: {talk}"
            for rel in ("decks/standard/community-60.yaml", "decks/standard/middle-school-30.yaml")
        ),
    ]


def test_an_event_showing_an_excerpt_whose_source_changed_is_refused_a_build(workspace, talkkit):
    replace(
        workspace / "sources/001_098a76e456ab8c78.txt",
        "We were only fed a quarter of an ear",
        "We were only fed a third of an ear",
    )
    path = talk(
        workspace,
        """
          - kind: quote
            story: jo-eun
            excerpt: hunger-in-detention
        """,
        event="{name: Test event, date: 2027-03-12, venue: Hall}",
    )
    expected = [
        "decks/talk.yaml:9:14: error quote-not-in-source the words of excerpt "
        "'hunger-in-detention' of 'jo-eun' are not in its source document "
        "(sources/001_098a76e456ab8c78.txt): the source says 'third' where the excerpt says "
        "'quarter'; it may not be shown until they agree; staff: compare the excerpt with its "
        "source document; restore the document if it was changed by mistake, or correct the "
        "excerpt and run `talkkit library approve jo-eun/hunger-in-detention`"
    ]
    assert found(check(workspace, path), "quote-not-in-source") == expected
    result = talkkit("build", "decks/talk.yaml", "--only", "deck", cwd=workspace)
    assert result.status == 1
    assert [line for line in result.lines if "quote-not-in-source" in line] == expected
    assert not (workspace / "build/talk.pptx").exists()


def test_words_approved_with_a_reason_are_not_compared_again(workspace, talkkit):
    replace(
        workspace / "content/stories/jo-eun.yaml",
        "We were only fed a quarter of an ear",
        "We were only fed a half of an ear",
    )
    assert [d.code for d in check(workspace, workspace / "content") if d.code in SOURCE_CODES] == [
        "quote-not-in-source"
    ]
    result = talkkit(
        "library",
        "approve",
        "jo-eun",
        "--by",
        "Dana",
        "--reason",
        "the narrator's correction",
        cwd=workspace,
    )
    assert result.status == 0
    assert found(check(workspace), *CODES, *SOURCE_CODES) == []


def test_each_source_document_a_story_quotes_is_read_once_a_run(workspace, monkeypatch):
    session = Session(Workspace.at(workspace), today=SAMPLES_CHECKED)
    reads: list[str] = []
    real = Path.read_text

    def counting(self, *args, **kwargs):
        if self.parent.name == "sources":
            reads.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    session.check()
    session.check()
    assert sorted(reads) == [
        "000_319cd5b273b271e8.txt",
        "001_098a76e456ab8c78.txt",
        "002_e369b8cf19734ae0.txt",
        "004_394a5029e858065e.txt",
    ]


def test_a_source_folder_outside_the_workspace_is_not_read(workspace):
    # A copy of the workspace would be without it: the check says so, as for a missing one.
    outside = workspace.parent / "elsewhere"
    (workspace / "sources").rename(outside)
    replace(
        workspace / "talkkit.yaml", "source_documents: sources", "source_documents: ../elsewhere"
    )
    where = _config_line(workspace, "source_documents: ")
    assert [d.format(workspace) for d in check(workspace) if d.code in SOURCE_CODES] == [
        f"{where}: warning quotes-unverified quotes could not be verified against the source "
        "documents: folder ../elsewhere is outside the workspace, which reads none; put the "
        "source documents there, or correct `source_documents` in talkkit.yaml"
    ]


def test_a_document_outside_the_source_folder_is_not_read(workspace):
    replace(workspace / "content/sources.yaml", "004_394a5029e858065e.txt", "../talkkit.yaml")
    where = at(workspace, "content/sources.yaml", "id: stories-from-inside", "../talkkit.yaml")
    assert found(check(workspace), *CODES, *SOURCE_CODES) == [
        f"{where}: warning quotes-unverified quotes could not be verified against the source "
        "documents: ../talkkit.yaml is outside folder sources; put the document there, "
        "or correct its `document:` in content/sources.yaml"
    ]
