"""`ouderbot demo`: the whole bot at work, with no token and no network.

The real bot (`create_bot`, the same as `ouderbot run`) talks to the local Bot API server
(`bot.localapi`) on 127.0.0.1, with a database in a temporary folder and a clock the demo
moves by hand. Simulated people act on the server, and everything the bot shows them is
printed as a transcript:

    👩 Sanne → bot: Hoe krijg ik mijn peuter 's avonds in bed?
    🤖 bot → Sanne: ✅ Je vraag staat in de rij (plek 1).

The scene: a coordinator loads the programme and invites two gespreksleiders; parents
join a webinar and ask (two of them the same thing); the gespreksleiders pull, merge,
mark asked and answer in writing; the webinar closes; parents give feedback; a parent
subscribes to an inloopmoment and gets the reminder the evening before; the coordinator
reads the summary. A step that fails (also one whose feature the bot lacks) is shown as
failed and makes the demo end with exit code 1.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from telegram.ext import CommandHandler, MessageHandler

from bot.config import settings_from_mapping
from bot.core import callbacks
from bot.core.clock import ManualClock
from bot.localapi import FakeUser, LocalBotApi, RequestRecord

if TYPE_CHECKING:
    from bot.app import Ouderbot

DEMO_TOKEN = "424242:OUDERBOT-DEMO-LOCAL-ONLY"
ZONE = ZoneInfo("Europe/Amsterdam")
COORDINATOR = 7001
GERT = 7101  # a gespreksleider; the demo prints his address of the board
STEP_TIMEOUT = 10.0
V = callbacks.VERSION


class MissingFeature(Exception):
    """The bot has no handler for what this step needs: the step fails."""


@dataclass
class Person:
    user: FakeUser
    emoji: str
    name: str
    language: str


@dataclass
class Transcript:
    """Prints what people do and what the bot shows them, HTML tags stripped."""

    out: TextIO
    people: dict[int, Person] = field(default_factory=dict)

    def line(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def heading(self, number: int, title: str) -> None:
        self.line()
        self.line(f"── {number}. {title} " + "─" * max(3, 60 - len(title)))

    def person(self, who: Person, what: str) -> None:
        self.line(f"{who.emoji} {who.name} → bot: {what}")

    def bot_request(self, record: RequestRecord) -> None:
        if not record.ok or not isinstance(record.chat_id, int):
            return
        who = self.people.get(record.chat_id)
        if who is None:
            return
        params = record.params
        text = _plain(str(params.get("text") or params.get("caption") or ""))
        prefix = _prefix(record.method, params, who.name, text)
        if prefix is None:
            return
        body = text.replace("\n", "\n" + " " * 6)
        self.line(prefix + body)
        labels = [f"[{label}]" for label in _button_labels(params.get("reply_markup"))]
        if labels:
            self.line(" " * 6 + " ".join(labels))


def _prefix(method: str, params: dict[str, Any], name: str, text: str) -> str | None:
    """How the transcript introduces what the bot sent `name`; None: not shown (other
    requests, a button press answered without a pop-up)."""
    if method == "sendMessage":
        return f"🤖 bot → {name}: "
    if method == "editMessageText":
        return f"🤖 bot → {name} (edits its message): "
    if method == "sendPhoto":
        return f"🤖 bot → {name}: [picture] "
    if method == "sendDocument":
        file_name = getattr(params.get("document"), "file_name", None) or "file"
        return f"🤖 bot → {name}: [file {file_name}] "
    if method == "answerCallbackQuery" and text:
        return f"🤖 bot → {name} (pop-up): "
    return None


def _plain(text: str) -> str:
    """Telegram HTML to plain text: blockquotes as quotes, other tags dropped."""
    text = re.sub(r"<blockquote>(.*?)</blockquote>", r"“\1”", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _button_labels(markup: Any) -> list[str]:
    if isinstance(markup, str):
        import json

        try:
            markup = json.loads(markup)
        except ValueError:
            return []
    if not isinstance(markup, dict):
        return []
    return [b.get("text", "") for row in markup.get("inline_keyboard", []) for b in row]


def demo_start() -> datetime:
    """10:00 in Utrecht on the coming Tuesday: the day of the demo webinar."""
    today = datetime.now(ZONE).date()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    return datetime.combine(tuesday, time(10, 0), ZONE).astimezone(UTC)


def demo_programme(day: date) -> bytes:
    """A small programme around `day`, as a coordinator's spreadsheet exports it."""

    def d(offset: int) -> str:
        return (day + timedelta(days=offset)).strftime("%d-%m-%Y")

    rows = [
        "soort;code;titel;thema;datum;start;eind;herhaling;tot;wijk;locatie;organisatie;"
        "terugkijken",
        f"webinar;slapen;Goed slapen: rust voor ouder en kind;slapen;{d(0)};10:15;11:15;;;;;;"
        "https://ouderbot.example.org/terugkijken/slapen",
        f"webinar;pubers;Pubers: in gesprek blijven;puberteit;{d(28)};19:30;20:30;;;;;;",
        f"inloop;;Inloop op de speeltuin;opvoeden;{d(1)};09:30;11:00;wekelijks;{d(180)};"
        "Hoograven;Speeltuin De Pan, Van Lieflandlaan 12;Buurtteam;",
        f"inloop;;Koffieochtend voor ouders;opvoeden;{d(2)};10:00;11:30;tweewekelijks;;"
        "Overvecht;Buurtcentrum De Jager, Zamenhofdreef 20;DOCK;",
    ]
    return ("\n".join(rows) + "\n").encode()


class Scene:
    """The people, the bot and the server, and the small actions the steps are made of."""

    def __init__(
        self, bot: Ouderbot, api: LocalBotApi, clock: ManualClock, out: Transcript, quiet: float
    ):
        self.bot = bot
        self.quiet = quiet
        self.api = api
        self.clock = clock
        self.out = out
        self.t = bot.services.t
        self.commands, self.documents = _handled(bot)

    def person(self, user_id: int, emoji: str, name: str, language: str = "nl") -> Person:
        who = Person(self.api.user(user_id, first_name=name, language_code=language),
                     emoji, name, language)  # fmt: skip
        self.out.people[user_id] = who
        return who

    def require(self, *commands: str) -> None:
        missing = [c for c in commands if c not in self.commands]
        if missing:
            raise MissingFeature("/" + ", /".join(missing) + " is not handled")

    async def settle(self) -> None:
        """Until the bot has handled everything and sent what it queued."""
        await self.api.wait_until_idle(timeout=STEP_TIMEOUT, quiet=self.quiet)

    async def say(self, who: Person, text: str) -> None:
        self.out.person(who, text)
        who.user.send(text)
        await self.settle()

    async def tap(self, who: Person, *, data: str | None = None, label: str | None = None) -> None:
        """Press the newest button whose callback data starts with `data` (or has `label`)."""
        for message in reversed(who.user.messages):
            for text, payload in who.user.buttons(message):
                if payload is None:
                    continue
                if (data and payload.startswith(data)) or (label and text == label):
                    self.out.person(who, f"taps [{text}]")
                    who.user.press(message, payload)
                    await self.settle()
                    return
        raise LookupError(f"{who.name} sees no button {data or label!r}")

    def has_button(self, who: Person, data: str) -> bool:
        return any(
            payload and payload.startswith(data)
            for message in who.user.messages
            for _, payload in who.user.buttons(message)
        )

    def last_text(self, who: Person) -> str:
        message = who.user.last_message
        return str((message or {}).get("text") or "")

    async def move_clock(self, to: datetime) -> None:
        self.clock.set(to)
        local = to.astimezone(ZONE).strftime("%A %d %B, %H:%M")
        self.out.line(f"⏰ (the clock moves on to {local})")
        await self.bot.dispatcher.send_due()
        await self.settle()


def _handled(bot: Ouderbot) -> tuple[set[str], bool]:
    """The commands the bot has handlers for, and whether it takes documents."""
    commands: set[str] = set()
    documents = False
    for group in bot.application.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                commands |= set(handler.commands)
            elif isinstance(handler, MessageHandler) and "Document" in repr(handler.filters):
                documents = True
    return commands, documents


# ------------------------------------------------------------------------- the steps


async def load_programme(scene: Scene) -> None:
    carla = scene.out.people[COORDINATOR]
    await scene.say(carla, "/start")
    data = demo_programme(scene.clock.now().astimezone(ZONE).date())
    if scene.documents:
        scene.out.person(carla, "[sends the file programma.csv]")
        carla.user.send_document("programma.csv", data, "text/csv")
        await scene.settle()
        return
    from bot.inloop.programme_import import import_programme  # before the upload handler existed

    services = scene.bot.services
    report = await import_programme(
        data, services.repos.inloop, services.settings.zone,
        scene.clock.now(),
    )  # fmt: skip
    scene.out.line(
        f"(the bot takes no files yet: imported directly, {report.webinars_added} webinars "
        f"and {report.series_added} inloop series)"
    )


async def invite_moderators(scene: Scene, moderators: list[Person]) -> None:
    scene.require("uitnodigen")
    carla = scene.out.people[COORDINATOR]
    for moderator in moderators:
        await scene.say(carla, "/uitnodigen")
        await scene.tap(carla, data=callbacks.INVITE_ROLE.data(0))
        link = re.search(r"\?start=(g-[A-Za-z0-9_-]+)", scene.last_text(carla))
        if link is None:
            raise LookupError("no invite link in the coordinator's chat")
        scene.out.line(f"   (Carla sends the link to {moderator.name})")
        await scene.say(moderator, f"/start {link[1]}")


async def parents_ask(scene: Scene, gert: Person, parents: list[tuple[Person, str]]) -> None:
    scene.require("open")
    await scene.say(gert, "/open slapen")
    for parent, question in parents:
        await scene.say(parent, "/start w-slapen")
        if scene.has_button(parent, f"{V}:c:agree"):
            await scene.tap(parent, data=f"{V}:c:agree")
        await scene.say(parent, question)


async def moderators_pull(scene: Scene, gert: Person, fatima: Person) -> None:
    scene.require("volgende")
    await scene.say(gert, "/volgende")
    if scene.has_button(gert, f"{V}:q:merge:"):
        await scene.tap(gert, data=f"{V}:q:merge:")
    await scene.tap(gert, data=f"{V}:q:asked:")
    await scene.say(fatima, "/open slapen")
    await scene.say(fatima, "/volgende")
    await scene.tap(fatima, data=f"{V}:q:write:")
    await scene.say(
        fatima,
        "Good question! There was no time left for it in the webinar. You find tips at "
        "https://ouderbot.example.org/tips, and the Buurtteam is happy to help.",
    )
    await scene.tap(fatima, data=f"{V}:w:send:")  # under the answer's preview


async def close_webinar(scene: Scene, gert: Person) -> None:
    scene.require("sluit")
    await scene.move_clock(scene.clock.now() + timedelta(hours=1, minutes=15))
    await scene.say(gert, "/sluit")
    await scene.tap(gert, data=f"{V}:s:yes:")  # /sluit asks first


async def give_feedback(scene: Scene, parents: list[Person]) -> None:
    asked = [p for p in parents if scene.has_button(p, f"{V}:f:")]
    if not asked:
        raise MissingFeature("no feedback requests after the webinar")
    for number, parent in enumerate(asked[:2]):
        t = scene.t
        await scene.tap(parent, label=t(parent.language, f"feedback.button.score{5 - number}"))
        await scene.tap(parent, label=t(parent.language, "feedback.button.helped_yes"))
        if number == 0:
            await scene.say(parent, "Dat ik niet de enige ben. En: vaste tijden helpen.")
            await scene.say(parent, "Hoe ga je om met driftbuien?")
        else:
            await scene.tap(parent, label=t(parent.language, "feedback.button.skip"))
            await scene.tap(parent, label=t(parent.language, "feedback.button.skip"))


async def inloop_reminder(scene: Scene, lisa: Person) -> None:
    scene.require("inloop")
    await scene.say(lisa, "/inloop")
    await scene.tap(lisa, label="Hoograven")
    await scene.tap(lisa, data=f"{V}:i:sub:")
    reminders = scene.bot.reminders
    await reminders.run_pass()
    evening = datetime.combine(scene.clock.now().astimezone(ZONE).date(), time(19, 0), ZONE)
    await scene.move_clock(evening.astimezone(UTC))
    await reminders.run_pass()
    await scene.bot.dispatcher.send_due()
    await scene.settle()


async def read_summary(scene: Scene) -> None:
    scene.require("samenvatting")
    carla = scene.out.people[COORDINATOR]
    await scene.say(carla, "/samenvatting")
    await scene.tap(carla, data=f"{V}:sum:show:3:30")


# ---------------------------------------------------------------------- running it


async def play(scene: Scene, pause: float) -> int:
    people = scene.out.people
    scene.person(COORDINATOR, "🧑‍💼", "Carla")
    gert = scene.person(GERT, "🧔", "Gert")
    fatima = scene.person(7102, "👩‍🦱", "Fatima")
    sanne = scene.person(7201, "👩", "Sanne")
    ahmed = scene.person(7202, "👨", "Ahmed")
    amy = scene.person(7203, "👩‍🦰", "Amy", "en")
    lisa = scene.person(7204, "👱‍♀️", "Lisa")
    questions = [
        (sanne, "Hoe krijg ik mijn peuter van 2 's avonds in bed?"),
        (ahmed, "Hoe krijg ik mijn peuter 's avonds op tijd in bed?"),
        (amy, "How much screen time is okay for a 5 year old?"),
        (lisa, "Mijn zoon van 4 krijgt een driftbui als hij moet stoppen met spelen."),
    ]
    steps: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        ("The coordinator loads the programme", lambda: load_programme(scene)),
        ("The coordinator invites two gespreksleiders",
         lambda: invite_moderators(scene, [gert, fatima])),
        ("Parents join the webinar and ask", lambda: parents_ask(scene, gert, questions)),
        ("Two gespreksleiders pull questions", lambda: moderators_pull(scene, gert, fatima)),
        ("The webinar closes", lambda: close_webinar(scene, gert)),
        ("Parents give feedback", lambda: give_feedback(scene, [sanne, ahmed, amy, lisa])),
        ("A parent subscribes to an inloopmoment and gets the reminder",
         lambda: inloop_reminder(scene, lisa)),
        ("The coordinator reads the summary", lambda: read_summary(scene)),
    ]  # fmt: skip
    failed = 0
    for number, (title, run) in enumerate(steps, start=1):
        scene.out.heading(number, title)
        try:
            await run()
        except Exception as error:  # the demo goes on; the exit code tells
            failed += 1
            scene.out.line(f"(this step failed: {type(error).__name__}: {error})")
        await asyncio.sleep(pause)
    scene.out.line()
    sent = sum(1 for r in scene.api.requests if r.ok and r.method == "sendMessage")
    scene.out.line(
        f"The bot sent {sent} messages to {len(people)} people"
        + (f"; {failed} step{'s' * (failed != 1)} failed." if failed else ". That was the demo.")
    )
    scene.out.line("To play a parent, a gespreksleider and a coordinator yourself: ouderbot try")
    return 1 if failed else 0


def board_address(bot: Ouderbot, clock: ManualClock, out: Transcript) -> None:
    """Print where the moderation board opens in a browser, as gespreksleider Gert: the
    address carries initData signed with the demo token, as Telegram would pass it."""
    from urllib.parse import quote

    from bot.web.init_data import sign_init_data

    if bot.web is None:
        return
    user = {"id": GERT, "first_name": "Gert", "language_code": "nl"}
    data = quote(sign_init_data(user, DEMO_TOKEN, clock.now()), safe="")
    out.line("The moderation board, as gespreksleider Gert, while the demo runs:")
    out.line(f"  {bot.web.local_url}/app/#tgWebAppData={data}")


async def run_demo(fast: bool = False, out: TextIO | None = None, latency: float = 0.0) -> int:
    """Play the scene; 0 when every step the bot supports went as it should. `latency`:
    seconds the local Telegram adds to every request (as Telegram's distance does)."""
    transcript = Transcript(out or sys.stdout)
    logging.getLogger().setLevel(logging.WARNING)  # the transcript is the output
    # Everything stays on 127.0.0.1: never send it through a proxy from the environment.
    os.environ["NO_PROXY"] = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1"]))
    from bot.app import create_bot

    transcript.line("Ouderbot demo: the real bot against a local Telegram on this computer.")
    transcript.line("No token, no network; the people below are simulated.")
    with tempfile.TemporaryDirectory(prefix="ouderbot-demo-") as folder:
        async with LocalBotApi(
            token=DEMO_TOKEN, bot_username="ouderbot_demo", latency=latency
        ) as api:
            settings = settings_from_mapping(
                {
                    "telegram": {"base_url": api.base_url, "base_file_url": api.base_file_url,
                                 "poll_timeout_seconds": 1},
                    "storage": {"database": str(Path(folder) / "demo.sqlite3")},
                    "roles": {"coordinators": [COORDINATOR]},
                    "webinars": {"panel_refresh_seconds": 0.5},
                    # The board on a free local port; no https address, so no Mini App
                    # buttons in the chat: the demo prints the board's address instead.
                    "web": {"listen": "127.0.0.1:0"},
                },
                {"OUDERBOT_TOKEN": DEMO_TOKEN},
            )  # fmt: skip
            clock = ManualClock(demo_start())
            bot = await create_bot(settings, token=DEMO_TOKEN, clock=clock)
            api.on_request.append(transcript.bot_request)
            await bot.start()
            api.busy_checks.append(bot.busy)  # settled: handled and sent, not only confirmed
            try:
                board_address(bot, clock, transcript)
                scene = Scene(bot, api, clock, transcript, quiet=0.05 if fast else 0.2)
                return await play(scene, pause=0.0 if fast else 1.0)
            finally:
                await bot.stop()
