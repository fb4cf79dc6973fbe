"""The studio's JSON API: drafts, publishing, versions and translation, as the pages offer them.

Thin views over ``ailit.services.studio*``, authorized as the pages are: a course someone has
no role on answers 404; a role that does not allow the action answers 403.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask.typing import ResponseReturnValue

from ailit.content.diagnostics import Diagnostic
from ailit.content.xliff import MAX_XLIFF_BYTES, MEDIA_TYPE
from ailit.locales import LOCALES
from ailit.services import studio, studio_access, studio_preview, studio_publish, studio_translation
from ailit.web.api.body import json_object, string_field
from ailit.web.api.errors import ApiError, bad_field
from ailit.web.api.courses import quiz_json
from ailit.web.api.params import locale_param, signed_in_user
from ailit.web.extensions import content, db
from ailit.web.security import accepts_body_up_to
from ailit.web.studio_site import PACKAGE_UPLOAD_BYTES, catalogue_target, git_course_ids, paths

MAX_TEXT = 4 * 1024 * 1024  # characters of one file: the compiler refuses over 1 MB anyway


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {"path": d.path, "line": d.line, "severity": d.severity, "message": d.message}


def _draft_json(draft: studio.Draft) -> dict[str, Any]:
    return {
        "course_id": draft.course_id,
        "files": draft.files,
        "errors": draft.errors,
        "diagnostics": [_diagnostic(d) for d in draft.diagnostics],
    }


def list_studio_courses() -> ResponseReturnValue:
    """operationId listStudioCourses: the studio courses the signed-in person has a role on."""
    user = signed_in_user()
    return jsonify(
        courses=[
            {"id": c.id, "stage": c.stage, "live_version": c.live_version, "role": role}
            for c, role in studio_access.my_courses(db.session, user)
        ]
    )


@accepts_body_up_to(PACKAGE_UPLOAD_BYTES)
def upload_course_package() -> ResponseReturnValue:
    """operationId uploadCoursePackage: a zip of a course folder becomes (or replaces) a draft."""
    user = signed_in_user()
    package = request.files.get("package")
    if package is None:
        raise bad_field("package", "missing_field", "send the zip file as the multipart field 'package'")
    draft = studio.upload_package(db.session, user, paths(), package.stream, git_course_ids=git_course_ids())
    db.session.commit()
    return jsonify(_draft_json(draft)), 201


def get_course_draft(course_id: str) -> ResponseReturnValue:
    """operationId getCourseDraft: the draft's files and the compiler's diagnostics."""
    user = signed_in_user()
    studio_access.access(db.session, user, course_id)
    return jsonify(_draft_json(studio.draft(paths(), course_id)))


def get_draft_file(course_id: str, path: str) -> ResponseReturnValue:
    """One draft file's text."""
    user = signed_in_user()
    return jsonify(path=path, text=studio.read_file(db.session, user, paths(), course_id, path))


def save_draft_file(course_id: str, path: str) -> ResponseReturnValue:
    """operationId saveDraftFile: save one file; the answer is the draft compiled again."""
    user = signed_in_user()
    body = json_object(required=("text",))
    text = string_field(body, "text", max_length=MAX_TEXT)
    draft = studio.save_file(db.session, user, paths(), course_id, path, text)
    db.session.commit()
    return jsonify(_draft_json(draft))


def preview_module(course_id: str, module_id: str) -> ResponseReturnValue:
    """operationId previewModule: a draft module as ``getModule`` will give it once published."""
    user = signed_in_user()
    found = studio_preview.open_preview(db.session, user, paths(), course_id, module_id, locale_param())
    text = found.page.text
    return jsonify(
        course_id=course_id,
        module_id=module_id,
        title=text.title,
        locale=text.locale,
        fallback=found.page.fallback,
        html=text.html,
        objectives=list(text.objectives),
        minutes=text.minutes,
        previous_id=found.page.previous_id,
        next_id=found.page.next_id,
        status=None,
        best_score=None,
        quiz=quiz_json(found.quiz) if found.quiz is not None else None,
    )


def publish_course(course_id: str) -> ResponseReturnValue:
    """operationId publishCourse: the draft becomes a new published version (201)."""
    user = signed_in_user()
    number = studio_publish.publish(db.session, user, paths(), catalogue_target(), course_id)
    db.session.commit()
    content.refresh()
    return jsonify(course_id=course_id, version=number), 201


def unpublish_course(course_id: str) -> ResponseReturnValue:
    """operationId unpublishCourse: learners no longer see the course."""
    user = signed_in_user()
    studio_publish.unpublish(db.session, user, paths(), catalogue_target(), course_id)
    db.session.commit()
    content.refresh()
    return jsonify(course_id=course_id, version=None)


def list_course_versions(course_id: str) -> ResponseReturnValue:
    """operationId listCourseVersions: every published version, newest first."""
    user = signed_in_user()
    found = studio_access.access(db.session, user, course_id)
    return jsonify(
        course_id=course_id,
        live_version=found.course.live_version,
        versions=[
            {"number": v.number, "published_at": v.published_at.isoformat(), "note": v.note}
            for v in studio_publish.versions(db.session, course_id)
        ],
    )


def rollback_course(course_id: str) -> ResponseReturnValue:
    """operationId rollbackCourse: publish an earlier version again, as a new version (201)."""
    user = signed_in_user()
    body = json_object(required=("version",))
    number = body["version"]
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 2**31:
        raise bad_field("version", "invalid_type", "expected a version number")
    new = studio_publish.rollback(db.session, user, paths(), catalogue_target(), course_id, number)
    db.session.commit()
    content.refresh()
    return jsonify(course_id=course_id, version=new), 201


def get_translation_status(course_id: str) -> ResponseReturnValue:
    """operationId getTranslationStatus: module × locale, words to translate, course texts."""
    user = signed_in_user()
    return jsonify(studio_translation.status(db.session, user, paths(), course_id).to_dict())


def get_source_diff(course_id: str, module: str, lang: str) -> ResponseReturnValue:
    """operationId getSourceDiff: the source's word changes since the translation was made."""
    user = signed_in_user()
    _locale(lang)
    diff = studio_translation.source_changes(db.session, user, paths(), course_id, module, lang)
    return jsonify(diff.to_dict())


def export_translation(course_id: str, module: str, lang: str) -> ResponseReturnValue:
    """operationId exportTranslation: the module as an XLIFF 2.1 document for ``lang``."""
    user = signed_in_user()
    _locale(lang)
    document = studio_translation.export_xliff(db.session, user, paths(), course_id, module, lang)
    return Response(document, mimetype=MEDIA_TYPE)


@accepts_body_up_to(MAX_XLIFF_BYTES + 64 * 1024)
def import_translation(course_id: str, module: str, lang: str) -> ResponseReturnValue:
    """operationId importTranslation: an XLIFF document (body or multipart ``file``) back in."""
    user = signed_in_user()
    _locale(lang)
    upload = request.files.get("file")
    if upload is not None:
        document = upload.read(MAX_XLIFF_BYTES + 1)
    elif request.mimetype in (MEDIA_TYPE, "application/xml", "text/xml"):
        document = request.get_data(cache=False)
    else:
        raise ApiError(
            415, "unsupported_media_type",
            f"send the document as {MEDIA_TYPE} or as the multipart field 'file'", field="Content-Type",
        )
    draft = studio_translation.import_xliff(db.session, user, paths(), course_id, module, lang, document)
    db.session.commit()
    return jsonify(_draft_json(draft))


def _locale(lang: str) -> None:
    if lang not in LOCALES:
        raise bad_field("lang", "invalid_locale", f"use one of {', '.join(LOCALES)}")
