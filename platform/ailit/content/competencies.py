"""Competency codes from the published frameworks the curriculum maps to, named in six languages.

The codes live in ``data/competencies.yaml``: UNESCO's AI competency frameworks for students
(``S1.U`` ... ``S4.C``) and for teachers (``T1.1`` ... ``T5.3``), AI4K12's Five Big Ideas
(``BI1`` ... ``BI5``) and the EU's DigComp 2.2 (``DC1.1`` ... ``DC5.4``, mapped by the courses
for adults; the curriculum is not meant to cover it whole). ``course.yaml`` lists codes under ``competencies:``; the compiler checks
them against :func:`known_codes` and ``ailit curriculum coverage`` uses :func:`coverage`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ailit.locales import LOCALES

DATA_FILE = "competencies.yaml"


class CompetencyDataError(ValueError):
    """The competency data file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class Framework:
    """One published framework: its name, and the names of its aspects and levels.

    ``full_coverage``: the curriculum aims to cover every code of it (DigComp: only some).
    """

    id: str
    name: dict[str, str]
    aspects: dict[str, dict[str, str]]
    levels: dict[str, dict[str, str]]
    full_coverage: bool = True


@dataclass(frozen=True)
class Competency:
    """One competency code. ``aspect`` and ``level`` are None for frameworks without them."""

    code: str
    framework: str
    aspect: str | None
    level: str | None
    name: dict[str, str]  # locale -> name, for every locale in ailit.locales.LOCALES

    def display_name(self, locale: str) -> str:
        """The name in ``locale``, falling back to English for an unknown locale."""
        return self.name.get(locale) or self.name["en"]


def _names(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    """Check a ``{locale: name}`` mapping has a non-empty name for exactly the six locales."""
    if not isinstance(value, Mapping):
        problems.append(f"{where}: expected a mapping of locale to name, got {value!r}")
        return {}
    names = {str(k): v for k, v in value.items()}
    missing = [loc for loc in LOCALES if not isinstance(names.get(loc), str) or not names[loc].strip()]
    extra = sorted(set(names) - set(LOCALES))
    if missing:
        problems.append(f"{where}: missing name in {', '.join(missing)}")
    if extra:
        problems.append(f"{where}: unknown locale {', '.join(extra)} (expected {', '.join(LOCALES)})")
    return {loc: str(names[loc]).strip() for loc in LOCALES if loc in names}


def parse_competency_data(data: Any) -> tuple[dict[str, Framework], dict[str, Competency], list[str]]:
    """Validate the parsed data file; return frameworks, competencies and the problems found."""
    problems: list[str] = []
    frameworks: dict[str, Framework] = {}
    competencies: dict[str, Competency] = {}
    if not isinstance(data, Mapping):
        return frameworks, competencies, ["the file must be a mapping with frameworks and competencies"]

    raw_frameworks = data.get("frameworks")
    if not isinstance(raw_frameworks, Mapping) or not raw_frameworks:
        problems.append("frameworks: expected a non-empty mapping")
        raw_frameworks = {}
    for fid, raw in raw_frameworks.items():
        where = f"frameworks.{fid}"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: expected a mapping")
            continue
        parts: dict[str, dict[str, dict[str, str]]] = {}
        for part in ("aspects", "levels"):
            items = raw.get(part) or {}
            if not isinstance(items, Mapping):
                problems.append(f"{where}.{part}: expected a mapping")
                items = {}
            parts[part] = {str(k): _names(v, f"{where}.{part}.{k}", problems) for k, v in items.items()}
        full = raw.get("full_coverage", True)
        if not isinstance(full, bool):
            problems.append(f"{where}.full_coverage: expected true or false, got {full!r}")
            full = True
        frameworks[str(fid)] = Framework(
            str(fid), _names(raw.get("name"), f"{where}.name", problems), parts["aspects"], parts["levels"], full
        )

    raw_competencies = data.get("competencies")
    if not isinstance(raw_competencies, Mapping) or not raw_competencies:
        problems.append("competencies: expected a non-empty mapping")
        raw_competencies = {}
    for code, raw in raw_competencies.items():
        code = str(code)
        where = f"competencies.{code}"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: expected a mapping with framework and name")
            continue
        fid = raw.get("framework")
        framework = frameworks.get(str(fid))
        if framework is None:
            problems.append(f"{where}: unknown framework {fid!r}")
        aspect = None if raw.get("aspect") is None else str(raw["aspect"])
        level = None if raw.get("level") is None else str(raw["level"])
        if framework is not None:
            if framework.aspects and aspect not in framework.aspects:
                problems.append(f"{where}: aspect {aspect!r} is not one of {', '.join(framework.aspects)}")
            if framework.levels and level not in framework.levels:
                problems.append(f"{where}: level {level!r} is not one of {', '.join(framework.levels)}")
            if not framework.aspects and (aspect or level):
                problems.append(f"{where}: framework {fid} has no aspects or levels")
        if aspect and level and code != f"{aspect}.{level}":
            problems.append(f"{where}: code should be {aspect}.{level} (its aspect and level)")
        if aspect and not level and not code.startswith(f"{aspect}."):
            problems.append(f"{where}: code should start with {aspect}. (its aspect)")
        competencies[code] = Competency(
            code, str(fid), aspect, level, _names(raw.get("name"), f"{where}.name", problems)
        )
    return frameworks, competencies, problems


@cache
def _load() -> tuple[dict[str, Framework], dict[str, Competency]]:
    """Read and validate the packaged data file once per process."""
    source = resources.files("ailit.content").joinpath("data", DATA_FILE)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CompetencyDataError(f"{source}: error: cannot read competency data: {exc}") from exc
    frameworks, competencies, problems = parse_competency_data(data)
    if problems:
        raise CompetencyDataError("\n".join(f"{source}: error: {p}" for p in problems))
    return frameworks, competencies


def load_frameworks() -> dict[str, Framework]:
    """Every framework by id, in file order (cached)."""
    return _load()[0]


def load_competencies() -> dict[str, Competency]:
    """Every competency by code, in file order (cached)."""
    return _load()[1]


def known_codes() -> frozenset[str]:
    """The codes a course may list under ``competencies:``."""
    return frozenset(load_competencies())


def goal_codes() -> list[str]:
    """The codes the curriculum aims to cover, in file order (frameworks with full_coverage)."""
    frameworks = load_frameworks()
    return [code for code, c in load_competencies().items() if frameworks[c.framework].full_coverage]


def coverage(courses: Iterable[tuple[str, Sequence[str]]]) -> dict[str, set[str]]:
    """Map every known code to the stages whose courses list it, from (stage, codes) pairs.

    Every known code is a key (an uncovered one maps to an empty set); unknown codes are
    ignored here, since the compiler reports them where they are written.
    """
    result: dict[str, set[str]] = {code: set() for code in load_competencies()}
    for stage, codes in courses:
        for code in codes:
            if code in result:
                result[code].add(stage)
    return result
