"""The floor for bench/serve.py: a bare Flask "hello" and a bare 12 KB Jinja page.

Served by gunicorn with the same settings as ``ailit serve`` (sync workers, preloaded).
"""

from __future__ import annotations

from flask import Flask, render_template_string

app = Flask(__name__)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>{% for p in paragraphs %}<p>{{ p }}</p>{% endfor %}</body></html>"""
PARAGRAPHS = [f"Paragraph {n}: " + "machines learn from examples and make mistakes. " * 5 for n in range(48)]


@app.get("/hello")
def hello() -> str:
    return "hello"


@app.get("/page")
def page() -> str:
    return render_template_string(PAGE, title="A lesson", paragraphs=PARAGRAPHS)
