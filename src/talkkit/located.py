"""Mappings and lists that remember where each of their parts stands in the file they were read from.

The loader (talkkit.load.safe_yaml) makes them; the models read their
locations. Both stages stand on this module, which depends on nothing but
talkkit.diagnostics.
"""

from __future__ import annotations

from talkkit.diagnostics import Location

__all__ = ["YDict", "YList", "location_of"]


class YDict(dict):
    """A mapping read from YAML, with the location of itself, its keys and its values."""

    def __init__(self, *args, location: Location, **kw):
        super().__init__(*args, **kw)
        self.location = location
        self.key_locations: dict[str, Location] = {}
        self.value_locations: dict[str, Location] = {}

    def key_location(self, key: str) -> Location:
        return self.key_locations.get(key, self.location)

    def value_location(self, key: str) -> Location:
        return self.value_locations.get(key, self.key_location(key))


class YList(list):
    """A list read from YAML, with the location of itself and of each item."""

    def __init__(self, *args, location: Location, **kw):
        super().__init__(*args, **kw)
        self.location = location
        self.item_locations: list[Location] = []

    def item_location(self, index: int) -> Location:
        if 0 <= index < len(self.item_locations):
            return self.item_locations[index]
        return self.location


def location_of(data: object, path: tuple = (), *, key: bool = False) -> Location | None:
    """The location of the part of `data` that `path` (keys and indexes) leads to.

    Steps that do not lead anywhere (a missing key, a pydantic union tag) are
    skipped, so the answer is the deepest located part on the way. With
    `key=True`, the last step gives the location of the key rather than its value.
    """
    node = data
    found = getattr(data, "location", None)
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, YDict) and isinstance(step, str) and step in node:
            found = node.key_location(step) if (key and last) else node.value_location(step)
            node = node[step]
        elif isinstance(node, YList) and isinstance(step, int) and 0 <= step < len(node):
            found = node.item_location(step)
            node = node[step]
        else:
            continue
    return found
