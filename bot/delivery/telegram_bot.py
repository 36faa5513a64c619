"""The bot's Telegram client: python-telegram-bot's ExtBot, with the calls that need no
waiting (answering a button press, setting a command menu) put off while the update
being handled holds the database writer, and made right after its commit.

An update holds the writer from its first write to its commit (storage.db), so a
network round trip in between would hold back every other chat's writes. Messages are
outbox rows anyway; these calls are the only ones a handler makes to Telegram. Put off
until the commit, a pop-up such as "saved" also appears only once it is true. Two
answers to one button press (the handler's, then the error handler's) leave the last.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from telegram.ext import ExtBot

from storage.db import current_update


class OuderbotBot(ExtBot[None]):
    # The last getUpdates answer as Telegram sent it, by update id: the inbox stores
    # these (bot.delivery.updates), cheaper than serialising the parsed Update again
    # (10 µs against 167 µs per update, measured).
    raw_updates: Mapping[int, dict[str, Any]] = MappingProxyType({})  # replaced, not changed

    async def _post(self, endpoint: str, data: Any = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            with self._unfrozen():  # python-telegram-bot's objects refuse new attributes
                self.raw_updates = {
                    item["update_id"]: item
                    for item in result
                    if isinstance(item, dict) and isinstance(item.get("update_id"), int)
                }
        return result

    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> bool:
        unit = current_update.get()
        if unit is None or not unit.holding:
            return await super().answer_callback_query(*args, **kwargs)
        query_id = kwargs.get("callback_query_id", args[0] if args else "")

        async def later() -> object:
            return await ExtBot.answer_callback_query(self, *args, **kwargs)

        unit.after_commit[f"answer:{query_id}"] = later
        return True

    async def set_my_commands(self, *args: Any, **kwargs: Any) -> bool:
        unit = current_update.get()
        if unit is None or not unit.holding:
            return await super().set_my_commands(*args, **kwargs)

        async def later() -> object:
            return await ExtBot.set_my_commands(self, *args, **kwargs)

        unit.after_commit[f"menu:{kwargs.get('scope')!r}:{len(unit.after_commit)}"] = later
        return True

    async def send_message_dict(self, params: dict[str, object]) -> Any:
        """sendMessage with ready JSON-able parameters (the reply markup as a dict), the
        answer as Telegram's dict: the outbox's most frequent call then builds none of
        python-telegram-bot's objects (InlineKeyboardMarkup in, Message out), which cost
        about as much CPU as the request itself. Errors are raised as by `send_message`."""
        return await self._post("sendMessage", dict(params))
