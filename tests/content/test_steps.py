"""A compiled lesson cut into steps at its top-level ``##`` headings (the compiler's own HTML)."""

from __future__ import annotations

from ailit.content.steps import split_lesson

from .cases import render


def _steps(markdown: str) -> list[tuple[str | None, str]]:
    html, problems = render(markdown)
    assert not problems.items
    return [(step.heading, step.html) for step in split_lesson(html)]


def test_a_lesson_without_headings_is_one_step() -> None:
    html, _ = render("One idea.\n\nAnother paragraph.\n")
    steps = split_lesson(html)
    assert len(steps) == 1 and steps[0].html == html and steps[0].heading is None


def test_the_introduction_is_the_first_step_and_each_heading_starts_one() -> None:
    steps = _steps("Hello.\n\n## Rules\n\nA lamp.\n\n## Examples\n\nA photo *app*.\n")
    assert [heading for heading, _ in steps] == [None, "Rules", "Examples"]
    assert "Hello." in steps[0][1] and "Rules" not in steps[0][1]
    assert steps[1][1].lstrip().startswith("<h2>Rules</h2>") and "Examples" not in steps[1][1]
    assert "<em>app</em>" in steps[2][1]
    assert "".join(html for _, html in steps) == render("Hello.\n\n## Rules\n\nA lamp.\n\n## Examples\n\nA photo *app*.\n")[0]


def test_a_title_alone_opens_the_first_section_instead_of_a_step_of_its_own() -> None:
    steps = _steps("# The title\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n")
    assert [heading for heading, _ in steps] == ["First", "Second"]
    assert "<h1>The title</h1>" in steps[0][1] and "<h1" not in steps[1][1]
    assert [heading for heading, _ in _steps("## Only\n\nOne.\n\n## Two\n\nTwo.\n")] == ["Only", "Two"]


def test_headings_inside_a_callout_do_not_cut_and_markup_in_headings_is_dropped() -> None:
    steps = _steps("## One *idea*\n\nText.\n\n::: tip\n## Inside\nStill step one.\n:::\n\n## Two &amp; more\n\nText.\n")
    assert [heading for heading, _ in steps] == ["One idea", "Two & more"]
    assert "Inside" in steps[0][1] and "Still step one." in steps[0][1] and "</aside>" in steps[0][1]


def test_each_footnote_follows_the_step_that_cites_it_with_its_own_number() -> None:
    steps = _steps("Intro.[^a]\n\n## One\n\nNo note.\n\n## Two\n\nCited.[^b] Again.[^a]\n\n[^a]: NOTE-A\n[^b]: NOTE-B\n")
    intro, one, two = (html for _, html in steps)
    assert "NOTE-A" in intro and "NOTE-B" not in intro
    assert "footnotes" not in one
    assert '<li value="2" id="fn2"' in two and '<li value="1" id="fn1"' in two
    assert two.index("NOTE-B") < two.index("NOTE-A")  # in the order this step cites them
