"""Keeping data no longer than needed, and forgetting a person on request.

`RetentionJob` runs at start and then once a day (by the injectable clock, checked every
few minutes). Each run:

* deletes question texts and shown names `retention_days` after their webinar ended
  (the question rows stay, so every count stays);
* clears the payload (the texts) of messages sent more than `retention_days` ago;
* forgets processed update ids older than two days (Telegram redelivers for a day);
* erases parents not seen for a year, as /vergeetmij would.

Feedback is unlinked from parents after `retention_days` by `bot.feedback.requests`.

When a parent was last seen is kept in memory by `ActivityLog` (one set insertion per
update) and written in one batch at every check, so the question path gets no extra write.

No Telegram and no SQL here: storage.privacy holds the statements.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.runtime.background import PeriodicPass
from bot.services import Services
from storage.privacy import Erasure

log = logging.getLogger(__name__)

CHECK_SECONDS = 300.0
RUN_EVERY = timedelta(days=1)
UPDATE_IDS_KEPT = timedelta(days=2)
INACTIVE_AFTER = timedelta(days=365)


async def forget_person(services: Services, user_id: int) -> Erasure:
    """Erase everything kept about `user_id` (one transaction), then what memory holds."""
    erasure = await services.repos.privacy.erase(user_id)
    await _after_erasure(services, user_id, erasure)
    # Ids only in the log: an organisation restoring a backup re-applies erasures from it.
    log.info("erased everything kept about user %d", user_id)
    return erasure


async def _after_erasure(services: Services, user_id: int, erasure: Erasure) -> None:
    services.activity.forget(user_id)
    services.awaiting_consent.pop(user_id, None)
    for question_id, _ in erasure.left_queue:
        await services.desk.left_queue(question_id)


@dataclass(frozen=True)
class RetentionReport:
    question_texts: int
    webinars: int
    payloads: int
    update_ids: int
    parents: int


class RetentionJob:
    def __init__(self, services: Services, *, check_seconds: float = CHECK_SECONDS):
        self.services = services
        self.check_seconds = check_seconds
        self.next_run: datetime | None = None  # None: at the first check
        self.last_report: RetentionReport | None = None
        self.checks = 0  # how many checks went by (for monitoring and tests)
        self.job = PeriodicPass(
            "ouderbot-retention", self.check, check_seconds, on_stop=self._flush_at_stop
        )
        self._lock = asyncio.Lock()

    @property
    def retention(self) -> timedelta:
        return timedelta(days=self.services.settings.privacy.retention_days)

    async def run(self) -> RetentionReport:
        """One retention run, now; safe to call any time."""
        async with self._lock:
            services = self.services
            repos = services.repos
            now = services.clock.now()
            await self.flush_activity()
            purged = await repos.privacy.purge_question_texts(now - self.retention, now)
            for webinar_id in purged.webinar_ids:
                services.desk.forget_webinar(webinar_id)
            payloads = await repos.privacy.clear_old_payloads(now - self.retention)
            update_ids = await repos.updates.forget_before(now - UPDATE_IDS_KEPT)
            # An update still in the inbox after that long will not be handled: its
            # texts go too.
            update_ids += await repos.inbox.forget_received_before(now - UPDATE_IDS_KEPT)
            today = now.astimezone(services.settings.zone).date().isoformat()
            inactive = [  # not one who wrote while this ran
                user_id
                for user_id in await repos.privacy.inactive_parents(now - INACTIVE_AFTER, today)
                if user_id not in services.activity
            ]
            for user_id, erasure in zip(
                inactive, await repos.privacy.erase_many(inactive), strict=True
            ):
                await _after_erasure(services, user_id, erasure)
                log.info("erased everything kept about user %d (inactive for a year)", user_id)
            report = RetentionReport(
                purged.questions, len(purged.webinar_ids), payloads, update_ids, len(inactive)
            )
            log.info("retention: %s", report)  # counts only
            self.last_report = report
            self.next_run = now + RUN_EVERY
            return report

    async def flush_activity(self) -> None:
        """Write who was seen since the last flush (one statement for all of them)."""
        seen = self.services.activity.take()
        try:
            await self.services.repos.privacy.record_seen(seen, self.services.clock.now())
        except Exception:
            self.services.activity.put_back(seen)
            raise

    async def check(self) -> None:
        """Flush activity, and run retention when a day has passed on the clock."""
        if self.next_run is None or self.services.clock.now() >= self.next_run:
            await self.run()
        else:
            await self.flush_activity()
        self.checks += 1

    def wake(self) -> None:
        """Check now (a test that moved the clock; the job otherwise checks by itself)."""
        self.job.wake()

    async def _flush_at_stop(self) -> None:
        try:
            await self.flush_activity()
        except Exception as error:  # a year-long window: a few lost visits do not matter
            log.warning("could not record who was seen at shutdown: %s", type(error).__name__)
