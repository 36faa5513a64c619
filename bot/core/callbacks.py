"""Callback data for inline buttons: a small, versioned, parsed format.

``1:q:asked:1234`` is version 1, feature ``q``, action ``asked``, argument 1234.
Every button action is declared once below (`Action`): its feature and name, the names
of its integer fields and the role a presser must hold. Keyboards build their data from
the declaration (`Action.data`), and every press is parsed against the same declarations
(`parse`), so a button and its route cannot drift apart; anything else (an old button
from a removed feature, data forged by a client) is rejected before a handler runs
(`handlers.router`, which also checks the role). Encoded data is kept under Telegram's
64-byte limit. The strings never change: parents keep old messages with old buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.models import Role

VERSION = "1"
MAX_BYTES = 64

_PART = re.compile(r"^-?\d{1,12}$")


class BadCallback(ValueError):
    """Callback data that is not one of ours (malformed, outdated or forged)."""


@dataclass(frozen=True)
class Action:
    """One kind of button: `fields` names its integer arguments, in order; `role` is the
    role a presser must hold (None: anyone, e.g. a parent's own buttons, which their
    handler checks against the presser)."""

    feature: str
    name: str
    fields: tuple[str, ...] = ()
    role: Role | None = None

    def data(self, *values: int) -> str:
        """The callback data of a button for this action."""
        if len(values) != len(self.fields):
            raise ValueError(f"{self.feature}:{self.name} takes {len(self.fields)} values")
        data = ":".join([VERSION, self.feature, self.name, *map(str, values)])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long: {len(data.encode())} bytes")
        return data


@dataclass(frozen=True)
class Press:
    """A parsed press: the declared action and its values (as many as it has fields)."""

    action: Action
    args: tuple[int, ...] = ()


DECLARED: dict[tuple[str, str], Action] = {}


def _declare(feature: str, name: str, *fields: str, role: Role | None = None) -> Action:
    action = Action(feature, name, fields, role)
    if (feature, name) in DECLARED:
        raise ValueError(f"callback {feature}:{name} declared twice")
    DECLARED[feature, name] = action
    return action


def parse(data: str | None) -> Press:
    if not data or len(data.encode()) > MAX_BYTES:
        raise BadCallback("empty or too long")
    version, *rest = data.split(":")
    if version != VERSION or len(rest) < 2:
        raise BadCallback("unknown version")
    feature, name, *raw_args = rest
    action = DECLARED.get((feature, name))
    if action is None or len(action.fields) != len(raw_args):
        raise BadCallback("unknown action")
    if not all(_PART.match(part) for part in raw_args):
        raise BadCallback("malformed argument")
    return Press(action, tuple(int(part) for part in raw_args))


MODERATOR = Role.MODERATOR
COORDINATOR = Role.COORDINATOR

# -- a gespreksleider's question card (question id) ------------------------------------
CARD_ASKED = _declare("q", "asked", "question", role=MODERATOR)
CARD_BACK = _declare("q", "back", "question", role=MODERATOR)
CARD_LATER = _declare("q", "later", "question", role=MODERATOR)
CARD_REMOVE = _declare("q", "remove", "question", role=MODERATOR)
CARD_WRITE = _declare("q", "write", "question", role=MODERATOR)
CARD_MERGE = _declare("q", "merge", "question", role=MODERATOR)
CARD_SHOW = _declare("q", "show", "question", role=MODERATOR)
CARD_HIDE = _declare("q", "hide", "question", role=MODERATOR)  # undoes "show"
# mute asks to confirm; then "muteyes" (or "muteno"); "unmute" undoes it
CARD_MUTE = _declare("q", "mute", "question", role=MODERATOR)
CARD_MUTE_YES = _declare("q", "muteyes", "question", role=MODERATOR)
CARD_MUTE_NO = _declare("q", "muteno", "question", role=MODERATOR)
CARD_UNMUTE = _declare("q", "unmute", "question", role=MODERATOR)
# the other question to leave out / take in; the merge to undo
CARD_TOGGLE = _declare("q", "tog", "question", "other", role=MODERATOR)
CARD_UNDO = _declare("q", "undo", "question", "merge", role=MODERATOR)

# -- answered and removed questions: the list, put one back ---------------------------
HISTORY_LIST = _declare("h", "list", "webinar", role=MODERATOR)
HISTORY_RESTORE = _declare("h", "restore", "question", role=MODERATOR)

# -- a written answer: send the previewed text (and a checksum of it, so an older preview
# never sends a newer text), type it again, give up
WRITTEN_SEND = _declare("w", "send", "question", "checksum", role=MODERATOR)
WRITTEN_EDIT = _declare("w", "edit", "question", role=MODERATOR)
WRITTEN_CANCEL = _declare("w", "cancel", "question", role=MODERATOR)

# -- a parent on their own question / other parents' questions (question id; list and
# name: webinar id); withdraw asks first: withdrawyes does it, withdrawno keeps the question
PARENT_WITHDRAW = _declare("p", "withdraw", "question")
PARENT_WITHDRAW_YES = _declare("p", "withdrawyes", "question")
PARENT_WITHDRAW_NO = _declare("p", "withdrawno", "question")
PARENT_VOTE = _declare("p", "vote", "question")
PARENT_LIST = _declare("p", "list", "webinar")
PARENT_NAME = _declare("p", "name", "webinar")  # show my first name, or not
PARENT_NONAME = _declare("p", "noname", "webinar")

# -- consent and privacy ("agreeq": agreeing to the notice shown because a question waits)
CONSENT_AGREE = _declare("c", "agree")
CONSENT_AGREE_QUESTION = _declare("c", "agreeq")
CONSENT_DECLINE = _declare("c", "decline")

# -- a parent's own data: erase after confirmation
FORGET_ME = _declare("me", "forget")
KEEP_ME = _declare("me", "keep")

# -- language choice: an index into the translator's languages
LANGUAGE_SET = _declare("lang", "set", "language")

# -- a parent's menu after /start, /help and consent: what they can do
MENU_WEBINAR = _declare("m", "webinar")
MENU_INLOOP = _declare("m", "inloop")
MENU_LANGUAGE = _declare("m", "lang")
MENU_DATA = _declare("m", "data")

# -- /open without a code: one of today's webinars (openyes: opening a webinar of
# another day after being asked; openno: not)
OPEN = _declare("o", "open", "webinar", role=MODERATOR)
OPEN_YES = _declare("o", "openyes", "webinar", role=MODERATOR)
OPEN_NO = _declare("o", "openno", "webinar", role=MODERATOR)

# -- /sluit: yes (close it), no (keep it open), reopen (within a day of the close)
CLOSE_YES = _declare("s", "yes", "webinar", role=MODERATOR)
CLOSE_NO = _declare("s", "no", "webinar", role=MODERATOR)
REOPEN = _declare("s", "reopen", "webinar", role=MODERATOR)

# -- the queue panel, and its "⏺ Opname loopt": the recording of this webinar started
PANEL_NEXT = _declare("panel", "next", "webinar", role=MODERATOR)
PANEL_REFRESH = _declare("panel", "refresh", "webinar", role=MODERATOR)
PANEL_GROUP = _declare("panel", "group", "webinar", "group", role=MODERATOR)
RECORDING_START = _declare("rec", "start", "webinar", role=MODERATOR)

# -- inloop, parents: wijk list and choice (by one of its series), a wijk's view at a
# page, subscribe, unsubscribe (in the wijk view, or "stop" under a reminder)
INLOOP_LIST = _declare("i", "list")
INLOOP_WIJK = _declare("i", "wijk", "series")
INLOOP_PAGE = _declare("i", "page", "series", "page")
INLOOP_SUB = _declare("i", "sub", "series")
INLOOP_UNSUB = _declare("i", "unsub", "series")
INLOOP_STOP = _declare("i", "stop", "series")
# coordinators: series to cancel (then series + yyyymmdd), series to message, "Versturen"
# under an announcement's preview, abort the pending reason/announcement
INLOOP_CANCEL_SERIES = _declare("i", "cseries", "series", role=COORDINATOR)
INLOOP_CANCEL = _declare("i", "cancel", "series", "day", role=COORDINATOR)
INLOOP_MESSAGE = _declare("i", "msg", "series", role=COORDINATOR)
INLOOP_MESSAGE_SEND = _declare("i", "msgsend", "series", role=COORDINATOR)
INLOOP_ABORT = _declare("i", "abort", role=COORDINATOR)

# -- feedback: request id, then the answer (rescore: show the faces again, to change a
# mis-tapped score)
FEEDBACK_SCORE = _declare("f", "score", "request", "score")
FEEDBACK_HELPED = _declare("f", "helped", "request", "helped")
FEEDBACK_SKIP = _declare("f", "skip", "request", "step")
FEEDBACK_THERE = _declare("f", "there", "request", "there")
FEEDBACK_RESCORE = _declare("f", "rescore", "request")

# -- coordinator: invites (an index into the roles offered); revoke asks to confirm,
# revokeyes does it (user id, the role's index); list shows /rollen again
INVITE_ROLE = _declare("inv", "role", "role", role=COORDINATOR)
REVOKE = _declare("inv", "revoke", "user", "role", role=COORDINATOR)
REVOKE_YES = _declare("inv", "revokeyes", "user", "role", role=COORDINATOR)
STAFF_LIST = _declare("inv", "list", role=COORDINATOR)

# -- summaries: a menu (1 sessions, 2 themes), then a scope shown or exported as CSV:
# (1, session id), (2, id of a session with that theme), (3, last N days),
# (4, a week from a day's ordinal: the weekly digest)
SUMMARY_MENU = _declare("sum", "menu", "menu", role=COORDINATOR)
SUMMARY_SHOW = _declare("sum", "show", "kind", "scope", role=COORDINATOR)
SUMMARY_CSV = _declare("sum", "csv", "kind", "scope", role=COORDINATOR)
SUMMARY_BACK = _declare("sum", "back", role=COORDINATOR)
