"""A forgiving element tree of an HTML page, for tests that look at structure rather than text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Element:
    """An element: tag, attributes, children, and the text directly inside it."""

    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def classes(self) -> set[str]:
        """The element's class names."""
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        """The text of this element and of everything below it."""
        return "".join(t for e in self.walk() for t in e.text)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].text.append(data)


def parse(html: str) -> Element:
    """The element tree of ``html`` (unclosed elements end with their parent)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# Elements that run code, load other documents or restyle the page: none may come from data.
ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "object", "embed", "applet", "style", "svg", "math", "base", "meta",
                         "link", "form", "template"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background"})
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")


def unsafe_markup(root: Element, *, allowed: Callable[[Element], bool] = lambda _e: False) -> list[str]:
    """Live markup under ``root``: active elements, ``on*`` handlers, script-bearing URLs.

    ``allowed`` exempts the page's own elements (its stylesheet link, its forms) by position.
    """
    problems = []
    for element in root.walk():
        if element.tag in ACTIVE_TAGS and not allowed(element):
            problems.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"<{element.tag} {name}>")
            squeezed = "".join(value.split()).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(UNSAFE_SCHEMES):
                problems.append(f"<{element.tag} {name}={value!r}>")
            if name == "style" and ("javascript:" in squeezed or "url(" in squeezed or "expression(" in squeezed):
                problems.append(f"<{element.tag} style={value!r}>")
    return problems
