"""The decision core must stay free of Django (DESIGN.md): walk every module with `ast`."""

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent
MODULES = sorted(p for p in ENGINE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_engine_module_does_not_import_django(path: Path) -> None:
    forbidden = imported_roots(path) & {"django", "rest_framework"}
    assert not forbidden, f"{path.name} imports {forbidden}"


def test_the_walk_would_catch_a_django_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from django.db import models\n")
    assert "django" in imported_roots(sample)
