"""No log level writes what people typed, their names, invite tokens or the bot token:
`ouderbot run --log-level DEBUG` as a real process, a whole flow, the log scanned."""

from __future__ import annotations

import io
import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.localapi import LocalBotApi
from bot.runtime.logging_setup import configure_logging
from storage.db import Database
from storage.webinars import WebinarDraft, WebinarRepository
from tests.bot_process import BotProcess, write_config
from tests.helpers import COORDINATOR_ID, TOKEN

QUESTION = "Krokodillenangst bij het slapengaan, wat doen we?"
PARENT_NAME = "Wendelijn"
STAFF_NAME = "Gertrude"
INVITE = re.compile(r"\?start=g-([A-Za-z0-9_-]+)")


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def seed_webinar(database: Path) -> None:
    db = await Database.open(database)
    try:
        # On today's date where the programme is (the config's default time zone: the
        # test config names none), or `/open` asks "not today, open anyway?": near
        # midnight, half an hour from now is tomorrow there, so the webinar then began
        # half an hour ago.
        now = datetime.now(ZoneInfo(Settings.model_fields["timezone"].default))
        starts = now + timedelta(minutes=30)
        if starts.date() != now.date():
            starts = now - timedelta(minutes=30)
        starts = starts.astimezone(UTC)
        await WebinarRepository(db).upsert(
            [WebinarDraft("slapen", "Slapen", "slapen", starts, starts + timedelta(hours=1), None)]
        )
    finally:
        await db.close()


async def test_debug_logging_writes_no_text_name_invite_token_or_bot_token(
    tmp_path: Path,
) -> None:
    database = tmp_path / "ouderbot.sqlite3"
    await seed_webinar(database)
    log_path = tmp_path / "bot.log"
    async with LocalBotApi(token=TOKEN, bot_username="ouderbot_test") as api:
        config = write_config(tmp_path / "c.toml", api.base_url, api.base_file_url, database)
        process = BotProcess(config, log_path, ("--log-level", "DEBUG"))
        await process.start()
        try:
            coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
            coordinator.send("/uitnodigen")
            choice = await coordinator.wait_for(has("Welke rol"), timeout=30)
            coordinator.tap("Gespreksleider", choice)
            created = await coordinator.wait_for(has("?start=g-"))
            match = INVITE.search(created["text"])
            assert match is not None
            invite_token = match.group(1)
            staff = api.user(800_301, first_name=STAFF_NAME, language_code="nl")
            staff.send(f"/start g-{invite_token}")
            await staff.wait_for(has("nu gespreksleider"))
            staff.send("/open slapen")
            await staff.wait_for(has("open voor vragen"))

            parent = api.user(5_000_301, first_name=PARENT_NAME, language_code="nl")
            parent.send("/start w-slapen")
            notice = await parent.wait_for(
                lambda m: any(":c:agree" in (d or "") for _, d in parent.buttons(m))
            )
            parent.press(notice, "1:c:agree")
            await parent.wait_for(has("Dank je! Je kunt nu"))
            parent.send(QUESTION)
            await parent.wait_for(has("in de rij"))
            staff.send("/volgende")
            await staff.wait_for(has("Krokodillenangst"))
        finally:
            assert await process.stop() == 0
    log = log_path.read_text(encoding="utf-8")
    assert " DEBUG " in log  # the level took effect
    assert " INFO " in log
    for secret in (
        "Krokodillenangst",
        PARENT_NAME,
        STAFF_NAME,
        invite_token,
        TOKEN,
        TOKEN.split(":")[1],
    ):
        assert secret not in log, f"the log holds {secret!r}"


def test_the_bot_token_is_redacted_from_messages_and_tracebacks() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    try:
        log = logging.getLogger("ouderbot.test")
        log.info("calling %s", f"https://api.telegram.org/bot{TOKEN}/getMe")
        try:
            raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
        except ConnectionError:
            log.exception("request failed")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    output = stream.getvalue()
    assert "request failed" in output
    assert "ConnectionError" in output
    assert output.count("<token>") == 2
    assert TOKEN.split(":")[1] not in output
