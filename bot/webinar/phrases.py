"""Phrase rules of the lexicons: compiled, and skipped cheaply when a text cannot match.

A rule is a regular expression over a folded text (bot.webinar.lexicon) and what its
match is rewritten to ("s (avonds|nachts)" -> "s\\1"). Most texts match few of the
hundreds of rules, so each rule knows the plain text every match starts with (its
*leads*, `_leads`) and is tried only when a word of the text is, or starts like, one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GAP = "(?:\\w+ ){"


_META = set("\\()[]{}?*+.|^$")


def _split_top(pattern: str) -> list[str]:
    """The alternatives of a pattern at nesting depth 0."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "\\":
            continue
        if ch == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and pattern[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(part: str) -> int:
    """The index of the ")" closing the group `part` starts with."""
    depth = 0
    for i, ch in enumerate(part):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i
    return len(part) - 1


def _literal_prefix(part: str) -> str:
    """The plain text a pattern starts with (a letter made optional by "?" excluded)."""
    literal = ""
    for ch in part:
        if ch in _META:
            return literal[:-1] if ch in "?*{" else literal
        literal += ch
    return literal


def _leads(pattern: str) -> list[str] | None:
    """Plain text one of which every match of `pattern` starts with; None if unknown.

    A group the pattern starts with gives its own leads; an optional one ("(?:de )?kamer")
    those and the leads of what follows it."""
    leads: list[str] = []
    for part in _split_top(pattern):
        part = part.removeprefix("\\b")
        if part.startswith("("):
            found = _group_leads(part)
        else:
            literal = _literal_prefix(part)
            # One letter is a lead too ("i", Arabic "ب"): it still spares the rule for
            # every text without a word that starts with it.
            found = [literal] if literal else None
        if found is None:
            return None
        leads.extend(found)
    return leads


def _group_leads(part: str) -> list[str] | None:
    """The leads of an alternative that starts with a group: the group's, and when it is
    optional also those of what follows it; None if unknown."""
    end = _group_end(part)
    if part.startswith(("(?=", "(?!", "(?<=", "(?<!")):
        # A lookaround matches no text: every match starts like what follows it.
        rest = part[end + 1 :]
        return _leads(rest) if rest and rest[0] not in "?*+{" else None
    if part.startswith("(?") and not part.startswith("(?:"):
        return None  # a named group, a flag: not worth reading
    inner = _leads(part[3 if part.startswith("(?:") else 1 : end])
    quantifier, rest = part[end + 1 : end + 2], part[end + 2 :]
    if inner is None or quantifier in ("*", "{"):
        return None
    if quantifier != "?":
        return inner
    after = _leads(rest) if rest else None
    return None if after is None else inner + after


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern[str]
    replacement: str
    # Every match starts with one of the rule's leads (`_leads`) and at a word, so a text
    # can only match when one of its words is the first word of a lead of several words
    # ("hoe lang"), or starts like a lead of one ("slaa" for "slaa?p"); None: the rule
    # always runs.
    first_words: frozenset[str] | None
    word_starts: frozenset[str] | None

    def may_match(self, words: Words) -> bool:
        """False when the text of these words cannot match (spares most of the rules)."""
        if self.first_words is None or self.word_starts is None:
            return True
        return not (
            self.first_words.isdisjoint(words.whole) and self.word_starts.isdisjoint(words.starts)
        )

    def apply(self, text: str, words: Words | None = None) -> str:
        """The text with this rule applied; `words`: `Words.of(text)`, if known."""
        if not self.may_match(words or Words.of(text)):
            return text
        return self.pattern.sub(self.replacement, text)


@dataclass(frozen=True)
class Words:
    """A text's words, and every start of each ("hoe" -> "h", "ho", "hoe")."""

    whole: frozenset[str]
    starts: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Words:
        whole = frozenset(text.split())
        return cls(whole, frozenset(w[:end] for w in whole for end in range(1, len(w) + 1)))


def compile_phrase(pattern: str, replacement: str) -> Phrase:
    """Compile one phrase rule. Words a rule skips over ("hoeveel *moet een baby*
    slapen") are kept after its replacement: they may carry content of their own.

    Only the first gap's words are kept (and none in a pattern that has a capturing
    group: its own backreferences would be renumbered). Keeping every gap's words was
    measured on all tuning sets (tenth session): precision 0.971 -> 0.970, recall 0.714
    -> 0.712, as the lexicons were tuned with this behaviour."""
    leads = _leads(pattern)
    if _GAP in pattern and "(?:" in pattern and re.search(r"\((?!\?)", pattern) is None:
        start = pattern.index(_GAP)
        end = pattern.index("}", start) + 1
        pattern = f"{pattern[:start]}({pattern[start:end]}){pattern[end:]}"
        replacement = f"{replacement} \\1"
    first_words = word_starts = None
    if leads is not None:
        first_words = frozenset(lead.split(" ")[0] for lead in leads if " " in lead)
        word_starts = frozenset(lead for lead in leads if " " not in lead)
    # Wrapped, so that the word boundaries hold for every alternative of the pattern.
    return Phrase(re.compile(rf"\b(?:{pattern})\b"), replacement, first_words, word_starts)
