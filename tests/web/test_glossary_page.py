"""A course's glossary page: sorted terms in a <dl>, its language, links from course and module."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def _terms(html: str) -> list[str]:
    return re.findall(r'<dt id="term-[a-z0-9-]+"[^>]*>([^<]*)</dt>', html)


def test_glossary_page_lists_the_terms_in_alphabetical_order(client: FlaskClient) -> None:
    response = client.get("/fr/courses/sample-robots/glossary")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Glossaire</h1>" in html and '<dl class="glossary">' in html
    assert _terms(html) == ["exemple", "filtre anti-spam", "robot"]
    assert "<dd>Un programme qui cache les messages indésirables et s&#39;améliore" in html
    english = client.get("/en/courses/sample-robots/glossary").get_data(as_text=True)
    assert _terms(english) == ["example", "robot", "spam filter"]


def test_arabic_glossary_is_right_to_left(client: FlaskClient) -> None:
    html = client.get("/ar/courses/sample-robots/glossary").get_data(as_text=True)
    assert re.search(r'<html[^>]*dir="rtl"', html)
    assert "مرشح الرسائل المزعجة" in _terms(html)


def test_course_and_module_pages_link_to_the_glossary(client: FlaskClient) -> None:
    link = 'href="/es/courses/sample-robots/glossary"'
    assert link in client.get("/es/courses/sample-robots/").get_data(as_text=True)
    assert link in client.get("/es/courses/sample-robots/what-is-ai/").get_data(as_text=True)
    # A course without glossary.yaml has no glossary page and no link to one.
    assert "/glossary" not in client.get("/es/courses/sample-teaching/").get_data(as_text=True)
    assert client.get("/es/courses/sample-teaching/glossary").status_code == 404
    assert client.get("/es/courses/no-such-course/glossary").status_code == 404
