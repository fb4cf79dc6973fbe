"""A course's glossary (``glossary.yaml``, optional): its terms and definitions in each locale.

```yaml
terms:
  - id: training-data
    term: {en: training data, fr: données d'entraînement}
    definition: {en: "The examples a machine learning system learns from.", fr: "..."}
    also: {en: [training set]}      # optional: other forms that count as the term
```

The source locale's term and definition are required; a locale without them is a translation
matter (``ailit i18n status``), as course.yaml's titles are. :func:`english_form_warnings`
finds a term's English form in a lesson of another locale whose glossary says otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from ailit.content import schema
from ailit.content.diagnostics import Problems, did_you_mean
from ailit.content.schema import FieldError
from ailit.content.yamlfile import YamlProblem, load_yaml

GLOSSARY_FILE = "glossary.yaml"
ENGLISH = "en"
TERM_KEYS = ("id", "term", "definition", "also")


@dataclass(frozen=True)
class GlossaryTerm:
    """One term: its form and definition per locale, and other forms that count as the term."""

    id: str
    term: dict[str, str]
    definition: dict[str, str]
    also: dict[str, tuple[str, ...]]

    def complete_in(self, locale: str) -> bool:
        """The term and its definition are written in ``locale``."""
        return locale in self.term and locale in self.definition

    def forms(self, locale: str) -> tuple[str, ...]:
        """The term and its other forms in ``locale`` (empty when the locale has no term)."""
        if locale not in self.term:
            return ()
        return (self.term[locale], *self.also.get(locale, ()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "term": self.term,
            "definition": self.definition,
            "also": {loc: list(forms) for loc, forms in self.also.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GlossaryTerm:
        return cls(
            id=data["id"],
            term=dict(data["term"]),
            definition=dict(data["definition"]),
            also={loc: tuple(forms) for loc, forms in (data.get("also") or {}).items()},
        )


def read_glossary(text: str, source_locale: str, problems: Problems) -> tuple[GlossaryTerm, ...]:
    """The terms of a glossary file's text; every problem goes to ``problems`` with its line."""
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        problems.error(exc.line, exc.message)
        return ()
    if not isinstance(doc.node, yaml.MappingNode) or not isinstance(doc.data, dict):
        problems.error(1, f"{GLOSSARY_FILE} must be a mapping with a list of terms: 'terms:'")
        return ()
    for key in doc.data:
        if key != "terms":
            problems.error(doc.line(str(key)), f"unknown key '{key}'{did_you_mean(str(key), ['terms'])}; "
                           f"{GLOSSARY_FILE} holds only 'terms:'")
    items = _value_node(doc.node, "terms")
    if items is None or not isinstance(items, yaml.SequenceNode) or not isinstance(doc.data.get("terms"), list):
        problems.error(doc.line("terms"), "terms: expected a list of terms, each starting '- id: ...'")
        return ()
    terms: list[GlossaryTerm] = []
    first_line: dict[str, int] = {}
    for node, data in zip(items.value, doc.data["terms"], strict=True):
        term = _term(node, data, source_locale, problems)
        if term is None:
            continue
        line = node.start_mark.line + 1
        if term.id in first_line:
            problems.error(line, f"term id '{term.id}' is used twice (first at line {first_line[term.id]})")
            continue
        first_line[term.id] = line
        terms.append(term)
    return tuple(terms)


def _value_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for k, value in node.value if k.value == key), None)


def _term(node: yaml.Node, data: Any, source_locale: str, problems: Problems) -> GlossaryTerm | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        problems.error(line, "a term must be a mapping: id, term, definition (and also)")
        return None
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    ok = True
    for key in data:
        if str(key) not in TERM_KEYS:
            problems.error(lines.get(str(key), line), f"unknown key '{key}'{did_you_mean(str(key), TERM_KEYS)}")
            ok = False
    values: dict[str, Any] = {}
    for key, check in (("id", schema.identifier), ("term", schema.per_locale_text),
                       ("definition", schema.per_locale_text), ("also", _also)):
        if data.get(key) is None:
            if key != "also":
                problems.error(line, f"a term needs '{key}'")
                ok = False
            values[key] = {}
            continue
        try:
            values[key] = check(data[key])
        except FieldError as exc:
            problems.error(lines.get(key, line), f"{key}: {exc}")
            ok = False
            continue
        if key in ("term", "definition") and source_locale not in values[key]:
            problems.error(lines.get(key, line), f"{key} needs the source locale's text ({source_locale}: ...)")
            ok = False
    if not ok:
        return None
    return GlossaryTerm(values["id"], values["term"], values["definition"], values["also"])


def _also(value: Any) -> dict[str, tuple[str, ...]]:
    """``{locale: [form, ...]}``; a single form may be written without brackets."""
    if not isinstance(value, dict):
        raise FieldError("expected a mapping of locale to a list of forms, e.g. {en: [training set]}")
    result: dict[str, tuple[str, ...]] = {}
    for key, forms in value.items():
        code = schema.locale(key)
        items = forms if isinstance(forms, list) else [forms]
        try:
            result[code] = tuple(schema.text(item) for item in items)
        except FieldError as exc:
            raise FieldError(f"{code}: {exc}") from None
    return result


def missing_terms(terms: tuple[GlossaryTerm, ...], locale: str) -> list[str]:
    """Ids of the terms whose term or definition ``locale`` lacks."""
    return [t.id for t in terms if not t.complete_in(locale)]


def sort_key(text: str) -> tuple[str, str]:
    """Order terms alphabetically in any script without ICU: case and accents folded first.

    Letters are compared by their base character (``é`` files with ``e``); Chinese terms sort
    by their characters' code points, which is acceptable for a short list.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    base = "".join(c for c in folded if not unicodedata.combining(c))
    return (base, text)


# --- a glossary term's English form in another locale's lesson --------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_URL = re.compile(r"<?\b(?:https?|mailto|ftp):[^\s>)\]]*>?|\bwww\.[^\s>)\]]+", re.IGNORECASE)
# Italics (not bold): the way the English title of a source is written in any language.
_ITALIC = re.compile(r"(?<![*\w])\*(?![*\s])[^*\n]+?(?<![*\s])\*(?![*\w])|(?<![_\w])_(?![_\s])[^_\n]+?(?<![_\s])_(?![_\w])")
_QUESTION = re.compile(r"^\s*\d+[.)]\s")
_TEXT_TYPE = re.compile(r"\{text\b")
_ACCEPTED = re.compile(r"^\s*[-*+]\s+\[[xX]\]")
_QUIZ_OPEN = re.compile(r"^\s*:::\s*quiz\b")
_BLOCK_CLOSE = re.compile(r"^\s*:::\s*$")


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """``(index, text)`` of each line a reader sees as prose: code, URLs, link targets, italics
    (an English source's title) and the accepted answers of ``{text}`` questions (a learner may
    type the English term) left out."""
    in_code = in_quiz = text_question = False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        if _QUIZ_OPEN.match(line):
            in_quiz = True
        elif in_quiz and _BLOCK_CLOSE.match(line):
            in_quiz = text_question = False
        elif in_quiz and _QUESTION.match(line):
            text_question = bool(_TEXT_TYPE.search(line))
        elif in_quiz and text_question and _ACCEPTED.match(line):
            continue
        if _REFERENCE.match(line):
            continue
        line = _INLINE_CODE.sub(" ", line)
        line = _LINK_TARGET.sub("]", line)
        yield index, _ITALIC.sub(" ", _URL.sub(" ", line))


def _patterns(form: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The form as a whole word, and the form alone in brackets: a gloss, "**模型**（model）"."""
    words = r"\s+".join(re.escape(word) for word in form.split())
    word = re.compile(r"(?<![A-Za-z])" + words + r"(?![A-Za-z])", re.IGNORECASE)
    gloss = re.compile(r"[(（]\s*" + words + r"\s*[)）]", re.IGNORECASE)
    return word, gloss


def english_form_warnings(
    locale: str, body: str, body_line: int, terms: tuple[GlossaryTerm, ...]
) -> list[tuple[int, str]]:
    """``(line, message)`` where a lesson in ``locale`` uses a term's English form (or one of
    its English ``also`` forms) although the glossary gives the term another form there.

    A term with a form in common between ``locale`` and English ("chatbot") is never reported,
    nor a form alone in brackets after the locale's own word (a gloss for the reader).
    """
    if locale == ENGLISH or not terms:
        return []
    checks: list[tuple[GlossaryTerm, str, re.Pattern[str], re.Pattern[str]]] = []
    for term in terms:
        local = {form.casefold() for form in term.forms(locale)}
        english = term.forms(ENGLISH)
        if local and not local & {form.casefold() for form in english}:
            checks += [(term, form, *_patterns(form)) for form in english]
    found: list[tuple[int, str]] = []
    for index, text in prose_lines(body):
        seen: set[str] = set()
        for term, form, pattern, gloss in checks:
            if term.id not in seen and pattern.search(gloss.sub(" ", text)):
                seen.add(term.id)
                found.append(
                    (
                        body_line + index,
                        f"'{form}' is the English form of a glossary term; this course's "
                        f"{locale} glossary says \"{term.term[locale]}\"",
                    )
                )
    return found

