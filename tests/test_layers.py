"""Who may import whom (docs/architecture.md): data flows one way, so each layer of the edukg
package imports only the layers below it, and the installed package never imports the
developer tools beside it."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Lowest first; a layer may import its own modules and those of the layers before it.
LAYERS = (
    ("edukg.store", "store"),
    ("edukg.ingest", "ingest"),
    ("edukg", "edukg"),  # the shell: cli, catalog, lookup, export, rdf, sparql, eval
    ("edukg.explorer", "explorer"),
)
DATA = ("edukg.schema", "edukg.queries")  # read as resources, never imported for code
OUTSIDE = ("ingest", "graphstore", "explorer", "store", "lint", "bench", "tests")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def layer_of(module: str) -> int | None:
    """The index of the layer a module of edukg belongs to (the longest prefix wins)."""
    matches = [i for i, (p, _) in enumerate(LAYERS) if module == p or module.startswith(p + ".")]
    return max(matches, key=lambda i: len(LAYERS[i][0]), default=None)


def upward_imports(root: Path) -> list[str]:
    """Each import in the layers' folders under root that reaches a higher layer or a tool
    that is not installed."""
    found: list[str] = []
    for index, (package, folder) in enumerate(LAYERS):
        for path in sorted((root / folder).rglob("*.py")):
            where = path.relative_to(root)
            for module in sorted(imported_modules(path)):
                top = module.split(".")[0]
                if top in OUTSIDE:
                    found.append(f"{where} imports {module} (not installed)")
                elif top == "edukg" and not module.startswith(DATA):
                    target = layer_of(module)
                    if target is not None and target > index:
                        found.append(f"{where} imports {module} (above {package})")
    return found


def test_each_layer_imports_only_the_layers_below_it():
    assert upward_imports(REPO) == []


def test_the_rule_sees_an_upward_import(tmp_path):
    """The check above can fail: the store importing the explorer, or a developer tool."""
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "bad.py").write_text(
        "from edukg.explorer import widgets\nimport bench.run\nfrom edukg.store import base\n",
        encoding="utf-8",
    )
    assert upward_imports(tmp_path) == [
        "store/bad.py imports bench.run (not installed)",
        "store/bad.py imports edukg.explorer (above edukg.store)",
        "store/bad.py imports edukg.explorer.widgets (above edukg.store)",
    ]
