"""What the send micro-benchmarks share: a local server with 100 parents, and the CPU
(and rate) of N sendMessage calls made K at a time through one bot."""

import asyncio
import time

from telegram.request import BaseRequest

from bot.delivery.telegram_bot import OuderbotBot
from bot.localapi import LocalBotApi

TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"
MARKUP = {"inline_keyboard": [[{"text": "Intrekken", "callback_data": "v1:q:w:123"}]]}


async def local_server() -> LocalBotApi:
    api = LocalBotApi(token=TOKEN, bot_username="b")
    await api.start()
    for user_id in range(1, 101):
        api.user(user_id, first_name="P")
    return api


async def cpu_per_send(
    api: LocalBotApi, request: BaseRequest, n: int, k: int
) -> tuple[float, float]:
    """(ms of CPU per send, sends a second) for `n` sends, `k` at once (bot and server)."""
    bot = OuderbotBot(
        TOKEN, base_url=api.base_url, base_file_url=api.base_file_url, request=request
    )
    await bot.initialize()

    async def one(i: int) -> None:
        await bot.send_message_dict(
            {
                "chat_id": i % 100 + 1,
                "text": "Je vraag staat in de rij.",
                "parse_mode": "HTML",
                "reply_markup": MARKUP,
            }
        )

    try:
        await asyncio.gather(*(one(i) for i in range(k)))  # connections opened
        api.requests.clear()
        cpu, wall = time.process_time(), time.monotonic()
        for start in range(0, n, k):
            await asyncio.gather(*(one(i) for i in range(start, start + k)))
        return (time.process_time() - cpu) * 1000 / n, n / (time.monotonic() - wall)
    finally:
        await bot.shutdown()
