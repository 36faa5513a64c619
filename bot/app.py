"""The composition root: settings in, a ready bot out.

`create_bot` opens the storage, builds the services, creates python-telegram-bot's
`Application` with every handler, and returns an `Ouderbot` that can be started and
stopped (by `ouderbot run`, the demo and the tests alike).

Handler groups (order matters):
  -10  gatekeeper: refuses groups, loads the user, limits floods; may stop the update
   -6  a coordinator's reason (/afgelasten) or announcement (/bericht) after picking by
       button; stops the update when it took the text, else it goes on (another command
       or button abandons the half-finished step first)
   -5  a parent's answer to a pending feedback free-text question; stops the update when
       it took the text, else the text goes on to group 0 (a webinar question)
   -4  a parent typing "ja" / "ok" / "akkoord" at the privacy notice: taken as the
       agreement (and the update stops), else it goes on
   -3  a command from a gespreksleider typing a written answer: the answer is given up
       (nothing sent), then the command runs
   -2  text typed where buttons were just offered (a wijk after /inloop, a language
       after /taal, "ja" at a confirmation): matched to its button, or "tik op een knop"
       with the buttons again (the update stops); a command or press drops the offer
    0  every button press (handlers.router: one route per declared action), every
       feature's commands, then the free-text router, then the fallbacks for anything
       unhandled (the first matching handler in a group wins)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, BaseHandler, ContextTypes

from bot.config import Settings
from bot.context import AppState, BotContext
from bot.core.clock import Clock, SystemClock
from bot.delivery.aiohttp_request import AiohttpRequest
from bot.delivery.dispatcher import OutboxDispatcher
from bot.delivery.pacing import Timer
from bot.delivery.telegram_bot import OuderbotBot
from bot.delivery.updates import DurablePoller, UpdateProcessor
from bot.feedback.requests import FeedbackPlanner
from bot.inloop.reminders import ReminderPolicy, ReminderScheduler
from bot.practice.runner import PracticeRunner
from bot.privacy.retention import RetentionJob
from bot.runtime.background import PeriodicPass, Service
from bot.runtime.logging_setup import quiet_third_party_loggers
from bot.services import Services
from bot.webinar.lexicon import read_lexicons
from bot.webinar.replay import ReplayPlanner
from handlers import (
    choices,
    closing,
    coordinator,
    errors,
    fallback,
    feedback,
    gatekeeper,
    history,
    inloop,
    moderation,
    monitor,
    practice,
    privacy,
    programme_view,
    question_card,
    replay,
    roles,
    start,
    summary,
    webinar_parent,
    written_answer,
)
from handlers.menus import set_default_menus, set_user_menu
from handlers.panels import PanelRefresher
from handlers.router import ButtonRouter, Route
from storage.db import Database

if TYPE_CHECKING:
    # Imported where used: aiohttp's server half takes about 0.3 s to load, and a bot
    # without the board ([web]) or a webhook never needs it (each start of the process).
    from bot.runtime.health import HealthServer
    from bot.web.routes import BoardDeps
    from bot.web.server import BoardServer

log = logging.getLogger(__name__)
# More chats than this with updates waiting is a burst: questions are acknowledged first
# and grouped right after (bot.webinar.question_desk.GROUP_LATER_WITHIN).
BURST_CHATS = 8

OuderbotApplication = Application[Any, BotContext, Any, Any, AppState, Any]


def button_routes() -> list[Route]:
    """Every button action's route (`bot.core.callbacks` declares the actions)."""
    return [
        *start.ROUTES,
        *webinar_parent.ROUTES,
        *moderation.ROUTES,
        *closing.ROUTES,
        *question_card.ROUTES,
        *history.ROUTES,
        *roles.ROUTES,
        *feedback.ROUTES,
        *summary.ROUTES,
        *inloop.ROUTES,
        *coordinator.ROUTES,
        *replay.ROUTES,
        *privacy.ROUTES,
        *written_answer.ROUTES,
    ]


def feature_handlers() -> list[BaseHandler[Update, BotContext, None]]:
    """Group 0, in order: every button press (one router), commands, free text, then the
    fallbacks."""
    return [
        ButtonRouter(button_routes()).handler(),
        *start.HANDLERS,
        *webinar_parent.HANDLERS,
        *moderation.HANDLERS,
        *closing.HANDLERS,
        *history.HANDLERS,
        *roles.HANDLERS,
        *summary.HANDLERS,
        *inloop.HANDLERS,
        *coordinator.HANDLERS,
        *replay.HANDLERS,
        *monitor.HANDLERS,
        *practice.HANDLERS,
        *programme_view.HANDLERS,
        *privacy.HANDLERS,
        written_answer.WRITTEN_ANSWER,  # falls through to a parent's question
        *fallback.HANDLERS,
    ]


def build_application(settings: Settings, token: str) -> OuderbotApplication:
    timeout = settings.telegram.request_timeout_seconds
    telegram_bot = OuderbotBot(
        token,
        base_url=settings.telegram.base_url,
        base_file_url=settings.telegram.base_file_url,
        # aiohttp's client, not python-telegram-bot's httpx one: a fraction of the CPU
        # per request (bot.delivery.aiohttp_request, bench/micro_http.py).
        # Its read timeout is the sends' (a send that hangs puts off only its chat, see
        # bot.delivery.dispatcher); uploads keep the longer write timeout.
        request=AiohttpRequest(
            connection_pool_size=32,
            connect_timeout=timeout,
            read_timeout=min(timeout, settings.telegram.send_timeout_seconds),
            write_timeout=timeout,
        ),
        get_updates_request=AiohttpRequest(connect_timeout=timeout, read_timeout=timeout),
        # No python-telegram-bot rate limiter: every message goes through the outbox
        # dispatcher, whose pacer keeps to Telegram's limits and holds back only the chat
        # a 429 names. A limiter here would pace (or retry) the same requests a second
        # time and, retrying inside the request, keep the dispatcher from seeing the 429.
        rate_limiter=None,
    )
    app = (
        ApplicationBuilder()
        .bot(telegram_bot)
        .context_types(ContextTypes(context=BotContext, bot_data=AppState))
        .updater(None)  # bot.delivery.updates.DurablePoller gets the updates
        .build()
    )
    app.add_handlers(
        {
            -10: gatekeeper.HANDLERS,
            -6: coordinator.DRAFT_STEP,
            -5: feedback.TEXT_STEP,
            -4: start.CONSENT_TEXT,
            -3: written_answer.ANSWER_MODE_END,
            -2: choices.HANDLERS,
            0: feature_handlers(),
        }
    )
    app.add_error_handler(errors.on_error)
    return app


@dataclass
class Ouderbot:
    """A running (or ready to run) bot: the application and what surrounds it."""

    application: OuderbotApplication
    services: Services
    processor: UpdateProcessor
    dispatcher: OutboxDispatcher
    panels: PanelRefresher
    feedback: FeedbackPlanner
    reminders: ReminderScheduler
    retention: RetentionJob
    replay: ReplayPlanner
    practice: PracticeRunner
    poller: DurablePoller | None = None
    web: BoardServer | None = None  # the board's server in polling mode, when [web] is set
    health: HealthServer | None = None  # GET /healthz on [health] listen, when set
    _poll_task: asyncio.Task[None] | None = field(default=None, repr=False)

    async def start(self, *, polling: bool = True) -> None:
        """Connect to Telegram, set the command menus, start sending and (optionally) polling."""
        app = self.application
        try:
            await app.initialize()  # getMe: a wrong token or no network fails here
        except BaseException:
            # Nothing runs yet; close the database, whose thread would keep the process
            # from exiting, and the HTTP clients (an open aiohttp session warns when it
            # is collected), and let the caller report the error.
            with contextlib.suppress(Exception):
                await app.bot.shutdown()
            await self.services.db.close()
            raise
        app.bot_data.bot_username = app.bot.username
        await app.start()
        await self._set_menus()
        for job in self._jobs:
            job.attach(app.job_queue)
        self.dispatcher.job_queue = app.job_queue
        for service in self.background:
            service.start()
        # The lexicons of the webinars still to come, read now (a thread: a second of CPU
        # that the first question of a burst would otherwise hold everyone up for).
        themes = await self.services.repos.webinars.themes_not_closed()
        await asyncio.to_thread(read_lexicons, themes)
        await self.processor.load()  # what a crash left in the inbox, before anything new
        web_settings = self.services.settings.web
        if polling and web_settings is not None:
            # In webhook mode the webhook's server carries the board (bot.delivery.webhook).
            from bot.web.server import BoardServer

            self.web = BoardServer(web_settings, self.board_deps())
            await self.web.start()
        if polling:
            self.poller = DurablePoller(
                app, self.processor, self.services.settings.telegram.poll_timeout_seconds
            )
            self._poll_task = asyncio.create_task(self.poller.run(), name="ouderbot-poller")
        health = self.services.settings.health
        if health.listen:
            from bot.runtime.health import HealthServer  # aiohttp's server half: see above

            self.health = HealthServer(self, health.host, health.port)
            await self.health.start()
        log.info("bot started as @%s", app.bot.username)

    @property
    def polling(self) -> bool | None:
        """True while the poller runs, False once it stopped (an error); None without it
        (webhook mode). For the health check."""
        if self.poller is None:
            return None
        return self._poll_task is not None and not self._poll_task.done()

    def board_deps(self) -> BoardDeps:
        """What the moderation board (bot.web) needs from the running bot."""
        from bot.web.routes import BoardDeps

        return BoardDeps(
            services=self.services,
            bot_token=self.application.bot.token,
            wake=self.dispatcher.wake,
            queue_changed=self.panels.touch,
            cards_ended=self.panels.end_cards,
        )

    def busy(self) -> bool:
        """Updates waiting to be handled, or messages to be sent now (tests, the demo)."""
        return self.processor.busy or self.dispatcher.busy

    @property
    def _jobs(self) -> list[PeriodicPass]:
        planners = (self.feedback, self.reminders, self.retention, self.replay, self.practice)
        return [planner.job for planner in planners]

    @property
    def background(self) -> list[Service]:
        """The background services, in the order they start (and stop in reverse)."""
        return [self.dispatcher, *self._jobs]

    async def _set_menus(self) -> None:
        services = self.services
        web = services.settings.web
        board_url = web.mini_app_url if web is not None else None
        try:
            await set_default_menus(self.application.bot, services.t)
            for user_id, _ in await services.repos.users.role_holders():
                user = await services.repos.users.get(user_id)
                if user is not None:
                    await set_user_menu(self.application.bot, services.t, user, board_url)
        except Exception as error:  # menus are a convenience; the bot works without them
            log.warning("could not set command menus: %s", type(error).__name__)

    async def wait(self) -> None:
        """Until polling stops (by `stop` or a fatal error such as an invalid token)."""
        if self._poll_task is not None:
            await self._poll_task

    async def stop(self) -> None:
        """Finish what is in flight, confirm handled updates, close the database."""
        if self.health is not None:
            await self.health.stop()
            self.health = None
        if self.poller is not None:
            self.poller.stop()
        if self._poll_task is not None:
            try:
                await self._poll_task
            except Exception as error:
                log.warning("polling ended with %s", type(error).__name__)
            self._poll_task = None
        if self.web is not None:
            await self.web.stop()
            self.web = None
        await self.processor.wait_idle()
        await self.services.desk.close()
        # The planners first (what they queue is then sent), the dispatcher last.
        for service in reversed(self.background):
            await service.stop()
        await self.panels.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        await self.services.db.close()
        log.info("bot stopped")


async def create_bot(
    settings: Settings, *, token: str, clock: Clock | None = None, timer: Timer | None = None
) -> Ouderbot:
    """Open the database and wire everything together; call `start()` to run.

    `clock` is the calendar (when reminders fall due); `timer` the monotonic time of
    the outbox pacer and the panel throttle (tests run it faster than real time)."""
    quiet_third_party_loggers()
    clock = clock or SystemClock()
    db = await Database.open(
        settings.storage.database, busy_timeout_ms=settings.storage.busy_timeout_ms
    )
    try:
        services = Services.build(settings, clock, db)
        await services.repos.users.sync_configured_coordinators(
            settings.roles.coordinators, clock.now()
        )
        app = build_application(settings, token)
        panels = PanelRefresher(app.bot, services, timer)
        app.bot_data.services = services
        app.bot_data.panels = panels
        dispatcher = OutboxDispatcher(
            app.bot,
            services.repos.outbox,
            services.repos.users,
            services.t,
            clock,
            settings.timezone,
            settings.telegram.messages_per_second,
            chat_rate=settings.telegram.chat_messages_per_second,
            chat_burst=settings.telegram.chat_burst,
            paced=settings.telegram.rate_limits,
            in_flight=settings.telegram.requests_in_flight,
            timer=timer,
        )
        app.bot_data.dispatcher = dispatcher
        panels.wake = dispatcher.wake
        dispatcher.recorders["panel"] = services.repos.panels.set
        dispatcher.recorders["card"] = services.repos.panels.add_card
        dispatcher.recorders["qcard"] = services.repos.panels.add_question_card
        dispatcher.on_not_found["panel"] = _panel_gone(services)
        planner = FeedbackPlanner(services.repos, settings, clock, wake=dispatcher.wake)
        app.bot_data.on_webinar_closed.append(feedback.webinar_closed_hook(planner))
        replay_planner = ReplayPlanner(services.repos, clock, wake=dispatcher.wake)
        app.bot_data.replay = replay_planner
        app.bot_data.on_webinar_closed.append(replay.webinar_closed_hook(replay_planner))
        practice_runner = PracticeRunner(services, queue_changed=panels.touch)
        app.bot_data.practice = practice_runner
        app.bot_data.on_webinar_closed.append(practice.webinar_closed)
        processor = UpdateProcessor(
            app,
            db,
            services.repos.updates,
            clock,
            on_sent=dispatcher.wake,
            not_stored=errors.not_stored_notice(app.bot, services),
        )
        # In a burst the acknowledgement does not wait for grouping (QuestionDesk).
        services.desk.in_a_burst = lambda: processor.chats_waiting > BURST_CHATS
        return Ouderbot(
            app,
            services,
            processor,
            dispatcher,
            panels,
            feedback=planner,
            reminders=ReminderScheduler(
                services.repos.inloop,
                clock,
                settings.zone,
                ReminderPolicy.from_settings(settings.reminders),
                on_queued=dispatcher.wake,
            ),
            retention=RetentionJob(services),
            replay=replay_planner,
            practice=practice_runner,
        )
    except BaseException:
        await db.close()
        raise


def _panel_gone(services: Services) -> Callable[[int, int, int], Awaitable[None]]:
    async def gone(webinar_id: int, chat_id: int, _: int) -> None:
        await services.repos.panels.drop(webinar_id, chat_id)

    return gone
