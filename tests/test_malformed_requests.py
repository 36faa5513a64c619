"""Malformed requests to the bot's web server get a 400 or 401 with one log line: never a
500, never a traceback. Lines for refused requests are rate-limited: a flood of them
writes one line, and a count later. The board API here; the webhook in
tests/test_malformed_webhook.py (its server has no [web] section)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from bot.runtime.refusals import RefusalLog
from tests.board_helpers import WEB, base_url, init_data, open_webinar, question_with
from tests.helpers import MODERATOR_IDS, make_settings

DEEP = 100_000  # far past the JSON parser's stack (about 1,000 levels)


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


def nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


def problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Log records of the bot's web code and aiohttp's server (tracebacks land there)."""
    return [
        r
        for r in caplog.records
        if r.name.startswith(("bot.", "aiohttp")) and r.levelno >= logging.WARNING
    ]


async def raw(
    url: str, body: bytes, headers: dict[str, str], method: str = "POST"
) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, url, data=body, headers=headers) as response,
    ):
        return response.status, await response.text()


def lines_about(caplog: pytest.LogCaptureFixture) -> list[str]:
    records = problems(caplog)
    assert all(r.exc_info is None for r in records), "a traceback was logged"
    return [r.getMessage() for r in records]


async def test_initdata_whose_hash_has_non_ascii_characters_gets_401_and_one_line(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    await open_webinar(bot, api, ["hoe krijg ik mijn peuter in bed?"])
    valid = init_data(MODERATOR_IDS[0], clock.now())
    forged = valid.rsplit("hash=", 1)[0] + "hash=%C3%A9%E2%80%A6" + "ab" * 30
    caplog.set_level(logging.INFO)
    status, text = await raw(
        f"{base_url(bot)}/app/api/board", b"", {"Authorization": f"tma {forged}"}, "GET"
    )
    assert status == 401
    assert "peuter" not in text
    assert lines_about(caplog) == ["board request refused: initData hash does not match"]


async def test_deeply_nested_json_on_the_board_api_gets_400_and_one_line(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    await open_webinar(bot, api, ["hoe krijg ik mijn peuter in bed?"])
    question = await question_with(bot, "peuter")
    headers = {
        "Authorization": f"tma {init_data(MODERATOR_IDS[0], clock.now())}",
        "Content-Type": "application/json",
    }
    caplog.set_level(logging.INFO)
    later = f"{base_url(bot)}/app/api/questions/{question.id}/later"
    # Past the parser's stack; parsed, but deeper than any request; on another route.
    for url, depth in ((later, DEEP), (later, 500), (f"{base_url(bot)}/app/api/undo", DEEP)):
        status, _ = await raw(url, nested(depth), headers)
        assert status == 400
    # One line: the next two came within the minute and are counted, not written.
    assert lines_about(caplog) == ["board request refused: not a readable JSON object"]


def test_refused_lines_are_one_a_minute_per_reason_with_a_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [1000.0]
    refusals = RefusalLog(logging.getLogger("bot.test"), now=lambda: now[0])
    caplog.set_level(logging.INFO)
    for _ in range(50):
        refusals.refused("webhook request with a wrong secret token refused")
        now[0] += 0.5  # 50 in 25 s: one line
    refusals.refused("board request refused: initData expired")  # another reason: its own line
    now[0] += 40  # a minute after the first line
    refusals.refused("webhook request with a wrong secret token refused")
    lines: list[Any] = [r.getMessage() for r in caplog.records if r.name == "bot.test"]
    assert lines == [
        "webhook request with a wrong secret token refused",
        "board request refused: initData expired",
        "webhook request with a wrong secret token refused (49 more since the last such"
        " line, 65 s ago)",
    ]


async def test_ids_past_sqlites_integers_in_board_requests_get_400_or_nothing_not_500(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    await open_webinar(bot, api, ["hoe krijg ik mijn peuter in bed?"])
    headers = {
        "Authorization": f"tma {init_data(MODERATOR_IDS[0], clock.now())}",
        "Content-Type": "application/json",
    }
    huge = 2**64
    caplog.set_level(logging.INFO)
    undo = {"undo": {"action": "later", "question": huge, "ids": [], "merge": 0}}
    status, _ = await raw(f"{base_url(bot)}/app/api/undo", json.dumps(undo).encode(), headers)
    assert status == 400
    undo = {"undo": {"action": "merge", "question": 1, "ids": [huge], "merge": huge}}
    status, _ = await raw(f"{base_url(bot)}/app/api/undo", json.dumps(undo).encode(), headers)
    assert status == 400
    status, _ = await raw(f"{base_url(bot)}/app/api/questions/{huge}/pick", b"{}", headers)
    assert status in (400, 404, 409)
    assert lines_about(caplog) == ["board request refused: not a readable JSON object"]
