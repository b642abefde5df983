"""Structural rules the design fixes: one-way dependencies and env-driven settings."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import casebase

PACKAGE = Path(casebase.__file__).resolve().parent
ROOT = PACKAGE.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_law_never_imports_cases():
    """`law` sits below `cases`: no module of it imports casebase.cases."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (PACKAGE / "law").rglob("*.py")
        if any(m.startswith("casebase.cases") for m in imported_modules(path))
    ]
    assert offenders == []


def test_citation_core_has_no_django_dependency():
    """The citation library can be used without Django."""
    for path in (PACKAGE / "citations").glob("*.py"):
        assert not any(m.startswith("django") for m in imported_modules(path)), path


def test_secret_key_is_required_without_debug(tmp_path):
    """With DEBUG off and no SECRET_KEY, settings refuse to load."""
    env = {**os.environ, "DEBUG": "0", "CASEBASE_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import casebase.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_key_is_generated_once_and_kept(tmp_path):
    """With DEBUG on, a key is generated under the var folder and reused."""
    env = {**os.environ, "DEBUG": "1", "CASEBASE_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    code = "import casebase.settings as s; print(s.SECRET_KEY)"
    first = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    second = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 40
    assert (tmp_path / "secret_key").exists()


def test_core_imports_no_other_app():
    """`core` is the bottom layer: it imports neither `law` nor `cases`."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (PACKAGE / "core").rglob("*.py")
        if any(
            m.startswith(("casebase.law", "casebase.cases", "casebase.importers"))
            for m in imported_modules(path)
        )
    ]
    assert offenders == []
