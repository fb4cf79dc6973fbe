"""What a use case can refuse, as exceptions carrying a stable code the web and API translate."""

from __future__ import annotations

from datetime import datetime
from typing import Any


class ServiceError(Exception):
    """Base class: ``code`` is stable (the API returns it); ``message`` is plain English."""

    code = "error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class ValidationError(ServiceError):
    """A submitted value is not acceptable; ``field`` names it, ``code`` says why."""

    def __init__(self, field: str, code: str, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field
        self.code = code


class NotFound(ServiceError):
    """The course, module, attempt or account asked for does not exist (or is not yours)."""

    code = "not_found"


class InvalidCredentials(ServiceError):
    """Wrong username or password (deliberately not saying which)."""

    code = "invalid_credentials"


class Throttled(ServiceError):
    """Too many failed sign-ins for this account; try again after ``retry_after`` seconds."""

    code = "too_many_attempts"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} seconds")
        self.retry_after = retry_after


class PasswordChangeRequired(ServiceError):
    """The account still has a one-time password: it must be replaced before any other use."""

    code = "password_change_required"


class NoAttemptsLeft(ServiceError):
    """The quiz allows ``max_attempts`` and they have all been used."""

    code = "no_attempts_left"


class RetryLater(ServiceError):
    """The quiz asks for a wait between attempts (``retry_after``); ``retry_at`` is when."""

    code = "retry_later"

    def __init__(self, retry_at: datetime, seconds: int) -> None:
        super().__init__(f"the next attempt is possible at {retry_at.isoformat()}")
        self.retry_at = retry_at
        self.seconds = seconds


class MalformedAnswer(ServiceError):
    """An answer has the wrong shape for its question (``number`` counts from 1, 0: all).

    ``message`` is an English msgid with ``params`` (the pages translate it); ``detail`` is
    the English sentence.
    """

    code = "malformed_answer"

    def __init__(self, number: int, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.number = number
        self.detail = message % params if params else message


class NoQuiz(ServiceError):
    """The module has no quiz (or has one, when marking as read is asked for)."""

    code = "no_quiz"
