"""Reports read a bounded number of queries whatever the class size; their figures are right."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select

from ailit.models import Classroom, ModuleProgress, ProgressStatus, User
from ailit.services import assignments, class_learners, reports
from ailit.services.roster import parse_pasted_names


class QueryCounter:
    """Counts statements sent to the database while active."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def _class_with(app, world, learners: int):
    from ailit.web.extensions import content, db, security

    s = db.session
    teacher = s.scalar(select(User).where(User.username == "teacher"))
    names = "\n".join(f"Learner {n}" for n in range(learners))
    issued = class_learners.create_learners(s, teacher, world.class_id, parse_pasted_names(names), hasher=security.hasher)
    assignments.create_assignment(s, teacher, world.class_id, content.catalogue, course_id="sample-robots", due_on=date(2000, 1, 1))
    course = content.catalogue.course("sample-robots")
    for index, item in enumerate(issued):
        for position, module in enumerate(course.modules):
            if (index + position) % 3 == 0:
                continue
            done = (index + position) % 3 == 1
            s.add(
                ModuleProgress(
                    user_id=item.user_id, course_id=course.id, module_id=module.id, version=module.version,
                    status=ProgressStatus.COMPLETED if done else ProgressStatus.IN_PROGRESS,
                    best_score=0.9 if done else 0.4,
                )
            )
    s.commit()
    return s.get(Classroom, world.class_id), content.catalogue


@pytest.mark.parametrize("learners", [5, 50])
def test_class_and_school_reports_use_a_fixed_number_of_queries(app, world, learners):
    with app.app_context():
        from ailit.web.extensions import db

        classroom, catalogue = _class_with(app, world, learners)
        with QueryCounter(db.engine) as counter:
            report = reports.class_report(db.session, classroom, catalogue, "en", date.today())
        assert counter.count <= 4  # assignments, learners, progress, task submissions
        assert len(report.rows) == learners + 3  # plus the world's three learners
        with QueryCounter(db.engine) as counter:
            summary = reports.school_report(db.session, world.school_id, catalogue)
        assert counter.count <= 4
        [row] = [r for r in summary if r.class_id == world.class_id]
        assert row.learners == learners + 3 and row.modules == 3


def test_class_report_figures(app, world):
    with app.app_context():
        from ailit.web.extensions import db

        classroom, catalogue = _class_with(app, world, 3)
        report = reports.class_report(db.session, classroom, catalogue, "en", date.today())
        by_name = {row.display_name: row for row in report.rows}
        first = by_name["Learner 0"].cells  # modules 0,1,2: skipped, completed, in progress
        assert [c.status for c in first] == ["not_started", "completed", "in_progress"]
        assert [c.overdue for c in first] == [True, False, True]
        assert by_name["Ali"].completed == 0
        # module 1: learners 0 and 2 have 0.9 and 0.4 ... averaged over those with a score
        scores = [r.cells[1].best_score for r in report.rows if r.cells[1].best_score is not None]
        assert report.average_scores[1] == pytest.approx(sum(scores) / len(scores))
        csv_text = reports.report_csv(report)
        assert csv_text.splitlines()[0].startswith("username,name,completed,sample-robots/")


def test_csv_neutralises_formulas(app, world):
    report = reports.ClassReport(1, "x", (), (reports.ReportRow(1, "=HYPERLINK(1)", "c-01", (), 0),), (), ())
    assert "'=HYPERLINK(1)" in reports.report_csv(report)
