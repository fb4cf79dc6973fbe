"""Certificates in a person's data: exported with everything else, erased with the account.

Erasing deletes the certificate rows and their PDFs (which print the learner's name). From then
on the code no longer verifies: the public page and ``verifyCertificate`` answer 404, and the
revocation status list marks the certificate's index as withdrawn, so a credential copied
elsewhere before the deletion no longer checks out as valid either.

The PDFs live under the data directory, which the caller names in the session's ``info``
(``session.info[DATA_DIR_KEY]``; the web app sets it on every request's session).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ailit.models import Certificate, User, WithdrawnStatusIndex
from ailit.services import privacy

SECTION = "certificates"
DATA_DIR_KEY = "ailit.data_dir"


def export_certificates(session: Session, user: User) -> list[dict[str, Any]]:
    """The learner's certificates: code, course, name as printed, issue date, hidden, revoked."""
    rows = session.scalars(select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.id))
    return [
        {
            "code": c.code,
            "course_id": c.course_id,
            "course_version": c.course_version,
            "course_title": c.course_title,
            "learner_name": c.learner_name,
            "locale": c.locale,
            "issued_at": c.issued_at.isoformat(),
            "hidden": c.hidden,
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            "revocation_reason": c.revocation_reason,
        }
        for c in rows
    ]


def erase_certificates(session: Session, user: User) -> None:
    """Delete the learner's certificates and their PDF files.

    The files go first: if the transaction is then rolled back, a missing PDF is rendered
    again on the next download, so nothing is lost that cannot be rebuilt.
    """
    paths = session.scalars(select(Certificate.pdf_path).where(Certificate.user_id == user.id)).all()
    data_dir = session.info.get(DATA_DIR_KEY)
    if data_dir is not None:
        root = Path(data_dir).resolve()
        for relative in paths:
            if not relative:
                continue
            path = (root / relative).resolve()
            if root in path.parents:  # a stored path never leads outside the data directory
                path.unlink(missing_ok=True)
    # The indexes stay withdrawn in the status list whatever is issued later.
    indexes = session.scalars(
        select(Certificate.status_index).where(Certificate.user_id == user.id, Certificate.status_index.is_not(None))
    ).all()
    session.add_all(WithdrawnStatusIndex(status_index=index) for index in indexes)
    session.execute(delete(Certificate).where(Certificate.user_id == user.id))


privacy.register(SECTION, exporter=export_certificates, eraser=erase_certificates)
