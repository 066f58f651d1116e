"""Seeding sits above the apps it seeds and nothing imports it (the import-linter contract in
pyproject.toml holds the whole layering; this guards the seeding seam until `make test` runs it)."""

import ast
from pathlib import Path

from django.conf import settings

# The apps below demo, and web beside it (only config, above, may import it).
OTHERS = ("web", "cms", "payments", "search", "matching", "semantic", "marketplace",
          "notifications", "core")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_no_other_app_imports_demo():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for app in OTHERS
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py")
        if any(module == "demo" or module.startswith("demo.") for module in imported_modules(path))
    ]
    assert offenders == []

