"""The shape of the house: stages import one way, no cycle, only the command line knows click, modules stay small.

The import graph is read from the source with `ast` (every import, at the top
of a module or inside a function), so a late import cannot hide an edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from samples import ROOT

SRC = ROOT / "src" / "talkkit"
MAX_LINES = 500

CHECKS_MAY_NOT_IMPORT = ("talkkit.render", "talkkit.commands", "talkkit.cli", "talkkit.session")
BELOW_THE_STAGES = ("talkkit.policy", "talkkit.text", "talkkit.models", "talkkit.diagnostics")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The talkkit modules a module imports (a package counts when imported by name)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_import_graph_has_no_cycle():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("talkkit.checks")))
def test_the_check_stage_imports_nothing_from_render_the_session_or_the_commands(name):
    assert sorted(m for m in GRAPH[name] if m.startswith(CHECKS_MAY_NOT_IMPORT)) == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith(BELOW_THE_STAGES)))
def test_policy_and_text_import_no_stage_above_them(name):
    above = (
        "talkkit.checks",
        "talkkit.render",
        "talkkit.commands",
        "talkkit.cli",
        "talkkit.session",
    )
    assert sorted(m for m in GRAPH[name] if m.startswith(above)) == []


def test_only_the_command_line_package_imports_click():
    users = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(m == "click" or m.startswith("click.") for m in modules):
                users.append(name)
    assert (
        sorted(u for u in set(users) if u != "talkkit.cli" and not u.startswith("talkkit.cli."))
        == []
    )
    assert "talkkit.cli" in users


def test_no_module_is_over_the_size_limit():
    lines = {
        path.relative_to(SRC).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in MODULES.values()
    }
    assert {rel: n for rel, n in lines.items() if n > MAX_LINES} == {}


def test_every_package_has_a_mirror_folder_of_tests():
    packages = sorted(p.parent.name for p in SRC.rglob("__init__.py") if p.parent != SRC)
    missing = [p for p in packages if not list((ROOT / "tests" / p).glob("test_*.py"))]
    assert missing == []


MAX_FUNCTION_LINES = 100
CLOCK_READERS = {"talkkit.session", "talkkit.cli.base", "talkkit.web.app", "talkkit.commands.watch"}
"""The run (the session), and the fronts that start one: the command line, the page's front,
and `watch`, which stamps each of its runs with the time of day."""
CLOCK_CALLS = (
    "date.today",
    "datetime.now",
    "datetime.today",
    "datetime.utcnow",
    "time.time",
    "time.localtime",
    "time.ctime",
)
CACHE_DECORATORS = {"cache", "lru_cache", "cached_property"}
NOT_WORKSPACE_CONTENT = {"talkkit.render.typst": ["_COMPILED_IN"]}
"""Module-level state that holds no workspace content: the processes that have run Typst."""
WORKSPACE_WORDS = ("path", "workspace", "folder", "root", "file", "theme", "slot", "talk", "font")
"""Parameter names and annotations that say a function's result depends on workspace content."""


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    return ""


def clock_reads(tree: ast.Module) -> list[str]:
    """Each call that reads the clock for a day or a time: date.today(), datetime.now() ..."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if any(name == call or name.endswith("." + call) for call in CLOCK_CALLS):
                found.append(f"{name}() on line {node.lineno}")
    return found


def module_caches(tree: ast.Module) -> list[str]:
    """Module-level caches: an empty dict, list or set bound at the top of a module, and a
    function of the module cached by a decorator on arguments that name workspace content."""
    found = []
    for node in tree.body:
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        empty = (isinstance(value, (ast.Dict, ast.List, ast.Set)) and not _elements(value)) or (
            isinstance(value, ast.Call)
            and _dotted(value.func).split(".")[-1]
            in ("dict", "list", "set", "defaultdict", "OrderedDict", "WeakValueDictionary")
            and not value.args
        )
        if empty:
            found += [f"{_dotted(t)} on line {node.lineno}" for t in targets]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = {
                _dotted(d.func if isinstance(d, ast.Call) else d).split(".")[-1]
                for d in node.decorator_list
            }
            arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            said = " ".join(
                a.arg + " " + (ast.unparse(a.annotation) if a.annotation else "") for a in arguments
            ).lower()
            if decorators & CACHE_DECORATORS and any(w in said for w in WORKSPACE_WORDS):
                found.append(f"{node.name}() on line {node.lineno}")
    return found


def _elements(node: ast.AST) -> list:
    return node.keys if isinstance(node, ast.Dict) else node.elts  # type: ignore[attr-defined]


def test_the_clock_and_cache_finders_find_what_they_look_for():
    tree = ast.parse(
        "import datetime as dt\nfrom functools import lru_cache\n_SEEN: dict = {}\n"
        "KINDS = {'a': 1}\n@lru_cache\ndef font(path): ...\n@lru_cache\ndef qr(url: str): ...\n"
        "def day():\n    return dt.date.today() or dt.datetime.now()\n"
    )
    assert clock_reads(tree) == ["dt.date.today() on line 10", "dt.datetime.now() on line 10"]
    assert module_caches(tree) == ["_SEEN on line 3", "font() on line 6"]


@pytest.mark.parametrize("name", sorted(set(MODULES) - CLOCK_READERS))
def test_no_module_below_the_run_reads_the_clock(name):
    assert clock_reads(_tree(name)) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_keeps_a_cache_of_workspace_content(name):
    # Caches live on the run (talkkit.session), kept by what they depend on.
    named = [found.split(" on line ")[0] for found in module_caches(_tree(name))]
    assert named == NOT_WORKSPACE_CONTENT.get(name, [])


def test_no_function_is_over_the_length_limit():
    long = {}
    for name in MODULES:
        for node in ast.walk(_tree(name)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{name}.{node.name}"] = lines
    assert long == {}


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("talkkit.models")))
def test_the_models_import_no_stage(name):
    stages = (
        "talkkit.load",
        "talkkit.resolve",
        "talkkit.checks",
        "talkkit.render",
        "talkkit.session",
        "talkkit.commands",
        "talkkit.cli",
        "talkkit.web",
    )
    assert sorted(m for m in GRAPH[name] if m.startswith(stages)) == []


def test_no_file_of_the_page_imports_a_private_module_of_another_package():
    private = {
        (name, m)
        for name in MODULES
        if name.startswith("talkkit.web")
        for m in GRAPH[name]
        if not m.startswith("talkkit.web") and any(p.startswith("_") for p in m.split("."))
    }
    assert private == set()
