"""YAML for course files and front matter: safe loading that remembers each key's line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C loader is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class YamlProblem(Exception):
    """The text is not valid YAML; ``line`` is 1-based within the text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDoc:
    """A loaded document and the 1-based line of each key (``key`` and ``key.subkey``)."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    node: Any = None  # the composed YAML node, for files that need the lines of nested items

    def line(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


def _hint(exc: yaml.MarkedYAMLError) -> str:
    """What to do about the YAML mistakes authors make most."""
    problem = str(exc.problem or "")
    if "mapping values are not allowed" in problem:
        return (
            "; a value with ': ' in it must be put in quotes, e.g. title: \"Robots: a guide\""
        )
    if "found character '\\t'" in problem:
        return "; YAML does not allow tabs for indentation: use spaces"
    return ""


def load_yaml(text: str) -> YamlDoc:
    """Parse one YAML document safely; raises :class:`YamlProblem` with a line on bad input."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlProblem(line, f"invalid YAML: {exc.problem or exc.context}{_hint(exc)}") from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise YamlProblem(1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    doc = YamlDoc(data, node=node)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            doc.lines.setdefault(name, key.start_mark.line + 1)
            if isinstance(value, yaml.MappingNode):
                for sub, _ in value.value:
                    doc.lines.setdefault(f"{name}.{sub.value}", sub.start_mark.line + 1)
    return doc
