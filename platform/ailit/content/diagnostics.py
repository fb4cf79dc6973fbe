"""Problems the compiler found, each pinned to a file and a line: ``path:line: severity: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at a 1-based line (1 when the whole file is concerned)."""

    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "severity": self.severity, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Diagnostic:
        return cls(str(data["path"]), int(data["line"]), str(data["severity"]), str(data["message"]))  # type: ignore[call-overload]


@dataclass
class Problems:
    """Collects diagnostics for one file; ``line`` is relative to the file."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.items.append(Diagnostic(self.path, max(line, 1), ERROR, message))

    def warning(self, line: int, message: str) -> None:
        self.items.append(Diagnostic(self.path, max(line, 1), WARNING, message))


def sort_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by path, then line; duplicates dropped (a file can be reported twice via a cache)."""
    return sorted(set(items), key=lambda d: (d.path, d.line, d.severity, d.message))


def has_errors(items: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True when any diagnostic is an error (with ``strict``, any diagnostic at all)."""
    return any(strict or d.is_error for d in items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when ``word`` looks like a misspelling of one of ``choices``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
