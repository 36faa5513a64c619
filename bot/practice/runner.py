"""Plays the practice webinars' scripts on the injected clock: every few seconds, the
simulated parents whose moment came join and ask, through the same question desk as a
real parent (masked, grouped, numbered). Nothing is sent to them: their ids are negative
and the outbox queues nothing for such ids (storage.outbox)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from bot.core.models import User, Webinar, WebinarState
from bot.core.text_input import clean_text
from bot.practice.banks import shipped_banks
from bot.practice.script import Event, script, simulated_id
from bot.runtime.background import PeriodicPass
from bot.services import Services
from storage.practice import PracticeSession

log = logging.getLogger(__name__)

TICK_SECONDS = 5.0


class PracticeRunner:
    def __init__(self, services: Services, queue_changed: Callable[[int], None] = lambda _: None):
        self.services = services
        self.queue_changed = queue_changed
        self.job = PeriodicPass("ouderbot-practice", self.tick, TICK_SECONDS)
        self._lock = asyncio.Lock()

    async def tick(self) -> int:
        """Play what is due in every running practice; returns how many events ran."""
        async with self._lock:
            done = 0
            for session in await self.services.repos.practice.running():
                done += await self._play(session)
            return done

    async def _play(self, session: PracticeSession) -> int:
        services = self.services
        repos = services.repos
        webinar = await repos.webinars.by_id(session.webinar_id)
        bank = shipped_banks().get(session.bank)
        if webinar is None or webinar.state is not WebinarState.OPEN or bank is None:
            return 0
        now = services.clock.now()
        elapsed = (now - session.started_at).total_seconds()
        events = script(bank, session.seed, session.parents)
        due = [
            (index, event)
            for index, event in enumerate(events)
            if index >= session.next_item and event.at <= elapsed
        ]
        for index, event in due:
            await self._act(webinar, index, event, now)
            await repos.practice.advance(webinar.id, index + 1)
        if due:
            log.info("practice webinar %d: %d simulated events", webinar.id, len(due))
            self.queue_changed(webinar.id)
        return len(due)

    async def _act(self, webinar: Webinar, index: int, event: Event, now: datetime) -> None:
        """One event of the script: a simulated parent joins, or asks the bank's question."""
        services = self.services
        user_id = simulated_id(webinar.id, event.parent)
        question = event.question
        if question is None:
            await services.repos.practice.join(webinar.id, user_id, "nl", now)
            return
        limit = services.settings.limits.question_max_chars
        text = clean_text(question.text, limit).text or question.text[:limit]
        parent = User(
            id=user_id,
            language=question.language,
            language_chosen=False,
            show_name=False,
            first_name=None,
            consent_version=1,
            current_webinar=webinar.id,
            active=True,
        )
        asked = await services.desk.ask(webinar, parent, index + 1, text)
        await services.repos.practice.label(asked.question.id, question.label)
