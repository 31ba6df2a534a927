"""A string translated when a module is imported is frozen in the language of that moment (Chinese),
whatever the user later chooses: module and class level translations must be gettext_lazy."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def _eager_names(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }


def _import_time_calls(node: ast.AST, names: set[str]):
    """Calls of `names` that run at import: outside every function body and lambda."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in names:
            yield child
        yield from _import_time_calls(child, names)


def test_no_module_translates_eagerly_at_import():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _eager_names(tree)
        found += [f"{path.relative_to(PACKAGE)}:{call.lineno}" for call in _import_time_calls(tree, names)]
    assert found == [], "use gettext_lazy for strings built at import time"
