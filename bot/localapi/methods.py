"""The Bot API methods the local server performs, acting on the World.

Each method takes the request's parameters and returns the ``result`` of the answer or
raises ApiError. Values arrive as sent (text of a form, or JSON), or already converted by
the spec check; the ``Params`` getters accept both, so the checks here hold without the
spec too. getUpdates and the webhook methods live in ``server`` (they wait and run tasks).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from .errors import ApiError, bad_request, forbidden
from .markup import check_menu_button, check_reply_markup, prepare_text
from .state import Chat, FileRecord, UploadedFile, World, scope_key

__all__ = ["BotMethods", "Params"]

Message = dict[str, Any]
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
LANGUAGE_CODE = re.compile(r"[a-z]{2}")
SCOPES_WITH_CHAT = frozenset({"chat", "chat_administrators", "chat_member"})
SCOPES = SCOPES_WITH_CHAT | {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
}
MAX_DOCUMENT = 50 * 1024 * 1024
MAX_PHOTO = 10 * 1024 * 1024
MAX_DOWNLOAD = 20 * 1024 * 1024


class Params:
    """A request's parameters with typed getters that raise Telegram's 400 answers."""

    __slots__ = ("files", "values")

    def __init__(self, values: dict[str, Any], files: dict[str, UploadedFile]) -> None:
        self.values = values
        self.files = files

    def __contains__(self, name: str) -> bool:
        return name in self.values or name in self.files

    def get_str(self, name: str, *, required: bool = False) -> str | None:
        value = self.values.get(name)
        if value is None:
            if required:
                raise bad_request(f'parameter "{name}" is required')
            return None
        return value if isinstance(value, str) else str(value)

    def get_int(self, name: str, *, required: bool = False) -> int | None:
        value = self.values.get(name)
        if value is None:
            if required:
                raise bad_request(f'parameter "{name}" is required')
            return None
        if isinstance(value, bool):
            raise bad_request(f'field "{name}" must be of type Integer')
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f'field "{name}" must be of type Integer') from None

    def get_bool(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def get_json(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f'parameter "{name}" is required')
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value)
        return int(text) if text.lstrip("-").isdigit() else text

    def file(self, name: str) -> UploadedFile | str | None:
        upload = self.files.get(name)
        if upload is not None:
            return upload
        value = self.values.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            return self.files.get(value.removeprefix("attach://"))
        return value if isinstance(value, str) else None


class BotMethods:
    """Implementations of the methods; ``table`` maps method names to them."""

    def __init__(
        self,
        world: World,
        *,
        acquire: Callable[[int | str | None], None],
        strict_html_entities: Callable[[], bool],
    ) -> None:
        self.world = world
        self._acquire = acquire  # rate limiting of messages, raises 429
        self._strict = strict_html_entities
        self.table: dict[str, Callable[[Params], Any]] = {
            "getMe": self.get_me,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "deleteMessages": self.delete_messages,
            "answerCallbackQuery": self.answer_callback_query,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "getFile": self.get_file,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": self.get_chat_menu_button,
            "leaveChat": self.leave_chat,
            "getChat": self.get_chat,
            "sendChatAction": self.send_chat_action,
            "close": _true,
            "logOut": _true,
        }

    # ------------------------------------------------------------- helpers

    def _chat(self, params: Params) -> Chat:
        chat = self.world.find_chat(params.chat_id())
        if chat is None:
            raise bad_request("chat not found")
        return chat

    @staticmethod
    def _writable(chat: Chat) -> None:
        if chat.blocked:
            raise forbidden("bot was blocked by the user")
        if not chat.bot_is_member:
            kind = "supergroup" if chat.type == "supergroup" else "group"
            raise forbidden(f"bot is not a member of the {kind} chat")

    def _text(
        self, params: Params, text_field: str, entities_field: str, *, caption: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        return prepare_text(
            params.get_str(text_field),
            params.get_str("parse_mode"),
            params.values.get(entities_field),
            caption=caption,
            strict_html_entities=self._strict(),
        )

    def _markup(
        self, params: Params, *, inline_only: bool
    ) -> tuple[str | None, dict[str, Any] | None]:
        if "reply_markup" not in params.values:
            return None, None
        return check_reply_markup(params.values["reply_markup"], inline_only=inline_only)

    def _store(self, chat: Chat, content: dict[str, Any], params: Params) -> Message:
        """Check the rate limits, then store and return a new bot message."""
        kind, markup = self._markup(params, inline_only=False)
        reply = self._reply_to(chat, params)
        self._writable(chat)
        self._acquire(chat.id)
        message: Message = {
            "message_id": chat.next_message_id(),
            "from": self.world.bot_user,
            "chat": chat.info,
            "date": int(time.time()),
        }
        if reply is not None:
            message["reply_to_message"] = reply
        message.update(content)
        if kind == "inline" and markup is not None:
            message["reply_markup"] = markup
        elif kind == "keyboard":
            chat.reply_keyboard = markup
        elif kind == "remove":
            chat.reply_keyboard = None
        chat.messages[message["message_id"]] = message
        chat.record_bot_event(message)
        return message

    def _reply_to(self, chat: Chat, params: Params) -> Message | None:
        reply = params.get_json("reply_parameters")
        message_id = params.get_int("reply_to_message_id")
        allow_missing = params.get_bool("allow_sending_without_reply")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = bool(reply.get("allow_sending_without_reply"))
        if message_id is None:
            return None
        found = chat.messages.get(int(message_id))
        if found is None and not allow_missing:
            raise bad_request("message to be replied not found")
        if found is None:
            return None
        return {k: v for k, v in found.items() if k != "reply_to_message"}

    def _target_message(self, params: Params, action: str) -> tuple[Chat, Message]:
        if "inline_message_id" in params.values:
            raise bad_request("MESSAGE_ID_INVALID")  # inline mode is not simulated
        chat = self._chat(params)
        message_id = params.get_int("message_id", required=True)
        message = chat.messages.get(message_id) if message_id is not None else None
        if message is None:
            raise bad_request(f"message to {action} not found")
        return chat, message

    def _replace(self, chat: Chat, new: Message) -> Message:
        self._writable(chat)
        self._acquire(chat.id)
        new["edit_date"] = int(time.time())
        chat.messages[new["message_id"]] = new
        chat.record_bot_event(new)
        return new

    def _stored_file(
        self, params: Params, name: str, kind: str, limit: int
    ) -> tuple[FileRecord, UploadedFile | None]:
        given = params.file(name)
        if isinstance(given, UploadedFile):
            if not given.data:
                raise bad_request("file must be non-empty")
            if len(given.data) > limit:
                raise ApiError(413, "Request Entity Too Large")
            mime = given.content_type or "application/octet-stream"
            return self.world.store_file(given.data, kind, given.filename, mime), given
        if not given:
            raise bad_request(f'parameter "{name}" is required')
        record = self.world.files.get(given)
        if record is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return record, None

    # ------------------------------------------------------------- methods

    def get_me(self, params: Params) -> dict[str, Any]:
        return {
            **self.world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def send_message(self, params: Params) -> Message:
        text, entities = self._text(params, "text", "entities", caption=False)
        chat = self._chat(params)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._store(chat, content, params)

    def send_document(self, params: Params) -> Message:
        caption, entities = self._text(params, "caption", "caption_entities", caption=True)
        chat = self._chat(params)
        record, upload = self._stored_file(params, "document", "documents", MAX_DOCUMENT)
        if upload is None and record.file_path.startswith("photos/"):
            raise bad_request("type of file mismatch")
        document: dict[str, Any] = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_size": len(record.data),
        }
        if record.file_name:
            document["file_name"] = record.file_name
        if record.mime_type:
            document["mime_type"] = record.mime_type
        return self._store(chat, _captioned({"document": document}, caption, entities), params)

    def send_photo(self, params: Params) -> Message:
        caption, entities = self._text(params, "caption", "caption_entities", caption=True)
        chat = self._chat(params)
        record, _ = self._stored_file(params, "photo", "photos", MAX_PHOTO)
        width, height = _image_size(record.data)
        size = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(record.data),
        }
        return self._store(chat, _captioned({"photo": [size]}, caption, entities), params)

    def edit_message_text(self, params: Params) -> Message:
        if "text" not in params.values:
            raise bad_request("message text is empty")
        text, entities = self._text(params, "text", "entities", caption=False)
        _, markup = self._markup(params, inline_only=True)
        chat, old = self._target_message(params, "edit")
        if old["from"]["id"] != self.world.bot_id:
            raise bad_request("message can't be edited")
        if "text" not in old:
            raise bad_request("there is no text in the message to edit")
        new = {k: v for k, v in old.items() if k not in ("entities", "reply_markup")}
        new["text"] = text
        if entities:
            new["entities"] = entities
        if markup is not None:
            new["reply_markup"] = markup
        _unless_unchanged(old, new, ("text", "entities", "reply_markup"))
        return self._replace(chat, new)

    def edit_message_caption(self, params: Params) -> Message:
        caption, entities = self._text(params, "caption", "caption_entities", caption=True)
        _, markup = self._markup(params, inline_only=True)
        chat, old = self._target_message(params, "edit")
        if old["from"]["id"] != self.world.bot_id:
            raise bad_request("message can't be edited")
        if "text" in old:
            raise bad_request("there is no caption in the message to edit")
        new = {
            k: v for k, v in old.items() if k not in ("caption", "caption_entities", "reply_markup")
        }
        if caption:
            new["caption"] = caption
        if entities:
            new["caption_entities"] = entities
        if markup is not None:
            new["reply_markup"] = markup
        _unless_unchanged(old, new, ("caption", "caption_entities", "reply_markup"))
        return self._replace(chat, new)

    def edit_message_reply_markup(self, params: Params) -> Message:
        _, markup = self._markup(params, inline_only=True)
        chat, old = self._target_message(params, "edit")
        if old["from"]["id"] != self.world.bot_id:
            raise bad_request("message can't be edited")
        new = {k: v for k, v in old.items() if k != "reply_markup"}
        if markup is not None:
            new["reply_markup"] = markup
        _unless_unchanged(old, new, ("reply_markup",))
        return self._replace(chat, new)

    def delete_message(self, params: Params) -> bool:
        chat, message = self._target_message(params, "delete")
        del chat.messages[message["message_id"]]
        return True

    def delete_messages(self, params: Params) -> bool:
        chat = self._chat(params)
        ids = params.get_json("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be a non-empty list of at most 100 identifiers")
        found = [int(i) for i in ids if int(i) in chat.messages]
        if not found:
            raise bad_request("message to delete not found")
        for message_id in found:
            del chat.messages[message_id]
        return True

    def answer_callback_query(self, params: Params) -> bool:
        query_id = params.get_str("callback_query_id", required=True) or ""
        query = self.world.callback_queries.get(query_id)
        if query is None or query.answered:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get_str("text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        query.answer = {
            "text": text,
            "show_alert": params.get_bool("show_alert"),
            "url": params.get_str("url"),
        }
        return True

    def get_file(self, params: Params) -> dict[str, Any]:
        record = self.world.files.get(params.get_str("file_id", required=True) or "")
        if record is None:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        if len(record.data) > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return record.as_file()

    def _scope(self, params: Params) -> tuple[str, int | None, int | None, str]:
        scope = params.get_json("scope")
        if scope is not None:
            if not isinstance(scope, dict) or scope.get("type") not in SCOPES:
                raise bad_request("wrong bot command scope type specified")
            if scope["type"] in SCOPES_WITH_CHAT:
                raw_chat = scope.get("chat_id")
                chat = self.world.find_chat(raw_chat) if isinstance(raw_chat, int | str) else None
                if chat is None:
                    raise bad_request("chat not found")
                scope = {**scope, "chat_id": chat.id}
        language = params.get_str("language_code") or ""
        if language and not LANGUAGE_CODE.fullmatch(language):
            raise bad_request("invalid language code specified")
        return scope_key(scope, language)

    def set_my_commands(self, params: Params) -> bool:
        commands = params.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request('field "commands" must be of type Array of BotCommand')
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        cleaned = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand: BotCommand must be an Object")
            name = str(command.get("command", "")).removeprefix("/")
            description = str(command.get("description", "")).strip()
            if not COMMAND_NAME.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not description or len(description) > 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._scope(params)
        if cleaned:
            self.world.commands[key] = cleaned
        else:
            self.world.commands.pop(key, None)
        return True

    def get_my_commands(self, params: Params) -> list[dict[str, str]]:
        return list(self.world.commands.get(self._scope(params), []))

    def delete_my_commands(self, params: Params) -> bool:
        self.world.commands.pop(self._scope(params), None)
        return True

    def _menu_chat(self, params: Params) -> int | None:
        if "chat_id" not in params:
            return None
        chat = self._chat(params)
        if chat.type != "private":
            raise bad_request("chat not found")  # menu buttons exist in private chats only
        return chat.id

    def set_chat_menu_button(self, params: Params) -> bool:
        chat_id = self._menu_chat(params)
        button = params.get_json("menu_button") if "menu_button" in params else None
        button = check_menu_button(button or {"type": "default"})
        if button["type"] == "default":
            self.world.menu_buttons.pop(chat_id, None)
        else:
            self.world.menu_buttons[chat_id] = button
        return True

    def get_chat_menu_button(self, params: Params) -> dict[str, Any]:
        chat_id = self._menu_chat(params)
        found = self.world.menu_buttons.get(chat_id)
        if found is None and chat_id is not None:
            found = self.world.menu_buttons.get(None)
        return dict(found or {"type": "commands"})

    def leave_chat(self, params: Params) -> bool:
        chat = self._chat(params)
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        self._writable(chat)
        chat.bot_is_member = False
        self.world.left_chats.append(chat.id)
        world = self.world
        update = world.chat_member_update(chat, world.bot_user, "member", "left", world.bot_user)
        world.updates.push("my_chat_member", update)
        return True

    def get_chat(self, params: Params) -> dict[str, Any]:
        chat = self._chat(params)
        return {
            **chat.info,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def send_chat_action(self, params: Params) -> bool:
        action = params.get_str("action", required=True)
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat = self._chat(params)
        self._writable(chat)
        chat.chat_actions.append(action)
        return True


def _true(params: Params) -> bool:
    return True


def _unless_unchanged(old: Message, new: Message, keys: tuple[str, ...]) -> None:
    if all(old.get(key) == new.get(key) for key in keys):
        raise bad_request(NOT_MODIFIED)


def _captioned(
    content: dict[str, Any], caption: str, entities: list[dict[str, Any]]
) -> dict[str, Any]:
    if caption:
        content["caption"] = caption
    if entities:
        content["caption_entities"] = entities
    return content


def _image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG (1x1 when the format is not recognised)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] == b"\xff\xd8":
        index = 2
        while index + 9 < len(data):
            if data[index] != 0xFF:
                break
            marker = data[index + 1]
            length = int.from_bytes(data[index + 2 : index + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                height = int.from_bytes(data[index + 5 : index + 7], "big")
                width = int.from_bytes(data[index + 7 : index + 9], "big")
                return width, height
            index += 2 + length
    return 1, 1
