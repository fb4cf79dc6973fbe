"""Nothing in the markup or JSON of an ungraded quiz tells a correct option from the others."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask

from ailit.locales import LOCALES
from ailit.web.extensions import content

from tests.security.conftest import SecurityWorld, sign_in
from tests.security.html_tree import Element, parse

# Attributes that must differ between options (which option it is), not what it is worth.
PER_OPTION = frozenset({"value", "id", "for"})
FORBIDDEN_KEYS = frozenset({"correct", "accepted", "explanation", "answer"})


def shape(element: Element) -> tuple[Any, ...]:
    """The option's wrapper and its own controls, attribute values aside from the per-option ones.

    The option text (inside the label) is content and may hold its own markup; only its
    attribute names are compared there, so no class or data attribute can mark one option.
    """
    own = tuple(sorted((k, "" if k in PER_OPTION else v) for k, v in element.attrs.items()))
    children = tuple(shape(child) if child.tag in ("input", "label") else (child.tag,) for child in element.children)
    return (element.tag, own, children)


def option_attribute_names(element: Element) -> set[str]:
    return {name for inner in element.walk() for name in inner.attrs}


def keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner)


def test_options_are_structurally_identical(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    sign_in(client, world.usernames["other_learner"])
    checked = 0
    with app.app_context():
        catalogue = content.catalogue
        modules = [(c.id, m.id) for c in map(catalogue.course, catalogue.courses) for m in c.modules if m.has_quiz]
    assert modules
    for course_id, module_id in modules:
        for locale in LOCALES:
            api = client.get(f"/api/v1/courses/{course_id}/modules/{module_id}?locale={locale}")
            if api.status_code == 404:
                continue  # the module is not written in this language
            assert api.status_code == 200
            data = api.get_json()
            assert not FORBIDDEN_KEYS & set(keys(data)), (course_id, module_id, locale)
            page = client.get(f"/{locale}/courses/{course_id}/{module_id}/")
            assert page.status_code == 200
            questions = [e for e in parse(page.get_data(as_text=True)).walk() if "question" in e.classes()]
            assert len(questions) == len(data["quiz"]["questions"]), (course_id, module_id, locale)
            for number, (fieldset, question) in enumerate(zip(questions, data["quiz"]["questions"], strict=True)):
                where = (course_id, module_id, locale, number)
                if question["type"] in ("ordering", "matching"):
                    check_items(fieldset, question, where)
                    checked += 1
                    continue
                for option in question["options"]:
                    assert set(option) <= {"position", "html", "image"}, where
                    assert set(option.get("image", {})) <= {"src", "alt"}, where
                options = [e for e in fieldset.walk() if "option" in e.classes()]
                assert len(options) == len(question["options"]), where
                if not options:
                    continue
                assert len({shape(o) for o in options}) == 1, where
                for option in options:
                    names = option_attribute_names(option)
                    assert not {n for n in names if n.startswith("data-")}, where
                    for inner in option.walk():
                        assert not {c for c in inner.classes() if "correct" in c or "right" in c}, where
                values = sorted(int(e.attrs["value"]) for o in options for e in o.walk() if e.tag == "input")
                assert values == list(range(len(options))), where
                checked += 1
    assert checked >= len(modules)


def check_items(fieldset: Element, question: dict[str, Any], where: tuple[Any, ...]) -> None:
    """Ordering and matching: opaque ids in an order that is not the answer, identical controls."""
    if question["type"] == "ordering":
        shown = question["items"]
        assert all(set(item) == {"id", "text"} for item in shown), where
        rows = [e for e in fieldset.walk() if "order-item" in e.classes()]
    else:
        shown = question["right"]
        assert all(set(item) == {"text"} for item in question["left"]), where
        assert all(set(item) == {"id", "text"} for item in shown), where
        rows = [e for e in fieldset.walk() if "match-row" in e.classes()]
    ids = [item["id"] for item in shown]
    # Never a source position (a number) and never two alike.
    assert len(set(ids)) == len(ids) and not any(i.strip().isdigit() for i in ids), where
    assert rows and len({shape_of_row(row) for row in rows}) == 1, where
    for row in rows:
        for inner in row.walk():
            assert not {n for n in inner.attrs if n.startswith("data-")}, where
            assert not {c for c in inner.classes() if "correct" in c or "right" in c}, where


def shape_of_row(row: Element) -> tuple[Any, ...]:
    """Tags and attribute names of a row's controls (ids and values aside), option texts aside."""
    def walk(element: Element) -> tuple[Any, ...]:
        names = tuple(sorted(k for k in element.attrs if k not in {"id", "for", "name", "value", "aria-describedby", "selected"}))
        inner = tuple(walk(child) for child in element.children if child.tag in ("select", "label", "span"))
        return (element.tag, names, inner)
    return walk(row)
