"""Micro-benchmark: CPU per sendMessage when the outbox sends K at once (K = 1 to 32),
bot and local server in one process. `python -m bench.micro_in_flight`."""

import asyncio
import time

from telegram.request import HTTPXRequest

from bot.delivery.telegram_bot import OuderbotBot
from bot.localapi import LocalBotApi

TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"
MARKUP = {"inline_keyboard": [[{"text": "Intrekken", "callback_data": "v1:q:w:123"}]]}


async def main(n=1600):
    api = LocalBotApi(token=TOKEN, bot_username="b")
    await api.start()
    for u in range(1, 101):
        api.user(u, first_name="P")
    res = {}
    for _ in range(2):
        for k in (1, 4, 8, 16, 32):
            bot = OuderbotBot(
                TOKEN,
                base_url=api.base_url,
                base_file_url=api.base_file_url,
                request=HTTPXRequest(connection_pool_size=32),
            )
            await bot.initialize()

            async def one(i, bot=bot):
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
            c = time.process_time()
            w = time.monotonic()
            for start in range(0, n, k):
                await asyncio.gather(*(one(i) for i in range(start, start + k)))
            res.setdefault(k, []).append(
                ((time.process_time() - c) * 1000 / n, n / (time.monotonic() - w))
            )
            await bot.shutdown()
    for k, v in res.items():
        print(k, [f"{c:.2f} ms CPU, {r:.0f}/s" for c, r in v])
    await api.stop()


asyncio.run(main())
