"""The import rules of OneWindow, checked by `make lint` (python -m onewindow.common.architecture)
and by the suite:

1. No module imports another module's `_private` name: what a module shares it names without an
   underscore (a package's `__init__` may re-export its own modules' public names).
2. The import graph of the application code (tests and migrations aside) has no cycle, counting
   imports inside functions too: a deferred import that would close a cycle is a layering mistake
   hidden from Python, not a fix. Test modules may import anything public.

Reads the source with `ast`; imports nothing it checks.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "onewindow"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources(root: Path) -> dict[str, Path]:
    return {
        module_name(path, root): path for path in sorted(root.rglob("*.py")) if "migrations" not in path.parts
    }


def _is_test(module: str) -> bool:
    return ".tests." in f"{module}." or module.endswith(".conftest")


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def check(root: Path = ROOT) -> list[Problem]:
    """Every breach of the two rules under `root`."""
    sources = _sources(root)
    problems: list[Problem] = []
    graph: dict[str, set[str]] = {module: set() for module in sources if not _is_test(module)}
    for module, path in sources.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = str(path.relative_to(root.parent))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(module, node, is_package)
                if not target.startswith(PACKAGE):
                    continue
                for alias in node.names:
                    name = alias.name
                    if name.startswith("_") and not name.startswith("__") and target != module:
                        problems.append(
                            Problem(relative, node.lineno, f"imports the private name {name} of {target}")
                        )
                    submodule = f"{target}.{name}"
                    edge = submodule if submodule in sources else target
                    if module in graph and edge in graph and edge != module:
                        graph[module].add(edge)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in graph and module in graph and alias.name != module:
                        graph[module].add(alias.name)
    problems.extend(_cycles(graph, sources, root))
    return problems


def _cycles(graph: dict[str, set[str]], sources: dict[str, Path], root: Path) -> list[Problem]:
    """One problem per strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for neighbour in sorted(graph[node]):
            if neighbour not in index:
                visit(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in on_stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [
        Problem(
            str(sources[group[0]].relative_to(root.parent)),
            1,
            "import cycle: " + " → ".join(group + [group[0]]),
        )
        for group in groups
    ]


def main() -> int:
    problems = check()
    for problem in problems:
        print(problem)  # noqa: T201 - a command's output
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
