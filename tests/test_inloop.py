"""Inloopmomenten end to end: /inloop by buttons, /afgelasten and /bericht by a coordinator.

The real bot against the local Bot API server; the clock is a ManualClock at Tuesday
1 December 2026, 10:00 in Utrecht (09:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.inloop.programme_import import import_programme
from bot.localapi import FakeUser, LocalBotApi
from tests.helpers import COORDINATOR_ID, eventually, texts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "programme.example.csv"
SERIES = "Inloop op de speeltuin"  # Hoograven, Wednesdays 09:30-11:00 from 2 December 2026


async def load_example(bot: Ouderbot) -> None:
    services = bot.services
    await import_programme(
        EXAMPLE.read_bytes(),
        services.repos.inloop,
        services.settings.zone,
        services.clock.now(),
    )


async def series_id(bot: Ouderbot, title: str = SERIES) -> int:
    return next(s.id for s in await bot.services.repos.inloop.all_series() if s.title == title)


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def open_wijk(parent: FakeUser, wijk: str = "Hoograven") -> dict[str, Any]:
    parent.send("/inloop")
    menu = await parent.wait_for(lambda m: any(t == wijk for t, _ in parent.buttons(m)))
    parent.tap(wijk, menu)
    return await parent.wait_for(has(f"in {wijk}"))


async def subscribe(
    parent: FakeUser, title: str = SERIES, wijk: str = "Hoograven"
) -> dict[str, Any]:
    view = await open_wijk(parent, wijk)
    remind = next(t for t, _ in parent.buttons(view) if title in t and t.startswith("🔔"))
    parent.tap(remind, view)
    return await parent.wait_for(lambda m: any(t.startswith("🔕") for t, _ in parent.buttons(m)))


async def pending_reminders(bot: Ouderbot, user_id: int) -> list[str]:
    rows = await bot.services.db.fetch_all(
        "SELECT dedup_key FROM outbox WHERE user_id = ? AND state = 'pending'"
        " AND kind = 'inloop.reminder' ORDER BY due_at",
        (user_id,),
    )
    return [row["dedup_key"] for row in rows]


async def test_parent_subscribes_and_unsubscribes_by_buttons(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await load_example(bot)
    parent = api.user(1001, "Sanne")
    view = await subscribe(parent)
    sid = await series_id(bot)
    assert "Volgende keer: woensdag 2 december, 09:30 tot 11:00" in view["text"]
    assert "Speeltuin De Pan" in view["text"]
    assert "Je krijgt hiervoor een herinnering" in view["text"]
    assert await bot.services.repos.inloop.subscribed_ids(parent.id) == {sid}
    # Tonight 19:00 and tomorrow 08:30 (the next week's session is beyond the horizon).
    assert await pending_reminders(bot, parent.id) == [
        f"rem:{sid}:2026-12-02:evening:{parent.id}",
        f"rem:{sid}:2026-12-02:before:{parent.id}",
    ]

    parent.tap(f"🔕 Stop: {SERIES}", view)
    await parent.wait_for(
        lambda m: any(
            t.startswith("🔔 Herinner mij: Inloop op de speeltuin") for t, _ in parent.buttons(m)
        )
    )
    assert await bot.services.repos.inloop.subscribed_ids(parent.id) == set()
    assert await pending_reminders(bot, parent.id) == []


async def test_wijk_list_shows_every_wijk_with_sessions_and_back_button_returns_to_it(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await load_example(bot)
    parent = api.user(1001)
    view = await open_wijk(parent, "Overvecht")
    assert "Ouders met jonge kinderen" in view["text"]
    assert "Taalcafé voor moeders" in view["text"]
    parent.tap("⬅️ Andere wijk", view)
    menu = await parent.wait_for(has("In welke wijk"))
    names = [text for text, _ in parent.buttons(menu)]
    assert names == sorted(names)
    assert "Dichterswijk" in names
    assert "Zuilen" in names


async def test_inloop_without_programme_says_so(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = api.user(1001)
    parent.send("/inloop")
    await parent.wait_for(has("geen inloopmomenten"))


async def test_stop_button_under_a_reminder_ends_the_subscription(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await load_example(bot)
    parent = api.user(1001)
    await subscribe(parent)
    clock.set(datetime(2026, 12, 1, 18, 0, tzinfo=UTC))  # 19:00 in Utrecht
    await bot.dispatcher.send_due()
    reminder = await parent.wait_for(has("Morgen: Inloop op de speeltuin"))
    parent.tap("🔕 Geen herinneringen meer hiervoor", reminder)
    await eventually(lambda: parent.buttons(reminder) == [])
    assert await bot.services.repos.inloop.subscribed_ids(parent.id) == set()
    assert await pending_reminders(bot, parent.id) == []


async def test_cancellation_reaches_every_subscriber_and_suppresses_the_reminders(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await load_example(bot)
    parents = [api.user(1001, language_code="nl"), api.user(1002, language_code="en")]
    for parent in parents:
        await subscribe(parent)
    bystander = api.user(1003)
    await open_wijk(bystander)

    coordinator = api.user(COORDINATOR_ID, "Cor")
    coordinator.send("/afgelasten")
    choice = await coordinator.wait_for(has("Welk inloopmoment"))
    coordinator.tap(f"Hoograven: {SERIES}", choice)
    days = await coordinator.wait_for(has("Welke datum"))
    coordinator.tap("woensdag 2 december, 09:30", days)
    await coordinator.wait_for(has("Typ nu in één bericht de reden"))
    coordinator.send("De speeltuin is dicht door storm <b>")
    await coordinator.wait_for(has("2 ouders krijgen nu bericht"))

    dutch = await parents[0].wait_for(has("Gaat niet door: Inloop op de speeltuin"))
    assert "Reden: De speeltuin is dicht door storm <b>" in dutch["text"]
    english = await parents[1].wait_for(has("Cancelled: Inloop op de speeltuin"))
    assert "Wednesday 2 December, 09:30" in english["text"]
    assert not any("Gaat niet door" in t for t in texts(bystander))

    evening = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # 19:00 local
    before = datetime(2026, 12, 2, 7, 30, tzinfo=UTC)  # 08:30 local
    for moment in (evening, before):
        clock.set(moment)
        await bot.reminders.run_pass()
        await bot.dispatcher.send_due()
    await api.wait_until_idle()
    for parent in parents:
        assert not any(
            "Morgen" in t or "Tomorrow" in t or "Straks" in t or "Soon" in t for t in texts(parent)
        )
    view = await open_wijk(bystander)
    assert "Die keer gaat niet door" in view["text"]
    # The coordinator's reason was not taken for a question, and nothing is left pending.
    assert not any("webinar" in t.lower() for t in texts(coordinator))
    assert await bot.services.repos.inloop.draft(COORDINATOR_ID) is None


async def test_a_cancelled_date_is_no_longer_offered_for_cancelling(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await load_example(bot)
    coordinator = api.user(COORDINATOR_ID)
    for expected in ("woensdag 2 december, 09:30", "woensdag 9 december, 09:30"):
        coordinator.send("/afgelasten")
        choice = await coordinator.wait_for(has("Welk inloopmoment"))
        coordinator.tap(f"Hoograven: {SERIES}", choice)
        days = await coordinator.wait_for(has("Welke datum"))
        first = coordinator.buttons(days)[0][0]
        assert first == expected
        coordinator.tap(first, days)
        await coordinator.wait_for(has("reden"))
        coordinator.send("Ziek")
        await coordinator.wait_for(has("Afgelast"))
    assert await bot.services.repos.inloop.cancelled_days(await series_id(bot)) == {
        date(2026, 12, 2),
        date(2026, 12, 9),
    }


async def test_coordinator_can_stop_halfway_and_the_next_text_is_then_a_normal_message(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await load_example(bot)
    await subscribe(api.user(1001))
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/bericht")
    choice = await coordinator.wait_for(has("Voor welke reeks"))
    coordinator.tap(f"Hoograven: {SERIES}", choice)
    prompt = await coordinator.wait_for(has("Typ nu je bericht"))
    coordinator.tap("✖️ Stoppen", prompt)
    await coordinator.wait_for(has("Gestopt"))
    coordinator.send("Hallo")
    reply = await coordinator.wait_for()
    assert "Je bericht gaat naar" not in reply["text"]
    # Another command abandons the step just as well.
    coordinator.send("/bericht")
    choice = await coordinator.wait_for(has("Voor welke reeks"))
    coordinator.tap(f"Hoograven: {SERIES}", choice)
    await coordinator.wait_for(has("Typ nu je bericht"))
    coordinator.send("/help")
    await coordinator.wait_for(has("Wat kun je doen?"))
    coordinator.send("Hallo")
    reply = await coordinator.wait_for()
    assert "Je bericht gaat naar" not in reply["text"]
    rows = await bot.services.db.fetch_all("SELECT * FROM inloop_announcements")
    assert rows == []


async def test_announcement_reaches_the_subscribers_of_that_series_only(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await load_example(bot)
    subscriber = api.user(1001)
    await subscribe(subscriber)
    other = api.user(1002)
    other.send("/inloop")
    await other.wait_for(has("In welke wijk"))

    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/bericht")
    choice = await coordinator.wait_for(has("Voor welke reeks"))
    coordinator.tap(f"Hoograven: {SERIES}", choice)
    await coordinator.wait_for(has("1 aangemelde ouder van"))
    coordinator.send("Neem deze week een regenjas mee & laarzen!")
    preview = await coordinator.wait_for(has("Controleer je bericht"))
    assert "Neem deze week een regenjas mee &amp; laarzen!" in preview["text"] or (
        "regenjas" in preview["text"]
    )
    await api.wait_until_idle()
    assert not any("regenjas" in t for t in texts(subscriber))  # not before "Versturen"
    coordinator.tap("📤 Versturen", preview)
    await coordinator.wait_for(has("Je bericht gaat naar 1 ouder."))
    message = await subscriber.wait_for(has("Bericht over Inloop op de speeltuin (Hoograven)"))
    assert "Neem deze week een regenjas mee & laarzen!" in message["text"]
    await api.wait_until_idle()
    assert not any("regenjas" in t for t in texts(other))


async def test_parents_cannot_cancel_or_announce(bot: Ouderbot, api: LocalBotApi) -> None:
    await load_example(bot)
    parent = api.user(1001)
    parent.send("/afgelasten")
    await parent.wait_for(has("alleen voor coördinatoren"))
    parent.send("/bericht")
    await parent.wait_for(has("alleen voor coördinatoren"))
    # A forged coordinator button does nothing but say no.
    from bot.core import callbacks

    menu = parent.messages[-1]
    query = parent.press(menu, callbacks.INLOOP_CANCEL.data(await series_id(bot), 20261202))
    await eventually(lambda: api.callback_answer(query) is not None)
    assert "coördinatoren" in api.callback_answer(query)["text"]  # type: ignore[index]
    assert await bot.services.repos.inloop.cancelled_days(await series_id(bot)) == set()


async def test_a_message_to_a_series_nobody_signed_up_for_says_so_before_the_text(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await load_example(bot)
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/bericht")
    choice = await coordinator.wait_for(has("Voor welke reeks"))
    coordinator.tap(f"Hoograven: {SERIES}", choice)
    told = await coordinator.wait_for(has("heeft nog geen ouder zich aangemeld"))
    assert "Typ nu" not in told["text"]
    assert await bot.services.repos.inloop.draft(COORDINATOR_ID) is None


async def test_cancelling_can_be_stopped_at_the_first_step(bot: Ouderbot, api: LocalBotApi) -> None:
    await load_example(bot)
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/afgelasten")
    choice = await coordinator.wait_for(has("Welk inloopmoment wil je afgelasten?"))
    coordinator.tap("✖️ Stoppen", choice)
    await coordinator.wait_for(has("Gestopt"))
    assert await bot.services.repos.inloop.cancelled_days(await series_id(bot)) == set()


async def test_a_wijk_with_many_series_is_paged_never_cut(bot: Ouderbot, api: LocalBotApi) -> None:
    from datetime import date, time

    from bot.inloop.records import InloopSeries
    from bot.inloop.recurrence import Recurrence, SeriesRule

    rule = SeriesRule(date(2026, 12, 2), time(9, 30), time(11, 0), Recurrence("wekelijks"))
    long_place = "Buurthuis De Boog, Vlampijpstraat 1, ingang aan de achterkant bij het plein " * 2
    drafts = [
        InloopSeries(
            f"Inloop nummer {n:02d} <voor ouders & kinderen>",
            "opvoeden",
            "Zuilen",
            long_place,
            "Buurtteam Zuilen & DOCK & JoU, met koffie, thee en iets lekkers voor de kinderen",
            rule,
            key=f"zuilen-{n}",
        )
        for n in range(1, 26)
    ]
    await bot.services.repos.inloop.upsert_series(drafts, bot.services.clock.now())
    parent = api.user(1001)
    view = await open_wijk(parent, "Zuilen")
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        assert len(view["text"]) < 4096
        assert view["text"].rstrip().endswith("kort van tevoren.")  # whole, to the footer
        seen += [line for line in view["text"].splitlines() if "Inloop nummer" in line]
        if "Volgende ➡️" not in [label for label, _ in parent.buttons(view)]:
            break
        parent.tap("Volgende ➡️", view)
        view = await parent.wait_for(has(f"Pagina {pages + 1} van"))
    assert pages > 1
    assert len(seen) == 25
    assert len(set(seen)) == 25
    # Back a page, and a reminder set on that page keeps the parent there.
    parent.tap("⬅️ Vorige", view)
    view = await parent.wait_for(has(f"Pagina {pages - 1} van"))
    remind = next(t for t, _ in parent.buttons(view) if t.startswith("🔔"))
    parent.tap(remind, view)
    view = await parent.wait_for(lambda m: any(t.startswith("🔕") for t, _ in parent.buttons(m)))
    assert f"Pagina {pages - 1} van" in view["text"]
