"""Validate every XML part of a .pptx against the ECMA-376 transitional schemas (tests/schemas/).

Each part is matched to its schema by the namespace of its root element; a part
no schema covers is itself a failure. As Office does, markup in namespaces the
standard does not define (Office extensions, `mc:AlternateContent`) is ignored:
such elements and attributes are removed before validating, as the published
validator of github.com/anthropics/skills does.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
ECMA = SCHEMAS / "ecma376"
_DC = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": SCHEMAS / "dublin-core/dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": SCHEMAS
    / "dublin-core/dcterms.xsd",
}
BY_ROOT = {
    "http://schemas.openxmlformats.org/presentationml/2006/main": "pml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "dml-diagram.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": (
        "shared-documentPropertiesCustom.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": (
        "opc-coreProperties.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
}
XSD = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STANDARD = {
    *BY_ROOT,
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    "http://purl.org/dc/dcmitype/",
    "http://www.w3.org/2001/XMLSchema-instance",
    "http://www.w3.org/XML/1998/namespace",
}


class _DublinCore(etree.Resolver):
    def resolve(self, url, pubid, context):
        local = _DC.get(url)
        return self.resolve_filename(str(local), context) if local else None


@cache
def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser()
    parser.resolvers.add(_DublinCore())
    document = etree.parse(str(ECMA / name), parser)
    for imported in document.getroot().iter(f"{{{XSD}}}import"):
        if imported.get("namespace") == XML_NS and imported.get("schemaLocation") is None:
            imported.set("schemaLocation", "xml.xsd")  # the copy kept beside it
    return etree.XMLSchema(document)


def _namespace(tag: str) -> str | None:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else None


def _strip_extensions(root: etree._Element) -> None:
    """Remove elements and attributes of namespaces the standard does not define."""
    root.attrib.pop(f"{{{MC}}}Ignorable", None)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if _namespace(element.tag) not in STANDARD and element.tag.startswith("{"):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attr in list(element.attrib):
            ns = _namespace(attr)
            if ns is not None and ns not in STANDARD:
                del element.attrib[attr]


def schema_errors(deck: bytes) -> dict[str, list[str]]:
    """The schema errors of each XML part of a deck (a part without schema counts as one error)."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        for name in archive.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = etree.fromstring(archive.read(name))
            xsd = BY_ROOT.get(_namespace(root.tag) or "")
            if xsd is None:
                found[name] = [f"no schema for root element {root.tag}"]
                continue
            _strip_extensions(root)
            checker = schema(xsd)
            if not checker.validate(root):
                found[name] = [f"{e.line}: {e.message}" for e in checker.error_log]
    return found


def xml_parts(deck: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        return [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
