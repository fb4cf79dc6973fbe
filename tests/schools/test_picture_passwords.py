"""Picture passwords: the service (set, verify, reset, switch off, throttle) and the pages
(the class's setting for its teacher only, signing in without JavaScript, the same answer for
any username, backoff)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from ailit.models import AuditEvent, PicturePassword, User, utcnow
from ailit.pictures import PICTURES
from ailit.services import class_learners, classes, picture_passwords, sign_in_sessions
from ailit.services.errors import InvalidCredentials, NotFound, Throttled
from ailit.services.roster import parse_pasted_names
from ailit.services.schools import Forbidden
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.schools.conftest import SchoolWorld


def _user(db, username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _switch_on(app: Flask, world: SchoolWorld) -> dict[str, tuple[str, ...]]:
    """Pictures on for the world's class: username -> pictures."""
    with app.app_context():
        from ailit.web.extensions import db, security

        issued = picture_passwords.set_class_pictures(
            db.session, _user(db, "teacher"), world.class_id, True, hasher=security.hasher
        )
        return {item.username: item.pictures for item in issued}


def _authenticate(app: Flask, username: str, pictures: tuple[str, ...], address: str = "10.0.0.1", **kw) -> User:
    with app.app_context():
        from ailit.web.extensions import db, security

        return picture_passwords.authenticate(
            db.session, username=username, pictures=pictures, address=address, hasher=security.hasher, **kw
        )


def _wrong(pictures: tuple[str, ...]) -> tuple[str, ...]:
    return (pictures[1], pictures[0], pictures[2])  # the right pictures in the wrong order


# --- the service ------------------------------------------------------------------------------


def test_switching_on_gives_each_learner_three_different_pictures_stored_as_a_hash(
    app: Flask, world: SchoolWorld
) -> None:
    issued = _switch_on(app, world)
    assert set(issued) == set(world.learner_passwords)
    for pictures in issued.values():
        assert len(pictures) == 3 and len(set(pictures)) == 3 and set(pictures) <= set(PICTURES)
    with app.app_context():
        from ailit.web.extensions import db

        rows = db.session.scalars(select(PicturePassword)).all()
        assert len(rows) == 3
        for row in rows:
            assert row.secret_hash.startswith("$argon2id$")
            assert not any(p in row.secret_hash for p in PICTURES)
            assert row.used_at is None
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "issued_pictures" in actions


def test_the_right_pictures_in_order_sign_in_and_any_other_order_fails(app: Flask, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    with pytest.raises(InvalidCredentials):
        _authenticate(app, username, _wrong(pictures))
    with pytest.raises(InvalidCredentials):
        _authenticate(app, username, pictures[:2])
    other = next(p for u, p in issued.items() if u != username)
    if other != pictures:
        with pytest.raises(InvalidCredentials):
            _authenticate(app, username, other)
    assert _authenticate(app, username.upper(), pictures).username == username
    with app.app_context():
        from ailit.web.extensions import db

        used = select(PicturePassword.used_at).join(User, User.id == PicturePassword.user_id)
        assert db.session.scalar(used.where(User.username == username))


def test_unknown_usernames_and_accounts_without_pictures_fail_alike(app: Flask, world: SchoolWorld) -> None:
    _switch_on(app, world)
    for username in ("nobody-here", "outsider", "teacher", "not a username!"):
        with pytest.raises(InvalidCredentials) as refused:
            _authenticate(app, username, ("sun", "tree", "fish"))
        assert str(refused.value) == "wrong username or pictures"
    with pytest.raises(InvalidCredentials):
        _authenticate(app, "outsider", ("sun", "sun", "unicorn"))


def test_only_accounts_the_teacher_made_get_pictures(app: Flask, world: SchoolWorld, make_user) -> None:
    joiner = make_user("joiner")
    with app.app_context():
        from ailit.models import ClassMembership
        from ailit.web.extensions import db

        db.session.add(ClassMembership(classroom_id=world.class_id, user_id=joiner.id))
        db.session.commit()
    issued = _switch_on(app, world)
    assert "joiner" not in issued
    with app.app_context():
        from ailit.web.extensions import db, security

        with pytest.raises(picture_passwords.PicturesUnavailable):
            picture_passwords.reset_pictures(db.session, _user(db, "teacher"), world.class_id, joiner.id,
                                             hasher=security.hasher)


def test_only_the_class_teacher_changes_the_setting_or_resets_pictures(app: Flask, world: SchoolWorld) -> None:
    _switch_on(app, world)
    with app.app_context():
        from ailit.web.extensions import db, security

        for name, error in (("colleague", NotFound), ("school-admin", Forbidden), ("stranger", NotFound),
                            ("outsider", NotFound), ("site-admin", Forbidden)):
            actor = _user(db, name)
            with pytest.raises(error):
                picture_passwords.set_class_pictures(db.session, actor, world.class_id, False, hasher=security.hasher)
            with pytest.raises(error):
                picture_passwords.reset_pictures(db.session, actor, world.class_id, world.learner_ids[0],
                                                 hasher=security.hasher)
        with pytest.raises(NotFound):  # a learner of another class
            picture_passwords.reset_pictures(db.session, _user(db, "teacher"), world.class_id, _user(db, "outsider").id,
                                             hasher=security.hasher)


def test_a_reset_replaces_the_pictures_and_signs_the_learner_out(app: Flask, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    username, old = next(iter(issued.items()))
    learner = _authenticate(app, username, old)
    with app.app_context():
        from ailit.web.extensions import db, security

        sign_in_sessions.start(db.session, learner)
        new = picture_passwords.reset_pictures(db.session, _user(db, "teacher"), world.class_id, learner.id,
                                               hasher=security.hasher)
        assert sign_in_sessions.user_for(db.session, learner.id, "anything") is None
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reset_pictures"))
        assert event.subject_user_id == learner.id
    if new.pictures != old:
        with pytest.raises(InvalidCredentials):
            _authenticate(app, username, old)
    assert _authenticate(app, username, new.pictures).id == learner.id


def test_switching_off_removes_the_pictures_and_keeps_the_passwords(app: Flask, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    with app.app_context():
        from ailit.web.extensions import db, security

        assert picture_passwords.set_class_pictures(
            db.session, _user(db, "teacher"), world.class_id, False, hasher=security.hasher
        ) == []
        assert db.session.scalars(select(PicturePassword)).all() == []
        assert not classes.get_class(db.session, _user(db, "teacher"), world.class_id).picture_passwords
    with pytest.raises(InvalidCredentials):
        _authenticate(app, username, pictures)
    # Switching on again gives new pictures to everyone.
    assert set(_switch_on(app, world)) == set(issued)


def test_wrong_pictures_slow_down_that_address_only(app: Flask, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    now = utcnow()
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            _authenticate(app, username, _wrong(pictures), now=now)
    with pytest.raises(Throttled) as waiting:
        _authenticate(app, username, pictures, now=now)  # even the right pictures wait
    assert waiting.value.retry_after == 30
    assert _authenticate(app, username, pictures, address="10.0.0.2", now=now).username == username
    assert _authenticate(app, username, pictures, now=now + timedelta(seconds=31)).username == username


def test_password_and_picture_failures_count_together(app: Flask, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    with app.app_context():
        from ailit.services import accounts
        from ailit.web.extensions import db, security

        now = utcnow()
        for _ in range(5):
            with pytest.raises(InvalidCredentials):
                accounts.authenticate(db.session, username=username, password="wrong password", address="10.0.0.1",
                                      now=now, hasher=security.hasher)
    with pytest.raises(Throttled):
        _authenticate(app, username, pictures, now=now)


def test_new_learners_and_login_cards_of_a_picture_class_carry_pictures(app: Flask, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    used_name, used_pictures = next(iter(issued.items()))
    _authenticate(app, used_name, used_pictures)
    with app.app_context():
        from ailit.web.extensions import db, security

        teacher = _user(db, "teacher")
        [new] = class_learners.create_learners(db.session, teacher, world.class_id, parse_pasted_names("Yusuf"),
                                               hasher=security.hasher)
        assert len(new.pictures) == 3
        sheet = class_learners.login_cards(db.session, teacher, world.class_id, "http://localhost/en/sign-in",
                                           lambda token: f"http://localhost/en/card?t={token}", only_new=False,
                                           hasher=security.hasher)
        cards = {card.username: card.pictures for card in sheet.cards}
    assert cards[used_name] == ()  # used pictures are the learner's: never replaced by printing
    assert all(len(cards[name]) == 3 for name in cards if name != used_name)
    assert _authenticate(app, used_name, used_pictures).username == used_name
    assert _authenticate(app, new.username, cards[new.username]).username == new.username


def test_the_export_says_a_picture_password_exists_and_shows_nothing_of_it(
    app: Flask, world: SchoolWorld
) -> None:
    issued = _switch_on(app, world)
    with app.app_context():
        from ailit.services import privacy
        from ailit.web.extensions import db

        learner = db.session.get(User, world.learner_ids[0])
        data = privacy.export_user_data(db.session, learner)
        assert data["schools"]["picture_password"] is True
        text = str(data)
        assert "argon2" not in text and " ".join(issued[learner.username]) not in text


def test_login_cards_show_the_pictures_with_their_names(app: Flask, world: SchoolWorld) -> None:
    from ailit.services.login_cards import LoginCard, LoginCardSheet, render_login_cards_html

    sheet = LoginCardSheet("5B", "fr", "http://localhost/fr/sign-in",
                           (LoginCard("Ali", "abcd-01", None, pictures=("sun", "tree", "fish")), LoginCard("Sara", "abcd-02", None)))
    html = render_login_cards_html(sheet)
    assert html.count('src="pictures/') == 3 and "Soleil" in html and "Arbre" in html and "Poisson" in html
    assert html.index("Soleil") < html.index("Arbre") < html.index("Poisson")


# --- the pages --------------------------------------------------------------------------------


def _post_setting(client: FlaskClient, world: SchoolWorld, value: str | None) -> object:
    return client.post(f"/en/classes/{world.class_id}/pictures", data={"pictures": value} if value else {})


@pytest.mark.parametrize(
    ("who", "status"),
    [("colleague", 404), ("school-admin", 403), ("stranger", 404), ("outsider", 404), ("site-admin", 403)],
)
def test_only_the_class_teacher_may_change_the_setting_on_the_page(
    app: Flask, client: FlaskClient, world: SchoolWorld, sign_in, who: str, status: int
) -> None:
    sign_in(who)
    assert _post_setting(client, world, "on").status_code == status
    assert client.post(f"/en/classes/{world.class_id}/learners/{world.learner_ids[0]}/pictures").status_code == status
    with app.app_context():
        from ailit.web.extensions import db

        assert db.session.scalars(select(PicturePassword)).all() == []


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient, world: SchoolWorld) -> None:
    response = _post_setting(client, world, "on")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_the_teacher_switches_pictures_on_sees_them_and_resets_one(
    client: FlaskClient, world: SchoolWorld, sign_in
) -> None:
    sign_in("teacher")
    page = client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    assert 'name="pictures"' in page and "checked" not in page.split('id="pictures"')[1].split(">")[0]
    response = _post_setting(client, world, "on")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Pictures for signing in" in html
    assert html.count("<ol class=\"picture-sequence\">") == 3 and len(SVG_RE.findall(html)) == 9
    page = client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    assert page.count("signs in with pictures") == 3 and page.count("New pictures") == 3
    reset = client.post(f"/en/classes/{world.class_id}/learners/{world.learner_ids[0]}/pictures")
    assert reset.status_code == 200 and len(SVG_RE.findall(reset.get_data(as_text=True))) == 3
    added = client.post(f"/en/classes/{world.class_id}/learners", data={"names": "Yusuf\nMei"}).get_data(as_text=True)
    assert "Accounts created" in added and "One-time password" in added and len(SVG_RE.findall(added)) == 6
    # Saving with pictures still on gives nobody new pictures; unticked switches them off.
    assert _post_setting(client, world, "on").status_code == 302
    assert _post_setting(client, world, None).status_code == 302
    assert "signs in with pictures" not in client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    assert client.post(f"/en/classes/{world.class_id}/learners/{world.learner_ids[0]}/pictures").status_code == 409


SVG_RE = re.compile(r'src="/static/pictures/[a-z]+\.[0-9a-f]{12}\.svg"')
CHOSEN_RE = re.compile(r'name="chosen" value="([^"]*)"')


def _pick(client: FlaskClient, username: str, chosen: list[str], picture: str) -> object:
    return client.post("/en/sign-in/pictures", data={"username": username, "chosen": " ".join(chosen), "picture": picture})


def _sign_in_with(client: FlaskClient, username: str, pictures: tuple[str, ...]) -> object:
    """Press the three pictures one request at a time, carrying the hidden field along."""
    page = client.post("/en/sign-in/pictures", data={"username": username})
    assert page.status_code == 200
    chosen: list[str] = []
    response = page
    for picture in pictures:
        response = _pick(client, username, chosen, picture)
        if response.status_code != 200:
            break
        chosen = CHOSEN_RE.search(response.get_data(as_text=True)).group(1).split()
    return response


def test_a_learner_signs_in_with_three_pictures_without_javascript(
    app: Flask, client: FlaskClient, world: SchoolWorld
) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    start = client.get("/en/sign-in/pictures")
    assert start.status_code == 200 and 'name="username"' in start.get_data(as_text=True)
    grid = client.post("/en/sign-in/pictures", data={"username": username}).get_data(as_text=True)
    assert grid.count('type="submit" name="picture"') == 12
    assert "Pictures chosen: 0 of 3" in grid
    after_one = _pick(client, username, [], pictures[0]).get_data(as_text=True)
    assert CHOSEN_RE.search(after_one).group(1) == pictures[0] and "Pictures chosen: 1 of 3" in after_one
    response = _sign_in_with(client, username, pictures)
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/")
    # Signed in, and not sent to choose a password first: pictures are how this learner signs in.
    home = client.get("/en/courses/")
    assert home.status_code == 200 and username in client.get("/en/account/").get_data(as_text=True)


def test_wrong_pictures_and_unknown_usernames_get_the_same_page(
    app: Flask, client: FlaskClient, world: SchoolWorld
) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))

    def answer(name: str, chosen: tuple[str, ...]) -> tuple[int, str]:
        response = _sign_in_with(client, name, chosen)
        return response.status_code, _as_compared(response.get_data(as_text=True), name)

    wrong = answer(username, _wrong(pictures))
    assert wrong[0] == 400 and "These are not the right pictures" in wrong[1]
    assert 'name="chosen" value=""' in wrong[1]  # the choices start again
    assert answer("nobody-here", pictures) == wrong
    assert answer("outsider", pictures) == wrong  # an account with a password, no pictures


def _as_compared(page: str, username: str) -> str:
    """A page with the typed username and the CSRF token masked: the token carries the second it
    was signed in, so two answers a second apart differ there and only there."""
    page = page.replace(username, "NAME")
    return re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token" value="TOKEN"', page)


def test_grid_steps_are_the_same_for_every_username(
    client: FlaskClient, world: SchoolWorld, app: Flask
) -> None:
    _switch_on(app, world)
    real = next(iter(world.learner_passwords))
    pages = [
        _as_compared(client.post("/en/sign-in/pictures", data={"username": name}).get_data(as_text=True), name)
        for name in (real, "nobody-here", "outsider")
    ]
    assert pages[0] == pages[1] == pages[2]


@pytest.mark.parametrize(
    "data",
    [
        {"username": "", "picture": "sun"},
        {"username": "no spaces allowed"},
        {"username": "abcd-01", "chosen": "sun tree fish", "picture": "star"},
        {"username": "abcd-01", "chosen": "unicorn"},
        {"username": "abcd-01", "picture": "<script>"},
    ],
)
def test_malformed_steps_are_a_400_with_a_message(client: FlaskClient, world: SchoolWorld, data: dict) -> None:
    response = client.post("/en/sign-in/pictures", data=data)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.get_data(as_text=True)


def test_repeated_wrong_pictures_are_slowed_down(app: Flask, client: FlaskClient, world: SchoolWorld) -> None:
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    for _ in range(5):
        assert _sign_in_with(client, username, _wrong(pictures)).status_code == 400
    throttled = _sign_in_with(client, username, pictures)
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "30"


def test_the_address_limit_counts_checks_not_each_picture(app_factory, world: SchoolWorld) -> None:
    app = app_factory(RATELIMIT_ENABLED=True, SIGNIN_RATE_LIMIT="2 per minute")
    issued = _switch_on(app, world)
    username, pictures = next(iter(issued.items()))
    client = app.test_client()
    assert _sign_in_with(client, username, _wrong(pictures)).status_code == 400  # 3 presses, 1 check
    assert _sign_in_with(client, username, pictures).status_code == 302
    client.post("/en/sign-out")
    assert _sign_in_with(client, username, pictures).status_code == 429


def test_the_sign_in_page_offers_pictures_and_needs_the_csrf_token(app_factory, world: SchoolWorld) -> None:
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/en/sign-in").get_data(as_text=True)
    assert 'formaction="/en/sign-in/pictures"' in page
    assert client.post("/en/sign-in/pictures", data={"username": "abcd-01"}).status_code == 400
