"""The content library quotes its sources exactly and protects withheld names."""

import re
from pathlib import Path

import pytest
import yaml


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "talkkit.yaml").is_file():
            return folder
    raise RuntimeError(f"no talkkit.yaml above {start}")


ROOT = find_root(Path(__file__).resolve().parent)
CONTENT = ROOT / "content"
MAX_EXCERPT_WORDS = 70


def load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def numbers(text: str) -> list[str]:
    return re.findall(r"\d(?:[\d,]*\d)?", text)


CONFIG = load(ROOT / "talkkit.yaml")
SOURCE_DIR = (ROOT / CONFIG["source_documents"]).resolve()
SOURCES = {entry["id"]: entry for entry in load(CONTENT / "sources.yaml")}
STORIES = [load(path) for path in sorted((CONTENT / "stories").glob("*.yaml"))]
FACTS = load(CONTENT / "facts.yaml")
ACTIONS = load(CONTENT / "actions.yaml")

EXCERPTS = [(story, excerpt) for story in STORIES for excerpt in story["excerpts"]]
EXCERPT_IDS = [f"{story['id']}/{excerpt['id']}" for story, excerpt in EXCERPTS]
PROTECTED = [
    (story, narrator)
    for story in STORIES
    for narrator in story["narrators"]
    if narrator.get("identity") == "protected"
]

_documents: dict[str, str] = {}


def document(source_id: str) -> str:
    """The collapsed text of the document a source id names."""
    assert source_id in SOURCES, f"unknown source {source_id!r}"
    name = SOURCES[source_id]["document"]
    if name not in _documents:
        path = SOURCE_DIR / name
        assert path.is_file(), f"source document missing: {path}"
        _documents[name] = collapse(path.read_text(encoding="utf-8"))
    return _documents[name]


def test_library_is_not_empty():
    assert STORIES and EXCERPTS and FACTS and ACTIONS


@pytest.mark.parametrize("story,excerpt", EXCERPTS, ids=EXCERPT_IDS)
def test_excerpt_is_verbatim(story, excerpt):
    text = collapse(excerpt["text"])
    assert text in document(story["source"]), (
        f"{story['id']}/{excerpt['id']} is not in source {story['source']}"
    )


@pytest.mark.parametrize("story,excerpt", EXCERPTS, ids=EXCERPT_IDS)
def test_excerpt_fits_a_slide(story, excerpt):
    count = len(excerpt["text"].split())
    assert count <= MAX_EXCERPT_WORDS, f"{story['id']}/{excerpt['id']} has {count} words"


@pytest.mark.parametrize("fact", FACTS, ids=[fact["id"] for fact in FACTS])
def test_fact_quote_is_verbatim(fact):
    assert collapse(fact["quote"]) in document(fact["source"]), (
        f"the quote of {fact['id']} is not in source {fact['source']}"
    )


@pytest.mark.parametrize("fact", FACTS, ids=[fact["id"] for fact in FACTS])
def test_fact_figures_are_in_quote(fact):
    in_quote = set(numbers(fact["quote"]))
    missing = [n for n in numbers(fact["text"]) if n not in in_quote]
    assert not missing, f"{fact['id']}: {missing} not in its quote"


@pytest.mark.parametrize("action", ACTIONS, ids=[action["id"] for action in ACTIONS])
def test_action_text_is_verbatim(action):
    assert collapse(action["text"]) in document(action["source"]), (
        f"the text of {action['id']} is not in source {action['source']}"
    )


@pytest.mark.parametrize(
    "story,narrator",
    PROTECTED,
    ids=[f"{story['id']}/{narrator['id']}" for story, narrator in PROTECTED],
)
def test_withheld_names_stay_hidden(story, narrator):
    withheld = narrator.get("withheld_names") or []
    assert withheld, f"protected narrator {narrator['id']} lists no withheld names"
    places = {
        "id": story["id"],
        "title": story["title"],
        "summary": story.get("summary", ""),
    }
    for other in story["narrators"]:
        places[f"shown_as of {other['id']}"] = other["shown_as"]
    for excerpt in story["excerpts"]:
        places[f"excerpt {excerpt['id']}"] = f"{excerpt['id']} {excerpt['text']}"
    for name in withheld:
        for place, value in places.items():
            assert name.lower() not in str(value).lower(), (
                f"withheld name {name!r} appears in the {place} of {story['id']}"
            )
