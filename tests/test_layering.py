"""The package layout keeps its promises: no import cycles, and each layer imports only the
layers `ARCHITECTURE.md` allows it to.

Imports are read from the source with `ast`, every import statement in a module counted,
including those under `if TYPE_CHECKING:` and inside functions: a cycle that only type
checking hides is still a cycle for the reader.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage")
# Modules that assemble or start the whole bot may import every layer.
ENTRY_POINTS = {"bot.app", "bot.cli", "bot.demo", "bot.playground"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found[_module_name(path)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that `name` imports (resolved to modules, not packages)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                targets.add(candidate if candidate in known else base)
    return {target for target in targets if target in known and target != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _layer(module: str) -> str:
    """The row of ARCHITECTURE.md's layering table a module belongs to."""
    if module in ENTRY_POINTS:
        return "entry"
    if module.startswith("bot.localapi"):
        return "bot.localapi"
    return module.split(".")[0]


def _allowed_layers() -> dict[str, set[str]]:
    """Read the `may import` column of the layering table in ARCHITECTURE.md."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    allowed: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = re.match(r"\|\s*`([\w./]+)`[^|]*\|[^|]*\|\s*([^|]*)\|\s*$", line)
        if match:
            layer = match.group(1).strip("/").replace("/", ".")
            allowed[layer] = set(re.findall(r"`([\w./]+)`", match.group(2)))
            allowed[layer] = {
                entry.removesuffix(".py").strip("/").replace("/", ".") for entry in allowed[layer]
            }
    return allowed


def test_no_module_imports_itself_through_a_cycle() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_the_layering_table_is_there_and_names_every_layer() -> None:
    allowed = _allowed_layers()
    assert {"handlers", "bot", "storage", "bot.localapi"} <= set(allowed)


def test_each_layer_imports_only_what_architecture_md_allows() -> None:
    allowed = _allowed_layers()
    graph = _graph()
    wrong = []
    for module, targets in sorted(graph.items()):
        layer = _layer(module)
        if layer == "entry":
            continue
        for target in sorted(targets):
            target_layer = _layer(target)
            if target_layer == layer:
                continue
            # An entry in the table may name a whole layer or one module of it.
            permitted = allowed.get(layer, set())
            if not any(target == entry or target.startswith(entry + ".") for entry in permitted):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_nothing_below_handlers_imports_handlers_but_the_entry_points() -> None:
    graph = _graph()
    offenders = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if not module.startswith("handlers") and module not in ENTRY_POINTS
        for target in targets
        if target.startswith("handlers")
    )
    assert offenders == []
