"""`/oefenen`: a practice webinar with simulated parents, end to end through the real bot,
and proof that it reaches no parent and changes no figure."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import QuestionState
from bot.feedback.export import export_csv
from bot.feedback.summary import format_summary, summarize
from bot.localapi import LocalBotApi
from bot.monitor.report import files, gather
from bot.practice.banks import BankError, load_bank, problems, shipped_banks
from bot.practice.script import MAX_PARENTS, MIN_PARENTS, parents_for, script
from tests.board_helpers import WEB, call, init_data
from tests.helpers import (
    MODERATOR_IDS,
    close_webinar,
    eventually,
    make_moderator,
    make_settings,
    webinar_opened_by_gert,
    write_answer,
)
from tests.monitor_seed import seed_half_year


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


def button(user: Any, message: dict[str, Any], action: str) -> str:
    return next(data for _, data in user.buttons(message) if f":{action}:" in data)


async def pull(trainee: Any) -> dict[str, Any]:
    trainee.send("/volgende")
    return await trainee.wait_for(lambda m: ":q:asked:" in str(m.get("reply_markup")))


async def figures(bot: Ouderbot) -> tuple[str, bytes, list[tuple[str, bytes]]]:
    """Everything a coordinator can read: the summary, the export and the monitor files."""
    services = bot.services
    sessions = await services.repos.feedback.sessions_between(date(2026, 1, 1), date(2026, 12, 31))
    answers = await services.repos.feedback.answers_of(sessions)
    summary = format_summary(summarize(sessions, answers), services.t, "nl", "2026")
    report = await gather(
        services.repos,
        services.settings.zone,
        services.t,
        "nl",
        date(2026, 1, 1),
        date(2026, 12, 31),
        services.clock.now(),
    )
    return summary, export_csv(sessions, answers), files(report, services.t, "nl")


def test_every_shipped_bank_holds_every_kind_of_question() -> None:
    banks = shipped_banks()
    assert len(banks) >= 3
    for bank in banks.values():
        assert problems(bank) == []


def test_a_bank_without_a_turkish_question_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(
        '{"theme": "x", "title": "X", "questions": [{"label": "a", "text": "Hoe dan?"}]}'
    )
    with pytest.raises(BankError, match="Turkish"):
        load_bank(path)


def test_a_bank_is_told_each_kind_of_question_it_lacks() -> None:
    bank = shipped_banks()["slapen"]
    one = bank.model_copy(update={"questions": bank.questions[:1]})
    assert [need.split(" (")[0] for need in problems(one)] == [
        "needs two groups of three or more questions with the same label",
        "needs a vague question",
        "needs a question with a phone number or e-mail address",
        "needs a long question",
        "needs a question in Turkish",
        "needs a parent who asks twice",
    ]
    without_vague = bank.model_copy(
        update={"questions": tuple(q for q in bank.questions if not q.vague)}
    )
    assert problems(without_vague) == ["needs a vague question (vague: true)"]


def test_the_script_brings_20_to_60_parents_within_minutes_and_every_question_once() -> None:
    bank = shipped_banks()["slapen"]
    for seed in (0, 7, 40, 12345):
        parents = parents_for(seed, bank)
        assert MIN_PARENTS <= parents <= MAX_PARENTS
        events = script(bank, seed, parents)
        assert sum(1 for e in events if e.question is None) == parents
        assert [e.question for e in events if e.question] == sorted(
            bank.questions, key=lambda q: next(e.at for e in events if e.question is q)
        )
        assert len([e for e in events if e.question]) == len(bank.questions)
        assert max(e.at for e in events) < 6 * 60
        twice = [e.parent for e in events if e.question and e.question.parent == "twice"]
        assert len(twice) == 2
        assert twice[0] == twice[1]
    assert script(bank, 7, 30) == script(bank, 7, 30)  # the same seed, the same script


async def test_a_practice_webinar_end_to_end_reaches_no_parent_and_changes_no_figure(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    services = bot.services
    await seed_half_year(services.db)
    before = await figures(bot)
    trainee = api.user(MODERATOR_IDS[0], first_name="Tess", language_code="nl")
    await make_moderator(bot, trainee.id)

    trainee.send("/oefenen slapen")
    started = await trainee.wait_for(lambda m: "Oefenwebinar gestart" in m["text"])
    parents = int(re.search(r"komen (\d+) nagespeelde ouders", started["text"]).group(1))  # type: ignore[union-attr]
    assert MIN_PARENTS <= parents <= MAX_PARENTS
    await trainee.wait_for(lambda m: ":panel:next:" in str(m.get("reply_markup")))
    running = await services.repos.practice.running_of(trainee.id)
    assert running is not None
    webinar_id = running.webinar_id

    clock.advance(timedelta(minutes=1))
    await bot.practice.tick()
    early = await services.repos.questions.counts(webinar_id)
    assert 0 < early.total < 20  # they arrive over minutes, on the clock
    clock.advance(timedelta(minutes=6))
    await bot.practice.tick()
    assert (await services.repos.questions.counts(webinar_id)).total == 20
    facts = await services.repos.practice.facts(webinar_id)
    assert facts is not None
    assert facts.joined == parents
    stored = await services.db.fetch_all(
        "SELECT text FROM questions WHERE webinar_id = ?", (webinar_id,)
    )
    assert not any("06-12345678" in row["text"] for row in stored)  # masked as for a parent
    assert any("[telefoon]" in row["text"] for row in stored)

    # The trainee pulls, merges, puts a question, answers one in writing, shows one.
    card = await pull(trainee)
    trainee.press(card, button(trainee, card, "merge"))
    merged = await trainee.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "🔗" not in str(trainee.buttons(m))
    )
    trainee.press(merged, button(trainee, merged, "asked"))
    await trainee.wait_for(lambda m: "is gesteld" in m["text"])
    card = await pull(trainee)
    trainee.press(card, button(trainee, card, "write"))
    await trainee.wait_for(lambda m: "Typ je antwoord" in m["text"])
    await write_answer(trainee, "Probeer een vast avondritueel.")
    await trainee.wait_for(lambda m: "is verstuurd" in m["text"])
    card = await pull(trainee)
    shown = trainee.press(card, button(trainee, card, "show"))
    answer = await eventually(lambda: api.callback_answer(shown))
    assert "Andere ouders zien deze vraag nu" in answer["text"]
    # ... and looks at the board: the practice is their webinar there.
    status, board = await call(bot, "GET", "board", init_data(trainee.id, clock.now()))
    assert status == 200
    assert board["webinar"]["title"].startswith("Oefenwebinar")
    assert board["counts"]["answered"] == 2

    await close_webinar(trainee)
    await trainee.wait_for(lambda m: "is gesloten" in m["text"])
    report = (await trainee.wait_for(lambda m: "Oefening klaar" in m["text"]))["text"]
    assert "Tijd tot je eerste vraag: 7 min 0 s" in report
    assert f"{parents} ouders deden mee en stuurden 20 vragen" in report
    assert "1 gesteld, 1 schriftelijk beantwoord" in report
    assert re.search(r"Samenvoegingen: \d van 1 klopte", report)
    assert "Bleven liggen:" in report

    await bot.dispatcher.send_due()
    # Nothing reached anyone but the trainee; nothing was even queued for a simulated parent.
    assert await services.db.fetch_value("SELECT count(*) FROM outbox WHERE user_id < 0") == 0
    chats = {int(r.chat_id) for r in api.requests if r.chat_id is not None}
    assert chats == {trainee.id}
    assert await figures(bot) == before
    assert (await services.repos.questions.get(1)).state is QuestionState.ANSWERED  # type: ignore[union-attr]


async def test_practice_can_be_run_again_and_stopped_at_any_time(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    trainee = api.user(MODERATOR_IDS[1], first_name="Tim", language_code="nl")
    await make_moderator(bot, trainee.id)
    for round_ in range(2):
        trainee.send("/oefenen")
        await trainee.wait_for(lambda m: "Oefenwebinar gestart" in m["text"])
        trainee.send("/oefenen")
        await trainee.wait_for(lambda m: "al aan het oefenen" in m["text"])
        clock.advance(timedelta(seconds=90))
        await bot.practice.tick()
        trainee.send("/oefenen stop")
        report = await trainee.wait_for(lambda m: "Oefening klaar" in m["text"])
        assert "Je hebt geen vraag gepakt" in report["text"]
        assert "Bleven liggen" in report["text"] or "Bleef liggen" in report["text"], round_
        clock.advance(timedelta(minutes=10))
        assert await bot.practice.tick() == 0  # a stopped practice brings nobody in
    trainee.send("/oefenen stop")
    await trainee.wait_for(lambda m: "niet aan het oefenen" in m["text"])
    parent = api.user(7001, first_name="Ouder", language_code="nl")
    parent.send("/oefenen")
    await parent.wait_for(lambda m: "gespreksleider" in m["text"])


async def test_a_parent_cannot_join_a_practice_webinar_by_its_code(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    trainee = api.user(MODERATOR_IDS[0], first_name="Tess", language_code="nl")
    await make_moderator(bot, trainee.id)
    trainee.send("/oefenen puberteit")
    await trainee.wait_for(lambda m: "Oefenwebinar gestart" in m["text"])
    running = await bot.services.repos.practice.running_of(trainee.id)
    assert running is not None
    webinar = await bot.services.repos.webinars.by_id(running.webinar_id)
    assert webinar is not None
    assert webinar.practice
    parent = api.user(7002, first_name="Ouder", language_code="nl")
    parent.send(f"/webinar {webinar.code}")
    await parent.wait_for(lambda m: "ken geen webinar" in m["text"])


async def test_a_gespreksleider_of_an_open_webinar_practises_after_it(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    moderator.send("/oefenen")
    await moderator.wait_for(lambda m: "Oefen als het gesloten is" in m["text"])
    assert await bot.services.repos.practice.running_of(moderator.id) is None
    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    moderator.send("/oefenen")
    await moderator.wait_for(lambda m: "Oefenwebinar gestart" in m["text"])
