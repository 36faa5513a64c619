"""Storage against a real SQLite file: migrations, group commit, the question queue."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import ChatMessage, OutgoingMessage, QuestionState, Role, WebinarState
from storage.db import Database, StorageError, UpdateInProgress, current_update
from storage.inbox import Inbox, StoredUpdate, finish_update
from storage.outbox import OutboxRepository
from storage.privacy import PrivacyRepository
from storage.questions import AddedQuestion, QuestionRepository
from storage.updates import UpdateLog
from storage.users import UserRepository
from storage.webinars import WebinarDraft, WebinarRepository
from tests.helpers import eventually, watch_database

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def _webinar_with_askers(db: Database, askers: int) -> int:
    webinars = WebinarRepository(db)
    await webinars.upsert(
        [WebinarDraft("w1", "Slapen", "slapen", NOW, NOW + timedelta(hours=1), None)]
    )
    users = UserRepository(db)
    webinar = await webinars.by_code("w1")
    assert webinar is not None
    # The parents joined; gespreksleiders 99 to 110 opened the webinar (which joins it).
    for user_id in [*range(1, askers + 1), *range(99, 111)]:
        await users.ensure(user_id, "nl", NOW)
        await webinars.join(webinar.id, user_id, NOW)
    return webinar.id


async def ask(
    questions: QuestionRepository,
    webinar_id: int,
    asker_id: int,
    text: str,
    *,
    source_msg: int = 1,
    similar_count: int = 0,
    bump: list[int] | tuple[int, ...] = (),
) -> AddedQuestion:
    """A parent's question, stored as the bot stores it (no name shown, at NOW)."""
    return await questions.add(
        webinar_id=webinar_id,
        asker_id=asker_id,
        source_msg=source_msg,
        text=text,
        shown_name=None,
        similar_count=similar_count,
        bump=bump,
        now=NOW,
    )


async def test_database_is_wal_with_full_sync_and_latest_schema(db: Database) -> None:
    assert (await db.fetch_value("PRAGMA journal_mode")).lower() == "wal"
    assert await db.fetch_value("PRAGMA user_version") >= 1
    assert await db.fetch_value("PRAGMA synchronous") == 2  # FULL


async def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    first = await Database.open(path)
    version = await first.fetch_value("PRAGMA user_version")
    await first.close()
    second = await Database.open(path)
    assert await second.fetch_value("PRAGMA user_version") == version
    await second.close()


async def test_concurrent_writes_are_all_committed(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 50)
    questions = QuestionRepository(db)
    results = await asyncio.gather(
        *(ask(questions, webinar_id, user, f"vraag {user}") for user in range(1, 51))
    )
    assert all(result.created for result in results)
    assert await db.fetch_value("SELECT count(*) FROM questions") == 50


async def test_a_failing_operation_does_not_undo_the_others_in_its_batch(db: Database) -> None:
    async def good(conn) -> None:
        await conn.execute("INSERT INTO processed_updates (update_id) VALUES (1)")

    async def bad(conn) -> None:
        await conn.execute("INSERT INTO processed_updates (update_id) VALUES (2)")
        await conn.execute("INSERT INTO no_such_table VALUES (1)")

    outcome = await asyncio.gather(db.write(good), db.write(bad), return_exceptions=True)
    assert outcome[0] is None
    assert isinstance(outcome[1], StorageError | sqlite3.Error)
    assert await db.fetch_value("SELECT group_concat(update_id) FROM processed_updates") == "1"


async def test_the_same_parent_message_is_one_question(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 1)
    questions = QuestionRepository(db)
    first = await ask(questions, webinar_id, 1, "a", source_msg=7)
    again = await ask(questions, webinar_id, 1, "a", source_msg=7)
    assert first.created
    assert not again.created
    assert again.question.id == first.question.id
    assert await db.fetch_value("SELECT count(*) FROM questions") == 1


async def test_an_updates_writes_its_messages_and_its_mark_commit_together(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 1)
    unit = UpdateInProgress(4242)
    token = current_update.set(unit)
    try:
        await ask(QuestionRepository(db), webinar_id, 1, "a", source_msg=1)
        # The update sees its own write...
        assert await db.fetch_value("SELECT count(*) FROM questions") == 1
    finally:
        current_update.reset(token)
    # ...nobody else does before the update's end.
    assert await db.fetch_value("SELECT count(*) FROM questions") == 0
    assert not await UpdateLog(db).is_processed(4242)

    async def last(conn) -> None:
        await finish_update(conn, 4242, [ChatMessage(1, text="in de rij")], NOW)

    await db.finish_update(unit, last)
    assert unit.recorded
    assert await UpdateLog(db).is_processed(4242)
    assert await db.fetch_value("SELECT count(*) FROM questions") == 1
    assert await db.fetch_value("SELECT count(*) FROM outbox WHERE kind = 'chat'") == 1


async def test_an_abandoned_update_leaves_nothing_and_lets_others_write(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 2)
    unit = UpdateInProgress(7)
    token = current_update.set(unit)
    try:
        await ask(QuestionRepository(db), webinar_id, 1, "a", source_msg=1)
    finally:
        current_update.reset(token)
    other = asyncio.ensure_future(ask(QuestionRepository(db), webinar_id, 2, "b", source_msg=2))
    watch_database(db)
    try:
        await eventually(
            lambda: db.writers_waiting == 1, timeout=5, what="the other write waits for the writer"
        )
        assert not other.done()  # the update holds the writer
    finally:
        await db.abandon_update(unit)
    await other
    rows = await db.fetch_all("SELECT asker_id FROM questions")
    assert [row["asker_id"] for row in rows] == [2]
    assert not await UpdateLog(db).is_processed(7)


async def test_claim_follows_votes_plus_other_parents_then_age(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 4)
    questions = QuestionRepository(db)
    ids = []
    for user in range(1, 5):
        added = await ask(questions, webinar_id, user, f"q{user}", source_msg=1)
        ids.append(added.question.id)
    await db.write(
        lambda conn: conn.execute("UPDATE questions SET similar_count = 2 WHERE id = ?", (ids[2],))
    )
    await db.write(
        lambda conn: conn.execute("UPDATE questions SET votes = 1 WHERE id = ?", (ids[3],))
    )
    order = []
    while (question := await questions.claim_next(webinar_id, 99, NOW)) is not None:
        order.append(question.id)
        await questions.mark_answered(question.id, 99, "live", NOW, lambda askers: [])
    # ids[2]: 2 other parents asked the same (2) beats ids[3]'s one vote (1).
    assert order == [ids[2], ids[3], ids[0], ids[1]]


async def test_two_moderators_claiming_at_once_never_share_a_question(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 30)
    questions = QuestionRepository(db)
    for user in range(1, 31):
        await ask(questions, webinar_id, user, f"q{user}", source_msg=1)

    async def pull_all(moderator: int) -> list[int]:
        got = []
        while (question := await questions.claim_next(webinar_id, moderator, NOW)) is not None:
            got.append(question.id)
            await questions.mark_answered(question.id, moderator, "live", NOW, lambda askers: [])
        return got

    first, second = await asyncio.gather(pull_all(101), pull_all(102))
    assert not set(first) & set(second)
    assert len(first) + len(second) == 30


async def test_answering_queues_news_for_asker_and_merged_askers(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 3)
    questions = QuestionRepository(db)
    added = [await ask(questions, webinar_id, u, "slaap", source_msg=1) for u in (1, 2, 3)]
    claimed = await questions.claim_next(webinar_id, 99, NOW)
    assert claimed is not None
    assert claimed.id == added[0].question.id
    merged = await questions.merge(
        claimed.id, 99, [added[1].question.id, added[2].question.id], NOW
    )
    assert merged is not None
    assert merged[1] == sorted([added[1].question.id, added[2].question.id])

    def notify(askers: list[int]) -> list[OutgoingMessage]:
        return [
            OutgoingMessage(
                a,
                "question.asked",
                "webinar.notify.asked",
                {"title": "x"},
                dedup_key=f"asked:{claimed.id}:{a}",
            )
            for a in askers
        ]

    askers = await questions.mark_answered(claimed.id, 99, "live", NOW, notify)
    assert sorted(askers or []) == [1, 2, 3]
    due = await OutboxRepository(db).due(NOW, 10)
    assert sorted(row.user_id for row in due) == [1, 2, 3]
    # Pressing "asked" again changes nothing and queues nothing.
    assert await questions.mark_answered(claimed.id, 99, "live", NOW, notify) is None
    assert len(await OutboxRepository(db).due(NOW, 10)) == 3


async def test_only_the_claiming_moderator_can_finish_a_question(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 1)
    questions = QuestionRepository(db)
    await ask(questions, webinar_id, 1, "q", source_msg=1)
    claimed = await questions.claim_next(webinar_id, 101, NOW)
    assert claimed is not None
    assert await questions.mark_answered(claimed.id, 102, "live", NOW, lambda a: []) is None
    assert not await questions.remove(claimed.id, 102)
    assert not await questions.release(claimed.id, 102, defer=False)
    fresh = await questions.get(claimed.id)
    assert fresh is not None
    assert fresh.state is QuestionState.CLAIMED


async def test_a_parent_votes_once_and_only_on_visible_questions(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 3)
    await WebinarRepository(db).set_state(webinar_id, WebinarState.OPEN, NOW)
    questions = QuestionRepository(db)
    added = await ask(questions, webinar_id, 1, "q", source_msg=1)
    qid = added.question.id
    assert not await questions.vote(qid, 2, NOW)  # not visible yet
    await questions.claim_next(webinar_id, 99, NOW)
    assert await questions.set_visible(qid, 99, True)
    assert await questions.vote(qid, 2, NOW)
    assert not await questions.vote(qid, 2, NOW)
    assert not await questions.vote(qid, 1, NOW)  # one's own question
    assert await questions.vote(qid, 3, NOW)
    await UserRepository(db).ensure(500, "nl", NOW)
    assert not await questions.vote(qid, 500, NOW)  # never joined this webinar
    fresh = await questions.get(qid)
    assert fresh is not None
    assert fresh.votes == 2


async def test_a_gespreksleider_who_did_not_open_the_webinar_claims_nothing(
    db: Database,
) -> None:
    webinar_id = await _webinar_with_askers(db, 1)
    questions = QuestionRepository(db)
    await ask(questions, webinar_id, 1, "q", source_msg=1)
    await UserRepository(db).ensure(500, "nl", NOW)
    assert await questions.claim_next(webinar_id, 500, NOW) is None
    assert (await questions.counts(webinar_id)).open == 1


async def test_read_only_database_gives_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    database = await Database.open(path)
    await _webinar_with_askers(database, 1)
    await database.close()
    readonly = await Database.open(path)
    await readonly._writer.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError):
        await UserRepository(readonly).ensure(55, "nl", NOW)
    await readonly.close()


async def test_pulling_next_puts_the_held_question_back_as_later_and_gives_another(
    db: Database,
) -> None:
    webinar_id = await _webinar_with_askers(db, 2)
    questions = QuestionRepository(db)
    for user in (1, 2):
        await ask(questions, webinar_id, user, f"q{user}", source_msg=1)
    first = await questions.claim_next(webinar_id, 99, NOW)
    second = await questions.claim_next(webinar_id, 99, NOW)
    assert first is not None
    assert second is not None
    assert first.id != second.id
    back = await questions.get(first.id)
    assert back is not None
    assert back.state is QuestionState.OPEN
    assert back.deferred
    # With nothing else waiting, the same question comes back rather than nothing.
    await questions.mark_answered(second.id, 99, "live", NOW, lambda askers: [])
    third = await questions.claim_next(webinar_id, 99, NOW)
    again = await questions.claim_next(webinar_id, 99, NOW)
    assert third is not None
    assert again is not None
    assert third.id == again.id == first.id


async def test_a_new_question_counts_its_similar_ones_and_bumps_those_named(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 3)
    questions = QuestionRepository(db)
    first = await ask(questions, webinar_id, 1, "a")
    second = await ask(
        questions, webinar_id, 2, "a", source_msg=1, similar_count=1, bump=[first.question.id]
    )
    third = await ask(
        questions,
        webinar_id,
        3,
        "a",
        source_msg=1,
        similar_count=2,
        bump=[first.question.id, second.question.id],
    )
    counts = {
        q.id: q.similar_count
        for q in [await questions.get(x.question.id) for x in (first, second, third)]
        if q is not None
    }
    assert list(counts.values()) == [2, 2, 2]


async def test_pulling_next_again_and_again_walks_the_whole_queue(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 3)
    questions = QuestionRepository(db)
    ids = [(await ask(questions, webinar_id, user, f"q{user}")).question.id for user in (1, 2, 3)]
    pulled = []
    for _ in range(3):
        question = await questions.claim_next(webinar_id, 99, NOW)
        assert question is not None
        pulled.append(question.id)
    assert pulled == ids


async def test_a_merge_can_be_undone_once_restoring_states_and_votes(db: Database) -> None:
    webinar_id = await _webinar_with_askers(db, 3)
    questions = QuestionRepository(db)
    added = [await ask(questions, webinar_id, u, f"q{u}", source_msg=1) for u in (1, 2, 3)]
    await db.write(
        lambda conn: conn.execute(
            "UPDATE questions SET votes = 2 WHERE id = ?", (added[1].question.id,)
        )
    )
    claimed = await questions.claim_next(webinar_id, 99, NOW)
    assert claimed is not None
    assert claimed.id == added[1].question.id
    others = [added[0].question.id, added[2].question.id]
    merged = await questions.merge(claimed.id, 99, others, NOW)
    assert merged is not None
    merge_id, _ids = merged
    assert await questions.last_merge(claimed.id) == merge_id
    assert await questions.undo_merge(merge_id, 98, NOW) is None  # not their question
    assert await questions.undo_merge(merge_id, 99, NOW) == (claimed.id, sorted(others))
    assert await questions.undo_merge(merge_id, 99, NOW) is None  # once
    assert await questions.last_merge(claimed.id) is None
    for question_id in others:
        question = await questions.get(question_id)
        assert question is not None
        assert question.state.value == "open"
        assert question.merged_into is None
    target = await questions.get(claimed.id)
    assert target is not None
    assert target.votes == 2
    assert target.state.value == "claimed"


async def test_revoking_one_of_two_roles_keeps_the_claim_and_the_last_one_releases_it(
    db: Database,
) -> None:
    webinar_id = await _webinar_with_askers(db, 1)
    questions, users = QuestionRepository(db), UserRepository(db)
    await ask(questions, webinar_id, 1, "q", source_msg=1)
    for role in (Role.MODERATOR, Role.COORDINATOR):
        await users.grant_role(99, role, None, NOW)
    claimed = await questions.claim_next(webinar_id, 99, NOW)
    assert claimed is not None

    kept = await users.revoke_role(99, Role.COORDINATOR, NOW)
    assert kept is not None
    assert kept.still_moderates
    assert kept.released == []
    assert (await questions.counts(webinar_id)).claimed == 1

    ended = await users.revoke_role(99, Role.MODERATOR, NOW)
    assert ended is not None
    assert not ended.still_moderates
    assert ended.released == [(claimed.id, webinar_id)]
    assert (await questions.counts(webinar_id)).open == 1
    user = await users.get(99)
    assert user is not None
    assert user.current_webinar is None
    assert not user.roles
    assert await users.revoke_role(99, Role.MODERATOR, NOW) is None  # nothing left to revoke


async def test_the_inbox_keeps_new_updates_once_and_forgets_them_with_the_person(
    db: Database,
) -> None:
    inbox = Inbox(db)
    updates = [StoredUpdate(10, 1, 1, '{"text": "vraag"}'), StoredUpdate(11, 2, 2, "{}")]
    assert await inbox.store(updates, NOW) == [10, 11]
    assert await inbox.store(updates, NOW) == []  # delivered again: not new
    await UpdateLog(db).mark_processed(12)
    assert await inbox.store([StoredUpdate(12, 1, 1, "{}")], NOW) == []  # handled before
    await UserRepository(db).ensure(1, "nl", NOW)
    await PrivacyRepository(db).erase(1)
    assert [update.update_id for update in await inbox.waiting()] == [11]
    assert await inbox.forget_received_before(NOW + timedelta(days=3)) == 1
    assert await inbox.waiting() == []
