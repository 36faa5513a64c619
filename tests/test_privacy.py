"""A parent's rights, end to end: /mijngegevens shows everything kept, /vergeetmij erases it.

The parent below has data in every place a parent can: a shown first name, two webinars,
questions (one still waiting), a vote, an inloop subscription with reminders queued,
sent notifications, and feedback with free text.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.inloop.programme_import import import_programme
from bot.localapi import FakeUser, LocalBotApi
from storage.questions import QuestionRepository
from tests.helpers import (
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    eventually,
    make_moderator,
    start_bot,
    texts,
    write_answer,
)

ROOT = Path(__file__).resolve().parent.parent
PARENT = 5_550_123_987  # an id that appears nowhere else, so a scan for it is meaningful
OTHER = 5_550_777_001
FIRST_NAME = "Wendelijn"
QUESTION_CLOSED = "Hoe stop ik ruzie aan tafel over spruitjes?"
QUESTION_OPEN = "Nachtmerries over krokodillen, wat kan ik doen?"
TAKEAWAY = "Vaste bedtijd met de knuffelgiraf"
WISH = "Zwemles en zindelijkheid"


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


def data_of(user: FakeUser, message: dict[str, Any], fragment: str) -> str:
    return next(data for _, data in user.buttons(message) if data and fragment in data)


async def agree(user: FakeUser, notice: dict[str, Any] | None = None) -> None:
    """Agree to the notice: `notice` is the message it came in (the welcome carries it)."""
    if notice is None:
        notice = await user.wait_for(
            lambda m: any(":c:agree" in (d or "") for _, d in user.buttons(m))
        )
    user.press(notice, "1:c:agree")
    await user.wait_for(has("Dank je! Je kunt nu"))


async def join(user: FakeUser, code: str, *, first_time: bool) -> dict[str, Any]:
    user.send(f"/start w-{code}")
    welcome = await user.wait_for(has("Welkom bij"))
    if first_time:
        await agree(user, welcome)
    return welcome


async def ask(user: FakeUser, text: str) -> dict[str, Any]:
    user.send(text)
    return await user.wait_for(has("in de rij"))


async def subscribe_to_inloop(bot: Ouderbot, user: FakeUser) -> None:
    services = bot.services
    await import_programme(
        (ROOT / "programme.example.csv").read_bytes(),
        services.repos.inloop, services.settings.zone, services.clock.now(),
    )  # fmt: skip
    user.send("/inloop")
    menu = await user.wait_for(lambda m: any(t == "Hoograven" for t, _ in user.buttons(m)))
    user.tap("Hoograven", menu)
    view = await user.wait_for(has("in Hoograven"))
    user.tap(next(t for t, _ in user.buttons(view) if t.startswith("🔔")), view)
    await user.wait_for(lambda m: any(t.startswith("🔕") for t, _ in user.buttons(m)))


async def give_feedback(user: FakeUser) -> None:
    request = await user.wait_for(has("Hoe was het?"))
    user.press(request, data_of(user, request, ":f:score:").rsplit(":", 1)[0] + ":4")
    helped = await user.wait_for(has("andere ouders"))
    user.tap("Ja", helped)
    await user.wait_for(has("Wat neem je mee?"))
    user.send(TAKEAWAY)
    await user.wait_for(has("volgende keer"))
    user.send(WISH)
    await user.wait_for(has("Dank je wel!"))


async def parent_with_everything(bot: Ouderbot, api: LocalBotApi) -> FakeUser:
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    await add_webinar(bot, "tafelen", "Eten zonder gedoe")
    night_id = await add_webinar(bot, "nachtrust", "Rustige nachten")
    parent = api.user(PARENT, first_name=FIRST_NAME)

    # Webinar 1: a question, the first name shown, closed, feedback given.
    moderator.send("/open tafelen")
    await moderator.wait_for(has("open voor vragen"))
    welcome = await join(parent, "tafelen", first_time=True)
    parent.press(welcome, data_of(parent, welcome, ":p:name:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    await ask(parent, QUESTION_CLOSED)
    moderator.send("/volgende")
    card = await moderator.wait_for(has("spruitjes"))
    moderator.press(card, data_of(moderator, card, ":q:write:"))
    await moderator.wait_for(has("Typ je antwoord op vraag"))
    await write_answer(moderator, "Laat spruitjes een keer weg.")
    await parent.wait_for(has("Antwoord op je vraag"))  # its payload holds both texts
    await close_webinar(moderator)
    await give_feedback(parent)

    # Webinar 2: another parent's question made visible and backed; a question waiting.
    moderator.send("/open nachtrust")
    await moderator.wait_for(has("open voor vragen"))
    other = api.user(OTHER, first_name="Ilse")
    await join(other, "nachtrust", first_time=True)
    await ask(other, "Hoe lang duurt een slaapregressie?")
    moderator.send("/volgende")
    card = await moderator.wait_for(has("slaapregressie"))
    moderator.press(card, data_of(moderator, card, ":q:show:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    await join(parent, "nachtrust", first_time=False)
    ack = await ask(parent, QUESTION_OPEN)
    parent.press(ack, data_of(parent, ack, f":p:list:{night_id}"))
    listing = await parent.wait_for(has("slaapregressie"))
    parent.tap("🙋 1", listing)
    await eventually(lambda: api.unanswered_callback_queries() == [])

    await subscribe_to_inloop(bot, parent)
    await api.wait_until_idle()
    return parent


def traces(database: Path, needles: list[int | str]) -> list[str]:
    """Every (table.column: needle) where a needle occurs, in any table of the database."""
    found = []
    with closing(sqlite3.connect(database)) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            for column in [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]:
                for needle in needles:
                    hits = conn.execute(
                        f'SELECT count(*) FROM "{table}" WHERE "{column}" = ?'
                        f' OR CAST("{column}" AS TEXT) LIKE ?',
                        (needle, f"%{needle}%"),
                    ).fetchone()[0]
                    if hits:
                        found.append(f"{table}.{column}: {needle}")
    return found


NEEDLES: list[int | str] = [
    PARENT,
    FIRST_NAME,
    "spruitjes",
    "krokodillen",
    "knuffelgiraf",
    "Zwemles",
    "Laat spruitjes",
]


async def test_my_data_shows_everything_kept_as_a_message_and_a_json_file(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_with_everything(bot, api)
    parent.send("/mijngegevens")
    text = (await parent.wait_for(has("Wat we van je bewaren")))["text"]
    for expected in (
        "Taal: 🇳🇱 Nederlands",
        "Akkoord met de privacyuitleg: versie 1, op dinsdag 1 december, 10:00",
        f"Je voornaam zien gespreksleiders bij je vragen: {FIRST_NAME}",
        "Je doet nu mee aan: Rustige nachten",
        "Webinars waaraan je meedeed (2)",
        "• Eten zonder gedoe (dinsdag 1 december)",
        QUESTION_CLOSED,
        QUESTION_OPEN + "\n  in de rij, 🙋 0",
        "• Rustige nachten, vraag",
        "• Inloop op de speeltuin (Hoograven)",
        "Herinneringen die nog verstuurd worden: 2",
        f"cijfer 4 van 5; andere ouders hielpen: ja; je neemt mee: “{TAKEAWAY}”",
        f"volgende keer: “{WISH}”",
        "/vergeetmij",
    ):
        assert expected in text, expected
    document = await parent.wait_for(lambda m: "document" in m)
    assert document["document"]["file_name"] == "mijngegevens.json"
    exported = json.loads(api.file_bytes(document["document"]["file_id"]))
    assert exported["telegram_user_id"] == PARENT
    assert exported["profile"]["first_name"] == FIRST_NAME
    assert exported["profile"]["consent_version"] == 1
    assert [q["text"] for q in exported["questions"]] == [QUESTION_CLOSED, QUESTION_OPEN]
    assert [w["code"] for w in exported["webinars"]] == ["tafelen", "nachtrust"]
    assert len(exported["votes"]) == 1
    assert exported["inloop_subscriptions"][0]["wijk"] == "Hoograven"
    assert exported["pending_reminders"] == 2
    assert exported["feedback"][0]["answer"] == {
        "score": 4,
        "helped": "yes",
        "takeaway": TAKEAWAY,
        "wish": WISH,
    }
    assert {m["kind"] for m in exported["messages"]} >= {"feedback.request", "inloop.reminder"}


async def test_my_data_in_english_for_an_english_parent(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = api.user(1101, first_name="Amy", language_code="en")
    parent.send("/mijngegevens")
    text = (await parent.wait_for(has("What we keep about you")))["text"]
    assert "Language: 🇬🇧 English" in text
    assert "Agreed to the privacy notice: not yet" in text
    assert "Your first name: not kept" in text
    document = await parent.wait_for(lambda m: "document" in m)
    assert "Everything we keep about you" in document["caption"]


async def test_a_long_history_is_cut_under_telegrams_limit_and_complete_in_the_file(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await add_webinar(bot, "lang")
    parent = api.user(1102, first_name="Bo")
    await bot.services.repos.users.ensure(parent.id, "nl", bot.services.clock.now())
    questions = QuestionRepository(bot.services.db)
    for number in range(60):
        await questions.add(
            webinar_id=webinar_id, asker_id=parent.id, source_msg=number,
            text=f"Vraag {number}: " + "waarom " * 120, shown_name=None,
            now=bot.services.clock.now(),
        )  # fmt: skip
    parent.send("/mijngegevens")
    message = await parent.wait_for(has("Wat we van je bewaren"))
    assert len(message["text"].encode("utf-16-le")) // 2 < 4096
    assert "… en nog" in message["text"]
    assert "meer (zie het bestand)" in message["text"]
    document = await parent.wait_for(lambda m: "document" in m)
    assert len(json.loads(api.file_bytes(document["document"]["file_id"]))["questions"]) == 60


async def test_forget_me_erases_everything_about_the_parent_from_every_table(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_with_everything(bot, api)
    database = bot.services.settings.storage.database
    assert len(traces(database, NEEDLES)) > 10  # the scan finds what is there
    before = await counts(bot)

    parent.send("/vergeetmij")
    confirm = await parent.wait_for(has("Alles wissen?"))
    assert [t for t, _ in parent.buttons(confirm)] == ["🗑 Ja, wis alles", "Nee, bewaar het"]
    parent.tap("🗑 Ja, wis alles", confirm)
    await parent.wait_for(has("We hebben alles gewist"))
    await api.wait_until_idle()

    assert traces(database, NEEDLES) == []
    # What the programme's figures are made of stays: the number of questions per webinar
    # (the parent's waiting question is no longer waiting), the vote on Ilse's question.
    after = await counts(bot)
    assert after["tafelen"] == before["tafelen"]
    assert after["nachtrust"]["total"] == before["nachtrust"]["total"]
    assert after["nachtrust"]["open"] == before["nachtrust"]["open"] - 1
    assert after["votes"] == before["votes"] == [1]
    assert traces(database, [OTHER, "slaapregressie"]) != []  # other parents keep theirs


async def counts(bot: Ouderbot) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for code in ("tafelen", "nachtrust"):
        webinar = await bot.services.repos.webinars.by_code(code)
        assert webinar is not None
        queue = await bot.services.repos.questions.counts(webinar.id)
        found[code] = {"total": queue.total, "answered": queue.answered, "open": queue.open}
    rows = await bot.services.db.fetch_all("SELECT votes FROM questions WHERE votes > 0")
    found["votes"] = [row["votes"] for row in rows]
    return found


async def test_forget_me_answered_no_keeps_everything(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = api.user(1103, first_name="Jet", language_code="en")
    parent.send("/vergeetmij")
    confirm = await parent.wait_for(has("Erase everything?"))
    parent.tap("No, keep it", confirm)
    await parent.wait_for(has("Fine, we erase nothing."))
    assert await bot.services.repos.users.get(parent.id) is not None
    assert parent.buttons(confirm) == []  # no button left to press by mistake later


async def test_a_moderator_is_told_the_role_goes_too_and_loses_it(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = api.user(MODERATOR_IDS[1], first_name="Gert")
    await make_moderator(bot, moderator.id)
    moderator.send("/vergeetmij")
    confirm = await moderator.wait_for(has("Alles wissen?"))
    assert "je bent ook gespreksleider. Die rol wissen we dan ook" in confirm["text"]
    moderator.tap("🗑 Ja, wis alles", confirm)
    await moderator.wait_for(has("We hebben alles gewist"))
    assert await bot.services.repos.users.roles_of(moderator.id) == frozenset()
    moderator.send("/volgende")
    await moderator.wait_for(has("alleen voor gespreksleiders"))


async def test_a_parent_who_comes_back_after_forget_me_starts_afresh(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(1104, first_name="Kim")
    await add_webinar(bot, "opnieuw", starts_in=timedelta(hours=1))
    await join(parent, "opnieuw", first_time=True)
    parent.send("/vergeetmij")
    parent.tap("🗑 Ja, wis alles", await parent.wait_for(has("Alles wissen?")))
    await parent.wait_for(has("We hebben alles gewist"))
    parent.send("Mag ik nog een vraag stellen?")
    await parent.wait_for(has("Je doet nu niet mee aan een webinar"))
    user = await bot.services.repos.users.get(parent.id)
    assert user is not None
    assert user.consent_version is None
    assert user.current_webinar is None


MERGED_ASKER = 5_550_888_002
SECRET_QUESTION = "Onze peuter wil niet slapen door krokodillenangst, wat moeten we doen?"


def database_files_holding(database: Path, needle: str) -> list[str]:
    """The database's files (main, -wal, -shm) whose raw bytes hold `needle`."""
    found = []
    for path in sorted(database.parent.glob(database.name + "*")):
        if needle.encode() in path.read_bytes():
            found.append(path.name)
    return found


async def test_forget_me_leaves_no_copy_of_the_question_in_any_database_file(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    """Not in another parent's message quoting it (a merged question's written answer),
    not in the WAL file, while the bot runs and after it stopped."""
    bot = await start_bot(settings, clock)
    try:
        moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
        await make_moderator(bot, moderator.id)
        await add_webinar(bot, "nachtrust", "Rustige nachten")
        moderator.send("/open nachtrust")
        await moderator.wait_for(has("open voor vragen"))
        parent = api.user(PARENT, first_name=FIRST_NAME)
        await join(parent, "nachtrust", first_time=True)
        await ask(parent, SECRET_QUESTION)
        other = api.user(MERGED_ASKER, first_name="Ilse")
        await join(other, "nachtrust", first_time=True)
        await ask(other, "Onze peuter wil niet slapen door angst, wat moeten we doen?")
        moderator.send("/volgende")
        card = await moderator.wait_for(has("krokodillenangst"))
        moderator.press(card, data_of(moderator, card, ":q:merge:"))
        # Merged: the card now offers to undo it.
        await moderator.wait_for(
            lambda m: (
                m["message_id"] == card["message_id"]
                and any(":q:undo:" in (d or "") for _, d in moderator.buttons(m))
            )
        )
        moderator.press(card, data_of(moderator, card, ":q:write:"))
        await moderator.wait_for(has("Typ je antwoord op vraag"))
        await write_answer(moderator, "Een nachtlampje in de vorm van een krokodil helpt.")
        # The other parent's copy quotes their own words, not the question of the parent
        # who is forgotten below.
        await other.wait_for(has("Onze peuter wil niet slapen door angst"))
        assert not any("krokodillenangst" in text for text in texts(other))
        await api.wait_until_idle()
        database = settings.storage.database
        assert database_files_holding(database, "krokodillenangst") != []

        parent.send("/vergeetmij")
        confirm = await parent.wait_for(has("Alles wissen?"))
        parent.tap("🗑 Ja, wis alles", confirm)
        await parent.wait_for(has("We hebben alles gewist"))
        await api.wait_until_idle()
        assert database_files_holding(database, "krokodillenangst") == []
        assert traces(database, ["Een nachtlampje"]) != []  # the other parent keeps theirs
    finally:
        await bot.stop()
    assert database_files_holding(database, "krokodillenangst") == []
    assert database_files_holding(database, "Een nachtlampje") != []  # the scan reads bytes
