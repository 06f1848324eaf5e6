"""The tree is the pipeline: every import points down the layers of docs/architecture.md, and no
module imports itself back through others (imports inside functions count too)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "rashomon"
DOC = ROOT / "docs" / "architecture.md"


def layers() -> dict[str, int]:
    """Package -> layer number, read from the ``layers`` block of docs/architecture.md (top
    line = highest layer; names on one line share a layer)."""
    block = re.search(r"```text layers\n(.*?)```", DOC.read_text("utf-8"), re.S)
    assert block, "docs/architecture.md must hold a ```text layers block"
    lines = [ln.split("#")[0].strip() for ln in block.group(1).splitlines()]
    lines = [ln for ln in lines if ln]
    out = {}
    for level, line in enumerate(reversed(lines)):
        for name in re.split(r"[,\s]+", line):
            if name:
                out[name] = level
    return out


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported rashomon module, line) for every import in the file, wherever it stands."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    return imports_in(path.read_text("utf-8"), package)


def imports_in(source: str, package: str) -> list[tuple[str, int]]:
    tree = ast.parse(source)
    out = []
    for node in _executed(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.startswith("rashomon")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.startswith("rashomon"):
                # "from rashomon.x import y" may import the module rashomon.x.y
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    out.append((sub if _is_module(sub) else base, node.lineno))
    return out


def _executed(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:``, which only annotations read and
    which never run (they cannot make a cycle at import time)."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return [n for n in ast.walk(tree) if id(n) not in skip]


def _is_module(name: str) -> bool:
    p = SRC.parent.joinpath(*name.split("."))
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_layers_every_package_has_a_layer():
    known = layers()
    packages = {package_of(module_name(p)) for p in sources()}
    assert not packages - set(known) - {"__init__"}, sorted(packages - set(known) - {"__init__"})


def test_layers_imports_only_point_down():
    known, bad = layers(), []
    for path in sources():
        mine = package_of(module_name(path))
        if mine == "__init__":
            continue  # the package root gathers the public surface from every layer
        for target, line in imports(path):
            theirs = package_of(target)
            if theirs == mine:
                continue
            if theirs == "__init__" or known[theirs] >= known[mine]:
                bad.append(f"{path.relative_to(ROOT)}:{line} {mine} -> {theirs}")
    assert not bad, "imports that do not point down the layers:\n" + "\n".join(bad)


def test_layers_no_module_import_cycle():
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sources():
        me = module_name(path)
        for target, _ in imports(path):
            if target != me and not me.startswith(target + "."):  # a package's own __init__
                graph[me].add(target)
    cycles = [c for c in _strongly_connected(graph) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (no recursion limit on deep graphs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack, on_stack, out = [], set(), []
    counter = 0
    for start in sorted(set(graph) | {t for ts in graph.values() for t in ts}):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    out.append(sorted(comp))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return out


def test_layers_scanner_sees_function_level_and_relative_imports():
    """The scanner is not fooled by an import tucked inside a function, or a relative one."""
    source = ("def f():\n    from rashomon.web import app\n    from ..store import store\n"
              "if TYPE_CHECKING:\n    from rashomon.cli import main\n")
    found = [t for t, _ in imports_in(source, "rashomon.extract")]
    assert found == ["rashomon.web.app", "rashomon.store.store"]
