"""Simulated Telegram users: they send messages, press buttons and block the bot, and let a
test read what the bot shows them.
"""

from __future__ import annotations

import re
import struct
import time
import zlib
from collections.abc import Callable
from typing import Any

from .state import Chat, RequestRecord, World

__all__ = ["FakeUser", "tiny_png"]

Message = dict[str, Any]
MessageRef = Message | int | Any  # a message dict, a message id, or a PTB Message
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid grey PNG of the given size (for photos sent by simulated users)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


class FakeUser:
    """A Telegram user in a private chat with the bot (chat id == user id).

    Actions queue updates for the bot and return at once; reading methods show the bot's
    messages in this chat as they are now (after edits and deletions).
    """

    def __init__(
        self,
        rejections: list[RequestRecord],
        world: World,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "nl",
    ) -> None:
        # The server's list of rejected requests, shown when a wait times out.
        self._rejections = rejections
        self._world = world
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.info: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        chat_info: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}
        for key, value in (("last_name", last_name), ("username", username)):
            if value:
                self.info[key] = value
                chat_info[key] = value
        if language_code:
            self.info["language_code"] = language_code
        self.chat: Chat = world.add_chat(chat_info)
        self._mark = 0  # chat.events index at the user's last action
        self._consumed: set[int] = set()

    def __repr__(self) -> str:
        return f"<FakeUser {self.id} {self.first_name!r}>"

    # ----------------------------------------------------------------- acting

    def _target(self, chat_id: int | None) -> Chat:
        if chat_id is None:
            return self.chat
        chat = self._world.chats.get(chat_id)
        if chat is None:
            raise LookupError(f"no chat {chat_id}; add the bot to it first")
        return chat

    def _acted(self) -> None:
        self._mark = len(self.chat.events)
        self._consumed.clear()

    def _post(self, chat: Chat, content: dict[str, Any]) -> Message:
        message: Message = {
            "message_id": chat.next_message_id(),
            "from": self.info,
            "chat": chat.info,
            "date": int(time.time()),
            **content,
        }
        chat.messages[message["message_id"]] = message
        if chat.bot_is_member:
            self._world.updates.push("message", message)
        self._acted()
        return message

    def send(
        self, text: str, *, chat_id: int | None = None, reply_to: int | None = None
    ) -> Message:
        """Send a text message; "/cmd args" carries a bot_command entity as Telegram adds."""
        content: dict[str, Any] = {"text": text}
        command = _COMMAND.match(text)
        if command:
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        chat = self._target(chat_id)
        if reply_to is not None:
            content["reply_to_message"] = chat.messages[reply_to]
        return self._post(chat, content)

    def send_document(
        self,
        file_name: str,
        data: bytes,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
    ) -> Message:
        record = self._world.store_file(data, "documents", file_name, mime_type)
        document = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data),
        }
        return self._post(self.chat, _with_caption({"document": document}, caption))

    def send_photo(self, data: bytes | None = None, caption: str | None = None) -> Message:
        data = data if data is not None else tiny_png()
        record = self._world.store_file(data, "photos")
        size = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "width": 2,
            "height": 2,
            "file_size": len(data),
        }
        return self._post(self.chat, _with_caption({"photo": [size]}, caption))

    def send_sticker(self, emoji: str = "👍") -> Message:
        record = self._world.store_file(b"RIFF-sticker", "stickers", "sticker.webp", "image/webp")
        sticker = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._post(self.chat, {"sticker": sticker})

    def send_voice(self, duration: int = 3) -> Message:
        record = self._world.store_file(b"OggS-voice", "voice", "voice.oga", "audio/ogg")
        voice = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(record.data),
        }
        return self._post(self.chat, {"voice": voice})

    def send_video(self, duration: int = 5) -> Message:
        record = self._world.store_file(
            b"\x00\x00\x00\x18ftypmp42", "videos", "video.mp4", "video/mp4"
        )
        video = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "width": 640,
            "height": 360,
            "duration": duration,
            "mime_type": "video/mp4",
            "file_size": len(record.data),
        }
        return self._post(self.chat, {"video": video})

    def send_location(self, latitude: float, longitude: float) -> Message:
        return self._post(self.chat, {"location": {"latitude": latitude, "longitude": longitude}})

    def send_contact(
        self, phone_number: str, first_name: str, user_id: int | None = None
    ) -> Message:
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if user_id is not None:
            contact["user_id"] = user_id
        return self._post(self.chat, {"contact": contact})

    def edit(self, message_id: int, text: str) -> Message:
        """Edit one of the user's own messages; the bot gets an edited_message update."""
        chat = self.chat
        old = chat.messages.get(message_id)
        if old is None or old["from"]["id"] != self.id:
            raise LookupError(f"user {self.id} has no message {message_id} to edit")
        new = {**old, "text": text, "edit_date": int(time.time())}
        new.pop("entities", None)
        command = _COMMAND.match(text)
        if command:
            new["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        chat.messages[message_id] = new
        if chat.bot_is_member:
            self._world.updates.push("edited_message", new)
        self._acted()
        return new

    def _locate(self, message: MessageRef) -> tuple[int, int]:
        """(chat id, message id) of a message dict, a message id in this chat, or an
        object with ``chat_id`` and ``message_id`` (a PTB Message)."""
        if isinstance(message, int):
            return self.chat.id, message
        if isinstance(message, dict):
            return message["chat"]["id"], message["message_id"]
        return int(message.chat_id), int(message.message_id)

    def press(self, message: MessageRef, data: str | None) -> str:
        """Press a button: a callback_query update for a bot message; returns the query id.

        ``message`` is a message dict, a message id in this chat or a PTB Message.
        ``data`` need not belong to a button on the message, so tests can forge presses.
        """
        chat_id, message_id = self._locate(message)
        chat = self._target(chat_id)
        current = chat.messages.get(message_id)
        if current is None:
            raise LookupError(f"message {message_id} is not (or no longer) in chat {chat_id}")
        query = self._world.new_callback_query(self.id, chat_id, message_id, data)
        payload: dict[str, Any] = {
            "id": query.id,
            "from": self.info,
            "message": current,
            "chat_instance": str(abs(hash((self._world.bot_id, chat_id))) % 10**18),
        }
        if data is not None:
            payload["data"] = data
        self._world.updates.push("callback_query", payload)
        self._acted()
        return query.id

    def tap(self, button_text: str, message: MessageRef | None = None) -> str:
        """Press the inline button labelled ``button_text`` (on ``message``, else the newest
        bot message that has such a button)."""
        candidates = [message] if message is not None else list(reversed(self.messages))
        for candidate in candidates:
            for text, data in self.buttons(candidate):
                if text == button_text and data is not None:
                    return self.press(candidate, data)
        shown = self.buttons(candidates[0]) if candidates else []
        raise LookupError(f"no button {button_text!r}; buttons: {shown}")

    def block(self, *, notify: bool = True) -> None:
        """Block the bot: its sends to this chat fail with 403 from now on.

        Telegram tells the bot with a my_chat_member update; ``notify=False`` skips it.
        """
        self._set_blocked(True, notify)

    def unblock(self, *, notify: bool = True) -> None:
        self._set_blocked(False, notify)

    def _set_blocked(self, blocked: bool, notify: bool) -> None:
        if self.chat.blocked == blocked:
            return
        self.chat.blocked = blocked
        if notify:
            old, new = ("member", "kicked") if blocked else ("kicked", "member")
            world = self._world
            update = world.chat_member_update(self.chat, self.info, old, new, world.bot_user)
            world.updates.push("my_chat_member", update)
        self._acted()

    @property
    def blocked(self) -> bool:
        return self.chat.blocked

    # ---------------------------------------------------------------- reading

    @property
    def messages(self) -> list[Message]:
        """The bot's messages in this chat, as they are now."""
        return self.chat.bot_messages(self._world.bot_id)

    @property
    def last_message(self) -> Message | None:
        messages = self.messages
        return messages[-1] if messages else None

    @property
    def reply_keyboard(self) -> dict[str, Any] | None:
        """The reply keyboard (ReplyKeyboardMarkup) the bot last set in this chat, if any."""
        return self.chat.reply_keyboard

    @property
    def chat_actions(self) -> list[str]:
        return self.chat.chat_actions

    def message(self, message_id: int) -> Message | None:
        return self.chat.messages.get(message_id)

    def buttons(self, message: MessageRef | None = None) -> list[tuple[str, str | None]]:
        """(text, callback_data) of each inline button, row by row, as the message is now;
        callback_data is None for buttons of another kind (url, ...). Without ``message``:
        the last bot message."""
        current = self.last_message
        if message is not None:
            chat_id, message_id = self._locate(message)
            current = self._target(chat_id).messages.get(message_id)
        if current is None:
            return []
        markup = current.get("reply_markup") or {}
        return [
            (button["text"], button.get("callback_data"))
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]

    async def wait_for(
        self,
        predicate: Callable[[Message], bool] | None = None,
        timeout: float = 5.0,
        *,
        include_earlier: bool = False,
    ) -> Message:
        """The first bot message, new or edited since this user's last action, that matches.

        Each match is used up, so waiting twice for the same kind of message returns two
        different events. A predicate that raises KeyError or TypeError (say, reading
        ``m["text"]`` of a document) counts as no match. ``include_earlier`` also searches
        messages from before the last action. Raises TimeoutError with what the bot did.
        """
        chat = self.chat
        deadline = time.monotonic() + timeout
        index = 0 if include_earlier else self._mark
        while True:
            events = chat.events
            while index < len(events):
                if index not in self._consumed and _matches(predicate, events[index]):
                    self._consumed.add(index)
                    return events[index]
                index += 1
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(self._describe_wait(timeout))
            await chat.wait_event(remaining)

    def _describe_wait(self, timeout: float) -> str:
        lines = [f"no matching bot message for {self!r} within {timeout:.1f}s."]
        recent = self.chat.events[self._mark :][-10:]
        lines.append(f"Bot messages since the last action ({len(recent)} shown):")
        lines.extend(f"  {_summary(m)}" for m in recent)
        rejected = [r for r in self._rejections if r.chat_id == self.id][-5:]
        if rejected:
            lines.append("Requests the server rejected for this chat:")
            lines.extend(f"  {r.method}: {r.status} {r.description}" for r in rejected)
        lines.append(f"Pending updates: {self._world.updates.__len__()}")
        return "\n".join(lines)


def _matches(predicate: Callable[[Message], bool] | None, message: Message) -> bool:
    if predicate is None:
        return True
    try:
        return bool(predicate(message))
    except (KeyError, TypeError):
        return False


def _summary(message: Message) -> str:
    body = message.get("text") or message.get("caption") or ""
    if "document" in message:
        body = f"[document {message['document'].get('file_name')}] {body}"
    elif "photo" in message:
        body = f"[photo] {body}"
    edited = " (edited)" if "edit_date" in message else ""
    buttons = [
        b["text"]
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
    ]
    shown = body if len(body) <= 200 else body[:200] + "…"
    return f"#{message['message_id']}{edited}: {shown!r}" + (
        f" buttons={buttons}" if buttons else ""
    )


def _with_caption(content: dict[str, Any], caption: str | None) -> dict[str, Any]:
    if caption:
        content["caption"] = caption
    return content
