"""A coordinator and the programme: /afgelasten, /bericht, and loading the programme CSV.

/afgelasten and /bericht work by buttons (series, then date) and end with one typed
message: the reason or the announcement. Between the button and the text the step is a
row in the database (a "draft"), so a restart in between loses nothing. The typed text is
picked up by `DRAFT_STEP`, which runs in a group before the feature handlers (see bot.app)
so that it is never taken for a question or a written answer.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Concatenate, ParamSpec

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw, format_moment
from bot.core.models import Role
from bot.core.text_input import clean_text
from bot.inloop.programme_csv import MAX_BYTES, ProgrammeUnreadable
from bot.inloop.programme_import import (
    import_programme,
    plain_text,
    rejected_rows_file,
    report_lines,
)
from bot.inloop.records import InloopSeries
from bot.inloop.recurrence import occurrence_on
from bot.inloop.reminders import (
    announcement_message,
    cancellation_message,
    day_from_number,
    day_number,
    upcoming_occurrences,
)
from handlers.common import (
    chat_id,
    edit_buttons,
    pressed,
    reply,
    require_role,
    say,
    send_file,
    text_of,
)
from handlers.inloop import Labelled, current_wijken, label, show
from handlers.router import route

log = logging.getLogger(__name__)

DRAFT_VALID = timedelta(minutes=30)  # an older draft is forgotten; the text is handled normally
DAYS_SHOWN = 8
REASON_MAX_CHARS = 500
ANNOUNCEMENT_MAX_CHARS = 3000
REPORT_CHUNK_CHARS = 3800
# Problems listed in the import report's message; all of them are in the attached file.
REPORT_FIRST_PROBLEMS = 10
ABORT = callbacks.INLOOP_ABORT.data()

P = ParamSpec("P")


async def series_choice(
    update: Update, context: BotContext, key: str, action: callbacks.Action
) -> None:
    """A button per series with sessions to come, for `action` (cancel or message)."""
    rows: Labelled = [
        [
            (
                label(context, "inloop.button.series", wijk=wijk.name, title=series.title),
                action.data(series.id),
            )
        ]
        for wijk in await current_wijken(context)
        for series, _ in wijk.series
    ]
    if not rows:
        await show(update, context, context.tr("inloop.coord.no_series"), [])
        return
    rows.append([(context.tr("inloop.button.abort"), ABORT)])
    await show(update, context, context.tr(key), rows)


async def cancel_command(update: Update, context: BotContext) -> None:
    if await require_role(update, context, Role.COORDINATOR):
        await series_choice(
            update, context, "inloop.coord.cancel_pick_series", callbacks.INLOOP_CANCEL_SERIES
        )


async def message_command(update: Update, context: BotContext) -> None:
    if await require_role(update, context, Role.COORDINATOR):
        await series_choice(
            update, context, "inloop.coord.announce_pick_series", callbacks.INLOOP_MESSAGE
        )


def when(context: BotContext, moment_utc: datetime) -> str:
    return format_moment(moment_utc.astimezone(context.services.settings.zone), context.language)


async def pick_day(update: Update, context: BotContext, series: InloopSeries) -> None:
    services = context.services
    cancelled = await services.repos.inloop.cancelled_days(series.id)
    ahead = upcoming_occurrences(
        series, services.settings.zone, services.clock.now(), DAYS_SHOWN + len(cancelled)
    )
    upcoming = [o for o in ahead if o.day not in cancelled][:DAYS_SHOWN]
    if not upcoming:
        await show(update, context, context.tr("inloop.coord.no_days", title=series.title), [])
        return
    rows: Labelled = [
        [
            (
                label(context, "inloop.button.day", when=when(context, o.starts_at)),
                callbacks.INLOOP_CANCEL.data(series.id, day_number(o.day)),
            )
        ]
        for o in upcoming
    ]
    rows.append([(context.tr("inloop.button.abort"), ABORT)])
    await show(
        update,
        context,
        context.tr("inloop.coord.cancel_pick_day", title=series.title, wijk=series.wijk),
        rows,
    )


async def ask_reason(
    update: Update, context: BotContext, series: InloopSeries, number: int
) -> None:
    services = context.services
    day = day_from_number(number)
    occurrence = occurrence_on(series.rule, services.settings.zone, day) if day else None
    if occurrence is None or occurrence.starts_at <= services.clock.now():
        await show(update, context, context.tr("inloop.coord.too_late"), [])
        return
    await services.repos.inloop.start_draft(
        context.member.id, "cancel", series.id, occurrence.day, services.clock.now()
    )
    count = await services.repos.inloop.subscriber_count(series.id)
    await show(
        update,
        context,
        context.tr(
            "inloop.coord.cancel_reason",
            title=series.title,
            when=when(context, occurrence.starts_at),
            count=count,
        ),
        [[(context.tr("inloop.button.abort"), ABORT)]],
    )


async def ask_announcement(update: Update, context: BotContext, series: InloopSeries) -> None:
    services = context.services
    count = await services.repos.inloop.subscriber_count(series.id)
    if count == 0:  # said before the coordinator types a message nobody would get
        text = context.tr("inloop.coord.announce_nobody", title=series.title, wijk=series.wijk)
        await show(update, context, text, [])
        return
    await services.repos.inloop.start_draft(
        context.member.id, "announce", series.id, None, services.clock.now()
    )
    await show(
        update,
        context,
        context.tr(
            "inloop.coord.announce_prompt", title=series.title, wijk=series.wijk, count=count
        ),
        [[(context.tr("inloop.button.abort"), ABORT)]],
    )


async def abort_pressed(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await context.services.repos.inloop.clear_draft(context.member.id)
    await show(update, context, context.tr("inloop.coord.aborted"), [])


def _on_series(
    action: Callable[Concatenate[Update, BotContext, InloopSeries, P], Awaitable[None]],
) -> Callable[Concatenate[Update, BotContext, int, P], Awaitable[None]]:
    """A coordinator's series button, given the series (answered here if it is gone)."""

    async def with_series(
        update: Update, context: BotContext, series_id: int, /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        await pressed(update).answer()
        series = await context.services.repos.inloop.get(series_id)
        if series is None:
            await show(update, context, context.tr("inloop.series_gone"), [])
        else:
            await action(update, context, series, *args, **kwargs)

    functools.update_wrapper(with_series, action)  # its name, and its fields for the router
    return with_series


async def send_announcement(update: Update, context: BotContext, series: InloopSeries) -> None:
    """ "Versturen" under an announcement's preview: now it goes to the subscribers."""
    services = context.services
    draft = await services.repos.inloop.draft(context.member.id)
    if draft is None or draft.text is None or draft.series_id != series.id:
        await show(update, context, context.tr("inloop.coord.announce_gone"), [])
        return
    await services.repos.inloop.clear_draft(context.member.id)
    await edit_buttons(update, context, [])
    await finish_announcement(update, context, series, draft.text)


# ------------------------------------------------------------ the typed text


async def draft_text(update: Update, context: BotContext) -> None:
    """A coordinator's text while a reason or announcement is awaited; else passes on."""
    member = context.member
    if not member.has(Role.COORDINATOR):
        return
    services = context.services
    draft = await services.repos.inloop.draft(member.id)
    if draft is None or services.clock.now() - draft.started_at > DRAFT_VALID:
        return
    limit = REASON_MAX_CHARS if draft.action == "cancel" else ANNOUNCEMENT_MAX_CHARS
    cleaned = clean_text(text_of(update), limit)
    if cleaned.text is None:
        key = "inloop.coord.too_long" if cleaned.rejection == "too_long" else "inloop.coord.empty"
        await say(update, context, key, [[("inloop.button.abort", ABORT)]], limit=limit)
    else:
        series = await services.repos.inloop.get(draft.series_id)
        if series is None:
            await services.repos.inloop.clear_draft(member.id)
            await say(update, context, "inloop.series_gone")
        elif draft.action == "cancel":
            await finish_cancel(update, context, series, draft.day, cleaned.text)
        else:
            await preview_announcement(update, context, series, cleaned.text)
    raise ApplicationHandlerStop


async def leave_draft(update: Update, context: BotContext) -> None:
    """Another command or button ends a half-finished /afgelasten or /bericht (and goes on
    to be handled as usual)."""
    member = context.member
    if member.has(Role.COORDINATOR) and await context.services.repos.inloop.draft(member.id):
        await context.services.repos.inloop.clear_draft(member.id, marks_update=False)


async def finish_cancel(
    update: Update, context: BotContext, series: InloopSeries, day: date | None, reason: str
) -> None:
    services = context.services
    zone, now = services.settings.zone, services.clock.now()
    occurrence = occurrence_on(series.rule, zone, day) if day else None
    if occurrence is None or occurrence.starts_at <= now:
        await services.repos.inloop.clear_draft(context.member.id)
        await say(update, context, "inloop.coord.too_late")
        return
    told = await services.repos.inloop.cancel_occurrence(
        series,
        occurrence,
        reason,
        context.member.id,
        now,
        lambda user_id: cancellation_message(series, occurrence, reason, user_id, zone),
    )
    if told is None:
        await say(update, context, "inloop.coord.already_cancelled")
        return
    context.bot_data.dispatcher.wake()
    log.info(
        "occurrence %s of series %d cancelled; %d parents told", occurrence.day, series.id, told
    )
    await say(
        update,
        context,
        "inloop.coord.cancel_done",
        title=series.title,
        when=when(context, occurrence.starts_at),
        count=told,
    )


async def preview_announcement(
    update: Update, context: BotContext, series: InloopSeries, text: str
) -> None:
    """The announcement as typed, to check before it reaches every subscriber."""
    services = context.services
    await services.repos.inloop.keep_draft_text(context.member.id, text)
    count = await services.repos.inloop.subscriber_count(series.id)
    preview = context.tr(
        "inloop.coord.announce_preview", title=series.title, count=count, text=text
    )
    rows = [
        [
            ("inloop.button.send", callbacks.INLOOP_MESSAGE_SEND.data(series.id)),
            ("inloop.button.abort", ABORT),
        ]
    ]
    await say(update, context, "core.raw", rows, text=Raw(preview))


async def finish_announcement(
    update: Update, context: BotContext, series: InloopSeries, text: str
) -> None:
    services = context.services
    count = await services.repos.inloop.announce(
        series,
        text,
        context.member.id,
        services.clock.now(),
        lambda message_id, user_id: announcement_message(series, message_id, text, user_id),
    )
    context.bot_data.dispatcher.wake()
    log.info("announcement for series %d queued to %d parents", series.id, count)
    await say(update, context, "inloop.coord.announce_done", count=count)


# ---------------------------------------------------------------- the CSV


async def document(update: Update, context: BotContext) -> None:
    """A coordinator's file is the programme; anyone else's is refused kindly."""
    message = update.effective_message
    assert message is not None
    assert message.document is not None
    if not context.member.has(Role.COORDINATOR):
        await say(update, context, "inloop.upload.not_allowed")
        return
    if (message.document.file_size or 0) > MAX_BYTES:
        await say(update, context, "programme.unreadable.too_large", limit_kb=MAX_BYTES // 1000)
        return
    try:
        file = await context.bot.get_file(message.document.file_id)
        data = bytes(await file.download_as_bytearray())
    except TelegramError as error:
        log.warning("could not download a programme file: %s", type(error).__name__)
        await say(update, context, "inloop.upload.download_failed")
        return
    await import_upload(update, context, data, message.document.file_name or "CSV")


async def import_upload(update: Update, context: BotContext, data: bytes, name: str) -> None:
    services = context.services
    try:
        report = await import_programme(
            data,
            services.repos.inloop,
            services.settings.zone,
            services.clock.now(),
        )
    except ProgrammeUnreadable as error:
        await say(update, context, "inloop.import.unreadable", path=name)
        await reply(update, context, context.tr(error.reason, **error.params))
        return
    lines = [
        context.tr("inloop.import.read", path=name),
        *report_lines(report, lambda key, params: context.tr(key, **params)),
    ]
    # One message: the summary and the first problems; every rejected row in a file.
    shown = len(lines) - len(report.errors) + REPORT_FIRST_PROBLEMS
    if len(report.errors) > REPORT_FIRST_PROBLEMS:
        more = len(report.errors) - REPORT_FIRST_PROBLEMS
        lines = [*lines[:shown], context.tr("inloop.import.more_in_file", count=more)]
    await say(update, context, "core.raw", text=Raw(chunks(lines, REPORT_CHUNK_CHARS)[0]))
    if len(report.errors) > REPORT_FIRST_PROBLEMS:
        await send_file(
            context,
            chat_id(update),
            rejected_rows_file(report, plain_text(context.services.t, context.language)),
            f"{context.tr('inloop.import.rejected_file')}.csv",
            context.tr("inloop.import.rejected_file_caption"),
        )


def chunks(lines: list[str], limit: int) -> list[str]:
    """Lines packed into messages under Telegram's length limit (a line is never split
    unless it alone is too long)."""
    packed, current = [], ""
    for line in lines:
        line = line[:limit]
        if current and len(current) + 1 + len(line) > limit:
            packed.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        packed.append(current)
    return packed


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("afgelasten", cancel_command),
    CommandHandler("bericht", message_command),
    MessageHandler(filters.Document.ALL, document),
]

ROUTES = [
    route(callbacks.INLOOP_CANCEL_SERIES, _on_series(pick_day)),
    route(callbacks.INLOOP_CANCEL, _on_series(ask_reason)),
    route(callbacks.INLOOP_MESSAGE, _on_series(ask_announcement)),
    route(callbacks.INLOOP_MESSAGE_SEND, _on_series(send_announcement)),
    route(callbacks.INLOOP_ABORT, abort_pressed),
]

# Run in their own group before the feature handlers (see bot.app): a coordinator's reason
# or announcement must not reach the question router (stopped once used), and any other
# command or button abandons the step. Only `draft_text` ever stops an update.
DRAFT_STEP: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.TEXT & ~filters.COMMAND, draft_text),
    MessageHandler(filters.COMMAND, leave_draft),
    # Another feature's button (answer in writing, say) abandons it too; that button's own
    # handler in group 0 answers the press.
    CallbackQueryHandler(leave_draft, pattern=re.compile(rf"^(?!{callbacks.VERSION}:i:)")),
]
