"""Webhook mode: the local Bot API server posts updates to the bot's own web server."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr

from bot.app import Ouderbot, create_bot
from bot.config import ConfigError, Settings
from bot.core.clock import ManualClock
from bot.delivery.webhook import SECRET_HEADER, serve_webhook
from bot.localapi import LocalBotApi
from tests.helpers import TOKEN, changes, eventually, texts, watch_bot

SECRET = "test-secret_0123456789abcdefABCDEF"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_webhook(settings: Settings, url: str, port: int = 8443, secret: str | None = SECRET):
    telegram = settings.telegram.model_copy(
        update={
            "webhook_listen": "127.0.0.1",
            "webhook_port": port,
            "webhook_url": url,
            "webhook_secret": SecretStr(secret) if secret is not None else None,
        }
    )
    return settings.model_copy(update={"telegram": telegram})


@dataclass
class Webhook:
    bot: Ouderbot
    url: str
    health_url: str


@pytest.fixture
async def webhook(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> AsyncIterator[Webhook]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    hooked = with_webhook(settings, url, port)
    bot = await create_bot(hooked, token=TOKEN, clock=clock)
    watch_bot(bot, api)
    api.busy_checks.append(bot.busy)  # wait_until_idle waits for what the bot has in hand
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(bot, hooked, stop))
    task.add_done_callback(lambda _: changes().bump())  # a failed start ends the wait too
    await eventually(lambda: task.done() or api.webhook_url == url)
    if task.done():
        task.result()  # raises what went wrong
    yield Webhook(bot, url, f"http://127.0.0.1:{port}/healthz")
    stop.set()
    await task
    assert [(r.method, r.description) for r in api.rejections] == []


def start_update(update_id: int, user_id: int = 1001) -> dict[str, Any]:
    """A parent's /start, as Telegram posts it."""
    user = {"id": user_id, "is_bot": False, "first_name": "Sanne", "language_code": "nl"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": user,
            "chat": {"id": user_id, "type": "private", "first_name": "Sanne"},
            "date": int(time.time()),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def post(url: str, update: dict[str, Any], secret: str | None) -> int:
    headers = {} if secret is None else {SECRET_HEADER: secret}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


async def get_health(url: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.json()


async def test_parent_start_arrives_by_webhook_and_is_answered(
    webhook: Webhook, api: LocalBotApi
) -> None:
    parent = api.user(1001, first_name="Sanne", language_code="nl")
    parent.send("/start")
    await parent.wait_for(lambda m: "Ouderbot" in m["text"])
    # Delivered with the secret header and answered 2xx: Telegram forgets the update.
    await eventually(lambda: api.pending_updates_count == 0)
    assert api.confirmed_update_id >= 1


async def test_stopping_keeps_the_webhook_registered(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    hooked = with_webhook(settings, url, port)
    bot = await create_bot(hooked, token=TOKEN, clock=clock)
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(bot, hooked, stop))
    await eventually(lambda: api.webhook_url == url)
    stop.set()
    await task
    assert api.webhook_url == url  # a restart finds the updates waiting at Telegram
    assert not bot.application.running


@pytest.mark.parametrize(("secret", "status"), [(None, 401), ("wrong-secret", 403)])
async def test_post_without_the_right_secret_is_refused_and_changes_nothing(
    webhook: Webhook, api: LocalBotApi, secret: str | None, status: int
) -> None:
    parent = api.user(1001, first_name="Sanne", language_code="nl")
    assert await post(webhook.url, start_update(10_001), secret) == status
    await api.wait_until_idle()
    assert parent.messages == []
    assert not await webhook.bot.services.repos.updates.is_processed(10_001)
    assert await webhook.bot.services.repos.users.get(1001) is None


async def test_redelivered_update_has_its_effect_once(webhook: Webhook, api: LocalBotApi) -> None:
    parent = api.user(1001, first_name="Sanne", language_code="nl")
    update = start_update(10_002)
    assert await post(webhook.url, update, SECRET) == 200  # stored; handled after
    await parent.wait_for(lambda m: "Ouderbot" in (m.get("text") or ""))
    await webhook.bot.processor.wait_idle()
    await api.wait_until_idle()
    answered = len(parent.messages)
    assert await post(webhook.url, update, SECRET) == 200  # Telegram sends it again
    await api.wait_until_idle()
    assert len(parent.messages) == answered
    assert webhook.bot.processor.skipped == 1


async def test_same_update_posted_twice_at_once_has_its_effect_once(
    webhook: Webhook, api: LocalBotApi
) -> None:
    parent = api.user(1001, first_name="Sanne", language_code="nl")
    update = start_update(10_003)
    statuses = list(
        await asyncio.gather(post(webhook.url, update, SECRET), post(webhook.url, update, SECRET))
    )
    assert statuses == [200, 200]
    await api.wait_until_idle()
    assert texts(parent).count(texts(parent)[0]) == 1
    assert webhook.bot.processor.skipped == 1


async def test_unreadable_body_is_refused(webhook: Webhook) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(webhook.url, data=b"not json", headers={SECRET_HEADER: SECRET}) as response,
    ):
        assert response.status == 400


@pytest.mark.parametrize(
    "body",
    [
        {**start_update(7), "update_id": "abc"},
        {"update_id": 8, "message": "Hallo, ik heb een vraag"},
        {"update_id": 9.5, "message": start_update(9)["message"]},
        {"update_id": True},
        [start_update(10)],
    ],
    ids=["text-update-id", "string-message", "float-update-id", "bool-update-id", "a-list"],
)
async def test_a_malformed_update_is_a_bad_request_and_the_next_one_is_handled(
    webhook: Webhook, api: LocalBotApi, body: Any
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(webhook.url, json=body, headers={SECRET_HEADER: SECRET}) as response,
    ):
        assert response.status == 400
    parent = api.user(1011, first_name="Sanne", language_code="nl")
    assert await post(webhook.url, start_update(11, user_id=1011), SECRET) == 200
    await parent.wait_for(lambda m: bool(m.get("text")))


async def test_healthz_reports_database_dispatcher_and_pending_outbox(webhook: Webhook) -> None:
    status, body = await get_health(webhook.health_url)
    assert status == 200
    assert body == {"database": "ok", "dispatcher": "running", "pending_outbox": 0}


async def test_healthz_is_503_when_the_database_does_not_answer(
    webhook: Webhook, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> None:
        raise ValueError("no active connection")

    monkeypatch.setattr(webhook.bot.services.db, "fetch_value", broken)
    status, body = await get_health(webhook.health_url)
    assert status == 503
    assert body["database"] == "error"


async def test_healthz_is_503_when_the_dispatcher_has_stopped(webhook: Webhook) -> None:
    await webhook.bot.dispatcher.stop()
    status, body = await get_health(webhook.health_url)
    assert status == 503
    assert body["dispatcher"] == "stopped"
    assert body["database"] == "ok"


@pytest.mark.parametrize(
    ("url", "secret", "says"),
    [
        ("https://bot.example.org/telegram", None, "OUDERBOT_WEBHOOK_SECRET"),
        ("https://bot.example.org/telegram", "has spaces!", "OUDERBOT_WEBHOOK_SECRET"),
        ("", SECRET, "webhook_url"),
    ],
)
async def test_webhook_mode_refuses_to_start_without_secret_or_url(
    settings: Settings,
    clock: ManualClock,
    api: LocalBotApi,
    url: str,
    secret: str | None,
    says: str,
) -> None:
    hooked = with_webhook(settings, url, secret=secret)
    bot = await create_bot(hooked, token=TOKEN, clock=clock)
    with pytest.raises(ConfigError, match=says) as refused:
        await serve_webhook(bot, hooked, asyncio.Event())
    assert "\n" not in str(refused.value)
    assert api.webhook_url is None
    assert not bot.application.running
