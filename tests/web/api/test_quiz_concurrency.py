"""Concurrent attempts: max_attempts holds when many submissions arrive at the same moment."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.models import QuizAttempt

from .conftest import ApiClient

ATTEMPTS = "/api/v1/courses/sample-robots/modules/what-is-ai/attempts"
WRONG = [[0], [1], 3, "robots"]
SUBMISSIONS = 50
MAX_ATTEMPTS = 3  # what-is-ai's quiz setting


def test_fifty_concurrent_submissions_store_at_most_max_attempts(
    api: ApiClient, make_user, db_session: Session
) -> None:
    make_user("ada")
    token = api.login("ada")
    app = api.client.application
    barrier = threading.Barrier(SUBMISSIONS)
    statuses: list[int] = []
    lock = threading.Lock()

    def submit() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post(
            ATTEMPTS,
            json={"answers": WRONG},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
        )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=submit) for _ in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] * MAX_ATTEMPTS + [403] * (SUBMISSIONS - MAX_ATTEMPTS)
    db_session.rollback()
    stored = db_session.scalar(select(func.count(QuizAttempt.id)))
    assert stored == MAX_ATTEMPTS
