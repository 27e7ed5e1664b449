"""docs/checks.md explains every code talkkit can report; rules declare the codes they report."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from samples import ROOT
from talkkit.checks import rule_codes

SRC = ROOT / "src" / "talkkit"
DOCS = ROOT / "docs" / "checks.md"
CODE_RE = re.compile(r"^[a-z]+(?:-[a-z]+)+$")

DYNAMIC = {"unknown-{...}": {"unknown-fact", "unknown-action", "unknown-asset"}}
"""Codes built from parts (resolve.py's lookups), each spelled out."""


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("error", "warning"):
            yield node


def _assigned(tree: ast.AST) -> set[str]:
    """Texts assigned to a variable named `code` (validate.py chooses its code that way)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "code" for t in node.targets
        ):
            found |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    return {t for t in found if isinstance(t, str) and CODE_RE.match(t)}


def _code_of(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    return call.args[1] if len(call.args) > 1 else None


def codes_in(path: Path) -> set[str]:
    """Every code a module reports through error()/warning(), as far as the source says it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    codes = _assigned(tree)
    for call in _calls(tree):
        code = _code_of(call)
        if isinstance(code, ast.Constant) and isinstance(code.value, str):
            codes.add(code.value)
        elif isinstance(code, ast.JoinedStr):
            shape = "".join(
                part.value if isinstance(part, ast.Constant) else "{...}" for part in code.values
            )
            assert shape in DYNAMIC, f"{path.name}: a code built as {shape!r}; list it in DYNAMIC"
            codes |= DYNAMIC[shape]
    return codes


def source_codes() -> set[str]:
    codes = set(rule_codes())
    for path in SRC.rglob("*.py"):
        codes |= codes_in(path)
    return codes


def documented() -> list[str]:
    return re.findall(r"^### `([a-z-]+)`", DOCS.read_text(encoding="utf-8"), re.MULTILINE)


def test_every_code_talkkit_reports_is_documented():
    missing = source_codes() - set(documented())
    assert not missing, f"codes without an entry in docs/checks.md: {sorted(missing)}"


def test_every_documented_code_is_one_talkkit_reports():
    extra = set(documented()) - source_codes()
    assert not extra, f"docs/checks.md documents codes no code reports: {sorted(extra)}"


def test_each_code_is_documented_once_with_severity_what_why_and_fix():
    entries = re.split(r"^### ", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    names = documented()
    assert len(names) == len(set(names)), "a code is documented twice"
    for entry in entries:
        name = entry.split("`")[1]
        assert re.search(r"^\*\*(error|warning)\*\*", entry, re.MULTILINE), name
        for part in (r"^What:", r"^Why:", r"^Fix( \(staff\))?:"):
            assert re.search(part, entry, re.MULTILINE), f"{name}: no {part}"


def test_every_code_a_rule_reports_is_declared_by_its_rules():
    for path in (SRC / "checks").glob("*.py"):
        undeclared = codes_in(path) - rule_codes()
        assert not undeclared, f"{path.name} reports undeclared codes {sorted(undeclared)}"


def test_the_collector_finds_codes_of_every_kind():
    codes = source_codes()
    assert {"yaml-alias", "unknown-field", "unknown-asset", "beyond-audience"} <= codes
    assert {"time-budget", "fact-outdated", "link-domain", "extends-cycle"} <= codes
