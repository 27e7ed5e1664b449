"""`talkkit library`: what a speaker can use, filtered by audience or tag, as a table or JSON."""

from __future__ import annotations

import json

from samples import ROOT


def listing(talkkit, *args):
    result = talkkit("library", "--format", "json", *args, cwd=ROOT)
    assert result.status == 0, result.err
    return json.loads(result.out)


def excerpt_ids(data) -> set[str]:
    return {f"{s['id']}/{e['id']}" for s in data["stories"] for e in s["excerpts"]}


def test_everything_is_listed(talkkit):
    data = listing(talkkit)
    assert len(data["stories"]) == 7
    assert "jo-eun/guards-at-the-river" in excerpt_ids(data)
    assert {a["id"] for a in data["actions"]} == {
        "donate",
        "rescue-teams",
        "fundraise",
        "request-a-speaker",
        "learn-more",
    }
    population = next(f for f in data["facts"] if f["id"] == "population")
    assert population["as_of"] == "undated"


def test_filtered_by_audience(talkkit):
    middle = listing(talkkit, "--audience", "middle-school")
    everything = excerpt_ids(listing(talkkit))
    assert "jo-eun/guards-at-the-river" not in excerpt_ids(middle)
    assert "jo-eun/hunger-in-detention" not in excerpt_ids(middle)
    assert "jo-eun/born-by-the-tumen" in excerpt_ids(middle)
    assert excerpt_ids(middle) < everything
    assert "public-executions" not in {f["id"] for f in middle["facts"]}
    seaweed = next(
        e for s in middle["stories"] for e in s["excerpts"] if e["id"] == "seaweed-and-kelp"
    )
    assert seaweed["needs_note"] == ["starvation"]


def test_filtered_by_tag(talkkit):
    data = listing(talkkit, "--tag", "family")
    assert data["stories"]
    assert all("family" in e["tags"] for s in data["stories"] for e in s["excerpts"])
    assert all("family" in f["tags"] for f in data["facts"])


def test_the_table(talkkit):
    result = talkkit("library", "--audience", "middle-school", cwd=ROOT)
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == "Library for middle-school"
    assert any(
        line.split()[:3] == ["a-system-of-monitoring", "middle-school", "detention*"]
        for line in lines
    )
    assert lines[-1] == "* only with a content note naming the warning in the slide's notes"


def test_an_unknown_audience_is_a_usage_error(talkkit):
    result = talkkit("library", "--audience", "kids", cwd=ROOT)
    assert result.status == 2
    assert result.err == (
        "talkkit: no audience 'kids' in talkkit.yaml; audiences: middle-school, high-school, "
        "university, community\n"
    )
