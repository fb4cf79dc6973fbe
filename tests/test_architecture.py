"""Layers: content <- models <- services <- web; content imports neither Flask nor SQLAlchemy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "platform" / "ailit"

# For each layer, the ailit packages it must never import.
FORBIDDEN = {
    "content": ("ailit.models", "ailit.services", "ailit.certificates", "ailit.web", "ailit.cli"),
    "models": ("ailit.services", "ailit.certificates", "ailit.web", "ailit.cli"),
    "migrations": ("ailit.services", "ailit.certificates", "ailit.web", "ailit.cli"),
    "services": ("ailit.web", "ailit.cli"),
    "certificates": ("ailit.web", "ailit.cli"),
}
NO_FRAMEWORKS = {"content": ("flask", "sqlalchemy", "flask_login", "flask_babel", "werkzeug")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return found


def test_import_graph_points_one_way() -> None:
    problems = []
    for layer, forbidden in {**FORBIDDEN, **NO_FRAMEWORKS}.items():
        problems += _violations(layer, forbidden)
    assert problems == []


def test_content_runs_without_flask_or_sqlalchemy() -> None:
    code = (
        "import sys, pkgutil, importlib, ailit.content as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'ailit.content.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('flask', 'sqlalchemy'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
