"""Users and their roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import OutgoingMessage, Role, User
from storage.db import Database
from storage.outbox import enqueue
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Revocation:
    """What taking a role back ended, for the callers that keep Telegram in step."""

    still_moderates: bool  # another role still lets them moderate: nothing else ended
    panels: list[tuple[int, int]]  # (webinar id, message id) of their queue panels
    released: list[tuple[int, int]]  # (question id, webinar id) put back in the queue
    dropped_draft: bool  # a written answer they were typing will not be sent


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    role: Role
    display_name: str | None
    granted_at: datetime


def _user(row: aiosqlite.Row, roles: frozenset[Role]) -> User:
    return User(
        id=row["id"],
        language=row["language"],
        language_chosen=bool(row["language_chosen"]),
        show_name=bool(row["show_name"]),
        first_name=row["first_name"],
        consent_version=row["consent_version"],
        current_webinar=row["current_webinar"],
        active=bool(row["active"]),
        roles=roles,
    )


class UserRepository:
    def __init__(self, db: Database):
        self.db = db

    async def get(self, user_id: int) -> User | None:
        # One query for the user and their roles: this runs for every update.
        row = await self.db.fetch_one(
            "SELECT *, (SELECT group_concat(role) FROM roles WHERE user_id = users.id)"
            " AS role_list FROM users WHERE id = ?",
            (user_id,),
        )
        if row is None:
            return None
        roles = frozenset(Role(name) for name in (row["role_list"] or "").split(",") if name)
        return _user(row, roles)

    async def roles_of(self, user_id: int) -> frozenset[Role]:
        rows = await self.db.fetch_all("SELECT role FROM roles WHERE user_id = ?", (user_id,))
        return frozenset(Role(row["role"]) for row in rows)

    async def ensure(self, user_id: int, language: str, now: datetime) -> tuple[User, bool]:
        """The user's row, created on first contact. Returns (user, created)."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO users (id, language, created_at, last_seen_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, active = 1",
                (user_id, language, to_db(now), to_db(now)),
            )

        existing = await self.get(user_id)
        if existing is not None and existing.active:
            return existing, False
        await self.db.write(op, marks_update=False)
        user = await self.get(user_id)
        assert user is not None
        return user, existing is None

    async def set_language(self, user_id: int, language: str) -> None:
        await self._update(user_id, "language = ?, language_chosen = 1", (language,))

    async def record_consent(self, user_id: int, version: int, now: datetime) -> None:
        await self._update(user_id, "consent_version = ?, consent_at = ?", (version, to_db(now)))

    async def set_shown_name(self, user_id: int, first_name: str | None) -> None:
        """Show the first name to gespreksleiders on new questions (or stop: the stored
        name is erased, from the questions asked before too)."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE users SET show_name = ?, first_name = ? WHERE id = ?",
                (int(first_name is not None), first_name, user_id),
            )
            if first_name is None:
                await conn.execute(
                    "UPDATE questions SET shown_name = NULL WHERE asker_id = ?"
                    " AND shown_name IS NOT NULL",
                    (user_id,),
                )

        await self.db.write(op)

    async def mark_inactive(self, user_id: int) -> None:
        await self._update(user_id, "active = 0", (), marks_update=False)

    async def _update(
        self,
        user_id: int,
        assignments: str,
        params: tuple[object, ...],
        *,
        marks_update: bool = True,
    ) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(f"UPDATE users SET {assignments} WHERE id = ?", (*params, user_id))

        await self.db.write(op, marks_update=marks_update)

    async def grant_role(
        self, user_id: int, role: Role, granted_by: int | None, now: datetime
    ) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO roles (user_id, role, granted_by, granted_at)"
                " VALUES (?, ?, ?, ?)",
                (user_id, role.value, granted_by, to_db(now)),
            )

        await self.db.write(op)

    async def revoke_role(
        self,
        user_id: int,
        role: Role,
        now: datetime,
        notice: Callable[[bool], OutgoingMessage] | None = None,
    ) -> Revocation | None:
        """Take `role` back, in one transaction with everything it let them do.

        Someone left without a role that moderates loses their queue panels, their
        claimed questions go back to the queue (as they were, not as "later"), a written
        answer they were typing is dropped (their next text is not an answer, and not a
        parent's question either: they leave the webinar they opened). A coordinator's
        half-typed cancellation reason or announcement is dropped too. `notice`
        (told whether they still moderate) is queued for them. None if they did not
        hold the role.
        """

        async def op(conn: aiosqlite.Connection) -> Revocation | None:
            cursor = await conn.execute(
                "DELETE FROM roles WHERE user_id = ? AND role = ?", (user_id, role.value)
            )
            if cursor.rowcount == 0:
                return None
            if role is Role.COORDINATOR:  # a cancellation reason or announcement half-typed
                await conn.execute("DELETE FROM coordinator_drafts WHERE user_id = ?", (user_id,))
            cursor = await conn.execute(
                "SELECT 1 FROM roles WHERE user_id = ? AND role IN ('moderator', 'coordinator')",
                (user_id,),
            )
            still_moderates = await cursor.fetchone() is not None
            if notice is not None:
                await enqueue(conn, notice(still_moderates), due_at=now, now=now)
            if still_moderates:
                return Revocation(True, [], [], False)
            return await _end_moderating(conn, user_id)

        return await self.db.write(op)

    async def name_staff(self, user_id: int, display_name: str) -> None:
        """Keep a staff member's first name with roles that have none yet (a coordinator
        from the configuration, seen for the first time), for /rollen."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE roles SET display_name = ? WHERE user_id = ? AND display_name IS NULL",
                (display_name, user_id),
            )

        await self.db.write(op)

    async def staff(self) -> list[StaffMember]:
        """Everyone holding a role, coordinators first, for /rollen."""
        rows = await self.db.fetch_all(
            "SELECT user_id, role, display_name, granted_at FROM roles"
            " ORDER BY role = 'moderator', display_name, user_id"
        )
        return [
            StaffMember(
                row["user_id"], Role(row["role"]), row["display_name"], from_db(row["granted_at"])
            )
            for row in rows
        ]

    async def role_holders(self) -> list[tuple[int, Role]]:
        rows = await self.db.fetch_all("SELECT user_id, role FROM roles ORDER BY user_id, role")
        return [(row["user_id"], Role(row["role"])) for row in rows]

    async def sync_configured_coordinators(self, user_ids: list[int], now: datetime) -> None:
        """Coordinators listed in the configuration always hold the role."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.executemany(
                "INSERT OR IGNORE INTO roles (user_id, role, granted_by, granted_at)"
                " VALUES (?, 'coordinator', NULL, ?)",
                [(user_id, to_db(now)) for user_id in user_ids],
            )

        await self.db.write(op, marks_update=False)


async def _end_moderating(conn: aiosqlite.Connection, user_id: int) -> Revocation:
    cursor = await conn.execute(
        "DELETE FROM panels WHERE chat_id = ? RETURNING webinar_id, message_id", (user_id,)
    )
    panels = [(row[0], row[1]) for row in await cursor.fetchall()]
    cursor = await conn.execute(
        "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL"
        " WHERE claimed_by = ? AND state = 'claimed' RETURNING id, webinar_id",
        (user_id,),
    )
    released = [(row[0], row[1]) for row in await cursor.fetchall()]
    cursor = await conn.execute("DELETE FROM answer_drafts WHERE moderator_id = ?", (user_id,))
    dropped_draft = cursor.rowcount > 0
    await conn.execute("UPDATE users SET current_webinar = NULL WHERE id = ?", (user_id,))
    return Revocation(False, sorted(panels), sorted(released), dropped_draft)


class InviteRepository:
    def __init__(self, db: Database):
        self.db = db

    async def create(
        self, token_hash: str, role: Role, created_by: int, now: datetime, expires_at: datetime
    ) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO invites (token_hash, role, created_by, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (token_hash, role.value, created_by, to_db(now), to_db(expires_at)),
            )

        await self.db.write(op)

    async def redeem(
        self, token_hash: str, user_id: int, now: datetime, display_name: str | None = None
    ) -> Role | None:
        """Use an invite once: grants its role to `user_id`, or None if unusable."""

        async def op(conn: aiosqlite.Connection) -> Role | None:
            cursor = await conn.execute(
                "UPDATE invites SET used_by = ?, used_at = ?"
                " WHERE token_hash = ? AND used_by IS NULL AND expires_at > ? RETURNING role",
                (user_id, to_db(now), token_hash, to_db(now)),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            role = Role(row[0])
            await conn.execute(
                "INSERT INTO roles (user_id, role, granted_by, granted_at, display_name)"
                " SELECT ?, role, created_by, ?, ? FROM invites WHERE token_hash = ?"
                " ON CONFLICT (user_id, role) DO UPDATE SET display_name = excluded.display_name",
                (user_id, to_db(now), display_name, token_hash),
            )
            return role

        return await self.db.write(op)
