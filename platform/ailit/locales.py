"""The six UN languages ailit is written, taught and certified in: defined here once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocaleInfo:
    code: str
    native_name: str
    direction: str  # "ltr" or "rtl"


LOCALE_INFO: dict[str, LocaleInfo] = {
    "ar": LocaleInfo("ar", "العربية", "rtl"),
    "en": LocaleInfo("en", "English", "ltr"),
    "es": LocaleInfo("es", "Español", "ltr"),
    "fr": LocaleInfo("fr", "Français", "ltr"),
    "ru": LocaleInfo("ru", "Русский", "ltr"),
    "zh": LocaleInfo("zh", "中文", "ltr"),
}

LOCALES: tuple[str, ...] = tuple(LOCALE_INFO)
DEFAULT_LOCALE = "en"


def is_locale(code: str) -> bool:
    return code in LOCALE_INFO


def direction(code: str) -> str:
    return LOCALE_INFO[code].direction if code in LOCALE_INFO else "ltr"
