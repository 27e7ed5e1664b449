"""JSON Schemas generated from the models, so editors complete and validate files as people type."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from talkkit.models import FILE_MODELS, describe_fields

_TITLES = {
    "outline": "talkkit talk outline",
    "story": "talkkit story",
    "facts": "talkkit facts",
    "actions": "talkkit actions",
    "sources": "talkkit sources",
    "assets": "talkkit assets",
    "config": "talkkit workspace settings (talkkit.yaml)",
}


def json_schema(kind: str) -> str:
    """The JSON Schema of one kind of file (outline, story, facts, ...), as indented JSON text."""
    describe_fields()
    schema = TypeAdapter(FILE_MODELS[kind]).json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": _TITLES[kind],
    }
    return json.dumps(schema, indent=2, ensure_ascii=False)
