"""`law` reaches nothing of `cases`, not even by way of a shared module."""

import ast
from pathlib import Path

import casebase

PACKAGE = Path(casebase.__file__).resolve().parent


def _module_path(name: str) -> Path | None:
    relative = Path(*name.split(".")[1:])
    for candidate in (
        PACKAGE / relative.with_suffix(".py"),
        PACKAGE / relative / "__init__.py",
    ):
        if candidate.exists():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("casebase.") and _module_path(n)}


def test_law_modules_do_not_reach_cases_transitively():
    """Following every casebase import from law's modules never lands in cases."""
    start = {
        "casebase.law." + p.stem
        for p in (PACKAGE / "law").glob("*.py")
        if p.stem != "__init__"
    }
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imports(_module_path(name)) - seen)
    assert not [n for n in seen if n.startswith("casebase.cases")], sorted(seen)
