"""The practice webinar's script: when which simulated parent joins and what they ask.

Deterministic from the bank and a seed, so it is stored as (bank, seed, parents) and a
restart carries on where it was (`practice_sessions.next_item`). Parents join within the
first three minutes; those who ask, ask twenty seconds to two minutes after joining; the
parent who asks twice asks again a minute later. Every question of the bank is asked
once; the other parents only watch, as most parents of a real webinar do."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.practice.banks import Bank, BankQuestion

MIN_PARENTS, MAX_PARENTS = 20, 60
JOIN_SECONDS = 180.0
SECOND_QUESTION_AFTER = 60.0


@dataclass(frozen=True)
class Event:
    """A simulated parent joins (`question` None) or asks `question`, `at` seconds in."""

    at: float
    parent: int  # 1 .. parents
    question: BankQuestion | None = None


def parents_for(seed: int, bank: Bank) -> int:
    """How many parents join: 20 – 60, never fewer than the bank needs askers."""
    askers = len({q.parent or f"#{n}" for n, q in enumerate(bank.questions)})
    return max(askers, MIN_PARENTS + seed % (MAX_PARENTS - MIN_PARENTS + 1))


def simulated_id(webinar_id: int, parent: int) -> int:
    """A negative user id per practice webinar and parent: no Telegram user has one."""
    return -(webinar_id * 1000 + parent)


def script(bank: Bank, seed: int, parents: int) -> list[Event]:
    rng = random.Random(seed)
    joins = {n: rng.uniform(0, JOIN_SECONDS) for n in range(1, parents + 1)}
    askers = list(range(1, parents + 1))
    rng.shuffle(askers)
    parent_of: dict[str, int] = {}
    events = [Event(at, parent) for parent, at in joins.items()]
    asked_before: dict[int, float] = {}
    for number, question in enumerate(bank.questions):
        key = question.parent or f"#{number}"
        if key not in parent_of:
            parent_of[key] = askers.pop()
        parent = parent_of[key]
        if parent in asked_before:
            at = asked_before[parent] + SECOND_QUESTION_AFTER
        else:
            at = joins[parent] + rng.uniform(20, 120)
        asked_before[parent] = at
        events.append(Event(at, parent, question))
    # Joins before questions at the same instant (a parent joins before asking).
    events.sort(key=lambda e: (e.at, e.question is not None, e.parent))
    return events
