"""Privacy in SQL: what is kept about one person, erasing it, and the retention clean-ups.

Where a person's data lives (see the migrations):

==========================  ==============================================================
users                       the row: language, consent version and date, first name (only
                            while shown), current webinar, first and last contact
participants                the webinars they joined (and whether they were muted)
questions                   asker_id, text, shown_name, source_msg (their message id),
                            features (words and three-letter chunks of the text)
votes                       user_id: which questions they backed
inloop_subscriptions        user_id: the series they get reminders for
outbox                      user_id, dedup_key (ends in the user id), payload (texts)
inbox                       user_id, chat_id, payload: updates stored, not handled yet
feedback_requests           user_id, until unlinked; their feedback_answers via the request
staff only                  roles (and granted_by), invites, answer_drafts, panels,
                            coordinator_drafts, questions.claimed_by,
                            inloop_cancellations.cancelled_by, inloop_announcements.created_by
==========================  ==============================================================

Erasing keeps what the programme's figures are made of: a question row stays, without
text, name or asker, so a webinar's question counts (and the /sluit summary) stay right;
the vote count on a question stays; feedback sessions keep their counts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

import aiosqlite

from storage.db import Database
from storage.timefmt import to_db

# Everything on a question row made from its text or its asker's name, cleared together
# (erasure, retention): the text, the shown first name, and the grouping engine's
# features (its lower-cased words and three-letter chunks, bot.webinar.grouping.encode,
# whatever their format: the column is cleared whole). The question's group stays (an id).
DERIVED_FROM_TEXT = "text = NULL, shown_name = NULL, features = NULL"
ORPHANED_FEATURES = "text IS NULL AND features IS NOT NULL"

# What a sent message's payload becomes once retention cleared it.
ERASED_PAYLOAD = '{"erased": true}'
# What a quote of an erased person's question becomes in a message to someone else (the
# asker of a question merged into theirs gets the written answer, which quotes it).
ERASED_QUOTE = "…"
# A quote is found by the question's beginning: messages quote a question shortened to
# no fewer than 80 characters (the queue panel's lines, handlers.panels; a card's similar
# questions 90; a written answer 120), of which `shorten` keeps all but the last before
# its "…". Two texts that share their first 60 characters lose both quotes: erring on
# the side of erasing.
QUOTE_PREFIX = 60


@dataclass(frozen=True)
class Profile:
    language: str
    language_chosen: bool
    first_name: str | None
    show_name: bool
    consent_version: int | None
    consent_at: str | None
    notice_shown_at: str | None
    current_webinar: str | None
    active: bool
    created_at: str
    last_seen_at: str
    roles: list[str]


@dataclass(frozen=True)
class JoinedWebinar:
    code: str
    title: str
    starts_at: str
    joined_at: str
    muted: bool


@dataclass(frozen=True)
class AskedQuestion:
    webinar: str
    text: str | None  # None once retention deleted it
    state: str
    votes: int
    shown_name: str | None
    created_at: str
    answered_how: str | None
    number: int = 0  # its number within the webinar, as gespreksleiders saw it


@dataclass(frozen=True)
class CastVote:
    webinar: str
    question_number: int
    voted_at: str


@dataclass(frozen=True)
class Subscription:
    series: str
    wijk: str
    location: str
    subscribed_at: str


@dataclass(frozen=True)
class KeptMessage:
    """A message the bot queued for this person (sent or waiting)."""

    kind: str
    state: str
    due_at: str
    sent_at: str | None
    content: dict[str, Any] | None  # None once retention cleared it


@dataclass(frozen=True)
class HeldRole:
    """A staff role, with the first name kept with it for /rollen."""

    role: str
    display_name: str | None
    granted_at: str


@dataclass(frozen=True)
class InviteRecord:
    """An invite link this person made (`made`) or used to get their role. The token is
    never kept; who used someone else's link is theirs to see, not the maker's."""

    role: str
    made: bool
    created_at: str
    expires_at: str
    used_at: str | None


@dataclass(frozen=True)
class PersonalData:
    """Everything the database holds about one person, except feedback (asked separately
    from `FeedbackRepository.of_user`). `profile` is None when nothing is kept at all."""

    user_id: int
    profile: Profile | None
    webinars: list[JoinedWebinar]
    questions: list[AskedQuestion]
    votes: list[CastVote]
    subscriptions: list[Subscription]
    messages: list[KeptMessage]
    staff_roles: list[HeldRole] = field(default_factory=list)
    invites: list[InviteRecord] = field(default_factory=list)

    @property
    def pending_reminders(self) -> int:
        return sum(1 for m in self.messages if m.state == "pending" and m.kind.endswith("reminder"))


@dataclass(frozen=True)
class Erasure:
    """What erasing one person did, for the callers that keep memory in step."""

    existed: bool
    left_queue: list[tuple[int, int]]  # (question id, webinar id) of questions still waiting
    held_roles: bool


@dataclass(frozen=True)
class PurgedTexts:
    webinar_ids: list[int]
    questions: int


def _content(payload: str) -> dict[str, Any] | None:
    if payload == ERASED_PAYLOAD:
        return None
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


async def erase_person(conn: aiosqlite.Connection, user_id: int) -> Erasure:
    """Inside the caller's transaction: everything kept about `user_id`, gone."""
    cursor = await conn.execute("SELECT 1 FROM users WHERE id = ?", (user_id,))
    existed = await cursor.fetchone() is not None
    cursor = await conn.execute("SELECT 1 FROM roles WHERE user_id = ? LIMIT 1", (user_id,))
    held_roles = await cursor.fetchone() is not None
    # Their questions still waiting in a webinar that runs leave the queue: with no text
    # and nobody to tell, no gespreksleider can use them. 'removed' still counts as asked
    # in every summary. A closed webinar's figures are history and stay as they were.
    cursor = await conn.execute(
        "UPDATE questions SET state = 'removed', claimed_by = NULL, claimed_at = NULL"
        " WHERE asker_id = ? AND state IN ('open', 'claimed') AND webinar_id IN"
        " (SELECT id FROM webinars WHERE state != 'closed') RETURNING id, webinar_id",
        (user_id,),
    )
    left_queue = [(row[0], row[1]) for row in await cursor.fetchall()]
    cursor = await conn.execute(
        "SELECT text FROM questions WHERE asker_id = ? AND text IS NOT NULL", (user_id,)
    )
    await _erase_quotes(conn, [row[0] for row in await cursor.fetchall()])
    await conn.execute(
        "DELETE FROM answer_drafts WHERE question_id IN"
        " (SELECT id FROM questions WHERE asker_id = ?) OR moderator_id = ?",
        (user_id, user_id),
    )
    await conn.execute(
        f"UPDATE questions SET asker_id = NULL, source_msg = NULL, {DERIVED_FROM_TEXT}"
        " WHERE asker_id = ?",
        (user_id,),
    )
    # Votes go; the count on the question they backed stays.
    await conn.execute("DELETE FROM votes WHERE user_id = ?", (user_id,))
    await conn.execute("DELETE FROM participants WHERE user_id = ?", (user_id,))
    await conn.execute("DELETE FROM inloop_subscriptions WHERE user_id = ?", (user_id,))
    # Waiting messages (reminders, feedback requests) and sent ones: the row names the
    # person (user_id, dedup_key) and its payload may hold their texts. Nothing can queue
    # them again: the subscriptions and requests that did are gone too.
    await conn.execute("DELETE FROM outbox WHERE user_id = ?", (user_id,))
    # Their updates not handled yet (the inbox holds their texts).
    await conn.execute("DELETE FROM inbox WHERE user_id = ? OR chat_id = ?", (user_id, user_id))
    # Feedback as FeedbackRepository.forget_user(delete_answers=True) does it, but in this
    # transaction. Answers unlinked earlier by retention name nobody and stay.
    await conn.execute(
        "DELETE FROM feedback_answers WHERE request_id IN"
        " (SELECT id FROM feedback_requests WHERE user_id = ?)",
        (user_id,),
    )
    await conn.execute("DELETE FROM feedback_requests WHERE user_id = ?", (user_id,))
    await _erase_staff_traces(conn, user_id)
    await conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
    return Erasure(existed, left_queue, held_roles)


async def _erase_quotes(conn: aiosqlite.Connection, texts: Sequence[str]) -> None:
    """Other people's messages that quote one of `texts` (sent or still to send) keep
    everything but the quote; a payload that cannot be read that way is cleared. A quote
    is found by the text's beginning, as written or HTML-escaped (cards and panels)."""
    for text in texts:
        for prefix in dict.fromkeys((text[:QUOTE_PREFIX], escape(text[:QUOTE_PREFIX], False))):
            await _erase_quote(conn, prefix)


async def _erase_quote(conn: aiosqlite.Connection, prefix: str) -> None:
    needle = json.dumps(prefix, ensure_ascii=False)[1:-1]
    cursor = await conn.execute(
        "SELECT id, payload FROM outbox WHERE instr(payload, ?) > 0", (needle,)
    )
    for row_id, payload in await cursor.fetchall():
        content = _content(payload)
        scrubbed = ERASED_PAYLOAD
        if content is not None:
            scrubbed = json.dumps(_without(content, prefix), ensure_ascii=False)
            if needle in scrubbed:
                scrubbed = ERASED_PAYLOAD
        await conn.execute("UPDATE outbox SET payload = ? WHERE id = ?", (scrubbed, row_id))


def _without(value: Any, prefix: str) -> Any:
    """`value` (a decoded payload) with every string that holds `prefix` replaced."""
    if isinstance(value, str):
        return ERASED_QUOTE if prefix in value else value
    if isinstance(value, list):
        return [_without(item, prefix) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, prefix) for key, item in value.items()}
    return value


async def _erase_staff_traces(conn: aiosqlite.Connection, user_id: int) -> None:
    """A gespreksleider or coordinator who asks to be forgotten loses the role too."""
    await conn.execute(
        "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL"
        " WHERE claimed_by = ? AND state = 'claimed'",
        (user_id,),
    )
    await conn.execute("UPDATE questions SET claimed_by = NULL WHERE claimed_by = ?", (user_id,))
    await conn.execute("DELETE FROM roles WHERE user_id = ?", (user_id,))
    await conn.execute("UPDATE roles SET granted_by = NULL WHERE granted_by = ?", (user_id,))
    # An invite row is deleted rather than unlinked: one with used_by NULL could be used.
    await conn.execute(
        "DELETE FROM invites WHERE created_by = ? OR used_by = ?", (user_id, user_id)
    )
    await conn.execute("DELETE FROM panels WHERE chat_id = ?", (user_id,))
    await conn.execute("DELETE FROM coordinator_drafts WHERE user_id = ?", (user_id,))
    await conn.execute(
        "UPDATE inloop_cancellations SET cancelled_by = NULL WHERE cancelled_by = ?", (user_id,)
    )
    await conn.execute(
        "UPDATE inloop_announcements SET created_by = NULL WHERE created_by = ?", (user_id,)
    )


class PrivacyRepository:
    def __init__(self, db: Database):
        self.db = db

    # -- /mijngegevens ---------------------------------------------------------------------

    async def personal_data(self, user_id: int) -> PersonalData:
        return PersonalData(
            user_id=user_id,
            profile=await self._profile(user_id),
            webinars=await self._webinars(user_id),
            questions=await self._questions(user_id),
            votes=await self._votes(user_id),
            subscriptions=await self._subscriptions(user_id),
            messages=await self._messages(user_id),
            staff_roles=await self._staff_roles(user_id),
            invites=await self._invites(user_id),
        )

    async def _staff_roles(self, user_id: int) -> list[HeldRole]:
        rows = await self.db.fetch_all(
            "SELECT role, display_name, granted_at FROM roles WHERE user_id = ? ORDER BY role",
            (user_id,),
        )
        return [HeldRole(r["role"], r["display_name"], r["granted_at"]) for r in rows]

    async def _invites(self, user_id: int) -> list[InviteRecord]:
        rows = await self.db.fetch_all(
            "SELECT role, created_by = ? AS made, created_at, expires_at, used_at FROM invites"
            " WHERE created_by = ? OR used_by = ? ORDER BY created_at, rowid",
            (user_id, user_id, user_id),
        )
        return [
            InviteRecord(r["role"], bool(r["made"]), r["created_at"], r["expires_at"], r["used_at"])
            for r in rows
        ]

    async def _webinars(self, user_id: int) -> list[JoinedWebinar]:
        rows = await self.db.fetch_all(
            "SELECT w.code, w.title, w.starts_at, p.joined_at, p.muted FROM participants p"
            " JOIN webinars w ON w.id = p.webinar_id WHERE p.user_id = ?"
            " ORDER BY p.joined_at, w.id",
            (user_id,),
        )
        return [
            JoinedWebinar(r["code"], r["title"], r["starts_at"], r["joined_at"], bool(r["muted"]))
            for r in rows
        ]

    async def _questions(self, user_id: int) -> list[AskedQuestion]:
        rows = await self.db.fetch_all(
            # A question still waiting when its webinar closed ends as 'unanswered'.
            "SELECT w.title, q.text, CASE WHEN w.state = 'closed' AND q.state IN"
            " ('open', 'claimed') THEN 'unanswered' ELSE q.state END AS state, q.votes,"
            " q.shown_name, q.created_at, q.answered_how, q.number FROM questions q"
            " JOIN webinars w ON w.id = q.webinar_id WHERE q.asker_id = ?"
            " ORDER BY q.id",
            (user_id,),
        )
        return [
            AskedQuestion(
                r["title"],
                r["text"],
                r["state"],
                r["votes"],
                r["shown_name"],
                r["created_at"],
                r["answered_how"],
                r["number"] or 0,
            )
            for r in rows
        ]

    async def _votes(self, user_id: int) -> list[CastVote]:
        rows = await self.db.fetch_all(
            "SELECT w.title, q.number, v.voted_at FROM votes v"
            " JOIN questions q ON q.id = v.question_id JOIN webinars w ON w.id = q.webinar_id"
            " WHERE v.user_id = ? ORDER BY v.voted_at, v.question_id",
            (user_id,),
        )
        return [CastVote(r["title"], r["number"] or 0, r["voted_at"]) for r in rows]

    async def _subscriptions(self, user_id: int) -> list[Subscription]:
        rows = await self.db.fetch_all(
            "SELECT s.title, s.wijk, s.location, i.subscribed_at FROM inloop_subscriptions i"
            " JOIN inloop_series s ON s.id = i.series_id WHERE i.user_id = ?"
            " ORDER BY s.wijk, s.title",
            (user_id,),
        )
        return [
            Subscription(r["title"], r["wijk"], r["location"], r["subscribed_at"]) for r in rows
        ]

    async def _messages(self, user_id: int) -> list[KeptMessage]:
        rows = await self.db.fetch_all(
            "SELECT kind, state, due_at, sent_at, payload FROM outbox WHERE user_id = ?"
            " ORDER BY due_at, id",
            (user_id,),
        )
        return [
            KeptMessage(r["kind"], r["state"], r["due_at"], r["sent_at"], _content(r["payload"]))
            for r in rows
        ]

    async def _profile(self, user_id: int) -> Profile | None:
        row = await self.db.fetch_one(
            "SELECT u.*, w.title AS webinar_title,"
            " (SELECT group_concat(role) FROM roles WHERE user_id = u.id) AS role_list"
            " FROM users u LEFT JOIN webinars w ON w.id = u.current_webinar WHERE u.id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return Profile(
            language=row["language"],
            language_chosen=bool(row["language_chosen"]),
            first_name=row["first_name"],
            show_name=bool(row["show_name"]),
            consent_version=row["consent_version"],
            consent_at=row["consent_at"],
            notice_shown_at=row["notice_shown_at"],
            current_webinar=row["webinar_title"],
            active=bool(row["active"]),
            created_at=row["created_at"],
            last_seen_at=row["last_seen_at"],
            roles=sorted(name for name in (row["role_list"] or "").split(",") if name),
        )

    # -- /vergeetmij -----------------------------------------------------------------------

    async def erase(self, user_id: int) -> Erasure:
        """Everything kept about one person, in one transaction (see `erase_person`)."""

        async def op(conn: aiosqlite.Connection) -> Erasure:
            return await erase_person(conn, user_id)

        erasure = await self.db.write(op)
        await self.db.checkpoint()  # no copy of the erased rows left in the -wal file
        return erasure

    # -- retention -------------------------------------------------------------------------

    async def purge_question_texts(self, ended_before: datetime, now: datetime) -> PurgedTexts:
        """Question texts (and shown names) of webinars that ended before `ended_before`.

        A webinar ended when it was closed, or (never closed) at its scheduled end. The
        rows stay, so every count stays; `texts_purged_at` marks the webinar as done.
        """

        async def op(conn: aiosqlite.Connection) -> PurgedTexts:
            cursor = await conn.execute(
                "UPDATE webinars SET texts_purged_at = ? WHERE texts_purged_at IS NULL"
                " AND coalesce(closed_at, ends_at) < ? RETURNING id",
                (to_db(now), to_db(ended_before)),
            )
            webinar_ids = sorted(row[0] for row in await cursor.fetchall())
            # Features left by an erasure or a purge before they were cleared with the
            # text (a database from before issue 22).
            await conn.execute(f"UPDATE questions SET features = NULL WHERE {ORPHANED_FEATURES}")
            if not webinar_ids:
                return PurgedTexts([], 0)
            marks = ",".join("?" * len(webinar_ids))
            await conn.execute(
                f"DELETE FROM answer_drafts WHERE question_id IN"
                f" (SELECT id FROM questions WHERE webinar_id IN ({marks}))",
                webinar_ids,
            )
            cursor = await conn.execute(
                f"UPDATE questions SET {DERIVED_FROM_TEXT} WHERE webinar_id IN ({marks})"
                " AND (text IS NOT NULL OR shown_name IS NOT NULL OR features IS NOT NULL)",
                webinar_ids,
            )
            return PurgedTexts(webinar_ids, cursor.rowcount)

        if (
            await self.db.fetch_value(
                "SELECT 1 FROM webinars WHERE texts_purged_at IS NULL"
                " AND coalesce(closed_at, ends_at) < ?"
                f" UNION ALL SELECT 1 FROM questions WHERE {ORPHANED_FEATURES} LIMIT 1",
                (to_db(ended_before),),
            )
            is None
        ):
            return PurgedTexts([], 0)  # the usual day: nothing to do, no transaction
        purged = await self.db.write(op, marks_update=False)
        await self.db.checkpoint()
        return purged

    async def clear_old_payloads(self, before: datetime) -> int:
        """Payloads of messages done with (sent, dropped, failed, cancelled) before `before`.

        A cancelled reminder may be queued again (the parent subscribes anew), but only for
        an occurrence still to come: one that expired before `before` never is.
        """

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "UPDATE outbox SET payload = ? WHERE state != 'pending' AND payload != ?"
                " AND coalesce(sent_at, expires_at, due_at) < ?",
                (ERASED_PAYLOAD, ERASED_PAYLOAD, to_db(before)),
            )
            return cursor.rowcount

        return await self.db.write(op, marks_update=False)

    async def inactive_parents(self, last_seen_before: datetime, today: str) -> list[int]:
        """Parents not seen since `last_seen_before`. Staff are not parents; a parent still
        subscribed to a series that runs on (`today`, a local ISO date) is still served."""
        rows = await self.db.fetch_all(
            "SELECT u.id FROM users u WHERE u.last_seen_at < ?"
            " AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.user_id = u.id)"
            " AND NOT EXISTS (SELECT 1 FROM inloop_subscriptions i"
            "  JOIN inloop_series s ON s.id = i.series_id"
            "  WHERE i.user_id = u.id AND (s.last_date IS NULL OR s.last_date >= ?))"
            " ORDER BY u.id",
            (to_db(last_seen_before), today),
        )
        return [row["id"] for row in rows]

    async def erase_many(self, user_ids: Sequence[int]) -> list[Erasure]:
        """Several people, one transaction."""

        async def op(conn: aiosqlite.Connection) -> list[Erasure]:
            return [await erase_person(conn, user_id) for user_id in user_ids]

        if not user_ids:
            return []
        erasures = await self.db.write(op, marks_update=False)
        await self.db.checkpoint()
        return erasures

    async def record_seen(self, user_ids: Sequence[int], now: datetime) -> None:
        """Mark when these people last wrote to the bot (batched: see bot.privacy.retention)."""
        if not user_ids:
            return

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.executemany(
                "UPDATE users SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?",
                [(to_db(now), user_id, to_db(now)) for user_id in user_ids],
            )

        await self.db.write(op, marks_update=False)
