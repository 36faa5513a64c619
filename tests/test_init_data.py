"""Telegram Mini App initData validation (bot.web.init_data), as Telegram documents it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.web.init_data import InitDataError, sign_init_data, validate_init_data
from tests.helpers import START, TOKEN

USER = {"id": 800_001, "first_name": "Gert", "language_code": "en"}


def test_initdata_signed_with_the_bot_token_is_accepted() -> None:
    data = sign_init_data(USER, TOKEN, START)
    who = validate_init_data(data, TOKEN, START + timedelta(minutes=5))
    assert (who.id, who.language_code, who.auth_date) == (800_001, "en", START)


def test_the_hash_follows_telegrams_documented_recipe() -> None:
    # Computed independently here: HMAC_SHA256(key=HMAC_SHA256("WebAppData", token),
    # msg=sorted "key=value" lines without hash), in hex.
    fields = {
        "auth_date": str(int(START.timestamp())),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": '{"id":800001,"first_name":"Gert"}',
    }
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={fields[k]}" for k in sorted(fields))
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    assert validate_init_data(urlencode(fields), TOKEN, START).id == 800_001


def test_a_forged_hash_is_refused() -> None:
    fields = dict(parse_qsl(sign_init_data(USER, TOKEN, START)))
    fields["hash"] = "0" * 64
    with pytest.raises(InitDataError):
        validate_init_data(urlencode(fields), TOKEN, START)


def test_changing_the_user_breaks_the_hash() -> None:
    fields = dict(parse_qsl(sign_init_data(USER, TOKEN, START)))
    fields["user"] = fields["user"].replace("800001", "900001")
    with pytest.raises(InitDataError):
        validate_init_data(urlencode(fields), TOKEN, START)


def test_initdata_of_another_bot_is_refused() -> None:
    data = sign_init_data(USER, "654321:ANOTHER-BOT-TOKEN-abcdefghij", START)
    with pytest.raises(InitDataError):
        validate_init_data(data, TOKEN, START)


def test_initdata_older_than_a_day_is_refused() -> None:
    data = sign_init_data(USER, TOKEN, START)
    assert validate_init_data(data, TOKEN, START + timedelta(hours=24)).id == 800_001
    with pytest.raises(InitDataError, match="expired"):
        validate_init_data(data, TOKEN, START + timedelta(hours=24, seconds=1))


def test_initdata_from_the_future_is_refused() -> None:
    data = sign_init_data(USER, TOKEN, START + timedelta(hours=1))
    with pytest.raises(InitDataError, match="future"):
        validate_init_data(data, TOKEN, START)


@pytest.mark.parametrize("data", ["", "hash=abc", "garbage", "user=1&user=2&hash=x"])
def test_malformed_initdata_is_refused(data: str) -> None:
    with pytest.raises(InitDataError):
        validate_init_data(data, TOKEN, START)


def test_a_valid_hash_without_a_user_is_refused() -> None:
    fields = {"auth_date": str(int(START.timestamp()))}
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(
        secret, b"auth_date=" + fields["auth_date"].encode(), hashlib.sha256
    ).hexdigest()
    with pytest.raises(InitDataError, match="user"):
        validate_init_data(urlencode(fields), TOKEN, START)
