"""The import rules (common.architecture): no module imports another's private name, and the
application's import graph has no cycle — checked on the real tree, and shown to catch both."""

from pathlib import Path

from onewindow.common import architecture


def test_the_tree_keeps_the_import_rules():
    assert [str(problem) for problem in architecture.check()] == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "onewindow"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_private_import_from_another_module_is_reported(tmp_path):
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "def _helper():\n    pass\n",
            "b.py": "from onewindow.a import _helper\n",
        },
    )

    assert [str(problem) for problem in architecture.check(root)] == [
        "onewindow/b.py:1: imports the private name _helper of onewindow.a"
    ]


def test_a_cycle_through_a_deferred_import_is_reported(tmp_path):
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from onewindow import b\n",
            "b.py": "def later():\n    from onewindow.a import thing\n",
            "tests/__init__.py": "",
            "tests/test_a.py": "from onewindow import a, b\n",
        },
    )

    assert [str(problem) for problem in architecture.check(root)] == [
        "onewindow/a.py:1: import cycle: onewindow.a → onewindow.b → onewindow.a"
    ]


def test_the_benches_import_only_what_exists():
    """bench/ runs outside the suite (make bench): a moved name must not break it unnoticed."""
    import ast
    import importlib

    for path in sorted((architecture.ROOT.parent / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("onewindow"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name) or importlib.util.find_spec(
                        f"{node.module}.{alias.name}"
                    ), f"{path.name}: from {node.module} import {alias.name}"
