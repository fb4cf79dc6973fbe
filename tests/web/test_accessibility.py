"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every kind of page,
the keyboard alone, visible focus, right-to-left mirroring in Arabic, heat-map contrast and
reduced motion.

axe-core comes bundled with axe-playwright-python and is injected into the page: nothing is
fetched. One browser serves the whole module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from a11y_site import (
    COURSE,
    LATIN_NAMES,
    LEARNER,
    QUIZ_MODULE,
    SCHOOL_ADMIN,
    TEACHER,
    Site,
    build_site,
)
from axe_playwright_python.sync_playwright import Axe
from flask import Flask

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORT = {"width": 1000, "height": 900}


@pytest.fixture
def site(app: Flask) -> Site:
    """The audited data, in the database the live server uses."""
    return build_site(app)


@pytest.fixture
def axe() -> Axe:
    """axe-core, from the copy bundled in the package (nothing is fetched)."""
    return Axe()


@dataclass
class Finding:
    """One axe violation on one page, in words a person can act on."""

    page: str
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}) {self.help} -> {', '.join(self.targets)}"


def audit(axe: object, page: object, label: str) -> list[Finding]:
    """Run axe with the WCAG A/AA tags on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = axe.run(page, options=options)
    findings = []
    for violation in results.response["violations"]:
        targets = [
            " ".join(map(str, node["target"])) + f" [{node.get('failureSummary', '').strip()}]"
            for node in violation["nodes"]
        ]
        findings.append(
            Finding(label, violation["id"], str(violation.get("impact")), violation["help"], targets)
        )
    return findings


def new_page(browser: object, *, locale: str = "en-GB", **options: object) -> object:
    context = browser.new_context(locale=locale, viewport=VIEWPORT, **options)
    return context.new_page()


def submit(page: object, selector: str) -> None:
    """Click a form's button and wait for the page it leads to (its styles included)."""
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


def sign_in(page: object, base: str, locale: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/{locale}/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    submit(page, "main button[type=submit]")
    assert "/sign-in" not in page.url, f"{username} could not sign in"


@pytest.mark.parametrize("locale", ["en", "ar", "zh"])
def test_every_page_meets_wcag_aa(browser, live_server: str, site: Site, axe, locale: str) -> None:
    base, findings = live_server, []
    visitor = new_page(browser)
    learner = new_page(browser)
    teacher = new_page(browser)
    admin = new_page(browser)
    try:

        def check(page: object, path: str | None, label: str, status: int = 200) -> None:
            if path is not None:
                response = page.goto(f"{base}/{locale}{path}")
                assert response is not None and response.status == status, (label, response.status)
            assert page.evaluate("document.documentElement.lang") == locale, label
            findings.extend(audit(axe, page, f"[{locale}] {label}"))

        module = f"/courses/{COURSE}/{QUIZ_MODULE}/"
        # Signed out.
        check(visitor, "/", "home, signed out")
        check(visitor, "/courses/?stage=primary", "catalogue, primary stage")
        check(visitor, f"/courses/{COURSE}/", "course page")
        check(visitor, f"/courses/{COURSE}/glossary", "glossary page")
        check(visitor, module, "module page, signed out")
        check(visitor, f"/verify/{site.certificate_code}", "verify, valid")
        check(visitor, "/verify/ZZZZ-ZZZZ-ZZZZ", "verify, not found", 404)
        check(visitor, "/no-such-page", "404 page", 404)
        check(visitor, "/sign-in", "sign in")
        visitor.fill("#username", LEARNER)
        visitor.fill("#password", "not the password")
        submit(visitor, "main button[type=submit]")
        assert visitor.locator(".error-summary").count() == 1
        check(visitor, None, "sign in, wrong password")
        check(visitor, "/register", "register")
        visitor.fill("#username", "x")
        visitor.fill("#password", "short")
        submit(visitor, "main button[type=submit]")
        assert visitor.locator(".field-error").count() >= 1
        check(visitor, None, "register, field errors")

        # A learner.
        sign_in(learner, base, locale, LEARNER)
        check(learner, "/", "dashboard, signed in")
        check(learner, module, "module page with quiz form")
        assert learner.locator("form[action$='/quiz'] fieldset").count() >= 1
        check(learner, f"{module}attempts/{site.failed_attempt_id}", "quiz results")
        check(learner, "/account/", "account page")
        check(learner, "/certificates/", "my certificates")

        # A teacher.
        sign_in(teacher, base, locale, TEACHER)
        check(teacher, "/classes/", "class list")
        check(teacher, f"/classes/{site.class_id}/", "class page")
        teacher.fill("#names", "Ali\nBad\u202eName\n" + "x" * 300 + "\n" + "y" * 300)
        submit(teacher, "form[action$='/learners'] button[type=submit]")
        assert teacher.locator(".error-summary li").count() >= 3
        check(teacher, None, "add learners, per-row errors")
        check(teacher, f"/classes/{site.class_id}/report", "class report (heat map)")
        assert teacher.locator("table.heatmap td.cell").count() >= 8

        # A school admin.
        sign_in(admin, base, locale, SCHOOL_ADMIN)
        check(admin, f"/schools/{site.school_id}/", "school page")
        check(admin, f"/schools/{site.school_id}/audit", "audit log")
    finally:
        for page in (visitor, learner, teacher, admin):
            page.context.close()
    assert not findings, "WCAG violations:\n" + "\n".join(map(str, findings))


# --- the keyboard ---------------------------------------------------------------------------

ACTIVE = """() => { const e = document.activeElement;
  return {tag: e.tagName, id: e.id, cls: e.className, type: e.type || '', name: e.name || '',
          value: e.value || '', inQuiz: !!e.closest("form[action$='/quiz']")}; }"""


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_skip_link_comes_first_and_moves_focus_to_main(browser, live_server: str, locale: str) -> None:
    page = new_page(browser)
    try:
        page.goto(f"{live_server}/{locale}/courses/")
        page.keyboard.press("Tab")
        first = page.evaluate(ACTIVE)
        assert first["tag"] == "A" and "skip-link" in first["cls"], first
        box = page.locator(".skip-link").bounding_box()
        assert box is not None and box["y"] >= 0 and box["x"] >= 0, "the focused skip link is off screen"
        assert box["x"] + box["width"] <= VIEWPORT["width"]
        page.keyboard.press("Enter")
        assert page.evaluate(ACTIVE)["id"] == "main"
        # The next Tab continues inside the page content, not back in the header.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('main')")
    finally:
        page.context.close()


def _answers_by_field(app: Flask) -> dict[str, object]:
    from tests.quiz_helpers import correct_answers

    with app.app_context():
        from ailit.web.extensions import content

        answers = correct_answers(content.catalogue, COURSE, QUIZ_MODULE)
    return {f"q{index}": answer for index, answer in enumerate(answers)}


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_quiz_answered_and_submitted_with_the_keyboard_alone(
    browser, live_server: str, app: Flask, make_user: Callable[..., object], locale: str
) -> None:
    make_user(LEARNER)
    answers = _answers_by_field(app)
    page = new_page(browser)
    try:
        sign_in(page, live_server, locale, LEARNER)
        page.goto(f"{live_server}/{locale}/courses/{COURSE}/{QUIZ_MODULE}/")
        answered: set[str] = set()
        for _ in range(200):
            page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE)
            if not active["inQuiz"]:
                continue
            name, want = active["name"], answers.get(active["name"])
            if active["type"] == "radio":
                # Arrow keys move the choice within the group; Space chooses the first one.
                page.keyboard.press("Space")
                for _ in range(10):
                    if page.evaluate(ACTIVE)["value"] == str(want[0]):
                        break
                    page.keyboard.press("ArrowDown")
                answered.add(name)
            elif active["type"] == "checkbox":
                if int(active["value"]) in want:
                    page.keyboard.press("Space")
                answered.add(name)
            elif active["type"] == "text":
                page.keyboard.type(str(want).removesuffix(".0"))
                answered.add(name)
            elif active["tag"] == "BUTTON":
                break
        else:
            pytest.fail("Tab never reached the quiz's submit button")
        assert answered == set(answers), "some questions could not be reached with Tab"
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press("Enter")
        assert "/attempts/" in page.url
        assert page.locator(".result.passed").count() == 1, page.inner_text("main")
    finally:
        page.context.close()


FOCUS_STYLE = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, text: (e.innerText || e.value || '').trim().slice(0, 40),
          outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
          outlineColor: s.outlineColor, boxShadow: s.boxShadow}; }"""


def test_focus_is_visible_on_links_and_buttons(
    browser, live_server: str, make_user: Callable[..., object]
) -> None:
    make_user(LEARNER)
    page = new_page(browser)
    try:
        sign_in(page, live_server, "en", LEARNER)
        page.goto(f"{live_server}/en/courses/{COURSE}/{QUIZ_MODULE}/")
        seen: dict[str, int] = {"A": 0, "BUTTON": 0}
        invisible = []
        for _ in range(60):
            page.keyboard.press("Tab")
            style = page.evaluate(FOCUS_STYLE)
            if style["tag"] not in seen:
                continue
            seen[style["tag"]] += 1
            outlined = style["outlineStyle"] != "none" and style["outlineWidth"] >= 2
            if outlined:
                ratio = contrast(parse_rgb(style["outlineColor"]), (255, 255, 255))
                outlined = ratio >= 3
            if not outlined and style["boxShadow"] == "none":
                invisible.append(style)
        assert seen["A"] >= 5 and seen["BUTTON"] >= 2, seen
        assert not invisible, f"focus not visible on: {invisible}"
    finally:
        page.context.close()


DESCRIPTIONS = """() => [...document.querySelectorAll('[aria-invalid=true]')].map(e => ({
  id: e.id,
  description: (e.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
    .map(id => document.getElementById(id)?.textContent.trim() || '').join(' ')}))"""


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_field_errors_are_read_with_their_fields(
    browser, live_server: str, make_user: Callable[..., object], locale: str
) -> None:
    """Each invalid field is described by its own error message, not only marked invalid."""
    make_user(LEARNER)
    page = new_page(browser)
    try:
        fields = []
        for form in ("register", "verify"):
            if form == "register":
                page.goto(f"{live_server}/{locale}/register")
                page.fill("#username", LEARNER)  # already taken
                page.fill("#display_name", "Ada")
                page.fill("#password", "a long enough password")
                submit(page, "main button[type=submit]")
            else:
                page.goto(f"{live_server}/{locale}/verify/?code=not-a-code")
            errors = page.locator(".field-error").all_inner_texts()
            found = page.evaluate(DESCRIPTIONS)
            assert found and errors, page.url
            for field in found:
                assert any(error.strip() in field["description"] for error in errors), field
            fields += found
        assert {f["id"] for f in fields} >= {"username", "code"}
    finally:
        page.context.close()


# --- right to left --------------------------------------------------------------------------


def _box(page: object, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.parametrize(("locale", "rtl"), [("en", False), ("ar", True)])
def test_layout_mirrors_in_arabic(
    browser, live_server: str, make_user: Callable[..., object], locale: str, rtl: bool
) -> None:
    make_user(LEARNER)
    page = new_page(browser)
    try:
        sign_in(page, live_server, locale, LEARNER)
        page.goto(f"{live_server}/{locale}/")
        assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr")
        brand = _box(page, ".site-nav .brand")
        first = _box(page, ".site-nav li:nth-child(1)")
        second = _box(page, ".site-nav li:nth-child(2)")
        if rtl:
            # The brand and the nav's first item sit at the right; the next item to their left.
            assert brand["x"] > first["x"] > second["x"]
            assert brand["x"] + brand["width"] > VIEWPORT["width"] / 2
        else:
            assert brand["x"] < first["x"] < second["x"]
            assert brand["x"] < VIEWPORT["width"] / 2
        heading = _box(page, "main h1")
        main = _box(page, "main")
        start_gap = (main["x"] + main["width"]) - (heading["x"] + heading["width"]) if rtl else heading["x"] - main["x"]
        assert start_gap < 40, "the heading does not start at the start side"
    finally:
        page.context.close()


MIXED_TEXT = r"""names => {
  const arabic = /[\u0600-\u06FF]/, found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent;
    if (arabic.test(t) && names.some(name => t.includes(name)))
      found.push(n.parentElement.tagName + ': ' + t.trim().slice(0, 80));
  }
  return found; }"""


def test_latin_names_inside_arabic_text_are_isolated(
    browser, live_server: str, app: Flask, site: Site
) -> None:
    """A name or title in Latin letters never shares a text node with Arabic text: it sits in
    its own element (bdi, or an element with dir), so the bidi algorithm cannot reorder it."""
    with app.app_context():
        from ailit.web.extensions import content

        course = content.catalogue.course(COURSE)
        titles = [content.catalogue.module_text(COURSE, m.id, "en")[0].title for m in course.modules]
    names = [*LATIN_NAMES, *titles]
    pages = [
        (LEARNER, ["/", f"/courses/{COURSE}/", f"/courses/{COURSE}/{QUIZ_MODULE}/", "/certificates/",
                   f"/courses/{COURSE}/{QUIZ_MODULE}/attempts/{site.failed_attempt_id}", "/account/",
                   f"/verify/{site.certificate_code}", "/courses/"]),
        (TEACHER, ["/", "/classes/", f"/classes/{site.class_id}/", f"/classes/{site.class_id}/report"]),
        (SCHOOL_ADMIN, [f"/schools/{site.school_id}/", f"/schools/{site.school_id}/audit"]),
    ]
    mixed = []
    for username, paths in pages:
        page = new_page(browser)
        try:
            sign_in(page, live_server, "ar", username)
            for path in paths:
                page.goto(f"{live_server}/ar{path}")
                mixed += [f"/ar{path} {text}" for text in page.evaluate(MIXED_TEXT, names)]
        finally:
            page.context.close()
    assert not mixed, "Latin text not isolated inside Arabic text:\n" + "\n".join(mixed)


OVERFLOW = """() => { const width = document.documentElement.clientWidth, wide = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if ((r.right > width + 1 || r.left < -1) && !e.closest('.table-scroll, .skip-link, .visually-hidden'))
      wide.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ` ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)}; }"""


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_pages_reflow_at_320_css_pixels(browser, live_server: str, site: Site, locale: str) -> None:
    """WCAG 1.4.10: no horizontal scrolling at 320 px wide; wide tables scroll in their own region."""
    pages = [
        (None, ["/", "/register", f"/courses/{COURSE}/", f"/verify/{site.certificate_code}"]),
        (LEARNER, ["/", f"/courses/{COURSE}/{QUIZ_MODULE}/", "/certificates/", "/account/"]),
        (TEACHER, ["/classes/", f"/classes/{site.class_id}/", f"/classes/{site.class_id}/report"]),
        (SCHOOL_ADMIN, [f"/schools/{site.school_id}/", f"/schools/{site.school_id}/audit"]),
    ]
    overflowing = []
    for username, paths in pages:
        page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
        try:
            if username:
                sign_in(page, live_server, locale, username)
            for path in paths:
                page.goto(f"{live_server}/{locale}{path}")
                found = page.evaluate(OVERFLOW)
                if found["scrollWidth"] > found["width"] or found["wide"]:
                    overflowing.append(f"/{locale}{path}: {found}")
        finally:
            page.context.close()
    assert not overflowing, "\n".join(overflowing)


# --- colour and motion ----------------------------------------------------------------------


def parse_rgb(css: str) -> tuple[int, int, int]:
    """``rgb(1, 2, 3)`` or ``rgba(1, 2, 3, 1)`` as a triple."""
    inside = css[css.index("(") + 1 : css.index(")")].replace(",", " ").split()
    return int(float(inside[0])), int(float(inside[1])), int(float(inside[2]))


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_of_the_pages_colours() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54


HEATMAP_CELLS = """() => {
  const opaque = e => {  // the first background that is not transparent, from e upwards
    for (; e; e = e.parentElement) {
      const b = getComputedStyle(e).backgroundColor;
      if (b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') return b;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('.heatmap td.cell, .legend .cell')].map(e => {
    const s = getComputedStyle(e);
    return {cls: e.className, text: e.innerText.trim(), color: s.color, background: opaque(e),
            outlineStyle: s.outlineStyle, outlineColor: s.outlineColor}; }); }"""


def test_heat_map_symbols_and_outlines_contrast(browser, live_server: str, site: Site) -> None:
    page = new_page(browser)
    try:
        sign_in(page, live_server, "en", TEACHER)
        page.goto(f"{live_server}/en/classes/{site.class_id}/report")
        cells = page.evaluate(HEATMAP_CELLS)
    finally:
        page.context.close()
    kinds = {" ".join(sorted(c["cls"].split())) for c in cells}
    for expected in ("completed", "in_progress", "not_started", "overdue", "score-mid"):
        assert any(expected in kind for kind in kinds), (expected, kinds)
    poor = []
    for cell in cells:
        background = parse_rgb(cell["background"])
        ratio = contrast(parse_rgb(cell["color"]), background)
        if ratio < 4.5:
            poor.append((cell["cls"], cell["text"], "symbol", round(ratio, 2)))
        if cell["outlineStyle"] != "none":
            ratio = contrast(parse_rgb(cell["outlineColor"]), background)
            if ratio < 3:
                poor.append((cell["cls"], cell["text"], "outline", round(ratio, 2)))
    assert not poor, poor


MOTION = """() => { const e = document.createElement('div');
  e.style.cssText = 'transition: opacity 2s; animation: 3s infinite ailit-probe;';
  document.querySelector('main').append(e);
  const s = getComputedStyle(e), html = getComputedStyle(document.documentElement);
  return {transition: parseFloat(s.transitionDuration), animation: parseFloat(s.animationDuration),
          iterations: s.animationIterationCount, scroll: html.scrollBehavior}; }"""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_stops_transitions_and_animations(browser, live_server: str, motion: str) -> None:
    page = new_page(browser, reduced_motion=motion)
    try:
        page.goto(f"{live_server}/en/courses/")
        found = page.evaluate(MOTION)
    finally:
        page.context.close()
    if motion == "reduce":
        assert found["transition"] <= 0.01 and found["animation"] <= 0.01, found
        assert found["iterations"] == "1" and found["scroll"] == "auto", found
    else:  # the same element moves when nobody asked for less motion
        assert found["transition"] == 2 and found["animation"] == 3, found
