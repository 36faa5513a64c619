"""Replay moments: every parent whose question was discussed hears at which minute of the
recording, with a link that starts there.

The recording starts when a gespreksleider taps "⏺ Opname loopt" on the queue panel (the
scheduled start when nobody did); a question's moment is when it was marked asked
(`answered_at`), or for a merged question that of the question it was merged into. When
the webinar is closed and its replay link is known (the programme's `terugkijken`
column, or `/terugkijken <code> <link>` afterwards), `ReplayPlanner` queues one notice per
parent who joined: the moment and a time link, or said honestly that the question was
not reached (or answered in writing), or for a parent who asked nothing the plain link.
Once per webinar (`replay_notified_at`) and per parent (the dedup key), durable: a pass
every minute catches up what a crash left.

YouTube links get `t=<seconds>` in their query, Vimeo links `#t=<seconds>s`; any other
link is sent as it is, with the minute in the text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.core.clock import Clock
from bot.core.models import OutgoingMessage, ParamValue, Webinar, WebinarState
from bot.runtime.background import PeriodicPass
from bot.services import Repositories
from storage.replay import AskedQuestion

log = logging.getLogger(__name__)

TICK_SECONDS = 60.0

_YOUTUBE = {"youtube.com", "youtu.be", "youtube-nocookie.com", "music.youtube.com"}
_VIMEO = {"vimeo.com", "player.vimeo.com"}


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


def time_link(url: str, seconds: int) -> str | None:
    """`url` starting `seconds` into the video, or None when the site is not known to
    take a time (then the minute goes in the text)."""
    seconds = max(0, int(seconds))
    parts = urlsplit(url)
    host = _host(url)
    if host in _YOUTUBE:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
        query.append(("t", str(seconds)))
        return urlunsplit(parts._replace(query=urlencode(query)))
    if host in _VIMEO:
        return urlunsplit(parts._replace(fragment=f"t={seconds}s"))
    return None


def seconds_into(recording_start: datetime, asked_at: datetime) -> int:
    """Seconds from the recording's start; a question asked before it counts as 0."""
    return max(0, int((asked_at - recording_start).total_seconds()))


def notice_for(
    webinar: Webinar, url: str, user_id: int, questions: Sequence[AskedQuestion]
) -> OutgoingMessage:
    """The one notice for this parent: the first moment one of their questions was
    discussed, else written, else not reached; a parent who asked nothing gets the link."""
    live = sorted(q.asked_at for q in questions if q.ended == "live" and q.asked_at is not None)
    params: dict[str, ParamValue] = {"title": webinar.title, "url": url}
    if live:
        seconds = seconds_into(webinar.recording_start, live[0])
        minute = seconds // 60
        link = time_link(url, seconds)
        if link is not None:
            key, params = "replay.notice.moment", {**params, "url": link, "count": minute}
        else:
            key, params = "replay.notice.moment_text", {**params, "count": minute}
    elif any(q.ended == "written" for q in questions):
        key = "replay.notice.written"
    elif questions:
        key = "replay.notice.not_reached"
    else:
        key = "webinar.notify.replay"
    return OutgoingMessage(
        user_id=user_id,
        kind="replay.notice",
        key=key,
        params=params,
        dedup_key=f"replay:{webinar.id}:{user_id}",
    )


def notices(
    webinar: Webinar, parents: Sequence[int], questions: Sequence[AskedQuestion]
) -> list[OutgoingMessage]:
    """One notice per parent who joined or asked (askers first, in the order they asked)."""
    url = webinar.replay_url
    if not url:
        return []
    by_asker: dict[int, list[AskedQuestion]] = {}
    for question in questions:
        by_asker.setdefault(question.asker_id, []).append(question)
    everyone = list(by_asker) + [p for p in parents if p not in by_asker]
    return [notice_for(webinar, url, uid, by_asker.get(uid, [])) for uid in everyone]


class ReplayPlanner:
    """Queues the replay notices of closed webinars whose link is known, once."""

    def __init__(self, repos: Repositories, clock: Clock, wake: Callable[[], None] = lambda: None):
        self.repos = repos
        self.clock = clock
        self.wake = wake
        self.job = PeriodicPass("ouderbot-replay", self.tick, TICK_SECONDS)

    async def notify(self, webinar_id: int) -> int | None:
        """Queue this webinar's notices now. None: it is not closed, has no link, is a
        practice webinar, or its notices were queued before."""
        webinar = await self.repos.webinars.by_id(webinar_id)
        if webinar is None or webinar.practice or not webinar.replay_url:
            return None
        if webinar.state is not WebinarState.CLOSED:
            return None
        replay = self.repos.replay
        parents = await replay.parents(webinar_id)
        questions = await replay.asked_questions(webinar_id)
        added = await replay.queue_notices(
            webinar_id, lambda: notices(webinar, parents, questions), self.clock.now()
        )
        if added:
            log.info("replay notices queued for webinar %d: %d", webinar_id, added)
            self.wake()
        return added

    async def tick(self) -> int:
        done = 0
        for webinar_id in await self.repos.replay.due():
            done += await self.notify(webinar_id) or 0
        return done
