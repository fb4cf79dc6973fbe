"""QR sign-in from login cards, and printing cards for new learners only.

Service: tokens are issued with the cards, stored as hashes, single-learner and single-class,
expire, and stop working when reissued (class or learner), reprinted, or the learner leaves.
Web: a GET never signs in, the POST does (with CSRF), one answer for every dead card in six
languages, the per-address limit, and teachers reach only their own classes.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, select

from ailit.locales import LOCALES
from ailit.models import AuditEvent, CardSignIn, ClassMembership, Role, TemporaryPassword, User, utcnow
from ailit.services import card_sign_in, class_learners, classes
from ailit.services.errors import NotFound
from ailit.services.roster import parse_pasted_names
from ailit.services.schools import Forbidden
from ailit.translations import gettext_for

SIGN_IN_URL = "http://localhost/en/sign-in"


def _print(session, teacher_name, class_id, *, only_new=True, lifetime=card_sign_in.DEFAULT_LIFETIME):
    """Print cards through the service; the card URL is the bare token, so tests can use it."""
    from ailit.web.extensions import security

    teacher = session.scalar(select(User).where(User.username == teacher_name))
    return class_learners.login_cards(
        session, teacher, class_id, SIGN_IN_URL, lambda token: token,
        only_new=only_new, lifetime=lifetime, hasher=security.hasher,
    )


def _tokens(sheet) -> dict[str, str]:
    return {card.username: card.sign_in_link for card in sheet.cards}


@pytest.fixture
def ctx(app):
    with app.app_context():
        from ailit.web.extensions import db

        yield db.session


# --- the service ----------------------------------------------------------------------------


def test_each_card_carries_a_token_that_signs_in_its_own_learner_and_only_the_hash_is_kept(ctx, world):
    sheet = _print(ctx, "teacher", world.class_id)
    tokens = _tokens(sheet)
    assert len(tokens) == 3 and len(set(tokens.values())) == 3
    for username, token in tokens.items():
        assert len(token) >= 22
        assert card_sign_in.card_holder(ctx, token).username == username
    stored = ctx.scalars(select(CardSignIn)).all()
    assert {row.token_hash for row in stored} == {card_sign_in.hash_token(t) for t in tokens.values()}
    assert not any(t in (row.token_hash for row in stored) for t in tokens.values())
    assert all(row.classroom_id == world.class_id for row in stored)


def test_a_token_expires(ctx, world):
    token = _print(ctx, "teacher", world.class_id, lifetime=timedelta(days=30)).cards[0].sign_in_link
    assert card_sign_in.card_holder(ctx, token, now=utcnow() + timedelta(days=29))
    with pytest.raises(card_sign_in.CardInvalid):
        card_sign_in.card_holder(ctx, token, now=utcnow() + timedelta(days=30, seconds=1))


@pytest.mark.parametrize("bad", ["", "x", "A" * 22, "é" * 22, "A" * 500])
def test_unknown_and_malformed_tokens_are_refused_alike(ctx, world, bad):
    _print(ctx, "teacher", world.class_id)
    with pytest.raises(card_sign_in.CardInvalid):
        card_sign_in.card_holder(ctx, bad)


def test_reissuing_for_the_class_stops_every_code_and_marks_the_cards_unprinted(ctx, world):
    tokens = _tokens(_print(ctx, "teacher", world.class_id))
    teacher = ctx.scalar(select(User).where(User.username == "teacher"))
    assert card_sign_in.reissue(ctx, teacher, world.class_id) == 3
    for token in tokens.values():
        with pytest.raises(card_sign_in.CardInvalid):
            card_sign_in.card_holder(ctx, token)
    printed = ctx.scalars(select(ClassMembership.cards_printed_at).where(ClassMembership.classroom_id == world.class_id))
    assert set(printed) == {None}
    assert ctx.scalar(select(AuditEvent.action).where(AuditEvent.action == "reissued_qr_codes"))


def test_reissuing_for_one_learner_leaves_the_others_alone(ctx, world):
    tokens = _print(ctx, "teacher", world.class_id).cards
    first, *others = tokens
    teacher = ctx.scalar(select(User).where(User.username == "teacher"))
    learner_id = ctx.scalar(select(User.id).where(User.username == first.username))
    assert card_sign_in.reissue(ctx, teacher, world.class_id, learner_id) == 1
    with pytest.raises(card_sign_in.CardInvalid):
        card_sign_in.card_holder(ctx, first.sign_in_link)
    for card in others:
        assert card_sign_in.card_holder(ctx, card.sign_in_link).username == card.username
    # Printing "new learners only" now prints exactly that learner, with a new code.
    again = _print(ctx, "teacher", world.class_id)
    assert [c.username for c in again.cards] == [first.username]
    assert card_sign_in.card_holder(ctx, again.cards[0].sign_in_link).id == learner_id


def test_reprinting_every_card_replaces_every_code(ctx, world):
    old = _tokens(_print(ctx, "teacher", world.class_id))
    new = _tokens(_print(ctx, "teacher", world.class_id, only_new=False))
    assert set(old) == set(new)
    for username in old:
        with pytest.raises(card_sign_in.CardInvalid):
            card_sign_in.card_holder(ctx, old[username])
        assert card_sign_in.card_holder(ctx, new[username]).username == username


def test_a_learner_who_leaves_the_class_can_no_longer_use_the_card(ctx, world):
    tokens = _print(ctx, "teacher", world.class_id).cards
    leaver_id = ctx.scalar(select(User.id).where(User.username == tokens[0].username))
    ctx.execute(delete(ClassMembership).where(ClassMembership.user_id == leaver_id))
    ctx.commit()
    with pytest.raises(card_sign_in.CardInvalid):
        card_sign_in.card_holder(ctx, tokens[0].sign_in_link)
    assert card_sign_in.card_holder(ctx, tokens[1].sign_in_link)


def test_a_card_never_signs_in_anyone_but_a_learner(ctx, world):
    tokens = _print(ctx, "teacher", world.class_id).cards
    promoted = ctx.scalar(select(User).where(User.username == tokens[0].username))
    promoted.role = Role.TEACHER
    ctx.commit()
    with pytest.raises(card_sign_in.CardInvalid):
        card_sign_in.card_holder(ctx, tokens[0].sign_in_link)


def test_a_learner_who_joined_with_a_code_gets_no_qr_code(ctx, world):
    outsider = ctx.scalar(select(User).where(User.username == "outsider"))
    code = classes.rotate_join_code(ctx, ctx.scalar(select(User).where(User.username == "teacher")), world.class_id)
    classes.join_class(ctx, outsider, code.code)
    cards = {c.username: c for c in _print(ctx, "teacher", world.class_id).cards}
    assert cards["outsider"].sign_in_link is None and cards["outsider"].password is None
    assert sum(1 for c in cards.values() if c.sign_in_link) == 3


def test_new_learners_only_touches_nobody_else(ctx, world):
    first = _tokens(_print(ctx, "teacher", world.class_id))
    hashes = dict(ctx.execute(select(User.username, User.password_hash).where(User.username.in_(first))).all())
    with pytest.raises(class_learners.NoNewCards):
        _print(ctx, "teacher", world.class_id)
    teacher = ctx.scalar(select(User).where(User.username == "teacher"))
    issued = class_learners.create_learners(ctx, teacher, world.class_id, parse_pasted_names("Noor\nJun"))
    sheet = _print(ctx, "teacher", world.class_id)
    assert sorted(c.username for c in sheet.cards) == sorted(i.username for i in issued)
    assert all(c.password and c.sign_in_link for c in sheet.cards)
    ctx.expire_all()
    after = dict(ctx.execute(select(User.username, User.password_hash).where(User.username.in_(first))).all())
    assert after == hashes  # the earlier learners keep their passwords...
    for username, token in first.items():  # ...and their QR codes
        assert card_sign_in.card_holder(ctx, token).username == username


def test_only_the_classs_teacher_prints_or_reissues(ctx, world):
    for name in ("colleague", "stranger", "school-admin"):
        other = ctx.scalar(select(User).where(User.username == name))
        with pytest.raises((Forbidden, NotFound)):
            card_sign_in.reissue(ctx, other, world.class_id)
        with pytest.raises((Forbidden, NotFound)):
            _print(ctx, name, world.class_id)
    teacher = ctx.scalar(select(User).where(User.username == "teacher"))
    stranger_learner = ctx.scalar(select(User.id).where(User.username == "outsider"))
    with pytest.raises(NotFound):  # not a learner of this class
        card_sign_in.reissue(ctx, teacher, world.class_id, stranger_learner)
    with pytest.raises((Forbidden, NotFound)):  # the other school's class
        card_sign_in.reissue(ctx, teacher, world.other_class_id)


# --- the web ---------------------------------------------------------------------------------


def _first_card(app, world):
    with app.app_context():
        from ailit.web.extensions import db

        return _print(db.session, "teacher", world.class_id).cards[0]


def _first_token(app, world) -> tuple[str, str]:
    card = _first_card(app, world)
    return card.username, card.sign_in_link


def test_a_get_shows_the_question_and_does_not_sign_in(app, world):
    username, token = _first_token(app, world)
    client = app.test_client()
    page = client.get(f"/en/card?t={token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Sign in as <bdi>Ali</bdi>?" in html and 'name="t" value="' + token + '"' in html
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert client.get("/en/account/").status_code == 302  # still signed out


def test_the_post_signs_in_without_asking_for_a_new_password(app, world):
    card = _first_card(app, world)
    username, token = card.username, card.sign_in_link
    client = app.test_client()
    response = client.post("/en/card", data={"t": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/en/")
    courses = client.get("/en/courses/")
    assert courses.status_code == 200  # not sent to "Choose your password"
    account = client.get("/en/account/")
    assert account.status_code == 200 and username in account.get_data(as_text=True)
    with app.app_context():
        from ailit.web.extensions import db

        learner_id = db.session.scalar(select(User.id).where(User.username == username))
        assert db.session.get(TemporaryPassword, learner_id) is not None  # the password rule stays
    # The one-time password on the card still asks for a new password on the sign-in form.
    other = app.test_client()
    other.post("/en/sign-in", data={"username": username, "password": card.password})
    assert other.get("/en/courses/").headers["Location"].endswith("/en/account/new-password")
    assert client.get("/en/courses/").status_code == 200  # and the card's session goes on


def test_the_post_needs_the_csrf_token(app_factory, world):
    app = app_factory(WTF_CSRF_ENABLED=True)
    username, token = _first_token(app, world)
    client = app.test_client()
    page = client.get(f"/en/card?t={token}").get_data(as_text=True)
    assert client.post("/en/card", data={"t": token}).status_code == 400
    assert client.get("/en/account/").status_code == 302
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/en/card", data={"t": token, "csrf_token": csrf}).status_code == 303
    assert client.get("/en/account/").status_code == 200


@pytest.mark.parametrize("locale", LOCALES)
def test_a_dead_card_gets_one_page_in_every_language(app, world, locale):
    _, token = _first_token(app, world)
    with app.app_context():
        from ailit.web.extensions import db

        teacher = db.session.scalar(select(User).where(User.username == "teacher"))
        card_sign_in.reissue(db.session, teacher, world.class_id)
    _ = gettext_for(locale)
    client = app.test_client()
    pages = [client.get(f"/{locale}/card?t={token}"), client.get(f"/{locale}/card?t=nonsense"),
             client.get(f"/{locale}/card"), client.post(f"/{locale}/card", data={"t": token})]
    bodies = set()
    for page in pages:
        assert page.status_code == 404
        html = page.get_data(as_text=True)
        assert _("This card no longer works") in html and _("Ask your teacher for a new one.") in html
        if locale != "en":
            assert _("This card no longer works") != "This card no longer works"
        bodies.add(html[html.index("<main"):html.index("</main>")])
    assert len(bodies) == 1  # no detail about why (the page's own links aside)
    assert client.get("/en/account/").status_code == 302


def test_card_pages_are_limited_per_address_like_sign_in(app_factory, world):
    app = app_factory(RATELIMIT_ENABLED=True, SIGNIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [client.get("/en/card?t=guess").status_code for _ in range(5)]
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429]


def _teacher(app):
    client = app.test_client()
    client.post("/en/sign-in", data={"username": "teacher", "password": "correct horse battery"})
    return client


def test_the_class_page_offers_both_ways_to_print(app, world):
    html = _teacher(app).get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    assert "Print cards for new learners only (PDF)" in html and "Print cards for all learners (PDF)" in html
    assert 'name="confirm" value="yes" required' in html
    assert "not printed yet" in html


def test_printing_every_card_needs_the_confirmation(app, world):
    teacher = _teacher(app)
    refused = teacher.post(f"/en/classes/{world.class_id}/login-cards", data={"scope": "all"})
    assert refused.status_code == 400 and "Tick the box" in refused.get_data(as_text=True)
    with app.app_context():
        from ailit.web.extensions import db

        assert db.session.scalar(select(CardSignIn.id)) is None  # nothing changed
    cards = teacher.post(f"/en/classes/{world.class_id}/login-cards", data={"scope": "all", "confirm": "yes"})
    assert cards.status_code == 200 and cards.mimetype == "application/pdf"


def test_new_learners_only_then_nothing_left_to_print(app, world):
    teacher = _teacher(app)
    cards = teacher.post(f"/en/classes/{world.class_id}/login-cards", data={"scope": "new"})
    assert cards.status_code == 200
    text = PdfReader(io.BytesIO(cards.data)).pages[0].extract_text()
    assert "Scan to sign in" in text and "http://localhost/en/card?t=" not in text  # the link is in the QR only
    again = teacher.post(f"/en/classes/{world.class_id}/login-cards", data={"scope": "new"})
    assert again.status_code == 303
    assert "Every learner already has a printed card" in teacher.get(again.headers["Location"]).get_data(as_text=True)


def test_the_accounts_created_page_prints_the_new_learners_cards(app, world):
    teacher = _teacher(app)
    teacher.post(f"/en/classes/{world.class_id}/login-cards")  # the first three
    created = teacher.post(f"/en/classes/{world.class_id}/learners", data={"names": "Noor"}).get_data(as_text=True)
    assert f'action="/en/classes/{world.class_id}/login-cards"' in created and 'name="scope" value="new"' in created
    cards = teacher.post(f"/en/classes/{world.class_id}/login-cards", data={"scope": "new"})
    text = PdfReader(io.BytesIO(cards.data)).pages[0].extract_text()
    assert "Noor" in text and "Ali" not in text and "Sara" not in text


def test_other_staff_cannot_reissue_or_print(app, world):
    for name in ("colleague", "stranger", "school-admin"):
        client = app.test_client()
        client.post("/en/sign-in", data={"username": name, "password": "correct horse battery"})
        for path in (f"/en/classes/{world.class_id}/qr-codes",
                     f"/en/classes/{world.class_id}/learners/{world.learner_ids[0]}/qr-code",
                     f"/en/classes/{world.class_id}/login-cards"):
            assert client.post(path).status_code in (403, 404), (name, path)
    teacher = _teacher(app)
    assert teacher.post(f"/en/classes/{world.other_class_id}/qr-codes").status_code in (403, 404)
    with app.app_context():
        from ailit.web.extensions import db

        outsider = db.session.scalar(select(User.id).where(User.username == "outsider"))
    assert teacher.post(f"/en/classes/{world.class_id}/learners/{outsider}/qr-code").status_code == 404


def test_the_teacher_reissues_one_learners_code_from_the_class_page(app, world):
    username, token = _first_token(app, world)
    teacher = _teacher(app)
    page = teacher.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    assert f"/learners/{world.learner_ids[0]}/qr-code" in page
    response = teacher.post(f"/en/classes/{world.class_id}/learners/{world.learner_ids[0]}/qr-code")
    assert response.status_code == 303
    assert app.test_client().get(f"/en/card?t={token}").status_code == 404


def test_the_name_on_the_card_page_is_escaped_and_isolated(app, world):
    username, token = _first_token(app, world)
    with app.app_context():
        from ailit.web.extensions import db

        learner = db.session.scalar(select(User).where(User.username == username))
        learner.display_name = "<img src=x onerror=alert(1)> Smith"
        db.session.commit()
    html = app.test_client().get(f"/en/card?t={token}").get_data(as_text=True)
    assert "<img src=x" not in html
    assert "Sign in as <bdi>&lt;img</bdi>?" in html  # the first word only, escaped, isolated
