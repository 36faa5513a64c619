"""When the database cannot store (read-only, disk full), a parent hears "not saved, try
again", never a false acknowledgement; once the condition clears, the next question is
stored.

The conditions are made on the bot's own writer connection while it runs: ``PRAGMA
query_only`` refuses every write as a read-only file does (SQLITE_READONLY), and
``PRAGMA max_page_count`` caps the file so that a write needing a new page fails with
SQLITE_FULL, as on a full disk. (The tests run as root, for whom chmod changes nothing.)
"""

from __future__ import annotations

from typing import Any

from bot.app import Ouderbot
from bot.localapi import FakeUser, LocalBotApi
from tests.helpers import eventually
from tests.test_bad_input import parent_in_webinar

NOT_SAVED = "je bericht is niet bewaard"
QUEUED = "in de rij"


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def writer(bot: Ouderbot, pragma: str) -> Any:
    async with bot.services.db._writer.execute(pragma) as cursor:
        return await cursor.fetchone()


async def stored_texts(bot: Ouderbot) -> list[str]:
    rows = await bot.services.db.fetch_all("SELECT text FROM questions ORDER BY id")
    return [row["text"] for row in rows]


async def refused_without_acknowledgement(parent: FakeUser, api: LocalBotApi, text: str) -> None:
    parent.send(text)
    await parent.wait_for(has(NOT_SAVED))
    await api.wait_until_idle()
    assert not any(QUEUED in (m.get("text") or "") for m in parent.messages)


async def test_a_read_only_database_gives_not_saved_and_no_acknowledgement(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 4001)
    await writer(bot, "PRAGMA query_only = 1")
    await refused_without_acknowledgement(parent, api, "Hoe vaak mag mijn kind snoepen?")
    assert await stored_texts(bot) == []

    await writer(bot, "PRAGMA query_only = 0")
    parent.send("Hoe vaak mag mijn kind snoepen? (opnieuw)")
    await parent.wait_for(has(QUEUED))
    assert await stored_texts(bot) == ["Hoe vaak mag mijn kind snoepen? (opnieuw)"]


async def test_a_full_disk_gives_not_saved_and_the_next_question_after_it_clears_is_stored(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 4002)
    long_question = "Wat kost de opvang? " + "€" * 900  # about 2.7 kB: over half a page
    parent.send(long_question + " 1")
    await parent.wait_for(has(QUEUED))
    pages = (await writer(bot, "PRAGMA page_count"))[0]
    await writer(bot, f"PRAGMA max_page_count = {pages}")  # no page more: the disk is full

    parent.send(long_question + " 2")
    await parent.wait_for(has(NOT_SAVED))
    await api.wait_until_idle()
    assert sum(QUEUED in (m.get("text") or "") for m in parent.messages) == 1
    assert [text[-1] for text in await stored_texts(bot)] == ["1"]

    await writer(bot, "PRAGMA max_page_count = 1073741823")  # space again
    parent.send(long_question + " 3")
    await parent.wait_for(has(QUEUED))
    assert [text[-1] for text in await stored_texts(bot)] == ["1", "3"]


async def test_not_saved_is_said_in_the_parents_language(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = await parent_in_webinar(bot, api, 4005, "en")
    await writer(bot, "PRAGMA query_only = 1")
    parent.send("How often may my child have sweets?")
    await parent.wait_for(has("your message was not saved"), timeout=2)


async def test_forget_me_on_a_read_only_database_says_not_saved_and_erases_nothing(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 4003)
    parent.send("/vergeetmij")
    confirm = await parent.wait_for(has("Alles wissen?"))
    await writer(bot, "PRAGMA query_only = 1")
    query = parent.tap("🗑 Ja, wis alles", confirm)
    answer = await eventually(lambda: api.callback_answer(query))
    assert NOT_SAVED in answer["text"]
    assert answer.get("show_alert")
    await api.wait_until_idle()
    assert not any("gewist" in (m.get("text") or "") for m in parent.messages)
    await writer(bot, "PRAGMA query_only = 0")
    assert await bot.services.repos.users.get(parent.id) is not None
    assert await bot.services.repos.webinars.participant_ids(
        (await bot.services.repos.webinars.by_code("rust")).id  # type: ignore[union-attr]
    ) == [parent.id]


async def test_a_button_on_a_read_only_database_says_not_saved(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 4004)
    parent.send("Mag mijn kind alleen naar school fietsen?")
    ack = await parent.wait_for(has(QUEUED))
    await writer(bot, "PRAGMA query_only = 1")
    withdraw = next(d for _, d in parent.buttons(ack) if d and ":p:withdraw:" in d)
    query = parent.press(ack, withdraw.replace(":p:withdraw:", ":p:withdrawyes:"))
    answer = await eventually(lambda: api.callback_answer(query))
    assert NOT_SAVED in answer["text"]
    await writer(bot, "PRAGMA query_only = 0")
    rows = await bot.services.db.fetch_all("SELECT state FROM questions")
    assert [row["state"] for row in rows] == ["open"]
