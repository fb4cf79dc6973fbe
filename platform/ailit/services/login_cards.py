"""Login cards: a printable PDF with each learner's name, username, one-time password and sign-in URL.

Cards are laid out ten to an A4 page in the class's language (Arabic right to left, Chinese in
Simplified forms). The renderer reuses the certificate package's machinery: the font
configuration shared by every render, the fetcher that loads only files from ``static/``, and
the cleaning of names from bidi controls. Its few fixed phrases are a table here, because cards
are rendered from plain data, not through a page's translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from weasyprint import CSS, HTML

from ailit.certificates.fetcher import PROJECT_ROOT, STATIC_ROOT, StaticOnlyFetcher
from ailit.certificates.pdf import (
    clean_display_text,
    font_config,
    parsed_stylesheet,
    template_environment,
)
from ailit.locales import DEFAULT_LOCALE, direction, is_locale

TEMPLATES_ROOT = PROJECT_ROOT / "templates"
TEMPLATE = "schools/login_cards.html"
STYLESHEET = STATIC_ROOT / "schools" / "login-cards.css"
CARDS_PER_PAGE = 10
_HTML_LANG = {"zh": "zh-Hans"}  # Simplified Chinese glyphs from the CJK font

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "title": "Login cards",
        "username": "Username",
        "password": "Password",
        "sign_in_at": "Sign in at",
        "own_password": "You chose your own password.",
        "first_time": "The first time you sign in, you will choose your own password.",
    },
    "fr": {
        "title": "Cartes de connexion",
        "username": "Nom d'utilisateur",
        "password": "Mot de passe",
        "sign_in_at": "Connecte-toi sur",
        "own_password": "Tu as choisi ton propre mot de passe.",
        "first_time": "À ta première connexion, tu choisiras ton propre mot de passe.",
    },
    "es": {
        "title": "Tarjetas de acceso",
        "username": "Usuario",
        "password": "Contraseña",
        "sign_in_at": "Entra en",
        "own_password": "Ya elegiste tu propia contraseña.",
        "first_time": "La primera vez que entres, elegirás tu propia contraseña.",
    },
    "ru": {
        "title": "Карточки для входа",
        "username": "Имя пользователя",
        "password": "Пароль",
        "sign_in_at": "Вход на сайте",
        "own_password": "Ты уже выбрал(а) свой пароль.",
        "first_time": "При первом входе ты придумаешь свой пароль.",
    },
    "ar": {
        "title": "بطاقات الدخول",
        "username": "اسم المستخدم",
        "password": "كلمة المرور",
        "sign_in_at": "سجّل الدخول في",
        "own_password": "لقد اخترت كلمة مرورك بنفسك.",
        "first_time": "عند دخولك أول مرة، ستختار كلمة مرور خاصة بك.",
    },
    "zh": {
        "title": "登录卡",
        "username": "用户名",
        "password": "密码",
        "sign_in_at": "登录网址",
        "own_password": "你已设置了自己的密码。",
        "first_time": "第一次登录时，你要设置自己的密码。",
    },
}


@dataclass(frozen=True)
class LoginCard:
    """One learner's card; ``password`` is None when the learner has already chosen their own."""

    display_name: str
    username: str
    password: str | None


@dataclass(frozen=True)
class LoginCardSheet:
    """Everything printed on a class's cards, as plain data."""

    class_name: str
    locale: str
    sign_in_url: str
    cards: tuple[LoginCard, ...]


def phrases(locale: str) -> dict[str, str]:
    """The fixed phrases of a card in ``locale`` (English for an unknown locale)."""
    return PHRASES.get(locale, PHRASES[DEFAULT_LOCALE])


def stylesheet() -> CSS:
    """The parsed card stylesheet, shared by every render."""
    return parsed_stylesheet(STYLESHEET)


def render_login_cards_html(sheet: LoginCardSheet) -> str:
    """The cards as an HTML document (what WeasyPrint lays out)."""
    locale = sheet.locale if is_locale(sheet.locale) else DEFAULT_LOCALE
    cards = [
        LoginCard(clean_display_text(card.display_name), card.username, card.password)
        for card in sheet.cards
    ]
    pages = [cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)]
    return template_environment(TEMPLATES_ROOT).get_template(TEMPLATE).render(
        lang=_HTML_LANG.get(locale, locale),
        dir=direction(locale),
        t=phrases(locale),
        class_name=clean_display_text(sheet.class_name),
        sign_in_url=sheet.sign_in_url,
        pages=pages,
    )


def render_login_cards_pdf(sheet: LoginCardSheet) -> bytes:
    """The cards as PDF bytes: A4 portrait, ten cards a page, fonts embedded as subsets."""
    html = HTML(
        string=render_login_cards_html(sheet),
        base_url=STATIC_ROOT.as_uri() + "/",
        url_fetcher=StaticOnlyFetcher(),
    )
    return html.write_pdf(stylesheets=[stylesheet()], font_config=font_config())
