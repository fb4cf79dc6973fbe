"""Names that a spreadsheet would run as formulas come out of the class report CSV as plain text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from flask import Flask

from ailit.models import ClassMembership, User
from ailit.web.extensions import db

from tests.security.conftest import SecurityWorld, sign_in

# Display names the service accepts, then tab and carriage return (refused by the service, so
# stored directly: the export must not rely on the service having refused them).
FORMULAS = ['=HYPERLINK("http://x")', "+1", "-1", "@x", "=1+1"]
CONTROL_FORMULAS = ["\t=1", "\r=1"]
FORMULA_USERNAME = "-1-1"  # usernames allow '-', so one may start a formula too
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_report_csv_neutralises_formulas(app: Flask, world: SecurityWorld, make_user: Callable[..., User]) -> None:
    made = [make_user(f"csv-learner{n}", display_name=name) for n, name in enumerate(FORMULAS)]
    made += [make_user(f"csv-control{n}") for n in range(len(CONTROL_FORMULAS))]
    made.append(make_user(FORMULA_USERNAME, display_name="Plain Name"))
    with app.app_context():
        for user, name in zip(made[len(FORMULAS):], CONTROL_FORMULAS, strict=False):
            db.session.get(User, user.id).display_name = name
        for user in made:
            db.session.add(ClassMembership(classroom_id=world.class_id, user_id=user.id))
        db.session.commit()
    client = app.test_client()
    sign_in(client, world.usernames["teacher"])
    response = client.get(f"/en/classes/{world.class_id}/report.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"), newline="")))
    learners = rows[1:-1]
    names = {row[1] for row in learners}
    for formula in FORMULAS + CONTROL_FORMULAS:
        assert "'" + formula in names, (formula, names)
    assert "'" + FORMULA_USERNAME in {row[0] for row in learners}
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), row
