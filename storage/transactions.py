"""One way into a transaction for every store: lower-level database errors become StorageError."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from storywatch.errors import StorageError


@contextmanager
def transaction(engine: Engine, integrity_errors_pass: bool = True) -> Iterator[Connection]:
    """A connection in a transaction, committed on exit.

    IntegrityError passes through unchanged when `integrity_errors_pass`: the stores use a unique
    key to learn that another writer got there first. Any other database error is a StorageError
    with a one-line reason."""
    try:
        with engine.begin() as connection:
            yield connection
    except IntegrityError as exc:
        if integrity_errors_pass:
            raise
        raise StorageError(f"database error: {one_line(exc.orig or exc)}") from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"database error: {one_line(getattr(exc, 'orig', None) or exc)}") from exc


def one_line(exc: object) -> str:
    """An error message on one line, at most 300 characters."""
    return " ".join(str(exc).split())[:300]


def utc(value: datetime) -> datetime:
    """A datetime the store read, in UTC: SQLite hands datetimes back naive; storywatch writes UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
