"""The small types every file uses (ids, text, dates, review periods) and `Node`, which remembers where it was read."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from talkkit.diagnostics import Location
from talkkit.located import YDict, location_of

# --- Small types -----------------------------------------------------------------------------

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise PydanticCustomError(
            "invalid_id",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "like 'jo-eun'",
            {"value": value},
        )
    return value


Id = Annotated[str, AfterValidator(_check_id), Field(json_schema_extra={"pattern": _ID_RE.pattern})]
"""A library or slide id: lower-case words joined by hyphens."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Text of at least one character."""

Paper = Literal["letter", "a4"]
Medium = Literal["slides", "handout", "recording"]

ContentWarning = Literal[
    "detention",
    "violence",
    "torture",
    "sexual-violence",
    "death",
    "self-harm",
    "child-harm",
    "family-separation",
    "starvation",
    "execution",
    "forced-labor",
]
"""The fixed vocabulary of content warnings."""


_PARTIAL_DATE_RE = re.compile(
    r"^(?:undated|\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)$"
)


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE_RE.match(value):
        raise PydanticCustomError(
            "invalid_partial_date",
            "'{value}' is not a date: write 2025-07-23, 2025-07, 2025, or undated",
            {"value": value},
        )
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "invalid_partial_date", "'{value}' is not a day of the calendar", {"value": value}
            ) from None
    return value


PartialDate = Annotated[
    str,
    AfterValidator(_check_partial_date),
    Field(json_schema_extra={"pattern": _PARTIAL_DATE_RE.pattern}),
]
"""A date as precise as its source: 2025-07-23, 2025-07, 2025, or undated."""


def partial_date_start(value: str) -> dt.date | None:
    """The first day a partial date can mean (2025-07 -> 2025-07-01); None when undated."""
    if value == "undated":
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


_PERIOD_RE = re.compile(r"^(?:never|([1-9]\d*) (month|months|year|years))$")


def _check_period(value: str) -> str:
    if not _PERIOD_RE.match(value):
        raise PydanticCustomError(
            "invalid_period",
            "'{value}' is not a review period: write '6 months', '2 years' or 'never'",
            {"value": value},
        )
    return value


ReviewPeriod = Annotated[
    str, AfterValidator(_check_period), Field(json_schema_extra={"pattern": _PERIOD_RE.pattern})
]
"""How often a fact must be checked again: '6 months', '2 years', or 'never'."""


def period_months(value: str) -> int | None:
    """The number of months in a review period; None for 'never'."""
    match = _PERIOD_RE.match(value)
    if not match or value == "never":
        return None
    count, unit = int(match.group(1)), match.group(2)
    return count * 12 if unit.startswith("year") else count


# --- Base ------------------------------------------------------------------------------------


class Node(BaseModel):
    """A model read from a YAML file, remembering where each of its fields stands."""

    # Each model's validator is built the first time it validates, not at import: a run
    # pays only for the models it reads.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    _source: YDict | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler):
        node = handler(data)
        if isinstance(data, YDict):
            node._source = data
        return node

    def location(self, *path: str | int) -> Location | None:
        """Where this node, or the field that `path` leads to, was written; None when not from a file."""
        if self._source is None:
            return None
        return location_of(self._source, path) or self._source.location
