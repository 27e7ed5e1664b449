"""Validate YAML data against a model and say what is wrong in plain words, at its exact place."""

from __future__ import annotations

import re
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, TypeAdapter, ValidationError

from talkkit.diagnostics import Diagnostic, Location, did_you_mean, error
from talkkit.load.safe_yaml import YDict, YList
from talkkit.located import location_of


@cache
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)


def validate(annotation: Any, data: Any, path: Path) -> tuple[Any, list[Diagnostic]]:
    """`data` as an instance of `annotation`, or None and a diagnostic for each problem."""
    try:
        return _adapter(annotation).validate_python(data), []
    except ValidationError as exc:
        diagnostics = [_diagnostic(err, data, annotation, path) for err in exc.errors()]
        return None, _unique(diagnostics)


def validate_items(
    annotation: Any, data: Any, path: Path, *, what: str
) -> tuple[list[Any], list[Diagnostic]]:
    """Each item of a YAML list validated on its own, so one bad item hides none of the others."""
    if not isinstance(data, list):
        location = getattr(data, "location", Location(path, 1, 1))
        return [], [
            error(
                location,
                "wrong-type",
                f"expected a list of {what} (lines starting with '- '), got {describe(data)}",
            )
        ]
    items, diagnostics = [], []
    for index, item in enumerate(data):
        value, problems = validate(annotation, item, path)
        for problem in problems:
            diagnostics.append(problem)
        if value is not None:
            items.append(value)
        elif isinstance(data, YList) and not problems:  # pragma: no cover
            diagnostics.append(error(data.item_location(index), "invalid-value", "unreadable item"))
    return items, diagnostics


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen, result = set(), []
    for d in diagnostics:
        key = (d.location, d.code, d.message)
        if key not in seen:
            seen.add(key)
            result.append(d)
    return result


def describe(value: Any) -> str:
    """A value as a user would name it: 'a list', 'a mapping', 'nothing', or the text itself."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:60]}...'" if len(text) > 60 else f"'{text}'"


def _diagnostic(err: dict, data: Any, annotation: Any, path: Path) -> Diagnostic:
    kind = err["type"]
    loc, owner = _walk(annotation, tuple(err["loc"]))
    value = err.get("input")
    ctx = err.get("ctx") or {}
    steps = [s for s in loc if isinstance(s, str)]
    name = steps[-1] if steps else ""
    field = f"'{name}'" if name else "this"
    if loc and isinstance(loc[-1], int):
        field = f"item {loc[-1] + 1} of {field}"
    where = (
        location_of(data, loc, key=kind == "extra_forbidden")
        or getattr(data, "location", None)
        or Location(path, 1, 1)
    )
    code, hint = "invalid-value", None

    if kind == "missing":
        code = "missing-field"
        parent = _value_at(data, loc[:-1])
        slide_kind = parent.get("kind") if isinstance(parent, dict) else None
        message = (
            f"a {slide_kind} slide needs {field}"
            if isinstance(slide_kind, str) and ("slides" in loc or "add" in loc)
            else f"{field} is required here"
        )
        where = getattr(parent, "location", where)
    elif kind == "extra_forbidden":
        code = "unknown-field"
        message = f"unknown field {field}"
        hint = comma_hint(data, loc, where)
        if hint is None and owner is not None:
            hint = did_you_mean(name, owner.model_fields, what="fields here")
    elif kind == "union_tag_invalid":
        code = "unknown-kind"
        tag = ctx.get("tag", value)
        message = f"unknown slide kind '{tag}'"
        hint = did_you_mean(str(tag), _tags(ctx), what="kinds")
    elif kind in ("union_tag_not_found", "model_attributes_type") and not isinstance(value, dict):
        code = "wrong-type"
        message = f"{field} should be a mapping (key: value lines), not {describe(value)}"
    elif kind == "union_tag_not_found":
        code = "missing-field"
        message = "a slide needs a 'kind'"
        where = getattr(value, "location", where)
        hint = "kinds: " + ", ".join(_tags(ctx)) if _tags(ctx) else None
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        code = "wrong-type"
        message = f"{field} should be a mapping (key: value lines), not {describe(value)}"
        if name == "" and not steps:
            message = f"expected a mapping (key: value lines), got {describe(value)}"
    elif kind in ("list_type", "tuple_type", "set_type"):
        code = "wrong-type"
        message = f"{field} should be a list (lines starting with '- '), not {describe(value)}"
        if isinstance(value, str):
            hint = f"write it as [{value}]"
    else:
        said = _value_message(kind, field, value, ctx, where)
        if said is None:
            message = f"{field}: {err['msg']}" if name else err["msg"]
        else:
            code, message, hint = said
    return error(where, code, message, hint)


def _value_message(
    kind: str, field: str, value: Any, ctx: dict, where: Location
) -> tuple[str, str, str | None] | None:
    """The code, message and hint for a value of the wrong type or out of range; None for a
    kind of error this does not word."""
    code, hint = "invalid-value", None
    if kind == "literal_error":
        choices = [
            c.strip().strip("'")
            for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        choices = [c for c in choices if c]
        message = f"{field} cannot be {describe(value)}"
        hint = did_you_mean(str(value), choices, what="it can be")
    elif kind == "string_type":
        code = "wrong-type" if value is not None else "missing-field"
        message = (
            f"{field} is empty"
            if value is None
            else f"{field} should be text, not {describe(value)}"
        )
        hint = colon_hint(value, where)
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = f"{field} should be a whole number, not {describe(value)}"
    elif kind in ("float_parsing", "float_type"):
        message = f"{field} should be a number, not {describe(value)}"
    elif kind in ("bool_parsing", "bool_type"):
        message = f"{field} should be true or false, not {describe(value)}"
        hint = "write true or false (yes and no mean the same)"
    elif kind.startswith("date"):
        message = f"{field} should be a date like 2027-03-12, not {describe(value)}"
        if isinstance(value, str) and re.search(r"[/. ,]", value.strip()):
            hint = "write the year, the month and the day, with hyphens: 2027-03-12"
    elif kind in ("greater_than_equal", "greater_than"):
        message = f"{field} must be at least {ctx.get('ge', ctx.get('gt'))}, not {describe(value)}"
    elif kind in ("less_than_equal", "less_than"):
        message = f"{field} must be at most {ctx.get('le', ctx.get('lt'))}, not {describe(value)}"
    elif kind == "too_short":
        least = ctx.get("min_length")
        message = f"{field} needs at least {least} item{'s' if least != 1 else ''}"
    elif kind == "too_long":
        message = f"{field} has {ctx.get('actual_length')} items; it may have at most {ctx.get('max_length')}"
    elif kind == "string_too_short":
        message = f"{field} must not be empty"
    elif kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "more"
        message = f"{field} has {length} characters; it may have at most {ctx.get('max_length')}"
        hint = "shorten it; the handout prints it on one line"
    else:
        return None
    return code, message, hint


def comma_hint(data: Any, loc: tuple, where: Location) -> str | None:
    """For a key that is the rest of a text cut at a comma (`{title: Thank you, Westview}`), how to quote it.

    Inside `{ }` a comma ends a field, so YAML reads the words after it as a
    key without a value. None when the key does not look like that.
    """
    parent = _value_at(data, loc[:-1])
    name = loc[-1] if loc else None
    if not isinstance(parent, YDict) or not isinstance(name, str) or parent.get(name) is not None:
        return None
    line = _line(where)
    if line is None or not line[: (where.column or 1) - 1].rstrip().endswith(","):
        return None
    keys = list(parent)
    index = keys.index(name)
    if index == 0 or not isinstance(parent[keys[index - 1]], str):
        return None
    before = keys[index - 1]
    text = f"{parent[before]}, {name}"
    return (
        "inside { } a comma ends a field, so the words after it became a field name; "
        f'put text with a comma in quotes: {before}: "{text}"'
    )


def colon_hint(value: Any, where: Location) -> str | None:
    """For text read as a `key: value` pair (`- Doors: 5pm`), how to quote it.

    None for a mapping written in braces on purpose, or of more than one pair.
    """
    if not isinstance(value, dict) or len(value) != 1:
        return None
    line = _line(where)
    if line is not None and line[(where.column or 1) - 1 :].startswith("{"):
        return None
    [(key, inner)] = value.items()
    if not isinstance(inner, str):
        return None
    return (
        "a colon followed by a space makes a key and a value; "
        f'put text with ": " in quotes: "{key}: {inner}"'
    )


def _line(where: Location) -> str | None:
    try:
        lines = Path(where.path).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if where.line is None or where.line > len(lines):
        return None
    return lines[where.line - 1]


def _tags(ctx: dict) -> list[str]:
    expected = str(ctx.get("expected_tags", ""))
    return [t.strip().strip("'") for t in expected.split(",") if t.strip()]


def _value_at(data: Any, loc: tuple) -> Any:
    node = data
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            node = node[step]
    return node


def _strip(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _walk(annotation: Any, loc: tuple) -> tuple[tuple, type[BaseModel] | None]:
    """`loc` without pydantic's union tags, and the model the last step is a field of."""
    current: Any = annotation
    clean: list = []
    owner: type[BaseModel] | None = None
    for step in loc:
        current = _strip(current)
        origin = typing.get_origin(current)
        if origin in (Union, types.UnionType) and isinstance(step, str):
            current = _union_member(current, step)
            continue
        clean.append(step)
        if isinstance(current, type) and issubclass(current, BaseModel):
            owner = current
            info = current.model_fields.get(step) if isinstance(step, str) else None
            current = info.annotation if info else None
        elif origin is list and isinstance(step, int):
            owner, current = None, typing.get_args(current)[0]
        elif origin is dict:
            owner, current = None, typing.get_args(current)[1]
        else:
            owner, current = None, None
    return tuple(clean), owner


def _union_member(union: Any, tag: str) -> type[BaseModel] | None:
    for member in typing.get_args(union):
        member = _strip(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return member
    return None
