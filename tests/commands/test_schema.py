"""`talkkit schema`: JSON Schemas generated from the models, committed for editors, named by every sample."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from samples import ROOT
from talkkit.cli.talks import SCHEMA_FILES
from talkkit.commands.schema import json_schema

SAMPLES = {
    "outline": sorted((ROOT / "decks").rglob("*.yaml")),
    "story": sorted((ROOT / "content/stories").glob("*.yaml")),
    "facts": [ROOT / "content/facts.yaml"],
    "actions": [ROOT / "content/actions.yaml"],
    "sources": [ROOT / "content/sources.yaml"],
    "assets": [ROOT / "assets/assets.yaml"],
    "config": [ROOT / "talkkit.yaml"],
}


def test_the_outline_schema_is_printed(talkkit):
    result = talkkit("schema", cwd=ROOT)
    assert result.status == 0
    schema = json.loads(result.out)
    assert schema["title"] == "talkkit talk outline"
    assert schema["properties"]["audience"]["description"].startswith("Who the talk is for")


@pytest.mark.parametrize("kind", SCHEMA_FILES)
def test_committed_schemas_are_up_to_date(kind):
    committed = (ROOT / "schema" / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    assert committed == json_schema(kind) + "\n", "run `talkkit schema --write`"


@pytest.mark.parametrize("kind", SAMPLES)
def test_every_sample_names_its_schema_and_is_valid_by_it(kind):
    schema = json.loads((ROOT / "schema" / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    for path in SAMPLES[kind]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target == ROOT / "schema" / SCHEMA_FILES[kind], path
        # an editor reads YAML 1.2 types: dates are text, numbers are numbers
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_catches_what_check_catches():
    schema = json.loads(json_schema("outline"))
    bad = {"title": "x", "slides": [{"kind": "storry", "story": "jo-eun"}], "tittle": "y"}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors


class _Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as an editor's YAML 1.2 core schema does (no yes/no booleans, no dates)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
