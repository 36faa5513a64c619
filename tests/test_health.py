"""The health check in polling mode (the default, and the Dockerfile's): `GET /healthz` on
`[health] listen` says whether the bot can work, for Docker's HEALTHCHECK or systemd."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import Ouderbot
from bot.config import ConfigError, Settings, settings_from_mapping
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.helpers import TOKEN, make_settings, running_bot


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, health={"listen": "127.0.0.1:0"})


async def get_health(bot: Ouderbot) -> tuple[int, dict[str, Any]]:
    assert bot.health is not None
    async with aiohttp.ClientSession() as session, session.get(bot.health.url) as response:
        return response.status, await response.json()


async def test_a_polling_bot_answers_its_health_check(bot: Ouderbot) -> None:
    status, body = await get_health(bot)
    assert status == 200
    assert body == {
        "database": "ok",
        "dispatcher": "running",
        "pending_outbox": 0,
        "poller": "running",
    }


async def test_the_health_check_is_503_when_polling_has_stopped(bot: Ouderbot) -> None:
    assert bot.poller is not None
    bot.poller.stop()
    await bot.wait()
    status, body = await get_health(bot)
    assert status == 503
    assert body["poller"] == "stopped"


async def test_the_health_check_is_503_when_the_database_does_not_answer(
    bot: Ouderbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> None:
        raise ValueError("no active connection")

    monkeypatch.setattr(bot.services.db, "fetch_value", broken)
    status, body = await get_health(bot)
    assert status == 503
    assert body["database"] == "error"


async def test_without_health_listen_no_health_server_runs(
    database_path: Path, api: LocalBotApi, clock: ManualClock
) -> None:
    async with running_bot(make_settings(database_path, api), clock, api) as bot:
        assert bot.health is None


def test_the_environment_sets_the_health_address_and_a_bad_one_is_refused() -> None:
    base = {"roles": {"coordinators": [1]}}
    env = {"OUDERBOT_TOKEN": TOKEN, "OUDERBOT_HEALTH_LISTEN": "127.0.0.1:8081"}
    assert settings_from_mapping(base, env).health.port == 8081
    assert settings_from_mapping(base, {"OUDERBOT_TOKEN": TOKEN}).health.listen == ""
    with pytest.raises(ConfigError, match=r"health\.listen"):
        settings_from_mapping({**base, "health": {"listen": "8081"}}, {})
