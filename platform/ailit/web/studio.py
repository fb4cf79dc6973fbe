"""The studio in the browser: authors upload and edit courses, publish them; translators
translate them side by side with the source's changes, or through XLIFF files."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as L_
from flask_login import current_user, login_required

from ailit.content.xliff import MAX_XLIFF_BYTES
from ailit.locales import LOCALE_INFO, LOCALES
from ailit.models import CourseRoleName, StudioAction
from markupsafe import Markup

from ailit.content.questions import QUESTION_TYPES
from ailit.services import studio, studio_access, studio_preview, studio_publish, studio_translation
from ailit.services.learning import ModuleView
from ailit.services.errors import MalformedAnswer, NotFound, ValidationError
from ailit.services.schools import Forbidden
from ailit.web.errors import render_error
from ailit.web.i18n import current_locale
from ailit.web.labels import LANGUAGE_STATUS
from ailit.web.learning import MEDIA_CSP, localise_callouts
from ailit.web.quiz_form import TOKEN_FIELD, FormAnswerError, field_name, parse_answers
from ailit.web.security import accepts_body_up_to
from ailit.web.studio_site import PACKAGE_UPLOAD_BYTES, catalogue_target, git_course_ids, paths
from ailit.web.extensions import content, db

bp = Blueprint("studio", __name__, url_prefix="/<locale>/studio")


ROLE_NAMES = {
    CourseRoleName.OWNER.value: L_("owner"),
    CourseRoleName.EDITOR.value: L_("editor"),
    CourseRoleName.TRANSLATOR.value: L_("translator"),
    CourseRoleName.PROOFREADER.value: L_("proofreader"),
}
ACTION_NAMES = {
    StudioAction.CREATED.value: L_("created the course"),
    StudioAction.UPLOADED.value: L_("uploaded a package"),
    StudioAction.SAVED.value: L_("saved a file"),
    StudioAction.PUBLISHED.value: L_("published"),
    StudioAction.UNPUBLISHED.value: L_("unpublished"),
    StudioAction.ROLLED_BACK.value: L_("published an earlier version"),
    StudioAction.GRANTED.value: L_("gave a role"),
    StudioAction.REVOKED.value: L_("took a role away"),
    StudioAction.IMPORTED.value: L_("imported a translation"),
}
SEVERITY_NAMES = {"error": L_("error"), "warning": L_("warning")}


@bp.context_processor
def _labels() -> dict[str, Any]:
    return {
        "studio_roles": ROLE_NAMES,
        "studio_actions": ACTION_NAMES,
        "severity_names": SEVERITY_NAMES,
        "translation_states": LANGUAGE_STATUS,
        "locale_info": LOCALE_INFO,
    }


@login_required
def home() -> ResponseReturnValue:
    """My studio courses, and a form to upload a course package."""
    return render_template(
        "studio/home.html",
        courses=studio_access.my_courses(db.session, current_user),
        can_create=studio_access.can_create(current_user),
    )


@accepts_body_up_to(PACKAGE_UPLOAD_BYTES)
@login_required
def upload() -> ResponseReturnValue:
    """Make or replace a draft from a zip of a course folder (all or nothing)."""
    package = request.files.get("package")
    if package is None or not package.filename:
        flash(_("Choose a zip file of the course folder to upload."), "error")
        return redirect(url_for("studio.home"))
    try:
        draft = studio.upload_package(
            db.session, current_user, paths(), package.stream, git_course_ids=git_course_ids()
        )
    except studio.PackageRefused as exc:
        db.session.rollback()
        return render_template(
            "studio/home.html",
            courses=studio_access.my_courses(db.session, current_user),
            can_create=studio_access.can_create(current_user),
            error=_("The package was not used: %(reason)s", reason=exc.message),
        ), 400
    db.session.commit()
    flash(_("The course was uploaded as a draft."))
    return redirect(url_for("studio.course", course_id=draft.course_id))


@login_required
def course(course_id: str) -> ResponseReturnValue:
    """A course: its files and diagnostics, publishing, versions, roles and history."""
    found = studio_access.access(db.session, current_user, course_id)
    draft = studio.draft(paths(), course_id)
    return render_template(
        "studio/course.html",
        access=found,
        draft=draft,
        versions=studio_publish.versions(db.session, course_id),
        roles=studio_access.roles(db.session, course_id),
        events=studio_access.events(db.session, course_id, limit=30),
        locales=LOCALES,
        modules=sorted({f.split("/")[0] for f in draft.files if "/" in f}),
    )


@login_required
def edit(course_id: str) -> ResponseReturnValue:
    """Edit one file in a plain text area; each save shows the diagnostics beside their lines."""
    path = request.values.get("file", "course.yaml")
    found = studio_access.access(db.session, current_user, course_id)
    status, saved = 200, False
    if request.method == "POST":
        text = request.form.get("text", "")
        try:
            draft = studio.save_file(db.session, current_user, paths(), course_id, path, text)
        except ValidationError as exc:
            db.session.rollback()
            return render_error(400, exc.message)
        db.session.commit()
        saved = True
    else:
        text = studio.read_file(db.session, current_user, paths(), course_id, path)
        draft = studio.draft(paths(), course_id)
    problems = draft.for_file(path) if path != "course.yaml" else draft.for_file(path)
    lines = text.split("\n")
    return render_template(
        "studio/edit.html",
        access=found,
        path=path,
        text=text,
        saved=saved,
        problems=[(d, lines[d.line - 1] if 0 < d.line <= len(lines) else "") for d in problems],
        other_errors=draft.errors - sum(d.is_error for d in problems),
    ), status


@login_required
def publish(course_id: str) -> ResponseReturnValue:
    """Publish the draft as a new version (refused while it has errors)."""
    return _publishing(course_id, lambda: studio_publish.publish(
        db.session, current_user, paths(), catalogue_target(), course_id
    ), _("Published. Learners now see this version."))


@login_required
def unpublish(course_id: str) -> ResponseReturnValue:
    """Take the course out of the catalogue; its versions and learners' progress are kept."""
    return _publishing(course_id, lambda: studio_publish.unpublish(
        db.session, current_user, paths(), catalogue_target(), course_id
    ), _("Unpublished. Learners no longer see the course."))


@login_required
def rollback(course_id: str, number: int) -> ResponseReturnValue:
    """Publish an earlier version again."""
    return _publishing(course_id, lambda: studio_publish.rollback(
        db.session, current_user, paths(), catalogue_target(), course_id, number
    ), _("Version %(num)d is published again.", num=number))


def _publishing(course_id: str, action, done: str) -> ResponseReturnValue:  # type: ignore[no-untyped-def]
    try:
        action()
    except ValidationError as exc:
        db.session.rollback()
        flash(_("Not published: %(reason)s", reason=exc.message), "error")
        return redirect(url_for("studio.course", course_id=course_id)), 303
    db.session.commit()
    content.refresh()
    flash(done)
    return redirect(url_for("studio.course", course_id=course_id), 303)


@login_required
def grant(course_id: str) -> ResponseReturnValue:
    """Give someone a role on the course (owners and site admins)."""
    try:
        if request.form.get("action") == "revoke":
            studio_access.revoke(db.session, current_user, course_id, request.form.get("username", ""))
        else:
            studio_access.grant(
                db.session, current_user, course_id, request.form.get("username", "").strip(),
                request.form.get("role", ""), request.form.getlist("locales"),
            )
    except ValidationError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("studio.course", course_id=course_id), 303)
    db.session.commit()
    flash(_("Roles updated."))
    return redirect(url_for("studio.course", course_id=course_id), 303)


@login_required
def translations(course_id: str) -> ResponseReturnValue:
    """The translation dashboard: module × language, missing, out of date or up to date."""
    found = studio_access.access(db.session, current_user, course_id)
    return render_template(
        "studio/translations.html",
        access=found,
        status=studio_translation.status(db.session, current_user, paths(), course_id),
        locales=LOCALES,
        locale_info=LOCALE_INFO,
    )


@login_required
def translate(course_id: str, module: str, lang: str) -> ResponseReturnValue:
    """The side-by-side editor: the source (with its changes) beside the translation."""
    if lang not in LOCALES:
        return render_error(404)
    found = studio_access.access(db.session, current_user, course_id)
    if not found.can_translate(lang):
        raise Forbidden("not your language")
    error, stamped, status = None, None, 200
    source, text = studio_translation.texts(db.session, current_user, paths(), course_id, module, lang)
    if request.method == "POST":
        text = request.form.get("text", "")
        try:
            _draft, stamped = studio_translation.save_translation(
                db.session, current_user, paths(), course_id, module, lang, text,
                mark_fresh=request.form.get("fresh") == "1",
            )
            db.session.commit()
        except ValidationError as exc:
            db.session.rollback()
            error, status = exc.message, 400
            if exc.code == "parity":  # keep the work: save it unstamped
                studio_translation.save_translation(
                    db.session, current_user, paths(), course_id, module, lang, text, mark_fresh=False
                )
                db.session.commit()
    try:
        changes = studio_translation.source_changes(db.session, current_user, paths(), course_id, module, lang)
    except ValidationError:
        changes = None
    return render_template(
        "studio/translate.html",
        access=found,
        module=module,
        lang=lang,
        lang_info=LOCALE_INFO[lang],
        source=source,
        text=text,
        changes=changes.changed_lines() if changes is not None and changes.changed else None,
        error=error,
        stamped=stamped,
    ), status


@login_required
def export_xliff(course_id: str, module: str, lang: str) -> ResponseReturnValue:
    """An XLIFF 2.1 file for a translator's tool."""
    document = studio_translation.export_xliff(db.session, current_user, paths(), course_id, module, lang)
    return Response(
        document,
        mimetype="application/xliff+xml",
        headers={"Content-Disposition": f'attachment; filename="{course_id}-{module}.{lang}.xlf"'},
    )


@accepts_body_up_to(MAX_XLIFF_BYTES + 64 * 1024)
@login_required
def import_xliff(course_id: str, module: str, lang: str) -> ResponseReturnValue:
    """Bring a translated XLIFF file back: checked, then saved as the translation."""
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        flash(_("Choose the translated XLIFF file."), "error")
        return redirect(url_for("studio.translate", course_id=course_id, module=module, lang=lang), 303)
    try:
        studio_translation.import_xliff(
            db.session, current_user, paths(), course_id, module, lang, upload_file.read(MAX_XLIFF_BYTES + 1)
        )
    except ValidationError as exc:
        db.session.rollback()
        flash(_("The file was not used: %(reason)s", reason=exc.message), "error")
        return redirect(url_for("studio.translate", course_id=course_id, module=module, lang=lang), 303)
    db.session.commit()
    flash(_("The translation was imported."))
    return redirect(url_for("studio.translate", course_id=course_id, module=module, lang=lang), 303)


@login_required
def preview(course_id: str, module_id: str) -> ResponseReturnValue:
    """A draft module exactly as learners will see it, in any language (``?lang=``)."""
    lang = request.args.get("lang", "")
    found = studio_preview.open_preview(
        db.session, current_user, paths(), course_id, module_id, lang if lang in LOCALES else current_locale()
    )
    return _render_preview(course_id, found)


@login_required
def preview_grade(course_id: str, module_id: str) -> ResponseReturnValue:
    """Grade a preview's answers as a learner's would be; nothing is recorded."""
    lang = request.args.get("lang", "")
    found = studio_preview.open_preview(
        db.session, current_user, paths(), course_id, module_id, lang if lang in LOCALES else current_locale()
    )
    if found.quiz is None:
        return render_error(404)
    try:
        answers = parse_answers(request.form, found.quiz.questions)
        result = studio_preview.grade_preview(
            found.catalogue, course_id, module_id, found.page.text.locale, answers, found.key
        )
    except FormAnswerError as error:
        message = _("Question %(num)d: %(message)s", num=error.number, message=error.message)
        return _render_preview(course_id, found, error=message, status=400)
    except MalformedAnswer as error:
        message = _("Question %(num)d: %(message)s", num=error.number, message=error.detail)
        return _render_preview(course_id, found, error=message, status=400)
    return _render_preview(course_id, found, result=result)


@login_required
def preview_media(course_id: str, module_id: str, name: str) -> ResponseReturnValue:
    """An image of a draft module, for its preview."""
    catalogue = studio_preview.catalogue_of(db.session, current_user, paths(), course_id)
    path = catalogue.media_path(course_id, module_id, name)
    if path is None:
        return render_error(404)
    response = send_file(path, max_age=0)
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    return response


def _render_preview(
    course_id: str, found: studio_preview.Preview, *, error: str | None = None,
    result: studio_preview.PreviewResult | None = None, status: int = 200,
) -> ResponseReturnValue:
    module_id = found.page.text.module_id
    lang = found.page.text.locale
    media = url_for("studio.preview_media", course_id=course_id, module_id=module_id, name="")
    lesson = str(localise_callouts(found.page.text.html)).replace(f'src="/media/{course_id}/{module_id}/', f'src="{media}')
    view = ModuleView(page=found.page, quiz=found.quiz, status="not_started", best_score=None)
    html = render_template(
        "studio/preview.html",
        view=view,
        page=found.page,
        lesson_html=Markup(lesson),  # nosec B704 - the compiler's sanitised HTML, one address changed
        quiz_error=error,
        field_name=field_name,
        token_field=TOKEN_FIELD,
        question_types=QUESTION_TYPES,
        action_form=None,
        quiz_action=url_for("studio.preview_grade", course_id=course_id, module_id=module_id, lang=lang),
        preview_course=course_id,
        preview_lang=lang,
        preview_result=result,
    )
    return html, status


@bp.errorhandler(Forbidden)
def _forbidden(_error: Forbidden) -> ResponseReturnValue:
    return render_error(403)


@bp.errorhandler(NotFound)
def _not_found(_error: NotFound) -> ResponseReturnValue:
    return render_error(404)


bp.add_url_rule("/", view_func=home)
bp.add_url_rule("/upload", view_func=upload, methods=["POST"])
bp.add_url_rule("/<course_id>/", view_func=course)
bp.add_url_rule("/<course_id>/edit", view_func=edit, methods=["GET", "POST"])
bp.add_url_rule("/<course_id>/publish", view_func=publish, methods=["POST"])
bp.add_url_rule("/<course_id>/unpublish", view_func=unpublish, methods=["POST"])
bp.add_url_rule("/<course_id>/versions/<int:number>/restore", view_func=rollback, methods=["POST"])
bp.add_url_rule("/<course_id>/roles", view_func=grant, methods=["POST"])
bp.add_url_rule("/<course_id>/translations", view_func=translations)
bp.add_url_rule("/<course_id>/preview/<module_id>", view_func=preview)
bp.add_url_rule("/<course_id>/preview/<module_id>", view_func=preview_grade, methods=["POST"])
bp.add_url_rule("/<course_id>/preview-media/<module_id>/<path:name>", view_func=preview_media)
bp.add_url_rule("/<course_id>/translate/<module>/<lang>", view_func=translate, methods=["GET", "POST"])
bp.add_url_rule("/<course_id>/translate/<module>/<lang>.xlf", view_func=export_xliff)
bp.add_url_rule("/<course_id>/translate/<module>/<lang>/xliff", view_func=import_xliff, methods=["POST"])
