"""Background services: one start/stop protocol (`Service`), and the planners' periodic
passes on python-telegram-bot's JobQueue (`PeriodicPass`). The outbox dispatcher is the
other service (bot.delivery.dispatcher)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from telegram.ext import Job, JobQueue

log = logging.getLogger(__name__)


class Service(Protocol):
    """What the composition root starts and stops as a list (bot.app.Ouderbot)."""

    def start(self) -> None: ...

    async def stop(self) -> None: ...


class PeriodicPass:
    """A planner's periodic pass, run by python-telegram-bot's JobQueue (APScheduler):
    at once when started, then every `interval` seconds, and at once on `wake`. Passes
    never overlap; a failing pass is logged and tried again at the next turn. The rows
    in SQLite stay the truth: a pass only looks at what is due and queues it.

    `attach` gives it the application's job queue before `start`; `on_stop` runs after
    the last pass (e.g. retention writes who was seen)."""

    def __init__(
        self,
        name: str,
        step: Callable[[], Awaitable[object]],
        interval: float,
        on_stop: Callable[[], Awaitable[None]] | None = None,
    ):
        self.name = name
        self.step = step
        self.interval = interval
        self.on_stop = on_stop
        self._job_queue: JobQueue[Any] | None = None
        self._job: Job[Any] | None = None
        self._lock = asyncio.Lock()
        self._stopping = False

    def attach(self, job_queue: JobQueue[Any] | None) -> None:
        if job_queue is None:
            raise RuntimeError("the job-queue extra of python-telegram-bot is missing")
        self._job_queue = job_queue

    def start(self) -> None:
        assert self._job_queue is not None, "attach a job queue first"
        self._stopping = False
        self._job = self._job_queue.run_repeating(
            self._run,
            interval=self.interval,
            name=self.name,
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
        # APScheduler cannot start a repeating job "now" (see JobQueue.run_repeating):
        # the first pass is a one-off job.
        self.wake()

    def wake(self) -> None:
        """Run a pass now (the clock moved, or something was queued)."""
        if self._job_queue is not None and not self._stopping:
            self._job_queue.run_once(self._run, 0, name=f"{self.name}-now")

    @property
    def is_running(self) -> bool:
        return self._job is not None and not self._stopping

    async def stop(self) -> None:
        self._stopping = True
        if self._job is not None:
            self._job.schedule_removal()
            self._job = None
        async with self._lock:  # the pass in progress finishes
            pass
        if self.on_stop is not None:
            await self.on_stop()

    async def _run(self, _: object) -> None:
        if self._stopping:
            return
        async with self._lock:
            try:
                await self.step()
            except Exception:
                log.exception("%s failed; trying again at the next turn", self.name)
