"""Join codes can be guessed: failed joins are limited per address and per account.

One limit for the join page and the ``joinClass`` operation (a shared scope), counting only
refused joins: a whole class joining at once from behind one school address is never slowed
down, a script trying codes soon is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Response, current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ailit.web.extensions import limiter

View = TypeVar("View", bound=Callable[..., object])


def _refused(response: Response) -> bool:
    return response.status_code >= 400


def _per_address() -> str:
    return str(current_app.config["JOIN_RATE_LIMIT_ADDRESS"])


def _per_account() -> str:
    return str(current_app.config["JOIN_RATE_LIMIT_ACCOUNT"])


def _account_key() -> str:
    if current_user.is_authenticated:
        return f"account:{current_user.get_id()}"
    return f"address:{get_remote_address()}"  # refused anyway (sign in first)


_by_address = limiter.shared_limit(
    _per_address, scope="join-address", methods=["POST"], deduct_when=_refused
)
_by_account = limiter.shared_limit(
    _per_account, scope="join-account", key_func=_account_key, methods=["POST"], deduct_when=_refused
)


def limit_joins(view: View) -> View:
    """Apply both limits to a view that joins a class."""
    return _by_address(_by_account(view))
