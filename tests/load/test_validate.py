"""Validation: a file's data -> a model, or every problem located at its line and column in plain words."""

from __future__ import annotations

from samples import write
from talkkit.load.safe_yaml import load_yaml
from talkkit.load.validate import validate
from talkkit.models import Action


def test_every_problem_of_an_entry_is_located_and_said_plainly(tmp_path):
    path = write(
        tmp_path / "action.yaml",
        "id: donate\ntitle: Donate\ntext: Give.\nlink: Don ate\nextra: 1\n",
    )
    model, problems = validate(Action, load_yaml(path).data, path)
    assert model is None
    assert [d.format(tmp_path) for d in problems] == [
        "action.yaml:4:7: error invalid-value 'link': 'Don ate' is not a valid id: use "
        "lower-case letters, digits and single hyphens, like 'jo-eun'",
        "action.yaml:5:1: error unknown-field unknown field 'extra'; did you mean 'text'?",
    ]


def test_a_valid_entry_remembers_where_each_field_was_written(tmp_path):
    path = write(tmp_path / "action.yaml", "id: donate\ntitle: Donate\ntext: Give.\nlink: donate\n")
    model, problems = validate(Action, load_yaml(path).data, path)
    assert problems == []
    assert model is not None and model.link == "donate"
    where = model.location("link")
    assert (where.path, where.line, where.column) == (path, 4, 7)
