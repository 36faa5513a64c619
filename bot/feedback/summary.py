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
    distribution = _score_distribution(responses)
    helped = _helped_answers(responses)
    takeaways, wishes, withheld = _shown_texts(responses)
    return Summary(
        sessions=len(sessions),
        participants=sum(s.participants for s in sessions),
        questions_asked=sum(s.questions_asked for s in sessions),
        questions_answered=sum(s.questions_answered for s in sessions),
        requests_sent=requests_sent,
        responses=len(responses),
        response_rate=_ratio(len(responses), requests_sent),
        average_score=_average(distribution),
        score_distribution=distribution,
        helped_share=_ratio(helped[Helped.YES] + helped[Helped.A_BIT], sum(helped.values())),
        helped_yes=helped[Helped.YES],
        helped_a_bit=helped[Helped.A_BIT],
        helped_no=helped[Helped.NO],
        takeaways=takeaways,
        wishes=wishes,
        text_withheld=withheld,
    )


def _ratio(part: int, whole: int) -> float | None:
    """`part / whole`; None when there is nothing to divide by."""
    return part / whole if whole else None


def _average(distribution: dict[int, int]) -> float | None:
    """The average score over the responses that gave one; None when none did."""
    return _ratio(sum(score * n for score, n in distribution.items()), sum(distribution.values()))


def _helped_answers(responses: Sequence[FeedbackAnswer]) -> Counter[Helped]:
    """How many said other parents helped (yes, a bit, no), of those who answered that."""
    return Counter(a.helped for a in responses if a.helped is not None)


def _score_distribution(responses: Sequence[FeedbackAnswer]) -> dict[int, int]:
    """How many responses gave each score, every score 1..5 present."""
    distribution = dict.fromkeys(SCORES, 0)
    distribution.update(Counter(a.score for a in responses if a.score is not None))
    return distribution


def _shown_texts(
    responses: Sequence[FeedbackAnswer],
) -> tuple[list[str], list[tuple[str, int]], bool]:
    """The take-aways (alphabetical) and the grouped wishes of the sessions whose texts
    may be shown, and whether any session's texts were withheld (or there were none).

    Per session, as the CSV export: a one-person inloop's texts stay out of a period's
    summary even when the period has many responses."""
    shown = sessions_with_texts(responses)
    withheld = not responses or len(shown) < len({a.session_ref for a in responses})
    texts = [a for a in responses if a.session_ref in shown]
    takeaways = _alphabetical([t for a in texts if (t := clean_text(a.takeaway))])
    wishes = group_wishes([w for a in texts if (w := clean_text(a.wish))])
    return takeaways, wishes, withheld


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
    shares = _fair_shares(needs, budget)
    return [_fit(lines, share) for lines, share in zip(sections, shares, strict=True)]


def _fair_shares(needs: Sequence[int], budget: int) -> list[int]:
    """An even share of `budget` each, but the first list that needs less than its share
    gets just what it needs and the others share the rest."""
    shares = [budget // len(needs)] * len(needs)
    for i, need in enumerate(needs):
        if need <= shares[i]:
            others = [j for j in range(len(needs)) if j != i]
            for j in others:
                shares[j] = (budget - need) // len(others)
            shares[i] = need
            break
    return shares


def format_summary(summary: Summary, t: Translator, language: str, heading: str) -> str:
    """One Telegram HTML message, always under 4,096 characters.

    When the free texts do not all fit, each list is cut and ends with how many more
    there are (the CSV export has them all).
    """
    head = [
        *_overview_lines(summary, t, language, heading),
        "",
        *_score_lines(summary, t, language),
        "",
        _helped_line(summary, t, language),
    ]
    if summary.text_withheld:
        head += ["", t(language, "summary.withheld", min=MIN_RESPONSES_FOR_TEXT)]
        return "\n".join(head)
    return "\n".join(head + _text_lines(summary, t, language, _units("\n".join(head))))


def _overview_lines(summary: Summary, t: Translator, lang: str, heading: str) -> list[str]:
    """The heading, then sessions and participants, questions, responses to requests."""
    lines = [
        t(lang, "summary.heading", heading=_shorten(heading.strip(), MAX_HEADING_CHARS)),
        "",
        t(
            lang,
            "summary.sessions",
            sessions=_number(summary.sessions, lang),
            participants=_number(summary.participants, lang),
        ),
        t(
            lang,
            "summary.questions",
            asked=_number(summary.questions_asked, lang),
            answered=_number(summary.questions_answered, lang),
        ),
    ]
    responses = _number(summary.responses, lang)
    if summary.response_rate is None:
        lines.append(t(lang, "summary.response_no_requests", responses=responses))
        return lines
    requests = t.count(
        lang,
        "summary.requests",
        summary.requests_sent,
        number=_number(summary.requests_sent, lang),
    )
    rate = _percent(summary.response_rate, lang)
    lines.append(t(lang, "summary.response", responses=responses, requests=requests, rate=rate))
    return lines


def _score_lines(summary: Summary, t: Translator, lang: str) -> list[str]:
    """The average score and the bars of the distribution, or that there are none."""
    if summary.average_score is None:
        return [t(lang, "summary.no_scores")]
    average = format_decimal(summary.average_score, format="0.0", locale=babel_locale(lang))
    count = _number(summary.scored, lang)
    return [
        t(lang, "summary.average", average=average, count=count),
        *_bars(summary.score_distribution, lang),
    ]


def _helped_line(summary: Summary, t: Translator, lang: str) -> str:
    if summary.helped_share is None:
        return t(lang, "summary.helped_none")
    return t(
        lang,
        "summary.helped",
        share=_percent(summary.helped_share, lang),
        yes=_number(summary.helped_yes, lang),
        a_bit=_number(summary.helped_a_bit, lang),
        no=_number(summary.helped_no, lang),
    )


def _text_lines(summary: Summary, t: Translator, lang: str, used: int) -> list[str]:
    """The take-aways and the wishes, each under its title, cut to fit in what the
    message has left after `used` units; a cut list ends with how many more there are."""
    items = [
        [
            t(lang, "summary.takeaway_item", text=_shorten(text, MAX_ITEM_CHARS))
            for text in summary.takeaways
        ],
        [
            t(
                lang,
                "summary.wish_item",
                text=_shorten(text, MAX_ITEM_CHARS),
                count=_number(count, lang),
            )
            for text, count in summary.wishes
        ],
    ]
    titles = [t(lang, "summary.takeaways_title"), t(lang, "summary.wishes_title")]
    empty = t(lang, "summary.empty_list")
    more = [t(lang, "summary.more", count=_number(len(lines), lang)) for lines in items]
    budget = _text_budget(items, titles, empty, more, used)
    lines: list[str] = []
    for title, listed, count in zip(titles, items, _share_budget(items, budget), strict=True):
        lines += ["", title]
        lines += listed[:count] if listed else [empty]
        if count < len(listed):
            lines.append(t(lang, "summary.more", count=_number(len(listed) - count, lang)))
    return lines


def _text_budget(
    items: Sequence[Sequence[str]],
    titles: Sequence[str],
    empty: str,
    more: Sequence[str],
    used: int,
) -> int:
    """The units left for the items of the lists: the message limit less what is `used`,
    the titles, the "nothing" line of an empty list and, when the items do not all fit,
    room for each list's widest "and N more" line."""
    fixed = used + sum(_units(title) + 2 for title in titles)
    fixed += sum(_units(empty) + 1 for lines in items if not lines)
    budget = MESSAGE_LIMIT - fixed
    if sum(_units(line) + 1 for lines in items for line in lines) > budget:
        budget -= sum(_units(line) + 1 for line in more)
    return max(budget, 0)
