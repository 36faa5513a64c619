"""The baseline: a bare python-telegram-bot echo bot (run_polling, one handler).

Run by the benchmarks against the same local Bot API server as Ouderbot, so the ratios
compare the bot's own work, not the machine.
"""

from __future__ import annotations

import os
import sys

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


def main() -> None:
    base_url, base_file_url = sys.argv[1], sys.argv[2]
    if os.environ.get("ECHO_UVLOOP"):  # for comparison only: the bare bot on uvloop
        import uvloop

        uvloop.install()
    app = (
        ApplicationBuilder()
        .token(os.environ["OUDERBOT_TOKEN"])
        .base_url(base_url)
        .base_file_url(base_file_url)
        .connection_pool_size(64)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0.0, timeout=1)


if __name__ == "__main__":
    main()
