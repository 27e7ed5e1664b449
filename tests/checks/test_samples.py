"""The sample workspace passes every check strictly; a safety error stops a build before anything is written."""

from __future__ import annotations

from checking import SAMPLES_CHECKED, outline


def test_the_sample_workspace_passes_strict_checks(workspace, talkkit):
    result = talkkit("--today", SAMPLES_CHECKED.isoformat(), "check", "--strict", cwd=workspace)
    assert (result.status, result.out, result.err) == (0, "", "no problems in the workspace\n")


def test_a_build_with_a_safety_error_writes_nothing(workspace, talkkit):
    outline(
        workspace,
        "too-young",
        """
        extends: standard/middle-school-30
        event: {name: Test assembly, date: 2027-03-01}
        change:
          jo-eun-story:
            excerpts: [born-by-the-tumen, guards-at-the-river]
        """,
    )
    result = talkkit("build", "decks/too-young.yaml", "-o", "out", cwd=workspace)
    assert result.status == 1
    assert [line.split(" ")[:3] for line in result.lines if "error" in line] == [
        ["decks/too-young.yaml:6:35:", "error", "beyond-audience"]
    ]
    assert result.err.splitlines()[-1] == "talkkit: nothing was built; fix the errors above first"
    assert not (workspace / "out").exists()
