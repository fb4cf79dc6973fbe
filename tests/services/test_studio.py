"""The studio's services: packages, drafts, roles, publishing, translation."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from ailit.content.catalogue import load_catalogue
from ailit.content.hashing import source_hash
from ailit.models import Role, StudioEvent, User
from ailit.services import studio, studio_access, studio_publish, studio_translation
from ailit.services.errors import NotFound
from ailit.services.schools import Forbidden
from ailit.services.studio import PackageRefused, StudioPaths
from ailit.services.studio_publish import CatalogueTarget, PublishRefused

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "courses"
ROBOTS = FIXTURES / "primary" / "sample-robots"


def course_zip(course_id: str = "studio-robots", *, top: str = "robots", extra: dict[str, bytes] | None = None) -> io.BytesIO:
    """The sample course as a package, renamed so that its id is free."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(ROBOTS.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.name == "course.yaml":
                    data = data.replace(b"id: sample-robots", f"id: {course_id}".encode())
                archive.writestr(f"{top}/{path.relative_to(ROBOTS).as_posix()}", data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


@pytest.fixture
def paths(tmp_path: Path) -> StudioPaths:
    return StudioPaths(tmp_path / "studio")


@pytest.fixture
def target(tmp_path: Path) -> CatalogueTarget:
    return CatalogueTarget(FIXTURES, tmp_path / "catalogue")


@pytest.fixture
def author(make_user: Callable[..., User]) -> User:
    return make_user("author1", role=Role.AUTHOR)


def _upload(session: Session, user: User, paths: StudioPaths, package: io.BytesIO | None = None) -> studio.Draft:
    draft = studio.upload_package(session, user, paths, package or course_zip(), git_course_ids={"sample-robots"})
    session.commit()
    return draft


def test_upload_makes_a_draft_owned_by_its_author(db_session: Session, author: User, paths: StudioPaths) -> None:
    draft = _upload(db_session, author, paths)
    assert "course.yaml" in draft.files and "01-what-is-ai/en.md" in draft.files
    assert draft.errors == 0
    assert [c.id for c, role in studio_access.my_courses(db_session, author)] == ["studio-robots"]
    assert (paths.draft("studio-robots") / "01-what-is-ai" / "media" / "robot.svg").is_file()


@pytest.mark.parametrize(
    ("package", "message"),
    [
        (io.BytesIO(b"not a zip"), "not a zip file"),
        (course_zip(extra={"../evil.md": b"x"}), "outside the course folder"),
        (course_zip(extra={"/etc/evil.md": b"x"}), "outside the course folder"),
        (course_zip(course_id="sample-robots"), "taken by a course of this site"),
        (course_zip(course_id="Bad Id"), "needs an id"),
    ],
)
def test_bad_packages_are_refused_and_nothing_is_stored(
    db_session: Session, author: User, paths: StudioPaths, package: io.BytesIO, message: str
) -> None:
    with pytest.raises(PackageRefused, match=message):
        studio.upload_package(db_session, author, paths, package, git_course_ids={"sample-robots"})
    db_session.rollback()
    assert studio_access.my_courses(db_session, author) == []
    assert not (paths.root / "courses").exists() or not any((paths.root / "courses").iterdir())


def test_a_link_in_a_package_is_refused(db_session: Session, author: User, paths: StudioPaths) -> None:
    buffer = course_zip()
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("robots/01-what-is-ai/media/link.svg")
        info.external_attr = (0o120777 << 16)
        archive.writestr(info, "/etc/passwd")
    buffer.seek(0)
    with pytest.raises(PackageRefused, match="is a link"):
        studio.upload_package(db_session, author, paths, buffer, git_course_ids=set())


def test_another_authors_course_id_is_refused(
    db_session: Session, author: User, paths: StudioPaths, make_user: Callable[..., User]
) -> None:
    _upload(db_session, author, paths)
    other = make_user("author2", role=Role.AUTHOR)
    with pytest.raises(PackageRefused, match="taken by another author"):
        studio.upload_package(db_session, other, paths, course_zip(), git_course_ids=set())


def test_save_compiles_and_shows_diagnostics_at_their_line(db_session: Session, author: User, paths: StudioPaths) -> None:
    _upload(db_session, author, paths)
    text = studio.read_file(db_session, author, paths, "studio-robots", "03-robots-around-us/en.md")
    broken = text.replace("::: discuss", "::: dicsuss")
    draft = studio.save_file(db_session, author, paths, "studio-robots", "03-robots-around-us/en.md", broken)
    db_session.commit()
    found = draft.for_file("03-robots-around-us/en.md")
    assert any(d.is_error and "did you mean 'discuss'" in d.message for d in found)
    with pytest.raises(studio.ValidationError):
        studio.save_file(db_session, author, paths, "studio-robots", "../../escape.md", "x")


def test_glossary_is_edited_and_checked_like_course_yaml(
    db_session: Session, author: User, paths: StudioPaths, make_user: Callable[..., User]
) -> None:
    _upload(db_session, author, paths)
    assert "glossary.yaml" in studio.draft(paths, "studio-robots").files
    text = studio.read_file(db_session, author, paths, "studio-robots", "glossary.yaml")
    broken = text.replace("  - id: robot\n", "  - id: spam-filter\n")
    draft = studio.save_file(db_session, author, paths, "studio-robots", "glossary.yaml", broken)
    db_session.commit()
    line = broken.split("\n").index("  - id: spam-filter", 3) + 1
    assert [(d.line, d.message) for d in draft.for_file("glossary.yaml")] == [
        (line, "term id 'spam-filter' is used twice (first at line 3)")
    ]
    untranslated = text.replace("      fr: filtre anti-spam\n", "")
    studio.save_file(db_session, author, paths, "studio-robots", "glossary.yaml", untranslated)
    db_session.commit()
    status = studio_translation.status(db_session, author, paths, "studio-robots")
    assert status.to_dict()["glossary_terms_missing"] == {"fr": ["spam-filter"]}
    translator = make_user("translator1")
    studio_access.grant(db_session, author, "studio-robots", "translator1", "translator", ["ar"])
    db_session.commit()
    with pytest.raises(Forbidden):
        studio.save_file(db_session, translator, paths, "studio-robots", "glossary.yaml", text)


def test_roles_limit_what_each_person_does(
    db_session: Session, author: User, paths: StudioPaths, target: CatalogueTarget, make_user: Callable[..., User]
) -> None:
    _upload(db_session, author, paths)
    translator = make_user("translator1")
    stranger = make_user("stranger1", role=Role.AUTHOR)
    studio_access.grant(db_session, author, "studio-robots", "translator1", "translator", ["ar"])
    db_session.commit()
    studio.save_file(db_session, translator, paths, "studio-robots", "01-what-is-ai/ar.md", "---\ntitle: x\n---\n")
    with pytest.raises(Forbidden):
        studio.save_file(db_session, translator, paths, "studio-robots", "01-what-is-ai/fr.md", "x")
    with pytest.raises(Forbidden):
        studio.save_file(db_session, translator, paths, "studio-robots", "01-what-is-ai/en.md", "x")
    with pytest.raises(Forbidden):
        studio_publish.publish(db_session, translator, paths, target, "studio-robots")
    with pytest.raises(NotFound):
        studio.read_file(db_session, stranger, paths, "studio-robots", "course.yaml")
    with pytest.raises(Forbidden):
        studio_access.grant(db_session, translator, "studio-robots", "stranger1", "editor", [])


def test_publish_rollback_and_unpublish_reach_the_catalogue(
    db_session: Session, author: User, paths: StudioPaths, target: CatalogueTarget
) -> None:
    _upload(db_session, author, paths)
    assert studio_publish.publish(db_session, author, paths, target, "studio-robots") == 1
    db_session.commit()
    catalogue = load_catalogue(target.catalogue_dir)
    assert "studio-robots" in catalogue.courses and "sample-robots" in catalogue.courses
    first_title = catalogue.courses["studio-robots"].title["en"]
    yaml_text = studio.read_file(db_session, author, paths, "studio-robots", "course.yaml")
    studio.save_file(db_session, author, paths, "studio-robots", "course.yaml", yaml_text.replace(first_title, "Robots, second edition"))
    assert studio_publish.publish(db_session, author, paths, target, "studio-robots") == 2
    db_session.commit()
    assert load_catalogue(target.catalogue_dir).courses["studio-robots"].title["en"] == "Robots, second edition"
    assert studio_publish.rollback(db_session, author, paths, target, "studio-robots", 1) == 3
    db_session.commit()
    assert load_catalogue(target.catalogue_dir).courses["studio-robots"].title["en"] == first_title
    assert [v.number for v in studio_publish.versions(db_session, "studio-robots")] == [3, 2, 1]
    studio_publish.unpublish(db_session, author, paths, target, "studio-robots")
    db_session.commit()
    assert "studio-robots" not in load_catalogue(target.catalogue_dir).courses
    actions = [e.action for e, _ in studio_access.events(db_session, "studio-robots")]
    assert actions[:4] == ["unpublished", "rolled_back", "published", "saved"]


def test_a_broken_draft_is_never_published(
    db_session: Session, author: User, paths: StudioPaths, target: CatalogueTarget
) -> None:
    _upload(db_session, author, paths)
    studio_publish.publish(db_session, author, paths, target, "studio-robots")
    db_session.commit()
    before = load_catalogue(target.catalogue_dir).version
    studio.save_file(db_session, author, paths, "studio-robots", "01-what-is-ai/en.md", "---\ntitle: [broken\n---\n")
    with pytest.raises(PublishRefused, match="error"):
        studio_publish.publish(db_session, author, paths, target, "studio-robots")
    assert load_catalogue(target.catalogue_dir).version == before


def test_translation_dashboard_diff_and_stamping(
    db_session: Session, author: User, paths: StudioPaths
) -> None:
    _upload(db_session, author, paths)
    status = studio_translation.status(db_session, author, paths, "studio-robots")
    assert status.cells["02-learning-from-examples"]["fr"] == "stale"
    assert status.cells["02-learning-from-examples"]["ar"] == "missing"
    assert status.words["02-learning-from-examples"]["ar"] > 20
    assert status.words["01-what-is-ai"]["ar"] == 0
    # The translator stamps fr; then the author changes the source: the diff shows the words.
    source, fr = studio_translation.texts(db_session, author, paths, "studio-robots", "02-learning-from-examples", "fr")
    _, stamped = studio_translation.save_translation(
        db_session, author, paths, "studio-robots", "02-learning-from-examples", "fr", fr, mark_fresh=True
    )
    assert stamped
    studio.save_file(
        db_session, author, paths, "studio-robots", "02-learning-from-examples/en.md",
        source.replace("cats and dogs", "cats, dogs and birds"),
    )
    db_session.commit()
    diff = studio_translation.source_changes(db_session, author, paths, "studio-robots", "02-learning-from-examples", "fr")
    assert ("insert", "birds") in [(op, text.strip()) for op, text in diff.runs]
    # A translation that breaks the quiz is saved but not marked up to date.
    broken = fr.replace("- [x] De nombreux", "- [ ] De nombreux").replace("- [ ] D'un", "- [x] D'un")
    with pytest.raises(studio_translation.TranslationRefused, match="not marked up to date"):
        studio_translation.save_translation(
            db_session, author, paths, "studio-robots", "02-learning-from-examples", "fr", broken, mark_fresh=True
        )
    assert source_hash(paths.draft("studio-robots") / "02-learning-from-examples" / "en.md")
    assert db_session.query(StudioEvent).count() >= 3
