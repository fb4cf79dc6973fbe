"""Where the files beside the code live: templates, static files, UI translations, courses.

In a checkout (and an editable install) they are the repository's top-level folders. A regular
install (``pip install .``) carries copies inside the package, under ``ailit/bundle/``, made
when the wheel is built (translations compiled to ``.mo`` there too); see ``setup.py``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parents[1]  # <checkout>/platform/ailit -> <checkout>
BUNDLE_DIR = PACKAGE_DIR / "bundle"
# The folders copied into the wheel; each is also a top-level folder of the repository.
BUNDLED_FOLDERS = ("templates", "static", "locales", "courses")


def in_checkout() -> bool:
    """Whether this code runs from a repository checkout rather than an installed wheel."""
    return (CHECKOUT_ROOT / "platform" / "ailit").is_dir() and (CHECKOUT_ROOT / "templates").is_dir()


# The folder holding templates/, static/, locales/ and courses/.
ROOT = CHECKOUT_ROOT if in_checkout() else BUNDLE_DIR
