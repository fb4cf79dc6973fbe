"""scripts/audit_dependencies.py: findings fail the run; an unreachable service is said plainly."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "audit_dependencies.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EDITABLE = {"name": "ailit", "skip_reason": "distribution marked as editable"}


def test_a_known_vulnerability_fails_the_run() -> None:
    report = {"dependencies": [EDITABLE, {"name": "flask", "version": "3.0.0", "vulns": [
        {"id": "GHSA-xxxx", "fix_versions": ["3.0.1"]}]}, {"name": "click", "version": "8.1.0", "vulns": []}]}
    lines, status = _script().summarize(report)
    assert status == 1
    assert "VULNERABLE: flask 3.0.0: GHSA-xxxx (fixed in 3.0.1)" in lines


def test_an_unreachable_service_is_said_plainly_and_does_not_fail() -> None:
    report = {"dependencies": [EDITABLE, {"name": "flask", "skip_reason":
                                          "Dependency not found on PyPI and could not be audited: flask (3.0.0)"}]}
    lines, status = _script().summarize(report)
    assert status == 0
    assert lines[0].startswith("NOTE: PyPI's vulnerability service could not be reached")


def test_a_clean_audit_passes_and_says_how_much_was_checked() -> None:
    report = {"dependencies": [EDITABLE, {"name": "click", "version": "8.1.0", "vulns": []}]}
    assert _script().summarize(report) == (["pip-audit: 1 dependencies audited, 0 known vulnerabilities"], 0)
