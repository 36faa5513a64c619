"""The trainee's report at the end of a practice webinar: how long until the first pull,
which merges matched the bank's labels, and what was left waiting."""

from __future__ import annotations

import html
from collections import Counter

from bot.core.i18n import Raw, Translator
from storage.practice import PracticeFacts

LEFT_LABELS = 5  # the labels listed under "left waiting"


def merge_matched(kept: str, merged: list[str]) -> bool:
    """A merge matched when every question folded in carries the kept question's label."""
    return bool(kept) and all(label == kept for label in merged)


def report_text(t: Translator, language: str, facts: PracticeFacts) -> str:
    lines = [t(language, "practice.report.heading")]
    if facts.first_action_at is None:
        lines.append(t(language, "practice.report.no_pull"))
    else:
        seconds = max(0, int((facts.first_action_at - facts.started_at).total_seconds()))
        lines.append(
            t(language, "practice.report.first_pull", minutes=seconds // 60, seconds=seconds % 60)
        )
    lines.append(
        t(
            language,
            "practice.report.counts",
            parents=t.count(language, "practice.report.parents", facts.joined),
            questions=t.count(language, "practice.report.questions", facts.asked),
            live=facts.answered_live,
            written=facts.answered_written,
            removed=facts.removed,
        )
    )
    if not facts.merges:
        lines.append(t(language, "practice.report.no_merges"))
    else:
        matched = sum(1 for kept, merged in facts.merges if merge_matched(kept, merged))
        lines.append(
            t(language, "practice.report.merges", matched=matched, count=len(facts.merges))
        )
        for kept, merged in facts.merges:
            if not merge_matched(kept, merged):
                others = ", ".join(sorted(set(merged) - {kept}))
                lines.append(
                    t(language, "practice.report.merge_mismatch", kept=kept, others=others)
                )
    if not facts.left:
        lines.append(t(language, "practice.report.nothing_left"))
    else:
        common = Counter(facts.left).most_common(LEFT_LABELS)
        labels = ", ".join(f"{html.escape(label)} ({n})" for label, n in common)
        lines.append(t(language, "practice.report.left", count=len(facts.left), labels=Raw(labels)))
    lines.append(t(language, "practice.report.again"))
    return "\n".join(lines)
