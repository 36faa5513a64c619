"""Checks on message content that the Bot API states in prose: text and caption lengths,
parse modes, entities and keyboards. Each check raises the ApiError Telegram would give.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import bad_request
from .html_entities import EntityParseError, parse_html, utf16_len

__all__ = [
    "CAPTION_LIMIT",
    "TEXT_LIMIT",
    "check_menu_button",
    "check_reply_markup",
    "prepare_text",
]

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes
MAX_BUTTONS = 100
MAX_BUTTONS_PER_ROW = 8

INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _loads(value: Any, error: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error) from None
    return value


def prepare_text(
    text: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    caption: bool = False,
    strict_html_entities: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Parse and check a message text (or caption) as Telegram does.

    Returns the text as stored (entities parsed out, surrounding white space trimmed) and
    its entities. Lengths count UTF-16 code units, after entity parsing.
    """
    text = text or ""
    if parse_mode:
        mode = parse_mode.lower()
        if mode == "html":
            try:
                text, parsed = parse_html(text, strict_entities=strict_html_entities)
            except EntityParseError as err:
                raise bad_request(f"can't parse entities: {err}") from None
        elif mode in ("markdown", "markdownv2"):
            # The double implements only HTML; a bot that wants Markdown must be tested
            # against another server. Saying so beats accepting text Telegram might refuse.
            raise bad_request(
                f"can't parse entities: parse_mode {parse_mode} is not supported by the "
                "local Bot API server; use HTML"
            )
        else:
            raise bad_request("unsupported parse_mode")
    elif entities is not None:
        parsed = _check_entities(_loads(entities, "can't parse entities JSON object"))
    else:
        parsed = []
    text, parsed = _trim(text, parsed)
    length = utf16_len(text)
    if caption:
        if length > CAPTION_LIMIT:
            raise bad_request("message caption is too long")
    else:
        if length == 0:
            raise bad_request("message text is empty")
        if length > TEXT_LIMIT:
            raise bad_request("message is too long")
    return text, parsed


def _check_entities(entities: Any) -> list[dict[str, Any]]:
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    for entity in entities:
        if not (
            isinstance(entity, dict)
            and isinstance(entity.get("type"), str)
            and isinstance(entity.get("offset"), int)
            and isinstance(entity.get("length"), int)
        ):
            raise bad_request("can't parse MessageEntity: wrong entity")
    return [dict(e) for e in entities if e["length"] > 0 and e["offset"] >= 0]


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram strips leading and trailing white space and clips entities to what is left."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(size, entity["offset"] + entity["length"] - lead)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def check_reply_markup(
    value: Any, *, inline_only: bool = False
) -> tuple[str, dict[str, Any] | None]:
    """Check a reply_markup; return its kind and the markup to keep.

    Kinds: "inline" (the markup, or None for an empty keyboard), "keyboard", "remove",
    "force_reply".
    """
    markup = _loads(value, "can't parse reply keyboard markup JSON object")
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        return "inline", _check_inline_keyboard(markup)
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _check_reply_keyboard(markup["keyboard"])
        return "keyboard", markup
    if markup.get("remove_keyboard") is True:
        return "remove", markup
    if markup.get("force_reply") is True:
        return "force_reply", markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def _check_inline_keyboard(markup: dict[str, Any]) -> dict[str, Any] | None:
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    total = 0
    for row in rows:
        if len(row) > MAX_BUTTONS_PER_ROW:
            raise bad_request("REPLY_MARKUP_TOO_LONG")
        total += len(row)
        for button in row:
            _check_inline_button(button)
    if total > MAX_BUTTONS:
        raise bad_request("REPLY_MARKUP_TOO_LONG")
    if total == 0:
        return None
    return {"inline_keyboard": [[dict(b) for b in row] for row in rows if row]}


_BUTTON = "can't parse inline keyboard button: "


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(_BUTTON + "InlineKeyboardButton must be an Object")
    _check_button_text(button)
    if button.get("callback_data") == "":
        # telegram-bot-api reads an empty callback_data as absent
        button = {k: v for k, v in button.items() if k != "callback_data"}
    actions = [name for name in INLINE_ACTIONS if name in button]
    if not actions:
        raise bad_request(_BUTTON + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(_BUTTON + "exactly one of the optional fields must be used")
    _check_button_action(actions[0], button[actions[0]])


def _check_button_text(button: dict[str, Any]) -> None:
    if "text" not in button:
        raise bad_request(_BUTTON + 'Can\'t find field "text"')
    if not isinstance(button["text"], str):
        raise bad_request(_BUTTON + 'Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_EMPTY")


def _check_button_action(action: str, value: Any) -> None:
    """What the button does: callback data within Telegram's limit, a URL Telegram opens,
    a Mini App; the other actions are taken as they are."""
    if action == "callback_data":
        if not isinstance(value, str):
            raise bad_request(_BUTTON + 'Field "callback_data" must be of type String')
        if len(value.encode("utf-8")) > CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        if not isinstance(value, str) or not value.startswith(("http://", "https://", "tg://")):
            raise bad_request("BUTTON_URL_INVALID")
    elif action == "web_app":
        _check_web_app(value, "inline keyboard button")


def _check_web_app(web_app: Any, where: str) -> None:
    """A WebAppInfo: Telegram opens Mini Apps from https:// addresses only."""
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(url, str):
        raise bad_request(f'can\'t parse {where}: Field "url" must be of type String')
    if not url.startswith("https://"):
        raise bad_request(f"{where} Web App URL '{url}' is invalid: Only HTTPS links are allowed")


def check_menu_button(value: Any) -> dict[str, Any]:
    """A MenuButton (setChatMenuButton): commands, web_app or default."""
    button = _loads(value, "can't parse menu button JSON object")
    kind = button.get("type") if isinstance(button, dict) else None
    if kind in ("commands", "default"):
        return {"type": kind}
    if kind != "web_app":
        raise bad_request("can't parse menu button: unsupported menu button type")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("can't parse menu button: text must be non-empty")
    _check_web_app(button.get("web_app"), "menu button")
    return {"type": "web_app", "text": text, "web_app": {"url": button["web_app"]["url"]}}


def _check_reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str):
                raise bad_request(
                    'can\'t parse keyboard button: Field "text" must be of type String'
                )
            if not text.strip():
                raise bad_request("BUTTON_TEXT_EMPTY")
