"""How long a class's accounts hold SQLite's write lock; prints figures, asserts nothing.

    .venv/bin/python bench/accounts.py [--learners 40 200] [--runs 3]

On a temporary SQLite database (the project's migrations, WAL, the production Argon2id
parameters), a teacher adds ``--learners`` learners to a new class, then reprints the class's
login cards. For each it prints the whole call and the time the write lock was held: from
the first INSERT/UPDATE/DELETE of the transaction to its COMMIT, measured on the connection.
Passwords are hashed before that first write (one-time passwords with the cheaper one-time
parameters), so the lock is held for milliseconds whatever the class size; before, every
hash ran inside the transaction (about 13 s for 40 learners on a 2-core machine).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import event

from ailit.migrations import upgrade
from ailit.models import Role, User
from ailit.models.database import make_engine, make_session_factory
from ailit.services import accounts, class_learners, classes, schools
from ailit.services.roster import parse_pasted_names

WRITES = ("INSERT", "UPDATE", "DELETE")


class LockClock:
    """Times from a transaction's first write statement to its commit, per transaction."""

    def __init__(self) -> None:
        self.started: float | None = None
        self.held: list[float] = []

    def install(self, engine: Any) -> None:
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.started is None and statement.lstrip().upper().startswith(WRITES):
            self.started = time.perf_counter()

    def _commit(self, _conn: Any) -> None:
        if self.started is not None:
            self.held.append(time.perf_counter() - self.started)
        self.started = None

    def _rollback(self, _conn: Any) -> None:
        self.started = None

    def longest_since(self, mark: int) -> float:
        return max(self.held[mark:], default=0.0)


def run(learners: int, runs: int) -> None:
    hasher = PasswordHasher()  # argon2-cffi defaults, as in production
    for label, action in (("add learners", "add"), ("reprint login cards", "cards")):
        totals, locks = [], []
        for run_number in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{Path(tmp) / 'bench.db'}"
                upgrade(url)
                engine = make_engine(url)
                clock = LockClock()
                clock.install(engine)
                session = make_session_factory(engine)()
                admin = accounts.register_user(session, username="admin", password="a long password",
                                               display_name="Admin", locale="en", role=Role.ADMIN, hasher=hasher)
                teacher = accounts.register_user(session, username="teacher", password="a long password",
                                                 display_name="Teacher", locale="en", role=Role.TEACHER, hasher=hasher)
                school = schools.create_school(session, admin, "Bench School")
                schools.add_staff(session, session.get(User, teacher.id), school.id)
                classroom = classes.create_class(session, teacher, name=f"Class {run_number}", stage="primary", locale="en")
                roster = parse_pasted_names("\n".join(f"Learner {n}" for n in range(learners)))
                if action == "cards":
                    class_learners.create_learners(session, teacher, classroom.id, roster, hasher=hasher)
                mark = len(clock.held)
                start = time.perf_counter()
                if action == "add":
                    class_learners.create_learners(session, teacher, classroom.id, roster, hasher=hasher)
                else:
                    class_learners.login_cards(session, teacher, classroom.id, "http://localhost/en/sign-in",
                                               lambda token: f"http://localhost/en/card?t={token}",
                                               only_new=False, hasher=hasher)
                totals.append(time.perf_counter() - start)
                locks.append(clock.longest_since(mark))
                session.close()
                engine.dispose()
        print(
            f"{label:>20}, {learners:>3} learners: call {statistics.median(totals):6.2f} s, "
            f"write lock held {statistics.median(locks) * 1000:7.1f} ms (median of {runs})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for count in args.learners:
        run(count, args.runs)


if __name__ == "__main__":
    main()
