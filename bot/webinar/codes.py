"""Webinar codes a gespreksleider may have meant: `/open pubr` suggests `pubers`."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

MAX_SUGGESTIONS = 3


def close_codes(typed: str, known: Sequence[tuple[str, str]]) -> list[str]:
    """Codes of `known` (code, title) close to `typed`: a typo, a missing letter, the
    start of the code, or a word of the title; best first."""
    typed = typed.strip().lower()
    if not typed:
        return []
    codes = [code for code, _ in known]
    found = difflib.get_close_matches(typed, codes, n=MAX_SUGGESTIONS, cutoff=0.6)
    for code, title in known:
        if len(found) >= MAX_SUGGESTIONS:
            break
        if code not in found and _starts_like(typed, code, title):
            found.append(code)
    return found


def _starts_like(typed: str, code: str, title: str) -> bool:
    """`typed` is the start of the code (3+ letters) or of a word of the title (4+)."""
    if len(typed) >= 3 and code.startswith(typed):
        return True
    return len(typed) >= 4 and any(word.startswith(typed) for word in title.lower().split())
