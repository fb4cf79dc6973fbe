"""Where this site keeps its studio: folders, the catalogue a publish rebuilds, taken course ids."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from ailit.content.tree import declared
from ailit.services import studio, studio_publish

PACKAGE_UPLOAD_BYTES = 100 * 1024 * 1024  # a zipped course with its images


def paths() -> studio.StudioPaths:
    """The studio's folders in this site's data folder."""
    return studio.studio_paths(Path(current_app.config["DATA_DIR"]))


def catalogue_target() -> studio_publish.CatalogueTarget:
    """What a publish rebuilds: this site's git courses and its catalogue."""
    return studio_publish.CatalogueTarget(
        Path(current_app.config["COURSES_DIR"]), Path(current_app.config["CATALOGUE_DIR"])
    )


def git_course_ids() -> set[str]:
    """The ids of the courses that live in the courses folder (a studio course may not take one)."""
    folder = Path(current_app.config["COURSES_DIR"])
    return {cid for path in folder.glob("*/*/course.yaml") if (cid := declared(path.parent, "id"))}
