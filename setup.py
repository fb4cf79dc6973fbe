"""Builds the wheel with the repository's templates, static files, UI translations (compiled
to ``.mo`` here) and courses inside the package, under ``ailit/bundle/``.

The folders stay at the top of the repository, where authors and translators edit them; a
checkout or an editable install reads them there (``ailit.resources``). Everything else about
the package is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FOLDERS = ("templates", "static", "locales", "courses")


class BuildWithBundle(build_py):
    """``build_py``, then the bundled folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's folders
        bundle = Path(self.build_lib) / "ailit" / "bundle"
        shutil.rmtree(bundle, ignore_errors=True)
        for name in FOLDERS:
            shutil.copytree(ROOT / name, bundle / name, ignore=shutil.ignore_patterns("*.mo"))
        compile_translations(bundle / "locales")


def compile_translations(locales: Path) -> None:
    """Each ``messages.po`` compiled beside itself to ``messages.mo``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        with open(po_path, "rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name)
        with open(po_path.with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog)


setup(cmdclass={"build_py": BuildWithBundle})
