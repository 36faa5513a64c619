"""`ouderbot try`: play every role by hand, in a browser, against the real bot.

The real bot (`create_bot`, as `ouderbot run`) talks to the local Bot API server
(`bot.localapi`) on 127.0.0.1, on the real clock, with its database in a temporary
folder. A small web page (`static/`) shows three phones side by side: a parent, a
gespreksleider and a coordinator. What a person types, taps or uploads there becomes an
update from that simulated Telegram user (`FakeUser.send`, `press`, `send_document`), so
the bot handles it exactly as it would a real one. Meanwhile simulated parents join the
day's webinar and ask, one now and then, so the gespreksleider has a queue to work on.
The page links to the moderation board (as the gespreksleider, with initData signed by
the local token, as Telegram would pass it) and to the presenter view.

Nothing leaves the computer: the bot's Telegram, the board and the page all listen on
127.0.0.1. It runs until stopped (Ctrl-C, SIGTERM or the `stop` event).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.config import settings_from_mapping
from bot.core import callbacks
from bot.core.clock import Clock, SystemClock
from bot.demo import demo_programme
from bot.localapi import FakeUser, LocalBotApi

if TYPE_CHECKING:
    from bot.app import Ouderbot

TRY_TOKEN = "434343:OUDERBOT-TRY-LOCAL-ONLY"
ZONE = ZoneInfo("Europe/Amsterdam")
STATIC = Path(__file__).with_name("static")
WEBINAR_CODE = "slapen"  # the day's webinar in bot.demo's programme
STEP_TIMEOUT = 10.0
V = callbacks.VERSION


@dataclass(frozen=True)
class Role:
    key: str  # in the page's addresses: /api/<key>/send
    user_id: int
    name: str
    title: str  # what the page calls the role
    commands: tuple[str, ...]  # quick buttons under the phone


ROLES = (
    Role("parent", 8001, "Sanne", "Ouder", ("/start w-slapen", "/inloop", "/taal", "/help")),
    Role("moderator", 8101, "Gert", "Gespreksleider", ("/rij", "/volgende", "/sluit", "/help")),
    Role(
        "coordinator",
        8201,
        "Carla",
        "Coördinator",
        ("/uitnodigen", "/samenvatting", "/afgelasten", "/bericht"),
    ),
)
COORDINATOR = ROLES[2].user_id

# Simulated parents: (id, first name, Telegram language, question). Some ask the same
# thing in other words, so the gespreksleider sees groups form.
SIMULATED = (
    (9001, "Ahmed", "nl", "Hoe krijg ik mijn peuter 's avonds op tijd in bed?"),
    (9002, "Amy", "en", "How do I get my toddler to stay in bed at night?"),
    (9003, "Lisa", "nl", "Mijn dochter van 3 wordt elke nacht wakker en komt dan bij ons liggen."),
    (9004, "Mehmet", "tr", "Mijn zoon wil niet slapen zonder tablet. Wat moet ik doen?"),
    (9005, "Noor", "nl", "Mijn peuter wil 's avonds niet naar bed, wat doe ik?"),
    (9006, "Fatima", "ar", "Hoeveel uur slaap heeft een kind van 6 nodig?"),
    (9007, "Joost", "nl", "Onze baby wordt om 5 uur wakker, is dat normaal?"),
    (9008, "Eva", "nl", "Mijn zoon van 4 wordt vaak wakker van nachtmerries."),
)


class Playground:
    """The bot, its local Telegram, the three people a person plays and the simulated
    parents; `app()` is the page's web application."""

    def __init__(self, bot: Ouderbot, api: LocalBotApi, clock: Clock) -> None:
        self.bot = bot
        self.api = api
        self.clock = clock
        self.people: dict[str, FakeUser] = {
            role.key: api.user(role.user_id, first_name=role.name, language_code="nl")
            for role in ROLES
        }
        self.simulated_asked = 0
        self.all_asked = asyncio.Event()  # every simulated parent has asked

    # ------------------------------------------------------------- setting up

    async def prepare(self) -> None:
        """Through the bot, as people would: the coordinator loads the programme and
        invites the gespreksleider, who opens the day's webinar."""
        carla, gert = self.people["coordinator"], self.people["moderator"]
        carla.send("/start")
        await self._settle()
        today = self.clock.now().astimezone(ZONE).date()
        carla.send_document("programma.csv", demo_programme(today), "text/csv")
        await self._settle()
        carla.send("/uitnodigen")
        await self._settle()
        carla.press(carla.last_message, callbacks.INVITE_ROLE.data(0))
        await self._settle()
        link = re.search(r"\?start=(g-[A-Za-z0-9_-]+)", _text(carla.last_message))
        if link is None:
            raise RuntimeError("the coordinator got no invite link")
        gert.send(f"/start {link[1]}")
        await self._settle()
        gert.send(f"/open {WEBINAR_CODE}")
        await self._settle()

    async def simulate(self, first_after: float, every: float) -> None:
        """Simulated parents join the webinar and ask, one every `every` seconds."""
        await asyncio.sleep(first_after)
        for user_id, name, language, question in SIMULATED:
            parent = self.api.user(user_id, first_name=name, language_code=language)
            parent.send(f"/start w-{WEBINAR_CODE}")
            await self._settle()
            agree = f"{V}:c:agree"
            if any(data == agree for _, data in parent.buttons()):
                parent.press(parent.last_message, agree)
                await self._settle()
            parent.send(question)
            await self._settle()
            self.simulated_asked += 1
            await asyncio.sleep(every)
        self.all_asked.set()

    async def _settle(self) -> None:
        await self.api.wait_until_idle(timeout=STEP_TIMEOUT, quiet=0.05)

    # ------------------------------------------------------------------ the page

    def app(self) -> web.Application:
        app = web.Application(client_max_size=1024 * 1024)
        app.router.add_get("/", self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/file/{file_id}", self._file)
        app.router.add_post("/api/{role}/send", self._send)
        app.router.add_post("/api/{role}/press", self._press)
        app.router.add_post("/api/{role}/upload", self._upload)
        return app

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return _static_response(STATIC / "index.html")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in {"play.js", "play.css"}:
            raise web.HTTPNotFound()
        return _static_response(STATIC / name)

    def _person(self, request: web.Request) -> FakeUser:
        person = self.people.get(request.match_info["role"])
        if person is None:
            raise web.HTTPNotFound()
        return person

    async def _state(self, request: web.Request) -> web.Response:
        people = {
            role.key: {
                "name": role.name,
                "title": role.title,
                "commands": list(role.commands),
                "messages": [_message(m, self.api) for m in _chat(self.people[role.key])],
            }
            for role in ROLES
        }
        links = await self.links()
        return web.json_response(
            {"people": people, "links": links, "simulated": self.simulated_asked}
        )

    async def links(self) -> dict[str, str | None]:
        """The board as the gespreksleider, and the presenter view of the open webinar."""
        from bot.web.init_data import sign_init_data
        from bot.web.presenter_link import presenter_path

        web_server = self.bot.web
        if web_server is None:
            return {"board": None, "presenter": None}
        user = {"id": ROLES[1].user_id, "first_name": ROLES[1].name, "language_code": "nl"}
        data = quote(sign_init_data(user, TRY_TOKEN, self.clock.now()), safe="")
        board = f"{web_server.local_url}/app/#tgWebAppData={data}"
        webinar = await self.bot.services.repos.webinars.by_code(WEBINAR_CODE)
        presenter = None
        if webinar is not None:
            presenter = web_server.local_url + presenter_path(webinar.id, TRY_TOKEN)
        return {"board": board, "presenter": presenter}

    async def _file(self, request: web.Request) -> web.Response:
        try:
            data = self.api.file_bytes(request.match_info["file_id"])
        except KeyError as missing:
            raise web.HTTPNotFound() from missing
        return web.Response(body=data, content_type="application/octet-stream")

    async def _send(self, request: web.Request) -> web.Response:
        person = self._person(request)
        body = await request.json()
        text = str(body.get("text") or "").strip()
        if not text:
            raise web.HTTPBadRequest(text="empty message")
        person.send(text[:4096])
        return web.json_response({"ok": True})

    async def _press(self, request: web.Request) -> web.Response:
        person = self._person(request)
        body = await request.json()
        try:
            person.press(int(body["message_id"]), str(body["data"]))
        except (KeyError, ValueError, LookupError) as error:
            raise web.HTTPBadRequest(text="no such button") from error
        return web.json_response({"ok": True})

    async def _upload(self, request: web.Request) -> web.Response:
        person = self._person(request)
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise web.HTTPBadRequest(text="no file")
        data = upload.file.read()
        person.send_document(upload.filename or "bestand.csv", data, upload.content_type)
        return web.json_response({"ok": True})


def _text(message: dict[str, Any] | None) -> str:
    return str((message or {}).get("text") or (message or {}).get("caption") or "")


def _chat(person: FakeUser) -> list[dict[str, Any]]:
    return [person.chat.messages[key] for key in sorted(person.chat.messages)]


def _message(message: dict[str, Any], api: LocalBotApi) -> dict[str, Any]:
    """What the page shows of one message: its text, its buttons, a file or a picture."""
    shown: dict[str, Any] = {
        "id": message["message_id"],
        "from_bot": message["from"].get("is_bot", False),
        "text": _text(message),
        "edited": "edit_date" in message,
    }
    document = message.get("document")
    if document:
        shown["file"] = {"id": document["file_id"], "name": document.get("file_name", "file")}
    photos = message.get("photo")
    if photos:
        shown["photo"] = photos[-1]["file_id"]
    markup = message.get("reply_markup") or {}
    shown["buttons"] = [
        [{"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")} for b in row]
        for row in markup.get("inline_keyboard", [])
    ]
    return shown


def _static_response(path: Path) -> web.Response:
    types = {".html": "text/html", ".js": "application/javascript", ".css": "text/css"}
    response = web.Response(
        body=path.read_bytes(), content_type=types[path.suffix], charset="utf-8"
    )
    # Nothing from outside: the page works offline.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@contextlib.asynccontextmanager
async def running_playground(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    clock: Clock | None = None,
    simulate_after: float = 5.0,
    simulate_every: float = 20.0,
) -> AsyncIterator[tuple[Playground, str]]:
    """The bot, its local Telegram and the page, set up; yields the playground and the
    page's address."""
    from bot.app import create_bot

    # Everything stays on 127.0.0.1: never send it through a proxy from the environment.
    os.environ["NO_PROXY"] = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1"]))
    clock = clock or SystemClock()
    with tempfile.TemporaryDirectory(prefix="ouderbot-try-") as folder:
        async with LocalBotApi(token=TRY_TOKEN, bot_username="ouderbot_try") as api:
            settings = settings_from_mapping(
                {
                    "telegram": {"base_url": api.base_url, "base_file_url": api.base_file_url,
                                 "poll_timeout_seconds": 1},
                    "storage": {"database": str(Path(folder) / "try.sqlite3")},
                    "roles": {"coordinators": [COORDINATOR]},
                    "webinars": {"panel_refresh_seconds": 0.5},
                    "web": {"listen": "127.0.0.1:0"},
                },
                {"OUDERBOT_TOKEN": TRY_TOKEN},
            )  # fmt: skip
            bot = await create_bot(settings, token=TRY_TOKEN, clock=clock)
            await bot.start()
            api.busy_checks.append(bot.busy)
            runner: web.AppRunner | None = None
            simulation: asyncio.Task[None] | None = None
            try:
                playground = Playground(bot, api, clock)
                await playground.prepare()
                runner = web.AppRunner(playground.app(), access_log=None)
                await runner.setup()
                site = web.TCPSite(runner, host, port)
                await site.start()
                bound = runner.addresses[0][1] if runner.addresses else port
                simulation = asyncio.create_task(
                    playground.simulate(simulate_after, simulate_every)
                )
                yield playground, f"http://{host}:{bound}/"
            finally:
                if simulation is not None:
                    simulation.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await simulation
                if runner is not None:
                    await runner.cleanup()
                await bot.stop()


async def run_try(
    port: int = 8765, out: TextIO | None = None, stop: asyncio.Event | None = None
) -> int:
    """Run until Ctrl-C, SIGTERM or `stop`; 0 when stopped that way."""
    out = out or sys.stdout
    logging.getLogger().setLevel(logging.WARNING)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print("Ouderbot try: the real bot against a local Telegram on this computer.", file=out)
    async with running_playground(port=port) as (_, address):
        print(f"Open {address} in a browser. Stop with Ctrl-C.", file=out, flush=True)
        await stop.wait()
    print("Stopped.", file=out, flush=True)
    return 0
