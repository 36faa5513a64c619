"""Malformed webhook posts get a 400 (or 401/403) with one log line: never a 500, never a
traceback; a flood of refused posts writes one line (see tests/test_malformed_requests.py)."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from bot.delivery.webhook import SECRET_HEADER
from bot.localapi import LocalBotApi
from tests.test_malformed_requests import DEEP, lines_about, nested, raw
from tests.test_webhook import SECRET, Webhook, post, start_update, webhook  # noqa: F401


@pytest.mark.parametrize(
    "body",
    [
        nested(DEEP),
        b'{"update_id": 5, "message": ' + nested(500) + b"}",
        json.dumps({**start_update(22, user_id=1022), "update_id": 2**63}).encode(),
        f'{{"update_id": {2**64 + 7}}}'.encode(),
        b'{"update_id": -1, "message": {}}',
        json.dumps(
            {
                **start_update(23, user_id=1023),
                "message": {
                    **start_update(23, user_id=1023)["message"],
                    "chat": {"id": 2**64, "type": "private"},
                },
            }
        ).encode(),
    ],
    ids=[
        "nested-past-the-stack",
        "nested-500",
        "update-id-2^63",
        "update-id-2^64",
        "negative",
        "chat-id-2^64",
    ],
)
async def test_a_malformed_webhook_body_gets_400_and_one_line(
    webhook: Webhook,  # noqa: F811
    api: LocalBotApi,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
) -> None:
    caplog.set_level(logging.INFO)
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    status, _ = await raw(webhook.url, body, headers)
    assert status == 400
    assert lines_about(caplog) == ["webhook request without a readable update refused"]
    # The bot goes on: the next update is handled.
    parent = api.user(1021, first_name="Sanne", language_code="nl")
    assert await post(webhook.url, start_update(21, user_id=1021), SECRET) == 200
    await parent.wait_for(lambda m: bool(m.get("text")))


async def test_200_wrong_secrets_write_one_log_line(
    webhook: Webhook,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    statuses = await asyncio.gather(
        *(post(webhook.url, start_update(30_000 + n), f"wrong-{n}") for n in range(200))
    )
    assert statuses == [403] * 200
    assert lines_about(caplog) == ["webhook request with a wrong secret token refused"]
