"""Splitting a Telegram HTML text that is over Telegram's length limit.

Telegram counts a text's length after parsing its entities (tags do not count, `&amp;`
counts as one character) in UTF-16 code units: 4,096 for a message, 1,024 for a caption.
A longer text is split at a paragraph boundary if one fits, else at the end of a
sentence, else at a space (a single word over the limit is cut). Tags open at a cut are
closed at the end of the part and opened again at the start of the next one.
"""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_TAG = re.compile(r"<(/?)([a-zA-Z-]+)([^>]*)>")
_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]+|[<&]")


def visible_length(text: str) -> int:
    """The length Telegram counts: entity-parsed, in UTF-16 code units."""
    plain = html.unescape(re.sub(r"<[^>]*>", "", text))
    return len(plain.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` in parts of at most `limit` visible units each (one part if it fits)."""
    if visible_length(text) <= limit:
        return [text]
    # Room for the reopened tags does not count (tags are not visible), so the limit
    # holds for each part as it is.
    parts = _pack(text, limit, 0)
    return [part for part in _balance(parts) if visible_length(part.strip()) > 0]


# Where a text may be cut, best first: after a blank line, after a sentence, after a
# space; never inside a tag (the lookahead: no '>' before the next '<').
_CUTS = [
    re.compile(r"(?<=\n\n)(?![^<]*>)"),
    re.compile(r"(?<=[.!?…])(?=\s)(?![^<]*>)"),
    re.compile(r"(?<=\s)(?=\S)(?![^<]*>)"),
]


def _pack(text: str, limit: int, level: int) -> list[str]:
    """Greedy: as many whole pieces of this level per part as fit; a piece that alone
    is over the limit is cut at the next level."""
    if level == len(_CUTS):
        return _hard_cut(text, limit)
    parts: list[str] = []
    current, current_len = "", 0
    for piece in _CUTS[level].split(text):
        if not piece:
            continue
        size = visible_length(piece)
        if size > limit:
            if current:
                parts.append(current)
            *whole, current = _pack(piece, limit, level + 1)
            parts.extend(whole)
            current_len = visible_length(current)
            continue
        if current and current_len + size > limit:
            parts.append(current)
            current, current_len = "", 0
        current += piece
        current_len += size
    if current:
        parts.append(current)
    return parts


def _hard_cut(piece: str, limit: int) -> list[str]:
    """A word longer than the limit: cut between characters (never inside a tag)."""
    chunks: list[str] = []
    current, current_len = "", 0
    for token in _TOKEN.findall(piece):
        if token.startswith("<") and len(token) > 1:
            current += token
            continue
        for char in [token] if token.startswith("&") else list(token):
            size = visible_length(char)
            if current_len + size > limit:
                chunks.append(current)
                current, current_len = "", 0
            current += char
            current_len += size
    if current:
        chunks.append(current)
    return chunks


def _balance(parts: list[str]) -> list[str]:
    """Close the tags a part leaves open and reopen them at the start of the next."""
    balanced: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, the opening tag as written)
    for part in parts:
        prefix = "".join(tag for _, tag in open_tags)
        for match in _TAG.finditer(part):
            closing, name = match.group(1), match.group(2).lower()
            if closing:
                for index in range(len(open_tags) - 1, -1, -1):
                    if open_tags[index][0] == name:
                        del open_tags[index]
                        break
            else:
                open_tags.append((name, match.group(0)))
        suffix = "".join(f"</{name}>" for name, _ in reversed(open_tags))
        balanced.append(prefix + part + suffix)
    return balanced
