"""What the local Telegram knows: chats and their messages, files, pending updates,
callback queries and command menus. No HTTP here; ``server`` and ``users`` act on it.

Message dicts are never changed after they are stored: an edit stores a new dict. A
snapshot handed to a test or kept in a chat's event log therefore stays as it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_UPDATE_TYPES",
    "CallbackQueryState",
    "Chat",
    "FileRecord",
    "UpdateQueue",
    "UploadedFile",
    "World",
]

# Delivered when the bot never asked for specific types (Bot API: getUpdates.allowed_updates).
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
DEFAULT_UPDATE_TYPES = None  # marker: everything except NOT_BY_DEFAULT

Message = dict[str, Any]


@dataclass(slots=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"<UploadedFile {self.filename!r} {len(self.data)} bytes>"


@dataclass(slots=True)
class FileRecord:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    def as_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass(slots=True)
class CallbackQueryState:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str | None
    at: float
    answered: bool = False
    answer: dict[str, Any] | None = None


@dataclass(slots=True)
class QueuedUpdate:
    update_id: int
    kind: str
    update: dict[str, Any]


class Chat:
    """A chat as the bot sees it, with every message in it (the users' and the bot's)."""

    def __init__(self, info: dict[str, Any]) -> None:
        self.id: int = info["id"]
        self.type: str = info["type"]
        self.info = info
        self.messages: dict[int, Message] = {}
        self._message_ids = itertools.count(1)
        self.bot_is_member = True
        self.blocked = False
        # Every bot message as sent and every edit of one, in order (for FakeUser.wait_for).
        self.events: list[Message] = []
        self._event_waiters: list[asyncio.Future[None]] = []
        self.reply_keyboard: dict[str, Any] | None = None
        self.chat_actions: list[str] = []

    def next_message_id(self) -> int:
        return next(self._message_ids)

    def bot_messages(self, bot_id: int) -> list[Message]:
        return [m for m in self.messages.values() if m["from"]["id"] == bot_id]

    def record_bot_event(self, message: Message) -> None:
        self.events.append(message)
        waiters, self._event_waiters = self._event_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait_event(self, seconds: float) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._event_waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, seconds)


class UpdateQueue:
    """Updates not yet confirmed, oldest first, with Telegram's confirmation rules."""

    def __init__(self, first_update_id: int = 1) -> None:
        self._items: deque[QueuedUpdate] = deque()
        self._ids = itertools.count(first_update_id)
        self.last_update_id = first_update_id - 1
        self.confirmed_update_id = 0
        self.dropped = 0
        self.created_at: dict[int, float] = {}
        self._waiters: list[asyncio.Future[None]] = []

    def __len__(self) -> int:
        return len(self._items)

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update_id = next(self._ids)
        update = {"update_id": update_id, kind: payload}
        self.created_at[update_id] = time.monotonic()
        self._items.append(QueuedUpdate(update_id, kind, update))
        self.last_update_id = update_id
        self.wake()
        return update

    def wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait(self, seconds: float) -> None:
        """Return when an update arrives, wake() is called, or after ``seconds``."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, seconds)

    def confirm(self, offset: int) -> None:
        """getUpdates ``offset``: forget updates below it; a negative one keeps the last -offset."""
        items = self._items
        if offset < 0:
            while len(items) > -offset:
                self._mark_confirmed(items.popleft().update_id)
            return
        while items and items[0].update_id < offset:
            self._mark_confirmed(items.popleft().update_id)

    def _mark_confirmed(self, update_id: int) -> None:
        if update_id > self.confirmed_update_id:
            self.confirmed_update_id = update_id

    def drop_all(self) -> int:
        count = len(self._items)
        self._items.clear()
        self.dropped += count
        return count

    def take(self, limit: int, allowed: frozenset[str] | None) -> list[dict[str, Any]]:
        """The oldest ``limit`` deliverable updates (they stay queued until confirmed).

        Updates of a type the bot did not ask for are discarded on the way, as Telegram does.
        Only the head of the queue is looked at, so this stays cheap with a long queue.
        """
        items = self._items
        result: list[dict[str, Any]] = []
        index = 0
        while len(result) < limit and index < len(items):
            item = items[index]
            wanted = (
                item.kind in allowed if allowed is not None else item.kind not in NOT_BY_DEFAULT
            )
            if wanted:
                result.append(item.update)
                index += 1
            else:
                del items[index]
                self.dropped += 1
        return result


class World:
    """The state of the local Telegram for one bot."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str) -> None:
        bot_id = int(token.split(":", 1)[0])
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, FileRecord] = {}
        self.files_by_path: dict[str, FileRecord] = {}
        self.updates = UpdateQueue()
        self.allowed_updates: frozenset[str] | None = DEFAULT_UPDATE_TYPES
        self.callback_queries: dict[str, CallbackQueryState] = {}
        # (scope type, chat_id, user_id, language_code) -> [{"command", "description"}]
        self.commands: dict[tuple[str, int | None, int | None, str], list[dict[str, str]]] = {}
        self.left_chats: list[int] = []
        # chat id (None: the bot's default) -> MenuButton as set by setChatMenuButton
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)

    @property
    def bot_id(self) -> int:
        return int(self.bot_user["id"])

    def find_chat(self, chat_id: int | str) -> Chat | None:
        if isinstance(chat_id, int):
            return self.chats.get(chat_id)
        if chat_id.lstrip("-").isdigit():
            return self.chats.get(int(chat_id))
        name = chat_id.removeprefix("@").lower()
        for chat in self.chats.values():
            if str(chat.info.get("username", "")).lower() == name:
                return chat
        return None

    def add_chat(self, info: dict[str, Any]) -> Chat:
        chat = self.chats.get(info["id"])
        if chat is None:
            chat = self.chats[info["id"]] = Chat(info)
        return chat

    def store_file(
        self, data: bytes, kind: str, file_name: str | None = None, mime_type: str | None = None
    ) -> FileRecord:
        number = next(self._file_ids)
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        elif kind == "photos":
            suffix = ".jpg"
        record = FileRecord(
            file_id=f"LOCAL-{kind.upper()}-{number}",
            file_unique_id=f"U{number}",
            data=data,
            file_path=f"{kind}/file_{number}{suffix}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[record.file_id] = record
        self.files_by_path[record.file_path] = record
        return record

    def new_callback_query(
        self, user_id: int, chat_id: int, message_id: int, data: str | None
    ) -> CallbackQueryState:
        query_id = str(4_000_000_000 + next(self._query_ids))
        state = CallbackQueryState(query_id, user_id, chat_id, message_id, data, time.monotonic())
        self.callback_queries[query_id] = state
        return state

    def chat_member_update(
        self, chat: Chat, by: dict[str, Any], old: str, new: str, member: dict[str, Any]
    ) -> dict[str, Any]:
        def member_info(status: str) -> dict[str, Any]:
            info: dict[str, Any] = {"status": status, "user": member}
            if status == "kicked":
                info["until_date"] = 0
            return info

        return {
            "chat": chat.info,
            "from": by,
            "date": int(time.time()),
            "old_chat_member": member_info(old),
            "new_chat_member": member_info(new),
        }


def scope_key(
    scope: dict[str, Any] | None, language_code: str
) -> tuple[str, int | None, int | None, str]:
    """The storage key of a BotCommandScope (a dict as the Bot API sends it)."""
    scope = scope or {"type": "default"}
    chat_id = scope.get("chat_id")
    user_id = scope.get("user_id")
    return (
        str(scope.get("type", "default")),
        int(chat_id) if chat_id is not None else None,
        int(user_id) if user_id is not None else None,
        language_code or "",
    )


@dataclass(slots=True)
class RequestRecord:
    """One request the server answered (or, for faults, dropped)."""

    method: str
    params: dict[str, Any]
    ok: bool
    status: int
    description: str | None
    at: float  # time.monotonic() when the answer was ready
    chat_id: int | str | None = None
    result: Any = None
    fault: str | None = None  # the injected fault's kind, if one was applied
