"""The question desk's grouping on a real SQLite file: distinct other parents, merges and
their undo, and an index rebuilt after a restart from the stored features (no texts)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.core.i18n import Translator
from bot.core.masking import Masker
from bot.core.models import Question, User, Webinar
from bot.webinar import question_desk
from bot.webinar.grouping import Features, GroupingIndex
from bot.webinar.question_desk import QuestionDesk
from storage.db import (
    Database,
    UpdateInProgress,
    _migrations,
    _split_statements,
    current_update,
)
from storage.questions import QuestionRepository
from storage.users import UserRepository
from storage.webinars import WebinarDraft, WebinarRepository
from tests.helpers import START

MODERATOR = 99
# Placeholders as the bot masks with them by default (Dutch).
DUTCH_MASKER = Masker.in_language(Translator("nl"), "nl")

ASKED = [
    (1, "mijn kind wil elke nacht bij ons in bed slapen, hoe stop ik dat"),
    (1, "hoe krijg ik mijn zoon uit ons bed, hij komt er elke nacht in"),
    (2, "onze zoon komt iedere nacht bij ons in bed slapen"),
    (3, "is dit normaal bij slapen?"),
    (4, "heeft iemand tips over slapen?"),
    (5, "hoeveel zakgeld geef je een kind van 10?"),
]


async def _webinar(db: Database, parents: int = 5, theme: str = "slapen") -> Webinar:
    """A webinar of `theme` with parents 1 to `parents`, opened by gespreksleider 99."""
    webinars = WebinarRepository(db)
    await webinars.upsert(
        [WebinarDraft("w1", "Webinar", theme, START, START + timedelta(hours=1), None)]
    )
    for user_id in range(1, parents + 1):
        await UserRepository(db).ensure(user_id, "nl", START)
    webinar = await webinars.by_code("w1")
    assert webinar is not None
    # Gespreksleider 99 opened it: only someone who did may pull from its queue.
    await UserRepository(db).ensure(MODERATOR, "nl", START)
    await webinars.join(webinar.id, MODERATOR, START)
    return webinar


def _parent(user_id: int) -> User:
    return User(user_id, "nl", True, False, None, 1, None, True)


async def _asked(db: Database) -> tuple[QuestionDesk, Webinar, list[int]]:
    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    ids = []
    for number, (asker, text) in enumerate(ASKED):
        asked = await desk.ask(webinar, _parent(asker), number, text)
        ids.append(asked.question.id)
    return desk, webinar, ids


async def test_groups_count_distinct_other_parents_and_keep_general_ones_apart(
    db: Database,
) -> None:
    desk, webinar, ids = await _asked(db)
    groups = await desk.groups(webinar.id)
    bed = next(g for g in groups if ids[0] in g.question_ids)
    assert bed.question_ids == ids[:3]
    assert bed.parents == 2
    assert not bed.general
    assert groups[-1].general
    assert groups[-1].question_ids == ids[3:5]
    questions = QuestionRepository(db)
    # Parent 1's own second question is not "another parent": 1 other parent (parent 2).
    for question_id in ids[:3]:
        question = await questions.get(question_id)
        assert question is not None
        assert question.similar_count == 1
    for question_id in ids[3:]:
        question = await questions.get(question_id)
        assert question is not None
        assert question.similar_count == 0


async def test_merge_and_undo_keep_the_counts_right(db: Database) -> None:
    desk, webinar, ids = await _asked(db)
    question = await desk.questions.claim_next(webinar.id, 99, START)
    assert question is not None
    assert question.id == ids[0]
    card = await desk.card(question)
    assert [m.id for m in card.members if not m.maybe] == ids[1:3]
    assert card.other_parents == 1
    assert await desk.toggle(question, ids[1])  # leave parent 1's own second one out
    card = await desk.card(question)
    assert card.similar_open == [ids[2]]
    merged = await desk.merge(question, 99)
    assert merged is not None
    assert merged.question_ids == [ids[2]]
    card = await desk.card(question)
    # The merged question's parent still asked the same: the count stays (issue 21).
    assert card.other_parents == 1
    assert [row.id for row in card.merged] == [ids[2]]
    assert card.merges == [merged.merge_id]
    assert card.undo_merge == merged.merge_id
    assert [m.id for m in card.members] == [ids[1]]
    assert await desk.undo_merge(merged.merge_id, 99) == [ids[2]]
    card = await desk.card(question)
    assert card.other_parents == 1
    assert card.undo_merge is None
    restored = await desk.questions.get(ids[2])
    assert restored is not None
    assert restored.similar_count == 1


async def test_a_restart_rebuilds_the_groups_from_stored_features(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, webinar, _ = await _asked(db)
    before = await desk.groups(webinar.id)

    def no_texts(index: object, text: str) -> object:
        raise AssertionError("the index was rebuilt by re-reading a text")

    monkeypatch.setattr(GroupingIndex, "features", no_texts)
    again = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    assert await again.groups(webinar.id) == before


async def test_a_maybe_the_same_question_is_shown_left_out_until_taken_in(db: Database) -> None:
    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    first = await desk.ask(
        webinar, _parent(1), 1, "ons ventje wil op de creche niet meer slapen smiddags"
    )
    second = await desk.ask(
        webinar, _parent(2), 1, "toddler watches tv every nap, is it time to stop naps?"
    )
    groups = await desk.groups(webinar.id)
    assert len(groups) == 2  # between the thresholds: not grouped automatically
    question = await desk.questions.claim_next(webinar.id, 99, START)
    assert question is not None
    assert question.id == first.question.id
    card = await desk.card(question)
    assert [(m.id, m.maybe, m.included) for m in card.members] == [
        (second.question.id, True, False)
    ]
    assert card.similar_open == []
    assert card.other_parents == 0
    assert await desk.toggle(question, second.question.id)
    card = await desk.card(question)
    assert card.similar_open == [second.question.id]
    merged = await desk.merge(question, 99)
    assert merged is not None
    assert merged.question_ids == [second.question.id]
    assert [g.question_ids for g in await desk.groups(webinar.id)] == []  # claimed + merged
    assert await desk.undo_merge(merged.merge_id, 99) == [second.question.id]
    # Back in the queue in a group of its own (the claimed first one is not waiting).
    assert [g.question_ids for g in await desk.groups(webinar.id)] == [[second.question.id]]


async def test_a_question_leaving_the_queue_lowers_its_groups_count(db: Database) -> None:
    desk, webinar, ids = await _asked(db)
    assert await desk.questions.withdraw(ids[2], 2)
    await desk.left_queue(ids[2])
    for question_id in ids[:2]:
        question = await desk.questions.get(question_id)
        assert question is not None
        assert question.similar_count == 0
    bed = next(g for g in await desk.groups(webinar.id) if ids[0] in g.question_ids)
    assert bed.question_ids == ids[:2]
    assert bed.parents == 1


@pytest.mark.parametrize(
    "regroup", [n for n, script in _migrations() if "SET features = NULL" in script]
)
async def test_each_regrouping_migration_makes_waiting_questions_be_read_again(
    tmp_path: Path, regroup: int
) -> None:
    """0008, 0009 and 0010: the features of waiting questions are computed again."""
    assert regroup >= 8
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for number, script in _migrations():
        if number >= regroup:  # the database as it was before that round's features
            break
        for statement in _split_statements(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    moment = START.isoformat()
    conn.execute(
        "INSERT INTO webinars (id, code, title, starts_at, ends_at) VALUES (1, 'w', 't', ?, ?)",
        (moment, moment),
    )
    for question_id, state in [(1, "open"), (2, "claimed"), (3, "answered")]:
        conn.execute(
            "INSERT INTO questions (id, webinar_id, text, created_at, state, features, group_key)"
            " VALUES (?, 1, 'q', ?, ?, 'slaap|', ?)",
            (question_id, moment, state, question_id),
        )
    conn.commit()
    conn.close()

    db = await Database.open(path)
    try:
        rows = await db.fetch_all("SELECT id, features FROM questions ORDER BY id")
        assert [tuple(row) for row in rows] == [(1, None), (2, None), (3, "slaap|")]
    finally:
        await db.close()


async def test_similar_questions_asked_at_once_are_each_counted_in_one_write(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a first parent, five more ask the same thing at once, each in an update of
    their own (as the bot handles them): every question is stored with its group's
    count, so none needs a second write of the group's counts (a recount)."""
    webinar = await _webinar(db)
    for user_id in range(6, 11):
        await UserRepository(db).ensure(user_id, "nl", START)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    await desk.ask(webinar, _parent(1), 1, "mijn kind wil elke nacht bij ons in bed slapen")
    recounts: list[int] = []
    original = QuestionRepository.set_group_count

    async def counted(self: QuestionRepository, webinar_id: int, key: int, count: int) -> None:
        recounts.append(key)
        await original(self, webinar_id, key, count)

    monkeypatch.setattr(QuestionRepository, "set_group_count", counted)

    async def in_update(user_id: int) -> int:
        unit = UpdateInProgress(user_id)
        token = current_update.set(unit)
        try:
            text = f"mijn kind wil elke nacht bij ons in bed slapen ({user_id})"
            asked = await desk.ask(webinar, _parent(user_id), 1, text)

            async def nothing_more(conn: object) -> None:
                return None

            await db.finish_update(unit, nothing_more)
            return asked.similar_count
        finally:
            await db.abandon_update(unit)
            current_update.reset(token)

    counts = await asyncio.gather(*(in_update(user_id) for user_id in range(6, 11)))
    assert sorted(counts) == [1, 2, 3, 4, 5]
    assert recounts == []
    (group,) = await desk.groups(webinar.id)
    assert len(group.question_ids) == 6
    for question_id in group.question_ids:
        question = await desk.questions.get(question_id)
        assert question is not None
        assert question.similar_count == 5


# One question (falling asleep alone) asked five ways: the first four happen to make two
# groups; the fifth fits both, which shows they are one (tuning set SLEEP_WIDE_CLUSTERS).
FALL_ASLEEP_ALONE = [
    "mijn zoon slaapt alleen in als ik naast zijn bed zit",
    "zelf in slaap vallen lukt nie, ik zit er elke avond naast",
    "Kind kan niet alleen in slaap vallen. Ik moet altijd blijven.",
    "ik blijf naast haar bed zitten tot ze slaapt",
    "hoe leert een kind zelfstandig inslapen zonder mama erbij",
]


def _placing_as_told(monkeypatch: pytest.MonkeyPatch, told: list[Callable[[], int | None]]) -> None:
    """The next questions are placed as `told` says (a group's key, or None: a group of
    its own), in both calls the desk makes for one question; then as the index places.
    Online grouping starts two groups for one question when its first askings happen to
    differ; which askings do depends on the lexicon, so the tests make it happen."""
    own_placement = GroupingIndex.placement
    placed: dict[int, int | None] = {}

    def placement(
        index: GroupingIndex, key: int, found: Features
    ) -> tuple[int | None, dict[int, float]]:
        if id(found) not in placed:
            if not told:
                return own_placement(index, key, found)
            placed[id(found)] = told.pop(0)()
        return placed[id(found)], {}

    monkeypatch.setattr(GroupingIndex, "placement", placement)


async def test_a_question_fitting_two_alike_groups_joins_them_and_it_is_stored(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    for number, (asker, text) in enumerate([ASKED[0], ASKED[2], ASKED[5]]):
        await desk.ask(webinar, _parent(asker), number, text)
    ids: list[int] = []
    # Two groups of the same question: the first two askings, and the next two.
    _placing_as_told(monkeypatch, [lambda: None, lambda: ids[0], lambda: None, lambda: ids[2]])
    for number, text in enumerate(FALL_ASLEEP_ALONE):
        asked = await desk.ask(webinar, _parent(1 + number), 10 + number, text)
        ids.append(asked.question.id)
        if number == 3:
            split = [g.question_ids for g in await desk.groups(webinar.id)]
            assert sorted(len([q for q in g if q in ids]) for g in split if set(g) & set(ids)) == [
                2,
                2,
            ]
    monkeypatch.undo()
    alone = next(g for g in await desk.groups(webinar.id) if ids[0] in g.question_ids)
    assert alone.question_ids == ids
    assert alone.parents == 5
    questions = QuestionRepository(db)
    keys = await db.fetch_all(
        f"SELECT group_key FROM questions WHERE id IN ({','.join(map(str, ids))})"
    )
    assert len({row["group_key"] for row in keys}) == 1
    for question_id in ids:
        question = await questions.get(question_id)
        assert question is not None
        assert question.similar_count == 4  # the four other parents of the merged group

    def no_texts(index: object, text: str) -> object:
        raise AssertionError("the index was rebuilt by re-reading a text")

    monkeypatch.setattr(GroupingIndex, "features", no_texts)
    again = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    assert await again.groups(webinar.id) == await desk.groups(webinar.id)


async def test_merges_suggest_lexicon_words_to_a_coordinator(db: Database) -> None:
    """A word the lexicon does not know, merged twice with questions about one concept, is
    offered as that concept's word; once is not enough; an undone merge teaches nothing."""
    from bot.webinar.lexicon_suggestions import suggestions

    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    texts = [
        (1, "mijn kind wil elke nacht bij ons in bed slapen"),
        (2, "de zwobbeltijd duurt elke avond uren"),
        (3, "onze zoon komt iedere nacht bij ons in bed slapen"),
        (4, "zwobbeltijd is hier ook een strijd"),
    ]
    ids = [
        (await desk.ask(webinar, _parent(asker), n, text)).question.id
        for n, (asker, text) in enumerate(texts)
    ]
    first = await desk.questions.pull(ids[0], MODERATOR, START)
    assert first is not None
    assert await desk.merge(first, MODERATOR, [ids[1]]) is not None
    once = suggestions(await desk.questions.merged_features())
    assert [s for s in once if s.word == "zwobbeltijd"] == []
    second = await desk.questions.pull(ids[2], MODERATOR, START)
    assert second is not None
    merged = await desk.merge(second, MODERATOR, [ids[3]])
    assert merged is not None
    twice = suggestions(await desk.questions.merged_features())
    assert ("slapen", "zwobbeltijd", "ouderbed", 2) in {
        (s.theme, s.word, s.concept, s.merges) for s in twice
    }
    line = next(s for s in twice if s.word == "zwobbeltijd" and s.concept == "ouderbed")
    assert line.toml_line() == '# add "zwobbeltijd" to ouderbed (2 merges)'
    await desk.undo_merge(merged.merge_id, MODERATOR)
    undone = suggestions(await desk.questions.merged_features())
    assert [s for s in undone if s.word == "zwobbeltijd"] == []


async def test_in_a_burst_a_question_is_acknowledged_first_and_grouped_right_after(
    db: Database,
) -> None:
    """The acknowledgement does not wait for grouping in a burst: the question is stored
    without features or similar count, and grouped with its paraphrases right after."""
    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    first = await desk.ask(webinar, _parent(1), 1, FALL_ASLEEP_ALONE[0])
    desk.in_a_burst = lambda: True
    asked = [
        await desk.ask(webinar, _parent(2 + number), 10 + number, text)
        for number, text in enumerate(FALL_ASLEEP_ALONE[1:4])
    ]
    assert [a.similar_count for a in asked] == [0, 0, 0]
    ids = [first.question.id] + [a.question.id for a in asked]
    marks = ",".join(map(str, ids))
    query = f"SELECT features, group_key, similar_count FROM questions WHERE id IN ({marks})"
    assert [row["features"] is None for row in await db.fetch_all(query)] == [
        False,
        True,
        True,
        True,
    ]
    await desk.grouped(webinar.id)
    rows = await db.fetch_all(query)
    assert all(row["features"] is not None for row in rows)
    assert len({row["group_key"] for row in rows}) == 1
    assert [row["similar_count"] for row in rows] == [3, 3, 3, 3]


async def test_what_a_reader_asks_in_a_burst_includes_the_questions_not_grouped_yet(
    db: Database,
) -> None:
    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    desk.in_a_burst = lambda: True
    ids = [
        (await desk.ask(webinar, _parent(1 + number), number, text)).question.id
        for number, text in enumerate(FALL_ASLEEP_ALONE[:4])
    ]
    groups = await desk.groups(webinar.id)  # before the grouping after the burst ran
    assert [view.question_ids for view in groups] == [ids]
    assert groups[0].parents == 4
    await desk.close()  # nothing left to group at a stop
    assert await db.fetch_value("SELECT count(*) FROM questions WHERE features IS NULL") == 0


async def test_a_burst_question_whose_update_commits_late_is_grouped_once_it_has(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The grouping after a burst reads committed rows: a question whose update has not
    committed yet (a long update holds the commit) is looked for again, not dropped."""
    monkeypatch.setattr(question_desk, "GROUP_LATER_WITHIN", 0)
    webinar = await _webinar(db)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), DUTCH_MASKER)
    first = await desk.ask(webinar, _parent(1), 1, FALL_ASLEEP_ALONE[0])
    desk.in_a_burst = lambda: True
    unit = UpdateInProgress(2)
    token = current_update.set(unit)
    try:
        late = (await desk.ask(webinar, _parent(2), 10, FALL_ASLEEP_ALONE[1])).question.id
    finally:
        current_update.reset(token)
    looked_unseen = asyncio.Event()
    original_get = QuestionRepository.get

    async def get(self: QuestionRepository, question_id: int) -> Question | None:
        found = await original_get(self, question_id)
        if question_id == late and found is None:
            looked_unseen.set()
        return found

    monkeypatch.setattr(QuestionRepository, "get", get)

    async def nothing_more(conn: object) -> None:
        return None

    try:
        # A grouping round looked for it before the update committed (a guard, not a
        # wait: a round that never looks fails here instead of hanging).
        await asyncio.wait_for(looked_unseen.wait(), timeout=10)
        await db.finish_update(unit, nothing_more)
    finally:
        await db.abandon_update(unit)  # nothing once finished; lets go of the writer
    await desk.grouped(webinar.id)
    row = await db.fetch_one("SELECT features, group_key FROM questions WHERE id = ?", (late,))
    assert row is not None
    assert row["features"] is not None
    assert row["group_key"] == first.question.id
