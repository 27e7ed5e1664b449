"""Every problem, once, in one run: a broken outline is checked as far as it can be, and a batch builds what passes."""

from __future__ import annotations

from checking import check, found, outline

BROKEN = """
    title: Test
    audience: comunity
    minutes: 5
    colour: red
    event: {name: Evening, date: 2027-02-30}
    slides:
      - kind: story
        story: jeans-and-fredom
        excerpts: [this-is-freedom]
        colour: blue
      - kind: facts
        title: Facts
        facts: [populaton]
      - kind: quote
        story: jo-eun
        excerpt: not-an-excerpt
      - kind: donate
    """


def test_an_outline_with_bad_fields_still_has_its_ids_looked_up(workspace):
    path = outline(workspace, "broken", BROKEN)
    assert found(check(workspace, path), *_codes()) == [
        "decks/broken.yaml:3:11: error unknown-audience no audience 'comunity' in talkkit.yaml; "
        "did you mean 'community'?",
        "decks/broken.yaml:5:1: error unknown-field unknown field 'colour'; fields here: add, "
        "audience, change, drop, event, extends, language, minutes, organizer, paper, slides, "
        "speaker, ...",
        "decks/broken.yaml:6:30: error invalid-value 'date' should be a date like 2027-03-12, "
        "not '2027-02-30'",
        "decks/broken.yaml:9:12: error unknown-story no story 'jeans-and-fredom' in the library; "
        "did you mean 'jeans-and-freedom'?",
        "decks/broken.yaml:11:5: error unknown-field unknown field 'colour'; fields here: "
        "activity, excerpts, id, kind, minutes, notes, story, title",
        "decks/broken.yaml:14:13: error unknown-fact no fact 'populaton' in content/facts.yaml; "
        "did you mean 'population'?",
        "decks/broken.yaml:17:14: error unknown-excerpt story 'jo-eun' has no excerpt "
        "'not-an-excerpt'; its excerpts: born-by-the-tumen, guards-at-the-river, "
        "her-name-means-hope, hunger-in-detention, like-a-lighthouse, matching-watches",
    ]


def test_an_event_with_a_bad_field_still_has_its_changes_looked_up(workspace):
    path = outline(
        workspace,
        "event",
        """
        extends: standard/high-school-45
        theme: dark-blue
        event: {name: Evening, date: 2027-03-01, colour: red}
        change:
          new-life-story:
            story: ji-min-and-hyun-kyun
        """,
    )
    assert found(check(workspace, path), *_codes()) == [
        "decks/event.yaml:3:8: error unknown-theme no theme 'dark-blue' in templates/; themes: "
        + _themes(workspace),
        "decks/event.yaml:4:42: error unknown-field unknown field 'colour'; fields here: "
        "campaign, city, date, name, recorded, venue",
        "decks/event.yaml:7:12: error unknown-story no story 'ji-min-and-hyun-kyun' in the "
        "library; did you mean 'ji-min-and-hyun-kyung'?",
    ]


def _codes() -> tuple[str, ...]:
    return (
        "unknown-audience",
        "unknown-theme",
        "unknown-field",
        "invalid-value",
        "unknown-story",
        "unknown-fact",
        "unknown-excerpt",
    )


def _themes(workspace) -> str:
    return ", ".join(sorted(p.name for p in (workspace / "templates").iterdir() if p.is_dir()))


def test_a_batch_builds_every_outline_that_passes(talkkit, workspace):
    outline(workspace, "broken", BROKEN)
    result = talkkit("build", "--only", "deck", "--jobs", "1", cwd=workspace)
    assert result.status == 1
    assert [line for line in result.lines if line.startswith("decks/broken.yaml")][:2] == [
        "decks/broken.yaml:3:11: error unknown-audience no audience 'comunity' in talkkit.yaml; "
        "did you mean 'community'?",
        "decks/broken.yaml:5:1: error unknown-field unknown field 'colour'; fields here: add, "
        "audience, change, drop, event, extends, language, minutes, organizer, paper, slides, "
        "speaker, ...",
    ]
    assert sorted(line for line in result.lines if line.startswith("wrote")) == [
        "wrote build/lincoln-high-2027-03.pptx",
        "wrote build/riverside-library-2027-04.pptx",
    ]
    assert result.err.splitlines()[-1] == (
        "talkkit: 2 of 3 talks built; not built: decks/broken.yaml (errors above)"
    )
    assert sorted(p.name for p in (workspace / "build").glob("*.pptx")) == [
        "lincoln-high-2027-03.pptx",
        "riverside-library-2027-04.pptx",
    ]


def test_yaml_pitfalls_get_hints(workspace):
    path = outline(
        workspace,
        "pitfalls",
        """
        extends: standard/high-school-45
        speaker: Sam
        event: {name: Evening, date: 12/03/2027, recorded: nope}
        change:
          welcome: {title: Thank you, Westview}
        add:
          - after: welcome
            kind: bullets
            title: Times
            bullets:
              - Doors: 5pm
              - no
        """,
    )
    assert [d.format(workspace) for d in check(workspace, path)] == [
        "decks/pitfalls.yaml:4:30: error invalid-value 'date' should be a date like 2027-03-12, "
        "not '12/03/2027'; write the year, the month and the day, with hyphens: 2027-03-12",
        "decks/pitfalls.yaml:4:52: error invalid-value 'recorded' should be true or false, not "
        "'nope'; write true or false (yes and no mean the same)",
        "decks/pitfalls.yaml:6:31: error unknown-field unknown field 'Westview'; inside { } a "
        "comma ends a field, so the words after it became a field name; put text with a comma "
        'in quotes: title: "Thank you, Westview"',
        "decks/pitfalls.yaml:12:9: error wrong-type item 1 of 'bullets' should be text, not a "
        "mapping (key: value lines); a colon followed by a space makes a key and a value; put "
        'text with ": " in quotes: "Doors: 5pm"',
    ]


def test_ids_of_the_wrong_shape_are_reported_once_and_the_others_looked_up(workspace):
    path = outline(
        workspace,
        "shapes",
        """
        title: T
        audience: community
        minutes: 5
        slides:
          - kind: facts
            title: Facts
            facts: [populaton, [population]]
          - {kind: quote, story: jo-eun, excerpt: [x]}
          - {kind: image, image: {a: b}}
        """,
    )
    assert [d.format(workspace).split(";")[0] for d in check(workspace, path)] == [
        "decks/shapes.yaml:8:13: error unknown-fact no fact 'populaton' in content/facts.yaml",
        "decks/shapes.yaml:8:24: error wrong-type item 2 of 'facts' should be text, not a list",
        "decks/shapes.yaml:9:43: error wrong-type 'excerpt' should be text, not a list",
        "decks/shapes.yaml:10:26: error wrong-type 'image' should be text, not a mapping "
        "(key: value lines)",
    ]


def test_the_rules_check_what_is_left_of_a_broken_outline(workspace):
    path = outline(
        workspace,
        "westview",
        """
        extends: standard/high-school-45
        speaker: Sam
        audience: middle-school
        event: {name: Westview night, date: 2027-05-01}
        change:
          welcome: {title: Thank you, Westview}
          jo-eun-story: {story: jo-eu}
        """,
    )
    lines = [d.format(workspace).split(";")[0].split(" from ")[0] for d in check(workspace, path)]
    assert lines == [
        "decks/westview.yaml:4:11: error beyond-audience slide 'control-and-punishment'",
        "decks/westview.yaml:4:11: error content-note-missing slide 'food-and-health'",
        "decks/westview.yaml:4:11: error content-note-missing slide 'growing-up-story'",
        "decks/westview.yaml:4:11: error content-note-missing slide 'journey-facts'",
        "decks/westview.yaml:7:31: error unknown-field unknown field 'Westview'",
        "decks/westview.yaml:8:25: error unknown-story no story 'jo-eu' in the library",
    ]


def test_what_is_left_of_a_broken_outline_keeps_its_slide_numbers(workspace):
    path = outline(
        workspace,
        "numbers",
        """
        title: T
        audience: community
        minutes: 5
        speaker: Sam
        slides:
          - {kind: bullets, title: x, bullets: [{Doors: 5pm}]}
          - {kind: story, story: jeans-and-freedom, excerpts: [this-is-freedom], notes: Jihyun}
          - {kind: bullets, title: y, bullets: [{a: b}, "bit.ly/x"]}
        """,
    )
    found_ = [(d.location.line, d.code, d.message) for d in check(workspace, path)]
    assert [(line, code) for line, code, _ in found_] == [
        (7, "wrong-type"),
        (8, "withheld-name"),
        (9, "wrong-type"),
        (9, "link-shortener"),
    ]
    assert found_[1][2].startswith("'Jihyun' appears in the notes of slide 2:")
    assert found_[3][2].startswith("bullet 2 of slide 3: 'bit.ly/x'")
