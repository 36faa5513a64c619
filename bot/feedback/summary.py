"""Feedback figures for coordinators: what `/samenvatting` and the weekly digest show.

Pure domain code. Storage hands in `FeedbackSession`s (one per webinar or inloopmoment) and
`FeedbackAnswer` (one parent's answer to one feedback request, never carrying who the
parent is); `summarize` turns them into a `Summary`, `format_summary` into one Telegram
HTML message.

Privacy rules kept here rather than in the handler, so every caller gets them:

- a session with fewer than `MIN_RESPONSES_FOR_TEXT` responses has its free texts
  withheld (per session, as in the CSV export: `sessions_with_texts`): in a
  small inloop group the coordinator could otherwise recognise a parent by what they
  wrote, and tie it to their score;
- free texts are sorted alphabetically, never shown in the order they came in, so the
  order does not reveal who answered when.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel.numbers import format_decimal, format_percent

from bot.core.i18n import Translator, babel_locale
from bot.feedback.records import SCORES, FeedbackAnswer, FeedbackSession, Helped, clean_text
from bot.webinar.similarity import group_similar

MIN_RESPONSES_FOR_TEXT = 5
SCORE_FACES = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}

# Telegram's limit is 4,096 characters of the *parsed* text, counted in UTF-16 code units.
# We measure the HTML source the same way: tags and entities only make it longer than
# what Telegram counts, so staying under the limit here is always safe.
MESSAGE_LIMIT = 4096
MAX_HEADING_CHARS = 200
MAX_ITEM_CHARS = 200
BAR_WIDTH = 10
BAR_BLOCK = "▇"


@dataclass(frozen=True)
class Summary:
    sessions: int
    participants: int
    questions_asked: int
    questions_answered: int
    requests_sent: int
    responses: int
    response_rate: float | None  # responses / requests_sent; None when nothing was sent
    average_score: float | None  # over answers with a score only
    score_distribution: dict[int, int]  # keys 1..5 always present
    helped_share: float | None  # (yes + a_bit) / answers to the helped question
    helped_yes: int
    helped_a_bit: int
    helped_no: int
    takeaways: list[str]  # alphabetical; empty when text_withheld
    wishes: list[tuple[str, int]]  # (representative, count), biggest group first
    text_withheld: bool

    @property
    def scored(self) -> int:
        """How many responses carry a score (the base of the average)."""
        return sum(self.score_distribution.values())


def _alphabetical(texts: Sequence[str]) -> list[str]:
    return sorted(texts, key=lambda text: (text.casefold(), text))


def sessions_with_texts(responses: Sequence[FeedbackAnswer]) -> set[str]:
    """The sessions whose free texts may be shown: those with at least
    `MIN_RESPONSES_FOR_TEXT` responses. One rule for the summary and the CSV export."""
    per_session = Counter(answer.session_ref for answer in responses)
    return {ref for ref, count in per_session.items() if count >= MIN_RESPONSES_FOR_TEXT}


def summarize(sessions: Sequence[FeedbackSession], answers: Sequence[FeedbackAnswer]) -> Summary:
    """Figures over `sessions`; answers for sessions not in the list are ignored."""
    refs = {session.ref for session in sessions}
    responses = [a for a in answers if a.session_ref in refs and a.is_response]
    requests_sent = sum(s.requests_sent for s in sessions)

    distribution = dict.fromkeys(SCORES, 0)
    distribution.update(Counter(a.score for a in responses if a.score is not None))
    scored = sum(distribution.values())
    helped = Counter(a.helped for a in responses if a.helped is not None)
    helped_answers = sum(helped.values())

    # Per session, as the CSV export: a one-person inloop's texts stay out of a period's
    # summary even when the period has many responses.
    shown = sessions_with_texts(responses)
    withheld = not responses or len(shown) < len({a.session_ref for a in responses})
    texts = [a for a in responses if a.session_ref in shown]
    takeaways = _alphabetical([t for a in texts if (t := clean_text(a.takeaway))])
    wishes = group_wishes([w for a in texts if (w := clean_text(a.wish))])

    return Summary(
        sessions=len(sessions),
        participants=sum(s.participants for s in sessions),
        questions_asked=sum(s.questions_asked for s in sessions),
        questions_answered=sum(s.questions_answered for s in sessions),
        requests_sent=requests_sent,
        responses=len(responses),
        response_rate=len(responses) / requests_sent if requests_sent else None,
        average_score=(
            sum(score * n for score, n in distribution.items()) / scored if scored else None
        ),
        score_distribution=distribution,
        helped_share=(
            (helped[Helped.YES] + helped[Helped.A_BIT]) / helped_answers if helped_answers else None
        ),
        helped_yes=helped[Helped.YES],
        helped_a_bit=helped[Helped.A_BIT],
        helped_no=helped[Helped.NO],
        takeaways=takeaways,
        wishes=wishes,
        text_withheld=withheld,
    )


def group_wishes(wishes: Sequence[str]) -> list[tuple[str, int]]:
    """Similar topic wishes counted together: (representative, count), biggest first.

    `group_similar` names each group by its most typical member, ties going to the
    earlier text; sorting the texts first makes that the alphabetically first, never
    the first one sent. Groups of equal size are listed alphabetically.
    """
    texts = _alphabetical(wishes)
    groups = [(texts[cluster[0]], len(cluster)) for cluster in group_similar(texts) if cluster]
    return sorted(groups, key=lambda group: (-group[1], group[0].casefold(), group[0]))


def scores_over_time(answers: Sequence[FeedbackAnswer]) -> list[tuple[date, float, int]]:
    """Per session day, oldest first: (day, average score, number of scores)."""
    per_day: dict[date, list[int]] = defaultdict(list)
    for answer in answers:
        if answer.score is not None:
            per_day[answer.day].append(answer.score)
    return [(day, sum(s) / len(s), len(s)) for day, s in sorted(per_day.items())]


def scores_by_kind(
    sessions: Sequence[FeedbackSession], answers: Sequence[FeedbackAnswer]
) -> dict[str, list[tuple[date, float, int]]]:
    """`scores_over_time` apart for each kind of session ("webinar", "inloop"), so that a
    chart does not join a webinar's average to an inloopmoment's."""
    kinds = {session.ref: session.kind for session in sessions}
    by_kind: dict[str, list[FeedbackAnswer]] = defaultdict(list)
    for answer in answers:
        if answer.session_ref in kinds:
            by_kind[kinds[answer.session_ref]].append(answer)
    return {kind: scores_over_time(found) for kind, found in sorted(by_kind.items(), reverse=True)}


# --- Telegram text -------------------------------------------------------------------


def _units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bars(distribution: dict[int, int], language: str) -> list[str]:
    """'5 😄 ▇▇▇▇ 12', highest score on top, bars scaled to the biggest count."""
    biggest = max(distribution.values(), default=0)
    lines = []
    for score in sorted(SCORES, reverse=True):
        count = distribution.get(score, 0)
        width = int(count / biggest * BAR_WIDTH + 0.5) if biggest else 0  # half rounds up
        if count and not width:
            width = 1  # a single answer must stay visible next to a hundred others
        bar = BAR_BLOCK * width if width else "·"
        lines.append(f"{score} {SCORE_FACES[score]} {bar} {_number(count, language)}")
    return lines


def _number(value: int, language: str) -> str:
    return format_decimal(value, locale=babel_locale(language))


def _percent(value: float, language: str) -> str:
    return format_percent(value, locale=babel_locale(language))


def _fit(lines: Sequence[str], budget: int) -> int:
    """How many of `lines` (each followed by a newline) fit in `budget`."""
    used = 0
    for shown, line in enumerate(lines):
        used += _units(line) + 1
        if used > budget:
            return shown
    return len(lines)


def _share_budget(sections: Sequence[Sequence[str]], budget: int) -> list[int]:
    """Item counts per list so that all fit in `budget`, sharing it fairly.

    A list that needs less than an even share gets all it needs; the rest goes to the
    other. Two lists at most (take-aways and wishes).
    """
    needs = [sum(_units(line) + 1 for line in lines) for lines in sections]
    if sum(needs) <= budget:
        return [len(lines) for lines in sections]
    shares = [budget // len(sections)] * len(sections)
    for i, need in enumerate(needs):
        if need <= shares[i]:
            others = [j for j in range(len(sections)) if j != i]
            for j in others:
                shares[j] = (budget - need) // len(others)
            shares[i] = need
            break
    return [_fit(lines, share) for lines, share in zip(sections, shares, strict=True)]


def format_summary(summary: Summary, t: Translator, language: str, heading: str) -> str:
    """One Telegram HTML message, always under 4,096 characters.

    When the free texts do not all fit, each list is cut and ends with how many more
    there are (the CSV export has them all).
    """
    lang = language  # short: it is in every call below

    def num(value: int) -> str:
        return _number(value, lang)

    head = [
        t(lang, "summary.heading", heading=_shorten(heading.strip(), MAX_HEADING_CHARS)),
        "",
        t(
            lang,
            "summary.sessions",
            sessions=num(summary.sessions),
            participants=num(summary.participants),
        ),
        t(
            lang,
            "summary.questions",
            asked=num(summary.questions_asked),
            answered=num(summary.questions_answered),
        ),
    ]
    if summary.response_rate is None:
        head.append(t(lang, "summary.response_no_requests", responses=num(summary.responses)))
    else:
        head.append(
            t(
                lang,
                "summary.response",
                responses=num(summary.responses),
                requests=t.count(
                    lang,
                    "summary.requests",
                    summary.requests_sent,
                    number=num(summary.requests_sent),
                ),
                rate=_percent(summary.response_rate, lang),
            )
        )
    head.append("")
    if summary.average_score is None:
        head.append(t(lang, "summary.no_scores"))
    else:
        average = format_decimal(summary.average_score, format="0.0", locale=babel_locale(lang))
        head.append(t(lang, "summary.average", average=average, count=num(summary.scored)))
        head.extend(_bars(summary.score_distribution, lang))
    head.append("")
    if summary.helped_share is None:
        head.append(t(lang, "summary.helped_none"))
    else:
        head.append(
            t(
                lang,
                "summary.helped",
                share=_percent(summary.helped_share, lang),
                yes=num(summary.helped_yes),
                a_bit=num(summary.helped_a_bit),
                no=num(summary.helped_no),
            )
        )

    if summary.text_withheld:
        head += ["", t(lang, "summary.withheld", min=MIN_RESPONSES_FOR_TEXT)]
        return "\n".join(head)

    items = [
        [
            t(lang, "summary.takeaway_item", text=_shorten(text, MAX_ITEM_CHARS))
            for text in summary.takeaways
        ],
        [
            t(lang, "summary.wish_item", text=_shorten(text, MAX_ITEM_CHARS), count=num(count))
            for text, count in summary.wishes
        ],
    ]
    titles = [t(lang, "summary.takeaways_title"), t(lang, "summary.wishes_title")]
    empty = t(lang, "summary.empty_list")
    more_reserve = [_units(t(lang, "summary.more", count=num(len(lines)))) + 1 for lines in items]
    fixed = _units("\n".join(head)) + sum(_units(title) + 2 for title in titles)
    fixed += sum(_units(empty) + 1 for lines in items if not lines)
    budget = MESSAGE_LIMIT - fixed
    if sum(_units(line) + 1 for lines in items for line in lines) > budget:
        budget -= sum(more_reserve)
    shown = _share_budget(items, max(budget, 0))

    body = list(head)
    for title, lines, count in zip(titles, items, shown, strict=True):
        body += ["", title]
        body += lines[:count] if lines else [empty]
        if count < len(lines):
            body.append(t(lang, "summary.more", count=num(len(lines) - count)))
    return "\n".join(body)
