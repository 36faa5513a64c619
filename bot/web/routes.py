"""The board's routes on the bot's aiohttp server: `add_board_routes(app, deps)`.

``GET  /app/``                          the Mini App page (no data in it)
``GET  /app/static/<file>``             its CSS and JavaScript
``GET  /app/api/board``                 the queue: groups, counts, the held question
``POST /app/api/questions/{id}/pick``   take this question (409 when another has it)
``POST /app/api/questions/{id}/restore``  an answered or removed question back
``POST /app/api/questions/{id}/<action>``  asked, back, later, remove, show, hide,
                                        written ({"text"}), merge ({"ids"})
``POST /app/api/undo``                  take an action back ({"undo"} from its answer)
``GET  /app/presenter/{webinar}/{sig}`` the presenter view, and ``.../now`` its data

Every ``/app/api/`` request carries ``Authorization: tma <initData>``: missing, forged,
expired or another bot's initData is 401; a user who is not (or no longer) a
gespreksleider or coordinator is 403, with nothing about the queue. GET never changes
anything. The presenter view needs no initData: its link is signed (bot.web.presenter_link)
and works while its webinar is open.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.core.i18n import STAFF_FALLBACK, Translator
from bot.core.models import Question, QuestionState, Role, User, Webinar, WebinarState
from bot.runtime.refusals import RefusalLog, json_beyond_limits
from bot.services import Services
from bot.web.groups import Group, QueueGroups, member
from bot.web.init_data import InitDataError, validate_init_data
from bot.web.presenter_link import PATH_PREFIX, presenter_path, signature_valid
from bot.webinar.moderation_actions import UNDOABLE, ModerationActions, Outcome, Undo

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"style.css", "app.js", "presenter.js", "telegram.js"}
TEXT_PREFIX = "board."
# The page may load only what this server serves, and talk only to it; the one exception
# is Telegram's own Mini App script, which telegram.js loads only inside Telegram.
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"
CSP = (
    f"default-src 'none'; script-src 'self' {TELEGRAM_SCRIPT}; style-src 'self';"
    " connect-src 'self';"
    " img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
MAX_IDS = 200  # questions merged (or unmerged) in one request
QUESTION_ACTIONS = ("asked", "back", "later", "remove", "show", "hide", "written", "merge")
HISTORY_SIZE = 10  # answered and removed questions listed, newest first


@dataclass
class BoardDeps:
    """What the board needs from the running bot."""

    services: Services
    bot_token: str
    wake: Callable[[], None]  # the outbox dispatcher: a message was queued
    queue_changed: Callable[[int], None]  # the /rij panels: a webinar's queue changed
    # The gespreksleider's chat cards of a webinar lose their buttons: what they held
    # changed on the board (webinar id, chat id).
    cards_ended: Callable[[int, int], Awaitable[None]] | None = None


def _outcome_body(action: str, question_id: int, outcome: Outcome) -> dict[str, Any]:
    """The answer to a done action: the questions merged, and how to undo it."""
    body: dict[str, Any] = {"done": action, "question": question_id}
    if outcome.merged:
        body["merged"] = list(outcome.merged)
    if outcome.undo is not None:
        body["undo"] = {
            "action": outcome.undo.action,
            "question": outcome.undo.question,
            "ids": list(outcome.undo.ids),
            "deferred": outcome.undo.deferred,
            "merge": outcome.undo.merge_id,
        }
    return body


def _undo_of(data: dict[str, Any]) -> Undo | None:
    """The undo the page sends back (as `_outcome_body` gave it); None when it is not one."""
    action, question_id = data.get("action"), data.get("question")
    ids = data.get("ids") or []
    if (
        action not in UNDOABLE
        or not isinstance(question_id, int)
        or not isinstance(ids, list)
        or len(ids) > MAX_IDS
        or not all(isinstance(i, int) for i in ids)
    ):
        return None
    merge_id = data.get("merge", 0)
    if not isinstance(merge_id, int):
        return None
    return Undo(str(action), question_id, tuple(ids), bool(data.get("deferred")), merge_id)


def _error(status: int, code: str) -> web.Response:
    return web.json_response({"error": code}, status=status, headers={"Cache-Control": "no-store"})


def _refusal(kind: type[web.HTTPException], code: str) -> web.HTTPException:
    """An aiohttp error to raise, with a JSON body that names only the kind of error."""
    return kind(text=json.dumps({"error": code}), content_type="application/json")


def _page(name: str, texts: dict[str, Any]) -> str:
    data = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c")
    return (STATIC / name).read_text(encoding="utf-8").replace("__TEXTS__", data)


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    }


# The page has no gettext: a language's plural rule goes to it as the form of each count
# below 200; a larger count takes the form of 100 + count % 100, the same for the rules
# of every language here (they look at n % 100, n % 10 and small numbers only).
PLURAL_TABLE = 200


def _template(translator: Translator, language: str, key: str) -> str | list[str]:
    _, entry = translator.entry(language, key)
    return list(entry.forms) if entry.plural else entry.forms[0]


class Board:
    def __init__(self, deps: BoardDeps):
        self.deps = deps
        self.services = deps.services
        self.actions = ModerationActions(deps.services, deps.wake, deps.queue_changed)
        self.groups = QueueGroups(deps.services)
        self.refusals = RefusalLog(log)  # one line a minute per reason, with a count
        translator = self.services.t
        keys = [key for key in translator.catalogues[STAFF_FALLBACK] if key.startswith(TEXT_PREFIX)]
        # Templates, not texts: the page fills in {name} itself. Languages without board
        # texts (Turkish, Arabic: staff texts stay Dutch and English) get the English ones.
        # A plural entry is its list of forms; `plural` maps a count to a form (below).
        texts = {
            language: {
                key.removeprefix(TEXT_PREFIX): _template(translator, language, key) for key in keys
            }
            for language in translator.catalogues
        }
        plural = {
            language: [catalogue.plural(n) for n in range(PLURAL_TABLE)]
            for language, catalogue in translator.catalogues.items()
        }
        default = self.services.settings.default_language
        self.board_html = _page(
            "index.html", {"default": default, "texts": texts, "plural": plural}
        )
        self.presenter_html = {
            language: _page("presenter.html", {"language": language, "texts": texts[language]})
            for language in texts
        }

    # ------------------------------------------------------------------ auth

    async def _moderator(self, request: web.Request) -> User:
        """The gespreksleider asking; raises 401 or 403 as an aiohttp error."""
        scheme, _, init_data = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "tma" or not init_data.strip():
            self.refusals.refused("board request refused: no initData")
            raise _refusal(web.HTTPUnauthorized, "unauthorized")
        try:
            now = self.services.clock.now()
            who = validate_init_data(init_data.strip(), self.deps.bot_token, now)
        except InitDataError as error:
            self.refusals.refused(f"board request refused: initData {error}")
            raise _refusal(web.HTTPUnauthorized, "unauthorized") from None
        user = await self.services.repos.users.get(who.id)
        if user is None or not user.has(Role.MODERATOR):
            raise _refusal(web.HTTPForbidden, "forbidden")
        return user

    async def _webinar(self, user: User) -> Webinar | None:
        """The webinar this gespreksleider opened last, if it is still open (as /rij)."""
        if not user.current_webinar:
            return None
        webinar = await self.services.repos.webinars.by_id(user.current_webinar)
        return webinar if webinar is not None and webinar.state is WebinarState.OPEN else None

    # ----------------------------------------------------------------- pages

    async def page(self, request: web.Request) -> web.Response:
        return web.Response(text=self.board_html, content_type="text/html", headers=_headers())

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        body = (STATIC / name).read_text(encoding="utf-8")
        return web.Response(text=body, content_type=kind, headers=_headers())

    # ------------------------------------------------------------------- API

    async def board(self, request: web.Request) -> web.Response:
        user = await self._moderator(request)
        webinar = await self._webinar(user)
        body: dict[str, Any] = {
            "me": {"id": user.id, "language": user.language},
            "webinar": None,
        }
        if webinar is not None:
            body.update(await self._queue(webinar, user))
        return web.json_response(body, headers={"Cache-Control": "no-store"})

    async def _queue(self, webinar: Webinar, user: User) -> dict[str, Any]:
        services = self.services
        questions = services.repos.questions
        counts = await questions.counts(webinar.id)
        groups = await self.groups.groups(webinar.id)
        held = await questions.held_by(webinar.id, user.id)
        held_json = None if held is None else await self._held_json(held, groups)
        return {
            "webinar": {"id": webinar.id, "title": webinar.title, "code": webinar.code},
            "counts": {
                "open": counts.open,
                "claimed": counts.claimed,
                "answered": counts.answered,
                "removed": counts.removed,
                "merged": counts.merged,
            },
            "groups": [g.as_json(user.id) for g in groups],
            "held": held_json,
            "history": [
                {
                    "id": q.id,
                    "number": q.number,
                    "text": q.text or "",
                    "how": q.answered_how if q.state is QuestionState.ANSWERED else "removed",
                }
                for q in await questions.finished(webinar.id, HISTORY_SIZE)
            ],
            "presenter": presenter_path(webinar.id, self.deps.bot_token),
        }

    async def _held_json(self, held: Question, groups: Sequence[Group]) -> dict[str, Any]:
        """The question this gespreksleider holds, with its card: the waiting questions
        like it (as the queue shows them), the other parents, the questions merged in."""
        services = self.services
        card = await services.desk.card(held)
        numbers = {m.id: m for g in groups for m in g.members}
        similar = [numbers[i].as_json() for i in card.similar_open if i in numbers]
        return {
            **member(held, 0, services.clock.now()).as_json(),
            "similar": similar,
            # Distinct other parents, merged questions' askers included.
            "others": card.other_parents,
            "merged": [
                {"id": r.id, "number": r.number, "text": r.text, "merge": r.merge_id}
                for r in card.merged
            ],
        }

    async def _json(self, request: web.Request) -> dict[str, Any]:
        if not request.can_read_body:
            return {}
        try:
            data = await request.json()
        except (ValueError, RecursionError):  # RecursionError: nested past the parser's stack
            data = None
        # Too deep to walk safely, or an integer SQLite cannot take (an id of 2^64).
        if not isinstance(data, dict) or json_beyond_limits(data):
            self.refusals.refused("board request refused: not a readable JSON object")
            raise _refusal(web.HTTPBadRequest, "bad_json")
        return data

    async def pick(self, request: web.Request) -> web.Response:
        user = await self._moderator(request)
        webinar = await self._webinar(user)
        question_id = _int(request.match_info["question"])
        if webinar is None or question_id is None:
            return _error(409, "no_webinar" if webinar is None else "stale")
        group = (await self._json(request)).get("group") is True
        question = await self.actions.pick(webinar, user.id, question_id, group=group)
        if question is None:
            return _error(409, "taken")
        await self._end_cards(webinar.id, user.id)
        log.info("question %d picked on the board", question.id)
        return web.json_response({"picked": question.id})

    async def act(self, request: web.Request) -> web.Response:
        user = await self._moderator(request)
        action = request.match_info["action"]
        question_id = _int(request.match_info["question"])
        if action not in QUESTION_ACTIONS:
            raise web.HTTPNotFound()
        data = await self._json(request)
        question = await self.actions.held(question_id, user.id) if question_id else None
        webinar = await self._webinar(user)
        if question is None or webinar is None or question.webinar_id != webinar.id:
            return _error(409, "stale")
        outcome = await self._perform(action, question, user.id, data)
        if action == "written" and outcome.rejection is not None:
            return _error(422, outcome.rejection)
        if not outcome.done:
            return _error(409, "stale")
        if action not in ("merge", "show", "hide"):  # the held question changed
            await self._end_cards(webinar.id, user.id)
        return web.json_response(_outcome_body(action, question.id, outcome))

    async def _perform(
        self, action: str, question: Question, moderator_id: int, data: dict[str, Any]
    ) -> Outcome:
        """One of `QUESTION_ACTIONS` on the held question, with what the request adds:
        the questions to merge, the written answer's text."""
        if action == "merge":
            ids = [i for i in (data.get("ids") or []) if isinstance(i, int)][:MAX_IDS]
            return await self.actions.merge(question, moderator_id, ids)
        if action == "written":
            text = data.get("text")
            text = text if isinstance(text, str) else ""
            return await self.actions.written(question, moderator_id, text)
        handler: Callable[[Any, int], Awaitable[Outcome]] = getattr(self.actions, action)
        return await handler(question, moderator_id)

    async def restore(self, request: web.Request) -> web.Response:
        """An answered or removed question back (held, or waiting if one is held)."""
        user = await self._moderator(request)
        webinar = await self._webinar(user)
        question_id = _int(request.match_info["question"])
        if webinar is None or question_id is None:
            return _error(409, "stale")
        restored = await self.actions.restore(webinar, question_id, user.id)
        if restored is None:
            return _error(409, "stale")
        await self._end_cards(webinar.id, user.id)
        log.info("question %d put back on the board", question_id)
        return web.json_response(
            {"restored": question_id, "held": restored.held, "corrected": restored.corrected}
        )

    async def _end_cards(self, webinar_id: int, moderator_id: int) -> None:
        """The chat's question cards are superseded by what happened on the board."""
        if self.deps.cards_ended is not None:
            await self.deps.cards_ended(webinar_id, moderator_id)

    async def undo(self, request: web.Request) -> web.Response:
        user = await self._moderator(request)
        data = (await self._json(request)).get("undo")
        webinar = await self._webinar(user)
        if not isinstance(data, dict) or webinar is None:
            return _error(409, "stale")
        undo = _undo_of(data)
        if undo is None:
            return _error(400, "bad undo")
        if not await self.actions.undo(webinar, user.id, undo):
            return _error(409, "stale")
        await self._end_cards(webinar.id, user.id)
        return web.json_response({"undone": undo.action, "question": undo.question})

    # ------------------------------------------------------------- presenter

    async def _presented(self, request: web.Request) -> Webinar | None:
        """The webinar of a signed presenter link (404 when the signature is wrong); None
        once it is no longer open: the link has expired."""
        webinar_id = _int(request.match_info["webinar"])
        if webinar_id is None or not signature_valid(
            webinar_id, request.match_info["sig"], self.deps.bot_token
        ):
            raise web.HTTPNotFound()
        webinar = await self.services.repos.webinars.by_id(webinar_id)
        return webinar if webinar is not None and webinar.state is WebinarState.OPEN else None

    async def presenter_page(self, request: web.Request) -> web.Response:
        webinar = await self._presented(request)
        default = self.services.settings.default_language
        page = self.presenter_html.get(request.query.get("lang", default))
        # An expired link still gets the page (410): it says, in words, that it has ended.
        return web.Response(
            text=page or self.presenter_html[default],
            status=200 if webinar is not None else 410,
            content_type="text/html",
            headers=_headers(),
        )

    async def presenter_now(self, request: web.Request) -> web.Response:
        webinar = await self._presented(request)
        if webinar is None:
            return _error(410, "closed")
        asked = await self.services.repos.questions.last_asked(webinar.id)
        # Masked text only (questions are masked when asked); no names, no ids of people.
        question = None
        if asked is not None and asked.state is QuestionState.ANSWERED:
            question = {
                "id": asked.id,
                "number": asked.number,
                "text": asked.text or "",
                "votes": asked.votes,
            }
        return web.json_response(
            {"title": webinar.title, "question": question}, headers={"Cache-Control": "no-store"}
        )


def _int(value: object) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None  # SQLite's integers


async def _to_app(request: web.Request) -> web.Response:
    raise web.HTTPFound("/app/")


def add_board_routes(app: web.Application, deps: BoardDeps) -> None:
    """Add the board, its API and the presenter view to the bot's web server."""
    board = Board(deps)
    app.router.add_get("/app/", board.page)
    app.router.add_get("/app", _to_app)
    app.router.add_get("/app/static/{name}", board.static)
    app.router.add_get("/app/api/board", board.board)
    app.router.add_post("/app/api/questions/{question}/pick", board.pick)
    app.router.add_post("/app/api/questions/{question}/restore", board.restore)
    app.router.add_post("/app/api/questions/{question}/{action}", board.act)
    app.router.add_post("/app/api/undo", board.undo)
    app.router.add_get(PATH_PREFIX + "{webinar}/{sig}", board.presenter_page)
    app.router.add_get(PATH_PREFIX + "{webinar}/{sig}/now", board.presenter_now)
