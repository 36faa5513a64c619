"""Plain records passed between storage, domain and handlers (no SQL, no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum


class Role(StrEnum):
    MODERATOR = "moderator"  # a gespreksleider
    COORDINATOR = "coordinator"


class WebinarState(StrEnum):
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


class QuestionState(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    ANSWERED = "answered"
    REMOVED = "removed"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


@dataclass(frozen=True)
class User:
    id: int
    language: str
    language_chosen: bool
    show_name: bool
    first_name: str | None
    consent_version: int | None
    current_webinar: int | None
    active: bool
    roles: frozenset[Role] = field(default_factory=frozenset)

    def has(self, role: Role) -> bool:
        # A coordinator can do everything a gespreksleider can.
        return role in self.roles or (role is Role.MODERATOR and Role.COORDINATOR in self.roles)


@dataclass(frozen=True)
class Webinar:
    id: int
    code: str
    title: str
    theme: str
    starts_at: datetime
    ends_at: datetime
    replay_url: str | None
    state: WebinarState
    # When "⏺ Opname loopt" was tapped (None: the scheduled start is the recording's).
    recording_started_at: datetime | None = None
    organisation: str = ""
    wijk: str = ""
    practice_of: int | None = None  # the trainee of a practice webinar (/oefenen)
    closed_at: datetime | None = None
    closed_by: int | None = None  # who closed it: they (or a coordinator) may reopen it

    @property
    def practice(self) -> bool:
        return self.practice_of is not None

    @property
    def recording_start(self) -> datetime:
        return self.recording_started_at or self.starts_at


@dataclass(frozen=True)
class Question:
    id: int
    webinar_id: int
    asker_id: int | None
    text: str | None
    shown_name: str | None
    state: QuestionState
    visible: bool
    votes: int
    similar_count: int
    deferred: bool
    claimed_by: int | None
    merged_into: int | None
    created_at: datetime
    # Its place in the order of asking within its webinar: "Vraag 1" is every webinar's
    # first question (the id is only the database's key).
    number: int = 0
    answered_how: str | None = None  # "live" or "written", once answered
    reserved_by: int | None = None  # kept for this gespreksleider ("Neem deze groep")


@dataclass(frozen=True)
class QueueCounts:
    open: int = 0
    claimed: int = 0
    answered: int = 0
    removed: int = 0
    merged: int = 0
    withdrawn: int = 0

    @property
    def total(self) -> int:
        """Every question parents sent in, whatever became of it."""
        return (
            self.open + self.claimed + self.answered + self.removed + self.merged + self.withdrawn
        )


# An outbox parameter: a plain value, or a tagged value formatted at send time in the
# recipient's language (see bot.core.rendering).
ParamValue = str | int | dict[str, str]


@dataclass(frozen=True)
class OutgoingMessage:
    """A message for the outbox: a translation key and parameters, rendered at send time
    in the recipient's language. `buttons` rows hold (label key, callback data)."""

    user_id: int
    kind: str
    key: str
    params: dict[str, ParamValue] = field(default_factory=dict)
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    dedup_key: str = ""


def is_simulated(user_id: int) -> bool:
    """A simulated parent of a practice webinar (/oefenen): negative ids, which no
    Telegram user has. Nothing is ever queued for them (storage.outbox)."""
    return user_id < 0


class Priority(IntEnum):
    """Which outbox rows go first (lower first): a reply to what a person just did, then a
    notice about their own question, then broadcasts (reminders, announcements, requests)."""

    REPLY = 0
    NOTICE = 1
    BROADCAST = 2


def priority_of(kind: str) -> Priority:
    """The priority of a planner's message kind (see OutgoingMessage.kind)."""
    return Priority.NOTICE if kind.startswith("question.") else Priority.BROADCAST


@dataclass(frozen=True)
class ChatMessage:
    """A message a handler rendered already, for the outbox: a new message ('message'),
    a new text for a message sent before ('edit'), new buttons only ('markup'), or a
    file ('document', 'photo': the bytes travel in the row; `text` is the caption).

    `markup` is Telegram's JSON for the inline keyboard. `purpose` names why the sent
    message's id matters later (e.g. 'panel:12'); the sender records it."""

    chat_id: int
    method: str = "message"
    text: str = ""
    markup: dict[str, object] | None = None
    message_id: int | None = None
    file: bytes | None = None
    filename: str | None = None
    purpose: str | None = None
    priority: Priority = Priority.REPLY
    html: bool = True
    waits_for: str | None = None  # goes only once no row whose dedup key starts so waits
