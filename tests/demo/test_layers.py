"""Seeding sits above the apps it seeds: no app below imports `demo` (import-linter will hold
the whole layering; this guards the seeding seam until then)."""

import ast
from pathlib import Path

from django.conf import settings

BELOW_DEMO = ("marketplace", "cms", "matching", "search", "payments")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_no_app_below_demo_imports_it():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for app in BELOW_DEMO
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py")
        if any(module == "demo" or module.startswith("demo.") for module in imported_modules(path))
    ]
    assert offenders == []

