"""The house by domain: models/ is a set of packages in a declared order. A module imports only from its own
package or from packages declared before it, module imports never run in a circle (a lazy import inside a
function counts), and models/ root holds nothing but __init__.py."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
# The declared order (README "Layout"): each package may import those before it.
ORDER = ("core", "support", "accounts", "billing", "cards", "sites", "registration", "history")


def _modules():
    for path in sorted(MODELS.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def _imports(name, path):
    """Every models.* module `name` imports, at module level or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if base == "models" or base.startswith("models."):
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    found.add(candidate if (MODELS.parent / (candidate.replace(".", "/") + ".py")).exists() else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("models."))
    return {m for m in found if m != name}


def _graph():
    return {name: _imports(name, path) for name, path in _modules()}


def _rank(module):
    parts = module.split(".")
    return ORDER.index(parts[1]) if len(parts) > 1 and parts[1] in ORDER else -1


def test_models_root_holds_only_the_package_list():
    assert sorted(p.name for p in MODELS.glob("*.py")) == ["__init__.py"]
    assert sorted(p.name for p in MODELS.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(ORDER)


def test_a_models_package_imports_only_the_packages_declared_before_it():
    against = [
        f"{name} -> {target}"
        for name, targets in _graph().items()
        if name.count(".") >= 2
        for target in targets
        if target != "models" and _rank(target) > _rank(name)
    ]
    assert against == [], "move the helper to the package it belongs to:\n" + "\n".join(sorted(against))


def test_no_import_circle_between_model_modules():
    graph = {n: {t for t in ts if t in _graph_names()} for n, ts in _graph().items() if n.count(".") >= 2}
    circles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                circles.append(" -> ".join(trail[trail.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == [], "\n".join(circles)


def _graph_names():
    return {name for name, _ in _modules() if name.count(".") >= 2}


def test_nothing_outside_models_and_tests_imports_a_test_or_demo_helper_from_models():
    helpers = [name for name, path in _modules() if "record_touch" in path.read_text()]
    assert helpers == [], "test and demo helpers live in factory/"
