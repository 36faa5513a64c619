"""Feedback requests: who is asked and when, what comes after each answer, the digest.

No Telegram here. After a webinar closes (or, for inloopmomenten, after an occurrence
ends) every parent gets one request: a row in ``feedback_requests`` and an outbox message,
written in one transaction and deduplicated, so a restart or a repeated close never asks
twice. A request is answered step by step (`Step`), each answer saved as it is given, and
can be answered for `FeedbackSettings.request_valid_hours` (48 by default).

`FeedbackPlanner.tick` is the durable part: it runs at start and every half minute, and
(re)creates what is due from the database alone: requests for webinars closed while the
close hook could not run, "were you there?" for inloopmomenten that ended, and the weekly
digest for coordinators.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from babel.numbers import format_decimal

from bot.config import Settings
from bot.core import callbacks
from bot.core.clock import Clock
from bot.core.i18n import babel_locale
from bot.core.models import OutgoingMessage, Role, Webinar
from bot.core.rendering import day as day_param
from bot.feedback.records import FLOW, Decide, FeedbackSession, Helped, Step
from bot.feedback.summary import summarize
from bot.inloop.recurrence import occurrences
from bot.runtime.background import PeriodicPass
from bot.services import Repositories

log = logging.getLogger(__name__)

TICK_SECONDS = 30.0
FREE_TEXT_MAX_CHARS = 1000
DIGEST_DAYS = 7


# Small integers in callback data (bot.core.callbacks "f"): helped answers and skippable steps.
HELPED_CODES = {1: Helped.YES, 2: Helped.A_BIT, 3: Helped.NO}
STEP_CODES = {1: Step.SCORE, 2: Step.HELPED, 3: Step.TAKEAWAY, 4: Step.WISH}
CODE_OF_STEP = {step: code for code, step in STEP_CODES.items()}

Buttons = list[list[tuple[str, str]]]


def after(step: Step) -> Step:
    """The step that follows `step` in the flow."""
    return FLOW[FLOW.index(step) + 1]


def _later(a: Step, b: Step) -> Step:
    return a if FLOW.index(a) >= FLOW.index(b) else b


def on_choice(answered: Step) -> Decide:
    """Score or helped pressed: saved at any point of the flow (pressing again changes the
    answer); the parent moves on to the question after it unless already further."""

    def decide(current: Step) -> Step | None:
        if current not in FLOW:
            return None
        return _later(current, after(answered))

    return decide


def on_step(step: Step) -> Decide:
    """Skip pressed, or free text typed: only for the question the parent is at now."""

    def decide(current: Step) -> Step | None:
        return after(step) if current is step else None

    return decide


def on_attendance(was_there: bool) -> Decide:
    def decide(current: Step) -> Step | None:
        if current is not Step.ATTENDANCE:
            return None
        return Step.SCORE if was_there else Step.ABSENT

    return decide


def prompt(request_id: int, step: Step) -> tuple[str, Buttons]:
    """The text key and buttons that ask `step` of request `request_id`."""
    skip_code = CODE_OF_STEP.get(step, 0)
    skip = [("feedback.button.skip", callbacks.FEEDBACK_SKIP.data(request_id, skip_code))]
    if step is Step.ATTENDANCE:
        return "feedback.ask.attendance", [
            [
                ("feedback.button.there_yes", callbacks.FEEDBACK_THERE.data(request_id, 1)),
                ("feedback.button.there_no", callbacks.FEEDBACK_THERE.data(request_id, 0)),
            ]
        ]
    if step is Step.SCORE:
        faces = [
            (f"feedback.button.score{n}", callbacks.FEEDBACK_SCORE.data(request_id, n))
            for n in range(1, 6)
        ]
        return "feedback.ask.score", [faces, skip]
    if step is Step.HELPED:
        choices = [
            (
                f"feedback.button.helped_{helped.value}",
                callbacks.FEEDBACK_HELPED.data(request_id, code),
            )
            for code, helped in HELPED_CODES.items()
        ]
        # A mis-tapped face can be changed: the faces come back, the flow stays here.
        rescore = [("feedback.button.rescore", callbacks.FEEDBACK_RESCORE.data(request_id))]
        return "feedback.ask.helped", [choices, rescore, skip]
    if step is Step.TAKEAWAY:
        return "feedback.ask.takeaway", [skip]
    if step is Step.WISH:
        return "feedback.ask.wish", [skip]
    if step is Step.ABSENT:
        return "feedback.absent", []
    return "feedback.thanks", []


def webinar_ref(webinar_id: int) -> str:
    return f"w:{webinar_id}"


def inloop_ref(series_id: int, day: date) -> str:
    return f"i:{series_id}:{day.isoformat()}"


def request_message(
    request_id: int, user_id: int, ref: str, title: str, step: Step, day: date
) -> OutgoingMessage:
    """The first message of a request, for the outbox: once per parent and session."""
    key, buttons = prompt(request_id, step)
    params: dict[str, Any] = {"title": title, "day": day_param(day), "question": {"text": key}}
    intro = "feedback.request.attendance" if step is Step.ATTENDANCE else "feedback.request.intro"
    return OutgoingMessage(
        user_id=user_id,
        kind="feedback.request",
        key=intro,
        params=params,
        buttons=buttons,
        dedup_key=f"feedback:{ref}:{user_id}",
    )


def digest_moment(settings: Settings, now: datetime) -> datetime | None:
    """The latest scheduled digest instant at or before `now`, None when switched off."""
    weekday = settings.feedback.digest_day
    if weekday is None:
        return None
    local = now.astimezone(settings.zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    moment = datetime.combine(day, settings.feedback.digest_clock, settings.zone)
    if moment > now:
        moment = datetime.combine(
            day - timedelta(days=7), settings.feedback.digest_clock, settings.zone
        )
    return moment


def format_average(value: float | None, language: str) -> str:
    if value is None:
        return "–"
    return format_decimal(value, format="0.0", locale=babel_locale(language))


class FeedbackPlanner:
    """Creates requests and digests from what the database says; runs a small loop."""

    def __init__(
        self,
        repos: Repositories,
        settings: Settings,
        clock: Clock,
        wake: Callable[[], None] = lambda: None,
    ):
        self.repos = repos
        self.settings = settings
        self.clock = clock
        self.wake = wake
        self.valid_for = timedelta(hours=settings.feedback.request_valid_hours)
        self.job = PeriodicPass("ouderbot-feedback", self.tick, TICK_SECONDS)
        self._lock = asyncio.Lock()

    # -- webinars ------------------------------------------------------------------------

    async def webinar_closed(self, webinar: Webinar) -> int:
        """Ask every parent who joined `webinar` (not its gespreksleiders or coordinators).
        A practice webinar (/oefenen) asks nobody and leaves no session behind."""
        if webinar.practice:
            return 0
        now = self.clock.now()
        staff = {user_id for user_id, _ in await self.repos.users.role_holders()}
        parents = [
            uid for uid in await self.repos.webinars.participant_ids(webinar.id) if uid not in staff
        ]
        counts = await self.repos.questions.counts(webinar.id)
        draft = FeedbackSession(
            ref=webinar_ref(webinar.id),
            kind="webinar",
            title=webinar.title,
            theme=webinar.theme,
            # Never a day still to come (a webinar opened and closed before its date).
            day=min(
                webinar.starts_at.astimezone(self.settings.zone).date(),
                now.astimezone(self.settings.zone).date(),
            ),
            ended_at=now,
            participants=len(parents),
            questions_asked=counts.total,
            questions_answered=counts.answered,
        )
        created = await self.repos.feedback.open_session(
            draft,
            parents,
            Step.SCORE,
            now,
            now + self.valid_for,
            counts_as_sent=True,
            message_for=lambda rid, uid: request_message(
                rid, uid, draft.ref, draft.title, Step.SCORE, draft.day
            ),
        )
        if created:
            log.info("feedback requested from %d parents", created)
            self.wake()
        return created

    async def catch_up_webinars(self, now: datetime) -> int:
        """Webinars closed recently whose requests were never created (a crash at close)."""
        created = 0
        for webinar_id in await self.repos.feedback.closed_webinars_without_session(
            now - self.valid_for
        ):
            webinar = await self.repos.webinars.by_id(webinar_id)
            if webinar is not None:
                created += await self.webinar_closed(webinar)
        return created

    # -- inloopmomenten ------------------------------------------------------------------

    async def inloop_ended(self, now: datetime) -> int:
        """Occurrences that ended within the answering window and were not asked yet.

        Cancelled occurrences are skipped, and so are occurrences nobody subscribed to
        (they would only fill the coordinators' list of sessions with empty rows).
        """
        created = 0
        since = now - self.valid_for
        for series in await self.repos.inloop.all_series():
            ended = [
                occurrence
                for occurrence in occurrences(
                    series.rule,
                    self.settings.zone,
                    start_after=since - timedelta(days=1),
                    until=now,
                )
                if since < occurrence.ends_at <= now
            ]
            if not ended:
                continue
            cancelled = await self.repos.inloop.cancelled_days(series.id)
            for occurrence in ended:
                ref = inloop_ref(series.id, occurrence.day)
                if occurrence.day in cancelled or await self.repos.feedback.has_session(ref):
                    continue
                subscribers = await self.repos.feedback.inloop_subscribers(
                    series.id, occurrence.ends_at
                )
                if subscribers:
                    created += await self.occurrence_ended(
                        series.id,
                        occurrence.day,
                        series.title,
                        series.theme or series.wijk,
                        occurrence.ends_at,
                        subscribers,
                    )
        return created

    async def occurrence_ended(
        self,
        series_id: int,
        day: date,
        title: str,
        theme: str,
        ended_at: datetime,
        subscribers: Sequence[int],
    ) -> int:
        """Ask an inloopmoment's subscribers "were you there?" (feedback follows a yes)."""
        now = self.clock.now()
        draft = FeedbackSession(
            ref=inloop_ref(series_id, day),
            kind="inloop",
            title=title,
            theme=theme,
            day=day,
            ended_at=ended_at,
        )
        created = await self.repos.feedback.open_session(
            draft,
            list(subscribers),
            Step.ATTENDANCE,
            now,
            ended_at + self.valid_for,
            counts_as_sent=False,
            message_for=lambda rid, uid: request_message(
                rid, uid, draft.ref, draft.title, Step.ATTENDANCE, draft.day
            ),
        )
        if created:
            self.wake()
        return created

    # -- the weekly digest ---------------------------------------------------------------

    async def queue_digest(self, now: datetime) -> int:
        """This week's digest for every coordinator, once (deduplicated per week)."""
        moment = digest_moment(self.settings, now)
        if moment is None or now - moment >= timedelta(days=1):
            return 0
        last = moment.astimezone(self.settings.zone).date() - timedelta(days=1)
        first = last - timedelta(days=DIGEST_DAYS - 1)
        feedback = self.repos.feedback
        prefix = f"digest:{first.isoformat()}:"
        if await feedback.outbox_has_prefix(prefix):
            return 0  # queued earlier (all coordinators at once)
        sessions = await feedback.sessions_between(first, last)
        summary = summarize(sessions, await feedback.answers_of(sessions))
        coordinators = {
            uid for uid, role in await self.repos.users.role_holders() if role is Role.COORDINATOR
        }
        messages = []
        for user_id in sorted(coordinators):
            user = await self.repos.users.get(user_id)
            if user is None:  # a configured coordinator who never wrote to the bot
                continue
            params: dict[str, Any] = {
                "first": day_param(first),
                "last": day_param(last),
                "sessions": summary.sessions,
                "responses": summary.responses,
                "average": format_average(summary.average_score, user.language),
            }
            messages.append(
                OutgoingMessage(
                    user_id=user_id,
                    kind="feedback.digest",
                    key="feedback.digest.text",
                    params=params,
                    buttons=[
                        [
                            (
                                "feedback.digest.open",
                                callbacks.SUMMARY_SHOW.data(4, first.toordinal()),
                            )
                        ]
                    ],
                    dedup_key=f"{prefix}{user_id}",
                )
            )
        added = await self.repos.outbox.add(
            messages, due_at=moment, now=now, expires_at=moment + timedelta(days=1)
        )
        if added:
            self.wake()
        return added

    # -- the loop ------------------------------------------------------------------------

    async def tick(self) -> int:
        """Everything due now; safe to call any time and as often as you like."""
        async with self._lock:  # the loop and a caller (a test, the demo) one at a time
            now = self.clock.now()
            done = await self.catch_up_webinars(now)
            done += await self.inloop_ended(now)
            done += await self.queue_digest(now)
            retention = timedelta(days=self.settings.privacy.retention_days)
            await self.repos.feedback.unlink_sessions_ended_before(now - retention)
            return done
