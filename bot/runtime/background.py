"""One background loop, shared by the outbox dispatcher and the planners."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class BackgroundLoop:
    """Runs `step` at once, then again every `interval` seconds or as soon as woken,
    until stopped. A failing step is logged and tried again at the next turn; `stop`
    lets the running step finish (so what it sent is also marked)."""

    def __init__(self, name: str, step: Callable[[], Awaitable[object]], interval: float):
        self.name = name
        self.step = step
        self.interval = interval
        self.stopping = False
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.stopping = False
        self._task = asyncio.create_task(self._run(), name=self.name)

    def wake(self) -> None:
        self._wake.set()

    @property
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        self.stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        while not self.stopping:
            try:
                await self.step()
            except Exception:
                log.exception("%s failed; trying again at the next turn", self.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            self._wake.clear()
