"""The local Bot API server: HTTP on 127.0.0.1 speaking Telegram's protocol.

The real python-telegram-bot ``Application`` talks to it through
``ApplicationBuilder().base_url(server.base_url).base_file_url(server.base_file_url)``.
Tests, the demo and the benchmarks act as users through ``server.user(...)`` in the same
event loop. See ``bot/localapi/__init__.py`` for an example.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import aiohttp
from aiohttp import web

from .errors import ApiError, bad_request
from .methods import BotMethods, Params
from .ratelimit import RateLimiter
from .spec import ApiSpec, load_spec
from .state import Chat, RequestRecord, UploadedFile, World, scope_key
from .users import FakeUser

__all__ = ["DEFAULT_TOKEN", "LocalBotApi", "RequestRecord"]

logger = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456:LOCAL-TEST-TOKEN"
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
CONFLICT_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
METHOD_NAME = re.compile(r"[A-Za-z]{1,64}")
MAX_BODY = 64 * 1024 * 1024
FAULT_KINDS = ("429", "500", "timeout", "disconnect")


@dataclass(slots=True)
class _Fault:
    kind: str
    remaining: int
    retry_after: int
    delay: float | None
    chat: int | None = None


@dataclass(slots=True)
class _Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None
    deliveries: int = 0


class _Dropped(Exception):
    """An injected "disconnect": close the connection without an answer."""


@dataclass(slots=True)
class _Activity:
    in_flight: int = 0
    last: float = field(default_factory=time.monotonic)


class LocalBotApi:
    """A fake Telegram Bot API server for one bot, with simulated users.

    ``rate_limits`` switches Telegram's flood limits on (also settable later; switching
    them on starts a fresh ``rate_limiter``, which a test may replace, e.g. by one with a
    frozen clock);
    ``strict_html_entities`` rejects unknown named HTML entities (Telegram shows them
    literally); ``webhook_retry_delay`` is the pause before a failed webhook delivery is
    retried; ``quiet_period`` is how long ``wait_until_idle`` wants to see no requests;
    ``latency`` (seconds, also settable later) is added to every request before it is
    answered, as Telegram's distance from a server adds 50-100 ms; ``offline = True``
    drops every connection without an answer (a network outage) until set back.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "ouderbot_test",
        bot_first_name: str = "Ouderbot",
        host: str = "127.0.0.1",
        port: int = 0,
        rate_limits: bool = False,
        spec_path: str | None = None,
        strict_html_entities: bool = True,
        webhook_retry_delay: float = 0.2,
        quiet_period: float = 0.1,
        limits_clock: Callable[[], float] = time.monotonic,
        latency: float = 0.0,
    ) -> None:
        self.token = token
        self.latency = latency
        self.offline = False
        self.host = host
        self.port = port
        self.strict_html_entities = strict_html_entities
        self.webhook_retry_delay = webhook_retry_delay
        self.quiet_period = quiet_period
        self.world = World(token, bot_username, bot_first_name)
        self._spec: ApiSpec | None = load_spec(spec_path)
        # The flood limits' seconds: a test shares one faster-than-real timer between
        # these limits and the bot's pacer, so paced sends take less wall time.
        self._limits_clock = limits_clock
        self.rate_limiter: RateLimiter | None = None
        self._rate_limits = False
        self.rate_limits = rate_limits
        self._methods = BotMethods(
            self.world,
            acquire=self._acquire,
            strict_html_entities=lambda: self.strict_html_entities,
        )
        self._handlers: dict[str, Callable[[Params], Any]] = dict(self._methods.table)
        self._handlers.update(
            getUpdates=self._get_updates,
            setWebhook=self._set_webhook,
            deleteWebhook=self._delete_webhook,
            getWebhookInfo=self._get_webhook_info,
        )
        self._known = {name.lower(): name for name in self._handlers}
        self._users: dict[int, FakeUser] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._webhook: _Webhook | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_busy = False
        self._poll_generation = 0
        self.waiting_pollers = 0  # getUpdates calls now waiting for an update
        self._activity = _Activity()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._stopping: asyncio.Event | None = None
        self.requests: list[RequestRecord] = []
        self.rejections: list[RequestRecord] = []
        self.injected_faults: list[RequestRecord] = []
        # A bot that confirms updates before handling them (an inbox) tells the server it
        # is still busy: `wait_until_idle` then also waits for these to answer False.
        self.busy_checks: list[Callable[[], bool]] = []
        self.count_429 = 0
        self.on_request: list[Callable[[RequestRecord], None]] = []
        # Called after every change a test may wait for: each request recorded, each
        # confirmation of updates (by getUpdates or a webhook's 200), each getUpdates
        # that starts waiting for an update. A test's wait then re-checks its condition
        # when something changed, not on a timer (tests/helpers.py `eventually`).
        self.on_change: list[Callable[[], None]] = []

    # --------------------------------------------------------------- lifecycle

    @property
    def spec_checked(self) -> bool:
        """True when requests are checked against the Bot API description (api.json)."""
        return self._spec is not None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    async def start(self) -> None:
        """Listen on ``host:port`` (port 0 picks a free one, then stored in ``port``)."""
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # handler_cancellation: a client that gives up (long poll, timeout fault) ends
        # its handler instead of leaving it waiting.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._stopping = asyncio.Event()
        self._session = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()
        self.world.updates.wake()
        await self._stop_webhook_task()
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> LocalBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def apply_to(self, builder: Any) -> Any:
        """Point a PTB ``ApplicationBuilder`` at this server (token, base and file URLs)."""
        return builder.token(self.token).base_url(self.base_url).base_file_url(self.base_file_url)

    # ------------------------------------------------------------ rate limits

    @property
    def rate_limits(self) -> bool:
        return self._rate_limits

    @rate_limits.setter
    def rate_limits(self, enabled: bool) -> None:
        if enabled and not self._rate_limits:
            self.rate_limiter = RateLimiter(clock=self._limits_clock)  # fresh buckets each time
        self._rate_limits = enabled

    def _acquire(self, chat_id: int | str | None) -> None:
        if self._rate_limits and self.rate_limiter is not None:
            self.rate_limiter.acquire(chat_id)

    # ---------------------------------------------------------------- faults

    def inject_fault(
        self,
        method: str,
        kind: str,
        count: int = 1,
        retry_after: int = 1,
        delay: float | None = None,
        chat: int | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` ("*" for any) fail before acting;
        with ``chat``, only calls for that chat (the others go on as usual).

        kind: "429" (with ``retry_after``), "500", any other HTTP status code as text,
        "timeout" (hold the answer for ``delay`` seconds, then answer 504; without
        ``delay`` hold it until the client gives up) or "disconnect" (close the
        connection without an answer).
        """
        if kind not in FAULT_KINDS and not kind.isdigit():
            raise ValueError(f"unknown fault kind {kind!r}; use one of {FAULT_KINDS}")
        name = method if method == "*" else self._canonical(method) or method
        fault = _Fault(kind, count, retry_after, delay, chat)
        self._faults.setdefault(name, deque()).append(fault)

    def _take_fault(self, method: str, chat: int | str | None) -> _Fault | None:
        for name in (method, "*"):
            queue = self._faults.get(name)
            if not queue:
                continue
            for fault in queue:
                if fault.chat is not None and fault.chat != chat:
                    continue
                fault.remaining -= 1
                if fault.remaining <= 0:
                    queue.remove(fault)
                return fault
        return None

    async def _apply_fault(self, fault: _Fault) -> None:
        if fault.kind == "429":
            retry = fault.retry_after
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry)
        if fault.kind == "timeout":
            if fault.delay is None:
                assert self._stopping is not None
                await self._stopping.wait()
            else:
                await asyncio.sleep(fault.delay)
            raise ApiError(504, "Gateway Timeout")
        if fault.kind == "disconnect":
            raise _Dropped
        status = int(fault.kind)
        raise ApiError(status, HTTPStatus(status).phrase)

    # -------------------------------------------------------------- requests

    def _canonical(self, method: str) -> str | None:
        if self._spec is not None:
            return self._spec.canonical(method)
        known = self._known.get(method.lower())
        if known is not None:
            return known
        return method if METHOD_NAME.fullmatch(method) else None

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        values: dict[str, Any] = dict(request.query) if request.query_string else {}
        files: dict[str, UploadedFile] = {}
        if not request.body_exists:
            return values, files
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            values.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    data = value.file.read()
                    files[key] = UploadedFile(key, value.filename, value.content_type, data)
                else:
                    values[key] = value
        return values, files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if self.offline:
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=204)  # never reaches the client
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        raw_method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._answer(raw_method, {}, {}, ApiError(401, "Unauthorized"))
        method = self._canonical(raw_method)
        if method is None:
            return self._answer(raw_method, {}, {}, ApiError(404, "Not Found"))
        try:
            values, files = await self._read_params(request)
        except ApiError as err:
            return self._answer(method, {}, {}, err)
        polling = method == "getUpdates"
        activity = self._activity
        if not polling:
            activity.in_flight += 1
            activity.last = time.monotonic()
        fault: _Fault | None = None
        outcome: Any
        try:
            fault = self._take_fault(method, self._chat_of(method, values))
            outcome = await self._outcome(method, values, files, fault)
        except ApiError as err:
            outcome = err
        except _Dropped:
            self._record(method, values, files, False, 0, "connection dropped", None, fault)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=204)  # never reaches the client
        except asyncio.CancelledError:
            if fault is not None:
                self._record(method, values, files, False, 0, "client gave up", None, fault)
            raise
        finally:
            if not polling:
                activity.in_flight -= 1
                activity.last = time.monotonic()
        return self._answer(method, values, files, outcome, fault)

    async def _outcome(
        self,
        method: str,
        values: dict[str, Any],
        files: dict[str, UploadedFile],
        fault: _Fault | None,
    ) -> Any:
        """What the method returns, after the fault (if one was injected for it) and the
        checks against the schema; raises an ApiError to answer with."""
        if fault is not None:
            await self._apply_fault(fault)
        if self._spec is not None:
            self._spec.methods[method].check(values, files)
        handler = self._handlers.get(method)
        if handler is None:
            return True  # a real method the double does not simulate
        outcome = handler(Params(values, files))
        if asyncio.iscoroutine(outcome):
            outcome = await outcome
        return outcome

    def _answer(
        self,
        method: str,
        values: dict[str, Any],
        files: dict[str, UploadedFile],
        outcome: Any,
        fault: _Fault | None = None,
    ) -> web.Response:
        if isinstance(outcome, ApiError):
            body = outcome.payload()
            status = outcome.status
            if status == 429:
                self.count_429 += 1
            self._record(method, values, files, False, status, outcome.description, None, fault)
        else:
            body = {"ok": True, "result": outcome}
            status = 200
            self._record(method, values, files, True, 200, None, outcome, None)
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        return web.Response(body=payload, status=status, content_type="application/json")

    def _record(
        self,
        method: str,
        values: dict[str, Any],
        files: dict[str, UploadedFile],
        ok: bool,
        status: int,
        description: str | None,
        result: Any,
        fault: _Fault | None,
    ) -> None:
        params = {**values, **files} if files else values
        record = RequestRecord(
            method, params, ok, status, description, time.monotonic(),
            self._chat_of(method, values), result, fault.kind if fault else None,
        )  # fmt: skip
        self.requests.append(record)
        if fault is not None:
            self.injected_faults.append(record)
        elif not ok:
            self.rejections.append(record)
        for hook in self.on_request:
            try:
                hook(record)
            except Exception:  # a broken hook must not take the server down
                logger.exception("on_request hook failed")
        self._changed()

    def _changed(self) -> None:
        for hook in self.on_change:
            try:
                hook()
            except Exception:  # a broken hook must not take the server down
                logger.exception("on_change hook failed")

    def _chat_of(self, method: str, values: dict[str, Any]) -> int | str | None:
        chat_id = values.get("chat_id")
        if chat_id is None:
            if method == "answerCallbackQuery":
                query = self.world.callback_queries.get(str(values.get("callback_query_id")))
                return query.chat_id if query else None
            return None
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            return int(chat_id)
        return chat_id if isinstance(chat_id, int | str) else None

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        record = self.world.files_by_path.get(request.match_info["path"])
        if record is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(body=record.data, content_type="application/octet-stream")

    # ------------------------------------------------------------- updates

    async def _get_updates(self, params: Params) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = params.get_int("offset")
        limit = min(100, max(1, params.get_int("limit") or 100))
        timeout = max(0, params.get_int("timeout") or 0)
        self._set_allowed_updates(params)
        queue = self.world.updates
        if offset is not None:
            queue.confirm(offset)
            self._changed()
        self._poll_generation += 1
        generation = self._poll_generation
        queue.wake()  # an older getUpdates still waiting ends with 409, as on Telegram
        deadline = time.monotonic() + timeout
        while True:
            updates = queue.take(limit, self.world.allowed_updates)
            if updates or self._stopped:
                return updates
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            self.waiting_pollers += 1
            self._changed()
            try:
                await queue.wait(remaining)
            finally:
                self.waiting_pollers -= 1
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT_POLL)
            if self._webhook is not None:
                raise ApiError(409, CONFLICT_WEBHOOK)

    @property
    def _stopped(self) -> bool:
        return self._stopping is not None and self._stopping.is_set()

    def _set_allowed_updates(self, params: Params) -> None:
        allowed = params.get_json("allowed_updates")
        if allowed is None:
            return  # Telegram keeps the previous setting
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise bad_request('field "allowed_updates" must be of type Array of String')
        self.world.allowed_updates = frozenset(allowed) if allowed else None

    def _set_webhook(self, params: Params) -> bool:
        url = params.get_str("url") or ""
        if not url:
            return self._delete_webhook(params)
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get_str("secret_token")
        if secret is not None and not SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        self._set_allowed_updates(params)
        if params.get_bool("drop_pending_updates"):
            self.world.updates.drop_all()
        max_connections = params.get_int("max_connections") or 40
        self._webhook = _Webhook(url, secret, max_connections)
        self._restart_webhook_task()
        self.world.updates.wake()  # a waiting getUpdates now ends with 409
        return True

    def _delete_webhook(self, params: Params) -> bool:
        if params.get_bool("drop_pending_updates"):
            self.world.updates.drop_all()
        self._webhook = None
        self._restart_webhook_task()
        return True

    def _get_webhook_info(self, params: Params) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates),
        }
        hook = self._webhook
        if hook is not None:
            info.update(url=hook.url, max_connections=hook.max_connections)
            if hook.last_error_date is not None:
                info.update(
                    last_error_date=hook.last_error_date, last_error_message=hook.last_error_message
                )
        if self.world.allowed_updates is not None:
            info["allowed_updates"] = sorted(self.world.allowed_updates)
        return info

    def _restart_webhook_task(self) -> None:
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            self._webhook_task = None
        if self._webhook is not None:
            self._webhook_task = asyncio.get_running_loop().create_task(
                self._deliver(self._webhook), name="localapi-webhook"
            )

    async def _stop_webhook_task(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver(self, hook: _Webhook) -> None:
        """POST pending updates to the webhook one at a time, oldest first.

        An update leaves the queue only when the webhook answers 2xx; otherwise it is
        retried after ``webhook_retry_delay`` seconds.
        """
        queue = self.world.updates
        while self._webhook is hook and not self._stopped:
            pending = queue.take(1, self.world.allowed_updates)
            if not pending:
                await queue.wait(1.0)
                continue
            update = pending[0]
            error = await self._post_update(hook, update)
            if error is None:
                queue.confirm(update["update_id"] + 1)
                hook.deliveries += 1
                self._changed()
                continue
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            await asyncio.sleep(self.webhook_retry_delay)

    async def _post_update(self, hook: _Webhook, update: dict[str, Any]) -> str | None:
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        assert self._session is not None
        body = json.dumps(update, ensure_ascii=False, separators=(",", ":")).encode()
        self._webhook_busy = True
        try:
            async with self._session.post(
                hook.url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=10)
            ) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return f"Connection failed: {type(exc).__name__}"
        finally:
            self._webhook_busy = False

    # ----------------------------------------------------- acting as users

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "nl",
    ) -> FakeUser:
        """The simulated user ``user_id`` with a private chat; the same object each time."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        user = FakeUser(
            self.rejections, self.world, user_id, first_name or f"Ouder {user_id}",
            last_name=last_name, username=username, language_code=language_code,
        )  # fmt: skip
        self._users[user_id] = user
        return user

    @property
    def users(self) -> list[FakeUser]:
        return list(self._users.values())

    def add_bot_to_group(self, chat_id: int, by: FakeUser, title: str = "Groep") -> dict[str, Any]:
        """``by`` adds the bot to a group: a my_chat_member update, then the service message."""
        world = self.world
        chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
        existed = chat_id in world.chats
        chat = world.add_chat({"id": chat_id, "type": chat_type, "title": title})
        old = "member" if existed and chat.bot_is_member else "left"
        chat.bot_is_member = True
        update = world.chat_member_update(chat, by.info, old, "member", world.bot_user)
        world.updates.push("my_chat_member", update)
        message: dict[str, Any] = {
            "message_id": chat.next_message_id(),
            "from": by.info,
            "chat": chat.info,
            "date": int(time.time()),
            "new_chat_members": [world.bot_user],
        }
        chat.messages[message["message_id"]] = message
        world.updates.push("message", message)
        return message

    # ------------------------------------------------ reading the bot's side

    @property
    def bot_user(self) -> dict[str, Any]:
        return self.world.bot_user

    @property
    def confirmed_update_id(self) -> int:
        """Highest update_id confirmed (getUpdates offset, or a 2xx webhook answer)."""
        return self.world.updates.confirmed_update_id

    @property
    def pending_updates_count(self) -> int:
        return len(self.world.updates)

    @property
    def update_created_at(self) -> dict[int, float]:
        """update_id -> time.monotonic() when the update was created."""
        return self.world.updates.created_at

    @property
    def left_chats(self) -> list[int]:
        return self.world.left_chats

    @property
    def webhook_url(self) -> str | None:
        return self._webhook.url if self._webhook else None

    def chat(self, chat_id: int) -> Chat:
        return self.world.chats[chat_id]

    def chat_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in any chat (a group, say), as they are now."""
        return self.world.chats[chat_id].bot_messages(self.world.bot_id)

    def file_bytes(self, file_id: str) -> bytes:
        return self.world.files[file_id].data

    def unanswered_callback_queries(self) -> list[str]:
        return [q.id for q in self.world.callback_queries.values() if not q.answered]

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """How the bot answered a callback query (text, show_alert, url), or None."""
        return self.world.callback_queries[query_id].answer

    def commands(
        self, scope: str | dict[str, Any] | Any | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        """The command list stored for exactly this scope and language (no fallback).

        ``scope``: None or "default", "all_private_chats", ..., a dict as the Bot API
        takes it (``{"type": "chat", "chat_id": 1001}``) or a PTB BotCommandScope.
        """
        return list(self.world.commands.get(scope_key(_scope_dict(scope), language_code), []))

    def menu_button(self, chat_id: int | None = None) -> dict[str, Any]:
        """The menu button a user sees in ``chat_id`` (or the bot's default)."""
        found = self.world.menu_buttons.get(chat_id)
        if found is None and chat_id is not None:
            found = self.world.menu_buttons.get(None)
        return dict(found or {"type": "commands"})

    def visible_commands(
        self, chat_id: int, language_code: str | None = None
    ) -> list[dict[str, str]]:
        """The menu a user sees in ``chat_id``, resolved as Telegram documents it."""
        chat = self.world.chats[chat_id]
        if language_code is None:
            user = self._users.get(chat_id)
            language_code = (user.language_code if user else None) or ""
        broad = "all_private_chats" if chat.type == "private" else "all_group_chats"
        order: list[tuple[dict[str, Any], str]] = [
            ({"type": "chat", "chat_id": chat_id}, language_code),
            ({"type": "chat", "chat_id": chat_id}, ""),
            ({"type": broad}, language_code),
            ({"type": broad}, ""),
            ({"type": "default"}, language_code),
            ({"type": "default"}, ""),
        ]
        for scope, language in order:
            found = self.world.commands.get(scope_key(scope, language))
            if found:
                return list(found)
        return []

    async def wait_until_idle(
        self,
        timeout: float = 5.0,
        quiet: float | None = None,
    ) -> None:
        """Wait until every update is confirmed and no request came for ``quiet`` seconds."""
        quiet = self.quiet_period if quiet is None else quiet
        deadline = time.monotonic() + timeout
        activity = self._activity
        while True:
            now = time.monotonic()
            if (
                not self.world.updates
                and activity.in_flight == 0
                and not self._webhook_busy
                and now - activity.last >= quiet
                and not any(check() for check in self.busy_checks)
            ):
                return
            if now >= deadline:
                raise TimeoutError(
                    f"server not idle after {timeout:.1f}s: {len(self.world.updates)} updates "
                    f"pending (confirmed up to {self.confirmed_update_id}), "
                    f"{activity.in_flight} requests in flight, last request "
                    f"{now - activity.last:.2f}s ago"
                )
            await asyncio.sleep(min(0.01, max(0.0, deadline - now)))


def _scope_dict(scope: str | dict[str, Any] | Any | None) -> dict[str, Any] | None:
    if scope is None or isinstance(scope, dict):
        return scope
    if isinstance(scope, str):
        return {"type": scope}
    to_dict = getattr(scope, "to_dict", None)
    if callable(to_dict):
        result = to_dict()
        if isinstance(result, dict):
            return result
    raise TypeError(f"not a command scope: {scope!r}")
