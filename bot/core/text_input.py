"""Cleaning what people type before it is stored or shown to anyone else."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# Bidirectional overrides and isolates can make a question display as something other
# than what was typed; zero-width characters hide text. Both are removed.
_INVISIBLE = dict.fromkeys(
    [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF], None
)
# Every way of breaking a line becomes "\n"; every other kind of white space (tabs, no-break
# and ideographic spaces) one space, before control characters are removed, so that
# "Hoe\tlang" stays two words.
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[^\S\n]+")
_SPACE_AROUND_BREAKS = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")
# Removed: controls and formatting characters (Cc, Cf), and lone surrogates (Cs), which a
# client can send in JSON but which cannot be stored as UTF-8.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


class Rejection(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class CleanText:
    text: str | None
    rejection: Rejection | None = None


def clean_text(raw: str, max_chars: int) -> CleanText:
    """Remove control and invisible characters, tidy white space, check the length."""
    text = _SPACES.sub(" ", _LINE_BREAKS.sub("\n", raw.translate(_INVISIBLE)))
    text = "".join(
        char
        for char in text
        if char == "\n" or unicodedata.category(char) not in _REMOVED_CATEGORIES
    )
    text = _SPACE_AROUND_BREAKS.sub("\n", _SPACES.sub(" ", text))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        return CleanText(None, Rejection.EMPTY)
    if len(text) > max_chars:
        return CleanText(None, Rejection.TOO_LONG)
    return CleanText(text)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


# What a parent may type instead of tapping "✅ Akkoord" (any language of the bot).
_CONSENT_WORDS = frozenset(
    {"ja", "ok", "oke", "oké", "okay", "akkoord", "yes", "agree", "i agree", "evet", "نعم"}
)


def _bare(text: str) -> str:
    """Lower case, without the punctuation and emoji around a short answer."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def is_consent_word(text: str) -> bool:
    """ "ja", "Ok!", "akkoord 👍": a short yes typed at the privacy notice."""
    return _bare(text) in _CONSENT_WORDS


def has_words(text: str) -> bool:
    """False for a message of only emoji, symbols and punctuation (not a question)."""
    return any(char.isalnum() for char in text)
