"""Telegram's HTML parse mode, as the Bot API server applies it.

Follows the algorithm of TDLib's ``parse_html`` (tags, attributes, entity decoding, the
error texts and their byte offsets), written from its documented behaviour. Offsets and
lengths of the resulting entities are counted in UTF-16 code units, as Telegram does.

One deliberate difference: Telegram keeps an unknown named entity such as ``&nbsp;``
literally in the text. With ``strict_entities=True`` (the default of the local server)
it is rejected instead, because a bot that sends it almost always forgot to escape
something and the user would see "&nbsp;" on screen.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["EntityParseError", "parse_html", "utf16_len"]

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "pre", "code",
        "span", "tg-spoiler", "tg-emoji", "blockquote",
    }
)  # fmt: skip

_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile(r"[<&]")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
_ALPHA = re.compile(r"[A-Za-z]*")
_DIGITS = re.compile(r"[0-9]*")
_HEX = re.compile(r"[0-9A-Fa-f]*")
_SPACE = " \t\n\r\f\v"
_USER_LINK = re.compile(r"tg://user\?id=(\d+)$")


class EntityParseError(ValueError):
    """The text does not parse; ``str(err)`` is Telegram's description after the prefix."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (how Telegram counts characters)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class _Open:
    __slots__ = ("argument", "begin", "expandable", "name", "offset")

    def __init__(self, name: str, argument: str, offset: int, begin: int, expandable: bool):
        self.name = name
        self.argument = argument
        self.offset = offset  # UTF-16 offset in the result
        self.begin = begin  # index in the result pieces, to recover the inner text of <a>
        self.expandable = expandable


class _Parser:
    def __init__(self, text: str, strict_entities: bool) -> None:
        self.text = text
        self.strict = strict_entities
        self.pieces: list[str] = []
        self.utf16 = 0
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_Open] = []

    def fail(self, message: str, pos: int | None = None) -> EntityParseError:
        if pos is not None:
            message = f"{message} at byte offset {len(self.text[:pos].encode())}"
        return EntityParseError(message)

    def emit(self, chunk: str) -> None:
        if chunk:
            self.pieces.append(chunk)
            self.utf16 += utf16_len(chunk)

    def decode_entity(self, pos: int) -> tuple[str, int] | None:
        """Decode ``&...;`` at ``pos``; return (character, next position) or None."""
        text = self.text
        if text.startswith("&#", pos):
            start = pos + 2
            hexadecimal = text.startswith("x", start)
            if hexadecimal:
                start += 1
            digits = (_HEX if hexadecimal else _DIGITS).match(text, start)
            assert digits is not None
            end = digits.end()
            if not digits.group() or end - pos >= 10:
                return None
            code = int(digits.group(), 16 if hexadecimal else 10)
            if code == 0 or code >= 0x10FFFF:
                return None
            char = chr(code)
        else:
            name = _ALPHA.match(text, pos + 1)
            assert name is not None
            end = name.end()
            known = _NAMED_ENTITIES.get(name.group())
            if known is None:
                if self.strict and name.group() and text.startswith(";", end):
                    raise self.fail(f'Unsupported HTML entity "&{name.group()};"', pos)
                return None
            char = known
        if text.startswith(";", end):
            end += 1
        return char, end

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        text, pos = self.text, 0
        while True:
            found = _SPECIAL.search(text, pos)
            if found is None:
                self.emit(text[pos:])
                break
            at = found.start()
            self.emit(text[pos:at])
            if text[at] == "&":
                decoded = self.decode_entity(at)
                if decoded is None:
                    self.emit("&")
                    pos = at + 1
                else:
                    self.emit(decoded[0])
                    pos = decoded[1]
            elif text.startswith("</", at):
                pos = self.end_tag(at)
            else:
                pos = self.start_tag(at)
        if self.stack:
            raise self.fail(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.pieces), self.entities

    def skip_spaces(self, pos: int) -> int:
        text = self.text
        while pos < len(text) and text[pos] in _SPACE:
            pos += 1
        return pos

    def start_tag(self, begin: int) -> int:
        text, i = self.text, begin + 1
        while i < len(text) and text[i] not in _SPACE and text[i] != ">":
            i += 1
        if i >= len(text):
            raise self.fail("Unclosed start tag", begin)
        name = text[begin + 1 : i].lower()
        if name not in SUPPORTED_TAGS:
            raise self.fail(f'Unsupported start tag "{name}"', begin)
        argument, expandable = "", False
        while True:
            i = self.skip_spaces(i)
            if i >= len(text):
                raise self.fail("Unclosed start tag", begin)
            if text[i] == ">":
                break
            attr_begin = i
            while i < len(text) and text[i] not in _SPACE and text[i] not in "=>":
                i += 1
            attribute = text[attr_begin:i].lower()
            if not attribute:
                raise self.fail(f'Empty attribute name in the tag "{name}"', begin)
            i = self.skip_spaces(i)
            if i >= len(text) or text[i] != "=":
                if name == "blockquote" and attribute == "expandable":
                    expandable = True
                    continue
                raise self.fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}"', begin
                )
            i = self.skip_spaces(i + 1)
            if i >= len(text):
                raise self.fail(f'Unclosed start tag "{name}"', begin)
            value, i = self.attribute_value(i)
            if i >= len(text):
                raise self.fail("Unclosed start tag", begin)
            argument = _tag_argument(name, attribute, value, argument)
        if name == "span" and argument != "tg-spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"', begin)
        if name == "tg-emoji" and not argument:
            raise self.fail('Tag "tg-emoji" must have attribute "emoji-id"', begin)
        self.stack.append(_Open(name, argument, self.utf16, len(self.pieces), expandable))
        return i + 1

    def attribute_value(self, i: int) -> tuple[str, int]:
        text = self.text
        quote = text[i]
        if quote not in "'\"":
            token = _NAME_TOKEN.match(text, i)
            assert token is not None
            end = token.end()
            if end < len(text) and text[end] not in _SPACE and text[end] != ">":
                raise self.fail("Unexpected end of name token", end)
            return token.group().lower(), end
        i += 1
        value: list[str] = []
        while i < len(text) and text[i] != quote:
            if text[i] == "&":
                decoded = self.decode_entity(i)
                if decoded is not None:
                    value.append(decoded[0])
                    i = decoded[1]
                    continue
            value.append(text[i])
            i += 1
        if i < len(text):
            i += 1  # the closing quote
        return "".join(value), i

    def end_tag(self, begin: int) -> int:
        text = self.text
        if not self.stack:
            raise self.fail("Unexpected end tag", begin)
        i = begin + 2
        while i < len(text) and text[i] not in _SPACE and text[i] != ">":
            i += 1
        end_name = text[begin + 2 : i].lower()
        i = self.skip_spaces(i)
        if i >= len(text) or text[i] != ">":
            raise self.fail("Unclosed end tag", begin)
        top = self.stack[-1]
        if end_name and end_name != top.name:
            raise self.fail(
                f"Unmatched end tag at byte offset {len(text[:begin].encode())}, "
                f'expected "</{top.name}>", found "</{end_name}>"'
            )
        self.stack.pop()
        if self.utf16 > top.offset:
            self.add_entity(top)
        return i + 1

    def add_entity(self, top: _Open) -> None:
        offset, length = top.offset, self.utf16 - top.offset
        entity: dict[str, Any] = {"offset": offset, "length": length}
        simple = _SIMPLE_TYPES.get(top.name)
        if simple is not None:
            entity["type"] = simple
        elif top.name == "blockquote":
            entity["type"] = "expandable_blockquote" if top.expandable else "blockquote"
        elif top.name == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=top.argument)
        elif top.name == "a":
            url = top.argument or "".join(self.pieces[top.begin :])
            user = _USER_LINK.match(url)
            if user:
                user_info = {"id": int(user.group(1)), "is_bot": False, "first_name": ""}
                entity.update(type="text_mention", user=user_info)
            elif re.match(r"(https?|tg|ftp)://\S", url):
                entity.update(type="text_link", url=url)
            else:
                return  # Telegram silently drops a link it cannot use
        elif top.name == "pre":
            last = self.entities[-1] if self.entities else None
            if (
                last is not None
                and last["type"] == "code"
                and (last["offset"], last["length"]) == (offset, length)
                and last.get("language")
            ):
                last["type"] = "pre"
                return
            entity["type"] = "pre"
        else:  # code
            last = self.entities[-1] if self.entities else None
            if (
                last is not None
                and last["type"] == "pre"
                and (last["offset"], last["length"]) == (offset, length)
                and top.argument
            ):
                last["language"] = top.argument
                return
            entity["type"] = "code"
            if top.argument:
                entity["language"] = top.argument  # kept only if a <pre> closes around it
        self.entities.append(entity)


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and attribute == "class":
        return value
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    return current


def parse_html(text: str, *, strict_entities: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and its MessageEntity dicts, or raise EntityParseError."""
    if "<" not in text and "&" not in text:
        return text, []
    plain, entities = _Parser(text, strict_entities).parse()
    for entity in entities:  # a standalone <code class=...> keeps no language
        if entity["type"] == "code":
            entity.pop("language", None)
    return plain, entities
