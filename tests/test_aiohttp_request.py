"""The outbox's HTTP client (bot.delivery.aiohttp_request) against python-telegram-bot's
own (HTTPXRequest): the same requests reach the local Bot API server, and the same
failures come back as the same python-telegram-bot errors, uploads included."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import BaseRequest, HTTPXRequest

from bot.delivery.aiohttp_request import AiohttpRequest, Unreachable
from bot.delivery.telegram_bot import OuderbotBot
from bot.localapi import LocalBotApi
from tests.helpers import TOKEN

PARENT = 4242
MARKUP = {"inline_keyboard": [[{"text": "Intrekken", "callback_data": "v1:p:withdraw:7"}]]}
CLIENTS: dict[str, type[BaseRequest]] = {"aiohttp": AiohttpRequest, "httpx": HTTPXRequest}


@pytest.fixture
async def server() -> AsyncIterator[LocalBotApi]:
    api = LocalBotApi(token=TOKEN, bot_username="ouderbot_test")
    await api.start()
    api.user(PARENT, first_name="Ouder", language_code="nl")
    yield api
    await api.stop()


async def _bot(api: LocalBotApi, client: type[BaseRequest], **timeouts: float) -> OuderbotBot:
    bot = OuderbotBot(
        TOKEN,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=client(connection_pool_size=4, **timeouts),  # type: ignore[call-arg]
    )
    await bot.initialize()
    return bot


async def test_the_server_gets_the_same_requests_from_both_clients(server: LocalBotApi) -> None:
    seen = []
    for client in CLIENTS.values():
        bot = await _bot(server, client)
        try:
            answer = await bot.send_message_dict(
                {
                    "chat_id": PARENT,
                    "text": "Je vraag staat <b>in de rij</b> (plek 3) – één & twee",
                    "parse_mode": "HTML",
                    "reply_markup": MARKUP,
                    "link_preview_options": {"is_disabled": True},
                }
            )
            assert isinstance(answer["message_id"], int)
            await bot.send_message(PARENT, "zonder knoppen")
        finally:
            await bot.shutdown()
        seen.append([(r.method, r.params) for r in server.requests if r.method == "sendMessage"])
        server.requests.clear()
    aiohttp_requests, httpx_requests = seen
    assert len(aiohttp_requests) == 2
    assert aiohttp_requests == httpx_requests
    assert server.rejections == []


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("429", RetryAfter),
        ("403", Forbidden),
        ("400", BadRequest),
        ("500", NetworkError),
        ("disconnect", NetworkError),
        ("timeout", TimedOut),
    ],
)
async def test_failures_come_back_as_the_same_errors(
    server: LocalBotApi, fault: str, error: type[Exception]
) -> None:
    raised = {}
    for name, client in CLIENTS.items():
        bot = await _bot(server, client, read_timeout=0.2)
        try:
            server.inject_fault("sendMessage", fault, delay=1.0 if fault == "timeout" else None)
            with pytest.raises(error) as caught:
                await bot.send_message_dict({"chat_id": PARENT, "text": "hallo"})
            raised[name] = type(caught.value)
            # The client is still usable after the failure.
            await bot.send_message_dict({"chat_id": PARENT, "text": "nog eens"})
        finally:
            await bot.shutdown()
    # The same python-telegram-bot error (aiohttp's may be its subclass Unreachable: the
    # connection failed, which the outbox treats as an outage, not as one chat's trouble).
    assert _ptb_error(raised["aiohttp"]) is raised["httpx"]
    assert (raised["aiohttp"] is Unreachable) == (fault == "disconnect")


def _ptb_error(cls: type[Exception]) -> type[Exception]:
    return next(c for c in cls.__mro__ if c.__module__.startswith("telegram"))


async def test_nobody_listening_is_an_unreachable_network_error() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    request = AiohttpRequest(connect_timeout=1.0)
    await request.initialize()
    try:
        with pytest.raises(Unreachable) as caught:
            await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
        assert isinstance(caught.value, NetworkError)
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_a_document_is_uploaded_whole(server: LocalBotApi) -> None:
    bot = await _bot(server, AiohttpRequest)
    data = bytes(range(256)) * 40
    try:
        message = await bot.send_document(PARENT, data, filename="vragen.csv", caption="De vragen")
    finally:
        await bot.shutdown()
    assert message.document is not None
    assert message.document.file_name == "vragen.csv"
    (record,) = [r for r in server.requests if r.method == "sendDocument"]
    assert record.params["document"].data == data
    assert record.params["caption"] == "De vragen"
