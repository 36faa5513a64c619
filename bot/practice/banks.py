"""The question banks of the practice webinar (/oefenen): data files in
`bot/practice/banks/<theme>.json`, one per theme, which a coordinator can read and extend.

A bank holds questions, each with a `label` (questions with the same label are the same
question in other words: a gespreksleider would merge them) and optional marks:
`vague` (only names the theme), `masked` (carries a phone number or e-mail address the
bot must mask), `long` (a very long story), `language` (not Dutch, e.g. "tr"), and
`parent` (questions with the same value come from the same simulated parent, who asks
twice). `load_bank` checks that a bank holds every kind a trainee must meet."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

BANKS_DIR = Path(__file__).parent / "banks"
LONG_CHARS = 500  # a "long" question is at least this long


class BankQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1, max_length=60)
    text: str = Field(min_length=3, max_length=1000)
    vague: bool = False
    masked: bool = False
    long: bool = False
    language: str = "nl"
    parent: str | None = None


class Bank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    theme: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=120)
    questions: tuple[BankQuestion, ...]


class BankError(ValueError):
    """A bank file that is not what the practice webinar needs (names the file and why)."""


def _two_groups_of_three(questions: Sequence[BankQuestion]) -> bool:
    labels = Counter(q.label for q in questions if not q.vague)
    return sum(1 for n in labels.values() if n >= 3) >= 2


def _a_parent_asks_twice(questions: Sequence[BankQuestion]) -> bool:
    parents = Counter(q.parent for q in questions if q.parent)
    return any(n >= 2 for n in parents.values())


# What every practice must offer: what a bank lacking it is told, and the test.
_NEEDS: tuple[tuple[str, Callable[[Sequence[BankQuestion]], bool]], ...] = (
    ("needs two groups of three or more questions with the same label", _two_groups_of_three),
    ("needs a vague question (vague: true)", lambda qs: any(q.vague for q in qs)),
    (
        "needs a question with a phone number or e-mail address (masked: true)",
        lambda qs: any(q.masked for q in qs),
    ),
    (
        f"needs a long question (long: true, {LONG_CHARS}+ characters)",
        lambda qs: any(q.long and len(q.text) >= LONG_CHARS for q in qs),
    ),
    (
        'needs a question in Turkish (language: "tr")',
        lambda qs: any(q.language == "tr" for q in qs),
    ),
    (
        "needs a parent who asks twice (two questions with the same parent)",
        _a_parent_asks_twice,
    ),
)


def problems(bank: Bank) -> list[str]:
    """What a bank lacks of the kinds every practice must offer."""
    return [need for need, met in _NEEDS if not met(bank.questions)]


def load_bank(path: Path) -> Bank:
    try:
        bank = Bank.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as error:
        raise BankError(f"{path.name}: {error}") from error
    lacking = problems(bank)
    if lacking:
        raise BankError(f"{path.name}: " + "; ".join(lacking))
    return bank


@cache
def shipped_banks() -> dict[str, Bank]:
    """The banks shipped with the bot, by theme (read once)."""
    banks = [load_bank(path) for path in sorted(BANKS_DIR.glob("*.json"))]
    return {bank.theme: bank for bank in banks}
