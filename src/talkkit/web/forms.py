"""The event fields of the new-talk and details forms, checked as `talkkit new` checks them."""

from __future__ import annotations

from dataclasses import dataclass, field

from talkkit.bounds import MAX_MINUTES, MIN_MINUTES
from talkkit.models import FIELD_MAX
from talkkit.web import core, edit

LABELS = {"name": "event's name", "venue": "venue", "city": "city", "speaker": "speaker's name"}


@dataclass
class Form:
    """Submitted values and the problems found in them, by field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def file_name(details: dict) -> str:
    """The file name of a new event: its name and date, as `talkkit new NAME` makes one."""
    return f"{details['name']} {details['date'].isoformat()}"


def audiences(run) -> list[tuple[str, str, str]]:
    config = core.config(run)
    return [(key, a.label, a.ages) for key, a in config.audiences.items()] if config else []


def new_choices(run) -> dict:
    return {"standards": core.standard_talks(run), "audiences": audiences(run)}


def read_details(data, choices: dict, *, new: bool) -> tuple[Form, dict]:
    """The event fields of a form, checked as `talkkit new` checks its options."""
    form = Form({k: str(v) for k, v in data.items() if isinstance(v, str) and k != "csrf"})
    values = form.values
    name = values.get("name", "").strip()
    if not name:
        form.errors["name"] = "The event needs a name."
    elif not core.slugify(name):
        form.errors["name"] = "Use some letters or digits in the event's name."
    day = None
    text = values.get("date", "").strip()
    if not text:
        form.errors["date"] = "Give the day of the talk."
    else:
        day = edit.parse_date(text)
        if day is None:
            form.errors["date"] = f"{text} is not a day of the calendar; write it like 2027-03-12."
    audience = values.get("audience", "").strip() or None
    if audience is not None and audience not in {a[0] for a in choices["audiences"]}:
        form.errors["audience"] = "Choose one of the audiences offered."
    minutes = None
    text = values.get("minutes", "").strip()
    if text:
        if text.isdigit() and MIN_MINUTES <= int(text) <= MAX_MINUTES:
            minutes = int(text)
        else:
            form.errors["minutes"] = (
                f"Give the minutes as a whole number from {MIN_MINUTES} to {MAX_MINUTES}."
            )

    def optional(key: str) -> str | None:
        return values.get(key, "").strip() or None

    for key, label in LABELS.items():
        length = len(values.get(key, "").strip())
        if length > FIELD_MAX:
            form.errors[key] = (
                f"The {label} has {length} characters; shorten it to {FIELD_MAX} at most, "
                "so that it fits on one line of the handout."
            )

    details = {
        "speaker": optional("speaker"),
        "name": name,
        "date": day,
        "venue": optional("venue"),
        "city": optional("city"),
        "audience": audience,
        "minutes": minutes,
        "recorded": "recorded" in values,
    }
    return form, details
