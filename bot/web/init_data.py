"""Telegram Mini App initData: checked on the server for every request to the board API.

Telegram opens a Mini App with ``initData``, a query string (``query_id``, ``user`` as
JSON, ``auth_date``, ``hash``, ...). As Telegram documents it
(https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):

    data_check_string = every field but ``hash``, as ``key=value``, sorted by key,
                        joined with newlines
    secret_key        = HMAC_SHA256(key="WebAppData", msg=bot_token)
    hash              = hex(HMAC_SHA256(key=secret_key, msg=data_check_string))

Only someone holding the bot token can make a valid hash, so a valid initData says that
Telegram opened the app for this user, for this bot. ``auth_date`` bounds how long it
may be replayed (24 hours here).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

MAX_AGE = timedelta(hours=24)
# A client clock slightly ahead of ours is not an attack; a day ahead is.
MAX_CLOCK_SKEW = timedelta(minutes=5)


class InitDataError(Exception):
    """initData that does not prove who is asking (the reason is for logs, not for users)."""


@dataclass(frozen=True)
class WebAppUser:
    id: int
    language_code: str | None
    auth_date: datetime


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _data_check_string(fields: Mapping[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def _hash(fields: Mapping[str, str], bot_token: str) -> str:
    message = _data_check_string(fields).encode()
    return hmac.new(_secret_key(bot_token), message, hashlib.sha256).hexdigest()


def _signed_fields(init_data: str, bot_token: str) -> dict[str, str]:
    """The fields of `init_data`, once its hash shows the bot's token signed them."""
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InitDataError("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("a field appears twice")
    given = fields.get("hash", "")
    # As bytes: compare_digest refuses str with non-ASCII characters (a TypeError), and a
    # hash like "é…" is only a hash that does not match.
    expected = _hash(fields, bot_token).encode()
    if not given or not hmac.compare_digest(given.encode(errors="surrogateescape"), expected):
        raise InitDataError("hash does not match")
    return fields


def _issued(fields: Mapping[str, str], now: datetime, max_age: timedelta) -> datetime:
    """When the fields were signed, if that is neither in the future nor too long ago."""
    try:
        issued = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
    except (KeyError, ValueError, OverflowError, OSError):
        raise InitDataError("no readable auth_date") from None
    if issued > now + MAX_CLOCK_SKEW:
        raise InitDataError("auth_date in the future")
    if now - issued > max_age:
        raise InitDataError("expired")
    return issued


def validate_init_data(
    init_data: str, bot_token: str, now: datetime, max_age: timedelta = MAX_AGE
) -> WebAppUser:
    """The user `init_data` was issued for; raises InitDataError when it is not valid."""
    fields = _signed_fields(init_data, bot_token)
    issued = _issued(fields, now, max_age)
    try:
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError, RecursionError):
        raise InitDataError("no readable user") from None
    if not 0 < user_id < 2**63:  # a Telegram user id, as SQLite stores it
        raise InitDataError("no readable user")
    language = user.get("language_code")
    return WebAppUser(user_id, language if isinstance(language, str) else None, issued)


def sign_init_data(user: Mapping[str, object], bot_token: str, auth_date: datetime) -> str:
    """initData as Telegram would issue it for `user` (the demo and the tests use this)."""
    fields = {
        "auth_date": str(int(auth_date.timestamp())),
        "query_id": "AAH" + hashlib.sha256(str(user.get("id")).encode()).hexdigest()[:16],
        "user": json.dumps(dict(user), separators=(",", ":"), ensure_ascii=False),
    }
    fields["hash"] = _hash(fields, bot_token)
    return urlencode(fields)
