"""Audit the installed dependencies with pip-audit; say plainly when nothing could be checked.

Exit 1 when a dependency has a known vulnerability that is not listed in IGNORED (each with
its reason). When PyPI's vulnerability service cannot be reached (pip-audit then skips every
package as "not found"), print a NOTE and exit 0: a missing network is not a finding.

Usage: .venv/bin/python scripts/audit_dependencies.py
"""

from __future__ import annotations

import json
import subprocess  # nosec B404  # runs pip-audit with fixed arguments, no shell
import sys
import tempfile
from pathlib import Path
from typing import Any

# Vulnerability id -> why it does not affect ailit (empty: every finding fails the run).
IGNORED: dict[str, str] = {}
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "audit.json"
        done = subprocess.run(  # nosec B603  # fixed arguments, no shell
            [str(PIP_AUDIT), "--skip-editable", "--progress-spinner", "off", "--format", "json",
             "--output", str(report_path)],
            capture_output=True, text=True, timeout=600, check=False,
        )
        if not report_path.is_file():
            print(f"NOTE: pip-audit could not run ({done.stderr.strip()[-300:]}); dependencies not audited.")
            return 0
        report = json.loads(report_path.read_text(encoding="utf-8"))
    lines, status = summarize(report)
    print("\n".join(lines))
    return status


def summarize(report: dict[str, Any]) -> tuple[list[str], int]:
    """The lines to print for a pip-audit JSON report, and the exit status."""
    lines: list[str] = []
    dependencies = [d for d in report["dependencies"] if d.get("skip_reason") != "distribution marked as editable"]
    unreachable = [d for d in dependencies if "not found on PyPI" in d.get("skip_reason", "")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    findings = [(d["name"], d["version"], v["id"], v.get("fix_versions", []))
                for d in audited for v in d.get("vulns", []) if v["id"] not in IGNORED]
    for name, version, vuln_id, fixes in findings:
        lines.append(f"VULNERABLE: {name} {version}: {vuln_id} (fixed in {', '.join(fixes) or 'no release yet'})")
    if not audited and unreachable:
        lines.append(f"NOTE: PyPI's vulnerability service could not be reached from this machine: none of "
                     f"{len(unreachable)} dependencies was audited (pip-audit says 'not found on PyPI'). "
                     "Run scripts/audit_dependencies.py where pypi.org answers.")
        return lines, 0
    if unreachable:
        names = ", ".join(d["name"] for d in unreachable)
        lines.append(f"NOTE: {len(unreachable)} dependencies could not be audited (not found on PyPI): {names}")
    lines.append(f"pip-audit: {len(audited)} dependencies audited, {len(findings)} known vulnerabilities")
    return lines, 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
