"""The theme's master, read and prepared once, and a deck's own copy of it for each deck.

Reading deck.pptx with python-pptx parses every part of it: its masters, layouts and themes,
which no deck changes once they are prepared (its slides dropped, its themes naming the East
Asian font, its bullet sizes mended). So the master is read and prepared once
(`MasterCopies`), and each deck gets a new package that shares those parts and has its own
copy of the parts a deck changes: the presentation part, which lists the slides, and the
parts the package relates to directly (the document properties, the thumbnail). Each copy
has the relationships of its original, in the same order with the same ids, so a deck
written from it has the same bytes as from a freshly read master.

Should a shared part relate to one a deck changes, nothing is shared: every deck reads the
master afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.opc.oxml import CT_Relationships
from pptx.opc.package import PartFactory
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.package import Package


class MasterCopies:
    """One master file read and prepared once, and copies of it for decks."""

    def __init__(self, path: Path, prepare: Callable[[object], None]):
        self.path = path
        self.prepare = prepare
        self.shared: dict[PackURI, object] | None = None
        self.own: list[tuple[PackURI, str, bytes]] = []
        self.rels: dict[PackURI, CT_Relationships] = {}
        self.package_rels: CT_Relationships | None = None
        self._read()

    def _fresh(self):
        prs = Presentation(str(self.path))
        self.prepare(prs)
        return prs

    def _read(self) -> None:
        package = self._fresh().part.package
        own = [rel.target_part for rel in package._rels.values() if not rel.is_external]
        shared = {part.partname: part for part in package.iter_parts() if part not in own}
        for part in shared.values():
            for rel in part.rels.values():
                if not rel.is_external and rel.target_part in own:
                    return  # a shared part leads to a deck's own one: share nothing
        self.own = [(part.partname, part.content_type, part.blob) for part in own]
        self.rels = {part.partname: _rels_element(part.rels) for part in own if part._rels}
        self.package_rels = _rels_element(package._rels)
        self.shared = shared

    def copy(self):
        """A presentation of the prepared master for one deck to change as it likes, but for
        the shared parts, which it must leave as they are."""
        if self.shared is None:
            return self._fresh()
        package = Package(None)
        parts = dict(self.shared)
        for name, content_type, blob in self.own:
            parts[name] = PartFactory(name, content_type, package, blob)
        for name, rels in self.rels.items():
            parts[name].load_rels_from_xml(rels, parts)
        package._rels.load_from_xml(PACKAGE_URI, self.package_rels, parts)
        return package.presentation_part.presentation


def _rels_element(rels) -> CT_Relationships:
    """A part's relationships as the XML they load from, in their order (not their ids')."""
    element = CT_Relationships.new()
    for rel in rels.values():
        element.add_rel(rel.rId, rel.reltype, rel.target_ref, rel.is_external)
    return element
