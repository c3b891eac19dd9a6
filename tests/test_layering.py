"""The package's layering holds: no import circles, and nothing imports from a layer above it.

The import graph is read from the source (ast): every `import` and `from … import`, at module
level, inside functions and under TYPE_CHECKING alike, so a lazy import cannot hide a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).parents[1] / "src"

# Layers from the ground floor up (docs/architecture.md); a module may import its own layer and
# those below. evaluate may import anything below the command line.
LAYERS: list[tuple[str, ...]] = [
    (
        "newsint.model",
        "newsint.config",
        "newsint.errors",
        "newsint.text",
        "newsint.data",
        "newsint.version",
    ),
    ("newsint.readers",),
    ("newsint.stages",),
    ("newsint.pipeline", "newsint.api"),
    ("newsint.engines",),
    ("newsint.corpus",),
    ("newsint.present",),
    ("newsint.export", "newsint.web", "newsint.evaluate"),
    ("newsint.cli",),
]
# The package itself (`from newsint import analyze, Corpus`) is the public front door: top.
TOP = len(LAYERS)


def modules() -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package's __init__)."""
    out = {}
    for path in (SRC / "newsint").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, package)
    return out


def import_graph() -> nx.DiGraph:
    mods = modules()
    graph = nx.DiGraph()
    for name, (path, package) in mods.items():
        graph.add_node(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if package else name.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, *([node.module] if node.module else [])])
                # `from newsint.present import tables` imports the module newsint.present.tables
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names
                ]
            else:
                continue
            for target in targets:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target.startswith("newsint") and target != name:
                    graph.add_edge(name, target)
    return graph


def layer(module: str) -> int:
    if module == "newsint":
        return TOP
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")


def package_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


GRAPH = import_graph()


def test_every_module_has_a_layer() -> None:
    for module in GRAPH:
        layer(module)


def test_no_import_circles_between_modules() -> None:
    circles = [sorted(c) for c in nx.strongly_connected_components(GRAPH) if len(c) > 1]
    assert circles == []


def test_no_import_circles_between_packages() -> None:
    packages = nx.DiGraph()
    packages.add_nodes_from(package_of(m) for m in GRAPH)
    for a, b in GRAPH.edges:
        if package_of(a) != package_of(b) and "newsint" not in (a, b):
            packages.add_edge(package_of(a), package_of(b))
    circles = [sorted(c) for c in nx.strongly_connected_components(packages) if len(c) > 1]
    assert circles == []


def test_nothing_imports_from_a_layer_above_it() -> None:
    upward = [
        f"{a} (layer {layer(a)}) imports {b} (layer {layer(b)})"
        for a, b in sorted(GRAPH.edges)
        if layer(b) > layer(a)
    ]
    assert upward == []


def test_the_engines_import_only_the_pipeline_below_them() -> None:
    """Corpus features are a stage: the engines need nothing of the corpus layer."""
    allowed = (
        "newsint.engines",
        "newsint.pipeline",
        "newsint.stages.base",
        "newsint.config",
        "newsint.errors",
        "newsint.model",
    )
    imported = {b for a, b in GRAPH.edges if a.startswith("newsint.engines")}
    assert {b for b in imported if not b.startswith(allowed)} == set()


@pytest.mark.parametrize(
    ("importer", "imported", "ok"),
    [
        ("newsint.stages.claims.stage", "newsint.model", True),
        ("newsint.corpus.api", "newsint.engines.local", True),
        ("newsint.stages.grade", "newsint.corpus.grading", False),
        ("newsint.evaluate.copies", "newsint.cli.main", False),
    ],
)
def test_the_layer_rule(importer: str, imported: str, ok: bool) -> None:
    assert (layer(imported) <= layer(importer)) is ok


# No module is too long to read: past this many lines a module holds more than one concern.
MAX_LINES = 600


def test_no_module_over_the_line_limit() -> None:
    long = {
        str(path.relative_to(SRC)): n
        for path, _ in modules().values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
