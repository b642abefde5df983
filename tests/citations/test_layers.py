"""The citation library's layers: a core without Django, a site layer without cases."""

import ast
from pathlib import Path

import casebase

CITATIONS = Path(casebase.__file__).resolve().parent / "citations"


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_neither_django_nor_other_apps():
    """The modules at the top of casebase/citations use only the standard library
    and each other, so they run without Django."""
    for path in CITATIONS.glob("*.py"):
        for name in imports(path):
            assert not name.startswith("django"), (path, name)
            if name.startswith("casebase"):
                assert name.startswith("casebase.citations"), (path, name)
                assert not name.startswith(
                    ("casebase.citations.site", "casebase.citations.templatetags")
                ), (path, name)


def test_site_layer_never_imports_cases():
    """The Django layer reads `law` only: `cases` sits above it."""
    for folder in ("site", "templatetags"):
        for path in (CITATIONS / folder).glob("*.py"):
            assert not any(n.startswith("casebase.cases") for n in imports(path)), path
