"""How instants are written to and read from SQLite: UTC ISO-8601 text, sortable."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to storage")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def from_db_optional(text: str | None) -> datetime | None:
    return None if text is None else from_db(text)
