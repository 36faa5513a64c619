"""Plain records of feedback shared by storage and the domain (they import neither)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

SCORES = (1, 2, 3, 4, 5)


def clean_text(text: str | None) -> str:
    """Free text as we show it: whitespace collapsed, '' for nothing."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", text).strip()


class Helped(StrEnum):
    """Answer to "did talking with other parents help you?"."""

    YES = "yes"
    A_BIT = "a_bit"
    NO = "no"


@dataclass(frozen=True)
class FeedbackAnswer:
    """One parent's answer to one feedback request; deliberately without any parent id."""

    session_ref: str
    day: date
    score: int | None
    helped: Helped | None
    takeaway: str | None
    wish: str | None

    def __post_init__(self) -> None:
        if self.score is not None and self.score not in SCORES:
            raise ValueError(f"score must be 1..5 or None, not {self.score!r}")

    @property
    def is_response(self) -> bool:
        """At least one question answered (blank free text does not count)."""
        return (
            self.score is not None
            or self.helped is not None
            or bool(clean_text(self.takeaway))
            or bool(clean_text(self.wish))
        )


class Step(StrEnum):
    """Where a parent is in a request: the question they see next."""

    ATTENDANCE = "attendance"  # inloop: "were you there?"
    SCORE = "score"
    HELPED = "helped"
    TAKEAWAY = "takeaway"
    WISH = "wish"
    DONE = "done"
    ABSENT = "absent"  # inloop: "no, I was not there"


FLOW = (Step.SCORE, Step.HELPED, Step.TAKEAWAY, Step.WISH, Step.DONE)


TEXT_STEPS = frozenset({Step.TAKEAWAY, Step.WISH})


# Given the step a request is at, the step it moves to, or None to change nothing.
Decide = Callable[[Step], Step | None]


@dataclass(frozen=True)
class FeedbackSession:
    """One webinar or inloopmoment that asks for feedback, with the counts known when it
    ended. ``ref`` names it (``w:12``, ``i:3:2026-12-01``); ``id`` is 0 until it is stored."""

    ref: str
    kind: Literal["webinar", "inloop"]
    title: str
    theme: str
    day: date
    ended_at: datetime
    participants: int = 0
    questions_asked: int = 0
    questions_answered: int = 0
    requests_sent: int = 0
    id: int = 0
