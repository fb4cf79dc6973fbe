"""The twelve pictures of picture passwords, defined here once.

A picture password is three of these, in order. Each picture is a small drawing,
``static/pictures/<id>.svg``, and a name that pages and login cards show translated through
the UI catalogues (``gettext(PICTURE_NAMES[id])``), so a screen reader says "sun", not a file
name. The drawings are simple objects most children know wherever they live: no letters, no
digits, no flags or symbols of a religion or a country.
"""

from __future__ import annotations

from ailit.translations import N_

# The order of the grid on the sign-in page (mirrored in right-to-left languages).
PICTURE_NAMES: dict[str, str] = {
    "sun": N_("Sun"),
    "tree": N_("Tree"),
    "fish": N_("Fish"),
    "star": N_("Star"),
    "apple": N_("Apple"),
    "boat": N_("Boat"),
    "cat": N_("Cat"),
    "moon": N_("Moon"),
    "flower": N_("Flower"),
    "ball": N_("Ball"),
    "house": N_("House"),
    "bird": N_("Bird"),
}
PICTURES: tuple[str, ...] = tuple(PICTURE_NAMES)
PICTURES_PER_PASSWORD = 3


def is_picture(value: str) -> bool:
    return value in PICTURE_NAMES


def picture_file(picture: str) -> str:
    """The drawing's path under ``static/``."""
    return f"pictures/{picture}.svg"
