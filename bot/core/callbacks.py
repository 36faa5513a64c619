"""Callback data for inline buttons: a small, versioned, parsed format.

``1:q:asked:1234`` is version 1, feature ``q``, action ``asked``, argument 1234.
Every press is parsed against the list of known actions below; anything else (an old
button from a removed feature, data forged by a client) is rejected before a handler
runs, and the handler still checks that the presser may do it. Encoded data is kept
under Telegram's 64-byte limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "1"
MAX_BYTES = 64

# feature -> action -> number of integer arguments
ACTIONS: dict[str, dict[str, int]] = {
    # a gespreksleider's question card
    "q": {
        "asked": 1,
        "back": 1,
        "later": 1,
        "remove": 1,
        "write": 1,
        "merge": 1,
        "show": 1,
        "hide": 1,  # undoes "show"
        "mute": 1,  # asks to confirm; then "muteyes" (or "muteno"); "unmute" undoes it
        "muteyes": 1,
        "muteno": 1,
        "unmute": 1,
        # question id, then the other question to leave out / take in; the merge to undo
        "tog": 2,
        "undo": 2,
    },
    # answered and removed questions: the list (webinar id), put one back (question id)
    "h": {"list": 1, "restore": 1},
    # a written answer (question id): send the previewed text (and a checksum of it, so
    # an older preview never sends a newer text), type it again, give up
    "w": {"send": 2, "edit": 1, "cancel": 1},
    # a parent on their own question / other parents' questions
    # (withdraw asks first: withdrawyes does it, withdrawno keeps the question)
    "p": {
        "withdraw": 1,
        "withdrawyes": 1,
        "withdrawno": 1,
        "vote": 1,
        "list": 1,
        "name": 1,
        "noname": 1,
    },
    # consent and privacy ("agreeq": agreeing to the notice shown because a question waits)
    "c": {"agree": 0, "agreeq": 0, "decline": 0},
    # a parent's own data: erase after confirmation
    "me": {"forget": 0, "keep": 0},
    # language choice: argument is an index into the translator's languages
    "lang": {"set": 1},
    # a parent's menu after /start, /help and consent: what they can do
    "m": {"webinar": 0, "inloop": 0, "lang": 0, "data": 0},
    # /open without a code: one of today's webinars, by id
    # (openyes: opening a webinar of another day after being asked; openno: not)
    "o": {"open": 1, "openyes": 1, "openno": 1},
    # /sluit: yes (close it), no (keep it open), reopen (within a day of the close)
    "s": {"yes": 1, "no": 1, "reopen": 1},
    # the queue panel
    "panel": {"next": 1, "refresh": 1, "group": 2},  # group: webinar id, group key
    # the queue panel's "⏺ Opname loopt": the recording of this webinar started
    "rec": {"start": 1},
    # inloop, parents: wijk list and choice, subscribe, unsubscribe (in the wijk view, or
    # "stop" under a reminder); coordinators: series to cancel (then series + yyyymmdd),
    # series to message, abort the pending reason/announcement
    "i": {
        "list": 0,
        "wijk": 1,
        "page": 2,  # a wijk's view (by one of its series) at a page
        "sub": 1,
        "unsub": 1,
        "stop": 1,
        "cseries": 1,
        "cancel": 2,
        "msg": 1,
        "msgsend": 1,  # "Versturen" under an announcement's preview (series id)
        "abort": 0,
    },
    # feedback: request id, then the answer
    # (rescore: show the faces again, to change a mis-tapped score)
    "f": {"score": 2, "helped": 2, "skip": 2, "there": 2, "rescore": 1},
    # coordinator: invites and summaries
    # (revoke asks to confirm; revokeyes does it; list shows /rollen again)
    "inv": {"role": 1, "revoke": 2, "revokeyes": 2, "list": 0},
    # summaries: a menu (1 sessions, 2 themes), then a scope shown or exported as CSV:
    # (1, session id), (2, id of a session with that theme), (3, last N days),
    # (4, a week from a day's ordinal: the weekly digest)
    "sum": {"menu": 1, "show": 2, "csv": 2, "back": 0},
}

_PART = re.compile(r"^-?\d{1,12}$")


class BadCallback(ValueError):
    """Callback data that is not one of ours (malformed, outdated or forged)."""


@dataclass(frozen=True)
class Callback:
    feature: str
    action: str
    args: tuple[int, ...] = ()

    def encode(self) -> str:
        data = ":".join([VERSION, self.feature, self.action, *map(str, self.args)])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long: {len(data.encode())} bytes")
        return data

    @property
    def arg(self) -> int:
        return self.args[0]


def make(feature: str, action: str, *args: int) -> str:
    if ACTIONS.get(feature, {}).get(action) != len(args):
        raise ValueError(f"unknown callback {feature}:{action}/{len(args)}")
    return Callback(feature, action, tuple(args)).encode()


def parse(data: str | None) -> Callback:
    if not data or len(data.encode()) > MAX_BYTES:
        raise BadCallback("empty or too long")
    version, *rest = data.split(":")
    if version != VERSION or len(rest) < 2:
        raise BadCallback("unknown version")
    feature, action, *raw_args = rest
    expected = ACTIONS.get(feature, {}).get(action)
    if expected is None or expected != len(raw_args):
        raise BadCallback("unknown action")
    if not all(_PART.match(part) for part in raw_args):
        raise BadCallback("malformed argument")
    return Callback(feature, action, tuple(int(part) for part in raw_args))


def pattern(feature: str) -> re.Pattern[str]:
    """The regex a CallbackQueryHandler uses to route one feature's buttons."""
    return re.compile(rf"^{VERSION}:{re.escape(feature)}:")
