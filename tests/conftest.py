"""Shared fixtures: a local Bot API server, a manual clock, and the real bot against them."""

from __future__ import annotations

import asyncio
import os
import shutil

# python-telegram-bot 22 warns (an error under our pytest settings) whenever it builds a
# RetryAfter unless durations are opted in to timedelta; the bot handles both forms.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from storage.db import Database
from tests.helpers import FAST, START, FastTimer, make_settings, running_api, running_bot


@pytest.fixture
def timer(request: pytest.FixtureRequest) -> FastTimer:
    """The flood limits' time, shared by the server and the bot: FAST times real time,
    or real time for a test marked `real_time` (it measures seconds on the wall)."""
    return FastTimer(1.0 if request.node.get_closest_marker("real_time") else FAST)


@pytest.fixture
async def api(timer: FastTimer) -> AsyncIterator[LocalBotApi]:
    async with running_api(timer) as server:
        yield server


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database opened once by `Database.open` (every migration applied), then closed."""
    path = tmp_path_factory.mktemp("template") / "ouderbot.sqlite3"

    async def create() -> None:
        await (await Database.open(path)).close()

    asyncio.run(create())
    return path


@pytest.fixture
def database_path(tmp_path: Path, migrated_template: Path) -> Path:
    """The test's own database file, a copy of the migrated template: the same file a
    first start makes, without applying the migrations for each of 500 tests (a fresh
    start's migrations are tested in tests/test_storage.py and the crash tests)."""
    path = tmp_path / "ouderbot.sqlite3"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A database of its own, opened fresh (its migrations applied), for the tests of the
    storage and the question desk without a bot."""
    database = await Database.open(tmp_path / "test.sqlite3")
    yield database
    await database.close()


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api)


@pytest.fixture
async def bot(settings: Settings, clock: ManualClock, api: LocalBotApi) -> AsyncIterator[Ouderbot]:
    async with running_bot(settings, clock, api) as running:
        yield running


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The tests marked slow (processes killed and restarted, the demo, 500-message
    # broadcasts) go first: spread over pytest-xdist's workers they then overlap with
    # the many short tests instead of running alone at the end.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
