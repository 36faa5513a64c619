"""The local Bot API server at Telegram's distance: a latency on every request, faults
for one chat only, and a network outage (every connection dropped)."""

from __future__ import annotations

import time

import pytest
import telegram
from telegram.error import NetworkError, TimedOut

from bot.localapi import FakeUser, LocalBotApi
from tests.test_localapi import bot, ptb_timedelta, sanne, server  # noqa: F401


async def test_the_latency_is_added_to_every_request(
    server: LocalBotApi,  # noqa: F811
    bot: telegram.Bot,  # noqa: F811
    sanne: FakeUser,  # noqa: F811
) -> None:
    await bot.get_me()  # the connection is open: what follows is the server's time
    server.latency = 0.15
    started = time.monotonic()
    await bot.send_message(sanne.id, "hallo")
    await bot.get_me()
    assert time.monotonic() - started >= 2 * 0.15
    assert [m["text"] for m in sanne.messages] == ["hallo"]


async def test_a_fault_for_one_chat_leaves_the_other_chats_alone(
    server: LocalBotApi,  # noqa: F811
    bot: telegram.Bot,  # noqa: F811
    sanne: FakeUser,  # noqa: F811
) -> None:
    other = server.user(1002, first_name="Ilse")
    server.inject_fault("sendMessage", "timeout", chat=other.id)
    await bot.send_message(sanne.id, "voor Sanne")
    with pytest.raises(TimedOut):
        await bot.send_message(other.id, "voor Ilse", read_timeout=0.2)
    await bot.send_message(other.id, "voor Ilse, nog eens")  # the fault was for one call
    assert [m["text"] for m in sanne.messages] == ["voor Sanne"]
    assert [m["text"] for m in other.messages] == ["voor Ilse, nog eens"]


async def test_offline_drops_every_connection_until_it_is_back(
    server: LocalBotApi,  # noqa: F811
    bot: telegram.Bot,  # noqa: F811
    sanne: FakeUser,  # noqa: F811
) -> None:
    server.offline = True
    with pytest.raises(NetworkError):
        await bot.send_message(sanne.id, "weg")
    server.offline = False
    await bot.send_message(sanne.id, "terug")
    assert [m["text"] for m in sanne.messages] == ["terug"]
