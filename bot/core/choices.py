"""Buttons a person was just offered, and what they may type instead of tapping one.

A wijk name after /inloop, a language after /taal: typed, it is matched to the button it
names; anything else where buttons wait gets "tik op een knop" and the buttons again,
so a stray word never becomes a question by accident. Kept in memory only (a restart
forgets an offer; the buttons themselves still work)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# An offer older than this is forgotten: text typed later is handled as usual.
OFFER_VALID = timedelta(minutes=10)
# A typed yes or no at a question with two buttons (any language of the bot).
YES_WORDS = ("ja", "yes", "ok", "oke", "oké", "okay", "evet", "نعم")
NO_WORDS = ("nee", "no", "hayır", "hayir", "لا")


def yes_no(yes: tuple[str, int], no: tuple[str, int]) -> dict[str, tuple[str, int]]:
    """Options for a yes / no question: every yes word does `yes`, every no word `no`."""
    return {**dict.fromkeys(YES_WORDS, yes), **dict.fromkeys(NO_WORDS, no)}


def bare(text: str) -> str:
    """Lower case, without punctuation and emoji: how a typed choice is compared."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@dataclass(frozen=True)
class Offer:
    """Buttons shown with `text`: rows of (label as shown, callback data); `options`
    maps what may be typed (compared bare) to an action and its argument."""

    text: str
    rows: list[list[tuple[str, str]]]
    at: datetime
    options: dict[str, tuple[str, int]] = field(default_factory=dict)

    def match(self, typed: str) -> tuple[str, int] | None:
        """The option the typed text names: exactly, or as the only one it starts."""
        wanted = bare(typed)
        if not wanted:
            return None
        if wanted in self.options:
            return self.options[wanted]
        if len(wanted) < 3:
            return None
        starts = {value for name, value in self.options.items() if name.startswith(wanted)}
        return starts.pop() if len(starts) == 1 else None

    def valid(self, now: datetime) -> bool:
        return now - self.at <= OFFER_VALID
