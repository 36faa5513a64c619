"""Micro-benchmark: CPU per sendMessage with python-telegram-bot's HTTPXRequest against
bot.delivery.aiohttp_request.AiohttpRequest, K requests at once (K = 1, 8), bot and
local server in one process (the server's share is the same for both).
`python -m bench.micro_http`."""

import asyncio
import time

from telegram.request import BaseRequest, HTTPXRequest

from bot.delivery.aiohttp_request import AiohttpRequest
from bot.delivery.telegram_bot import OuderbotBot
from bot.localapi import LocalBotApi

TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"
MARKUP = {"inline_keyboard": [[{"text": "Intrekken", "callback_data": "v1:q:w:123"}]]}


async def main(n: int = 1600) -> None:
    api = LocalBotApi(token=TOKEN, bot_username="b")
    await api.start()
    for u in range(1, 101):
        api.user(u, first_name="P")
    res: dict[tuple[str, int], list[float]] = {}
    clients: dict[str, type[BaseRequest]] = {"httpx": HTTPXRequest, "aiohttp": AiohttpRequest}
    for _ in range(3):
        for name, client in clients.items():
            for k in (1, 8):
                bot = OuderbotBot(
                    TOKEN,
                    base_url=api.base_url,
                    base_file_url=api.base_file_url,
                    request=client(connection_pool_size=32),
                )
                await bot.initialize()

                async def one(i: int, bot: OuderbotBot = bot) -> None:
                    await bot.send_message_dict(
                        {
                            "chat_id": i % 100 + 1,
                            "text": "Je vraag staat in de rij.",
                            "parse_mode": "HTML",
                            "reply_markup": MARKUP,
                        }
                    )

                await asyncio.gather(*(one(i) for i in range(k)))
                api.requests.clear()
                cpu = time.process_time()
                for start in range(0, n, k):
                    await asyncio.gather(*(one(i) for i in range(start, start + k)))
                res.setdefault((name, k), []).append((time.process_time() - cpu) * 1000 / n)
                await bot.shutdown()
    for (name, k), values in res.items():
        print(f"{name:8} K={k}: " + ", ".join(f"{v:.2f}" for v in values), "ms CPU per send")
    await api.stop()


asyncio.run(main())
