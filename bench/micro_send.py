"""Micro-benchmark: CPU of one sendMessage through python-telegram-bot (InlineKeyboardMarkup
in, Message out) against OuderbotBot.send_message_dict (dicts in and out), both against
the local server in this process. `python -m bench.micro_send`."""

import asyncio
import time

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.request import HTTPXRequest

from bot.delivery.telegram_bot import OuderbotBot
from bot.localapi import LocalBotApi

TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"
MARKUP = {
    "inline_keyboard": [
        [
            {"text": "Intrekken", "callback_data": "v1:q:w:123"},
            {"text": "Wijzig", "callback_data": "v1:q:e:123"},
        ]
    ]
}


async def main(n=1500):
    api = LocalBotApi(token=TOKEN, bot_username="b")
    await api.start()
    for u in range(1, 101):
        api.user(u, first_name="P")
    bot = OuderbotBot(
        TOKEN,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=HTTPXRequest(connection_pool_size=32),
    )
    await bot.initialize()

    async def ptb(i):
        await bot.send_message(
            i % 100 + 1,
            "Je vraag staat <b>in de rij</b> als nummer 5.",
            parse_mode=ParseMode.HTML,
            reply_markup=InlineKeyboardMarkup.de_json(MARKUP, bot),
            disable_web_page_preview=True,
        )

    async def raw(i):
        await bot.send_message_dict(
            {
                "chat_id": i % 100 + 1,
                "text": "Je vraag staat <b>in de rij</b> als nummer 5.",
                "parse_mode": "HTML",
                "reply_markup": MARKUP,
                "link_preview_options": {"is_disabled": True},
            }
        )

    res: dict[str, list[float]] = {"ptb": [], "raw": []}
    for _ in range(3):
        for name, fn in (("ptb", ptb), ("raw", raw)):
            api.requests.clear()
            c = time.process_time()
            for i in range(n):
                await fn(i)
            res[name].append((time.process_time() - c) * 1000 / n)
    print(
        {k: [round(x, 3) for x in v] for k, v in res.items()},
        "ms CPU per send (bot + local server, one process)",
    )
    await bot.shutdown()
    await api.stop()


asyncio.run(main())
