"""A parent and the inloopmomenten: /inloop, choose a wijk, "herinner mij" or "stop"."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw, format_moment
from bot.core.text_input import shorten
from bot.inloop.records import InloopSeries
from bot.inloop.recurrence import next_occurrence
from bot.inloop.reminders import (
    ReminderPolicy,
    Wijk,
    plan_reminders,
    reminder_message,
    upcoming_by_wijk,
)
from handlers.common import chat_id, edit_buttons, edit_text, pressed, send_text
from handlers.offers import offer
from handlers.router import route

# Button texts stay short enough to read on a phone.
LABEL_CHARS = 40
# Callback data of the parents' buttons (the coordinators' "i" buttons are in
# handlers.coordinator).
# A wijk with many series is shown in pages, never cut: each page's HTML stays well under
# Telegram's 4,096 characters, and a phone screen shows a few series at a time.
PAGE_CHARS = 3500
PAGE_SERIES = 6
FIELD_CHARS = 300  # a programme field in a series block: a block always fits a page

Labelled = list[list[tuple[str, str]]]  # rows of (label text, callback data)


def markup(rows: Labelled) -> InlineKeyboardMarkup | None:
    """Buttons whose labels are already translated (they carry titles and names)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def label(context: BotContext, key: str, **params: str) -> str:
    """A button label: plain text, so parameters are not HTML-escaped."""
    shortened = {name: Raw(shorten(value, LABEL_CHARS)) for name, value in params.items()}
    return context.tr(key, **shortened)


async def show(
    update: Update, context: BotContext, text: str, rows: Labelled, *, new: bool = False
) -> None:
    """Edit the pressed message, or send a new one for a command (or when `new`)."""
    query = update.callback_query
    if query is None or new:
        await send_text(context, chat_id(update), text, markup(rows))
        return
    await edit_text(update, context, text, markup(rows))


async def current_wijken(context: BotContext) -> list[Wijk]:
    services = context.services
    series = await services.repos.inloop.all_series()
    return upcoming_by_wijk(series, services.settings.zone, services.clock.now())


async def inloop_command(update: Update, context: BotContext) -> None:
    await show_wijken(update, context)


async def show_wijken(update: Update, context: BotContext, *, new: bool = False) -> None:
    """The wijk list; `new`: as a new message even for a button (a menu stays as it is)."""
    wijken = await current_wijken(context)
    if not wijken:
        await show(update, context, context.tr("inloop.none"), [], new=new)
        return
    buttons = [
        (label(context, "inloop.button.wijk", wijk=w.name), callbacks.INLOOP_WIJK.data(w.ref))
        for w in wijken
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    await show(update, context, context.tr("inloop.choose_wijk"), rows, new=new)
    # A wijk typed instead of tapped ("Zuilen") is taken as its button, never a question.
    offer(
        context,
        context.tr("inloop.choose_wijk"),
        rows,
        {w.name: ("wijk", w.ref) for w in wijken},
    )


def series_block(
    context: BotContext, wijk: Wijk, index: int, subscribed: bool, cancelled: bool
) -> str:
    series, upcoming = wijk.series[index]
    zone = context.services.settings.zone
    lines = [
        context.tr(
            "inloop.wijk.series",
            title=shorten(series.title, FIELD_CHARS),
            location=shorten(series.location, FIELD_CHARS),
            repeat=Raw(context.tr(f"inloop.repeat.{series.rule.recurrence.value}")),
            when=format_moment(upcoming.starts_at.astimezone(zone), context.language),
            end=upcoming.ends_at.astimezone(zone).strftime("%H:%M"),
        )
    ]
    if cancelled:
        lines.append(context.tr("inloop.wijk.cancelled"))
    if series.organiser:
        organiser = shorten(series.organiser, FIELD_CHARS)
        lines.append(context.tr("inloop.wijk.organiser", organiser=organiser))
    if subscribed:
        lines.append(context.tr("inloop.wijk.subscribed"))
    return "\n".join(lines)


def pages_of(blocks: list[str], budget: int, most: int) -> list[list[int]]:
    """Indexes of `blocks`, packed in order into pages of at most `budget` characters and
    `most` blocks (a block longer than the budget gets a page of its own)."""
    pages: list[list[int]] = [[]]
    used = 0
    for index, block in enumerate(blocks):
        size = len(block) + 2
        if pages[-1] and (used + size > budget or len(pages[-1]) >= most):
            pages.append([])
            used = 0
        pages[-1].append(index)
        used += size
    return pages


async def show_wijk(update: Update, context: BotContext, ref: int, page: int | None = None) -> None:
    """A wijk's series, a page at a time; `page` None: the page with series `ref`."""
    services = context.services
    anchor = await services.repos.inloop.get(ref)
    wijk = next(
        (
            w
            for w in await current_wijken(context)
            if anchor is not None and w.name.casefold() == anchor.wijk.casefold()
        ),
        None,
    )
    if wijk is None:
        await show(
            update,
            context,
            context.tr("inloop.wijk.gone"),
            [[(context.tr("inloop.button.back"), callbacks.INLOOP_LIST.data())]],
        )
        return
    subscribed = await services.repos.inloop.subscribed_ids(context.member.id)
    blocks, buttons = [], []
    for index, (series, upcoming) in enumerate(wijk.series):
        on = series.id in subscribed
        off = upcoming.day in await services.repos.inloop.cancelled_days(series.id)
        blocks.append(series_block(context, wijk, index, on, off))
        key, action = (
            ("inloop.button.stop", callbacks.INLOOP_UNSUB)
            if on
            else ("inloop.button.remind", callbacks.INLOOP_SUB)
        )
        buttons.append([(label(context, key, title=series.title), action.data(series.id))])
    text, rows = wijk_page(context, wijk, blocks, buttons, ref, page)
    await show(update, context, text, rows)


def wijk_page(
    context: BotContext,
    wijk: Wijk,
    blocks: list[str],
    buttons: Labelled,
    ref: int,
    page: int | None,
) -> tuple[str, Labelled]:
    """One page of a wijk's series blocks and their buttons, with previous / next."""
    pages = pages_of(blocks, PAGE_CHARS, PAGE_SERIES)
    if page is None:
        page = next(
            (n for n, p in enumerate(pages) if any(wijk.series[i][0].id == ref for i in p)), 0
        )
    page = min(max(page, 0), len(pages) - 1)
    head = [context.tr("inloop.wijk.heading", wijk=wijk.name)]
    if len(pages) > 1:
        head.append(context.tr("inloop.wijk.page", page=page + 1, pages=len(pages)))
    text = "\n\n".join(
        ["\n".join(head), *(blocks[i] for i in pages[page]), context.tr("inloop.wijk.footer")]
    )
    rows: Labelled = [buttons[i][0:1] for i in pages[page]]
    turn = [
        (context.tr(key), callbacks.INLOOP_PAGE.data(ref, target))
        for key, target in (("inloop.button.previous", page - 1), ("inloop.button.next", page + 1))
        if 0 <= target < len(pages)
    ]
    if turn:
        rows.append(turn)
    rows.append([(context.tr("inloop.button.back"), callbacks.INLOOP_LIST.data())])
    return text, rows


async def live_series(context: BotContext, series_id: int) -> InloopSeries | None:
    """The series, if it still has sessions to come."""
    services = context.services
    series = await services.repos.inloop.get(series_id)
    if (
        series is None
        or next_occurrence(series.rule, services.settings.zone, services.clock.now()) is None
    ):
        return None
    return series


async def subscribe(update: Update, context: BotContext, series_id: int) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    series = await live_series(context, series_id)
    if series is None:
        await query.answer(context.tr("inloop.series_gone"), show_alert=True)
        return
    zone, now = services.settings.zone, services.clock.now()
    plans = plan_reminders(
        series, zone, ReminderPolicy.from_settings(services.settings.reminders), now=now
    )
    await services.repos.inloop.subscribe(
        series.id,
        context.member.id,
        now,
        plans,
        lambda plan, user_id: reminder_message(plan, user_id, zone),
    )
    context.bot_data.dispatcher.wake()
    await query.answer(context.tr("inloop.subscribed", title=Raw(series.title)))
    await show_wijk(update, context, series.id)


async def unsubscribe(
    update: Update, context: BotContext, series_id: int, *, in_list: bool
) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    series = await services.repos.inloop.get(series_id)
    await services.repos.inloop.unsubscribe(series_id, context.member.id)
    title = series.title if series is not None else ""
    await query.answer(context.tr("inloop.unsubscribed", title=Raw(title)))
    if in_list and series is not None:
        await show_wijk(update, context, series.id)
    else:  # under a reminder: the reminder stays, its button goes
        await edit_buttons(update, context)


async def unsubscribe_in_list(update: Update, context: BotContext, series_id: int) -> None:
    await unsubscribe(update, context, series_id, in_list=True)


async def stop_reminders(update: Update, context: BotContext, series_id: int) -> None:
    """ "Stop" under a reminder."""
    await unsubscribe(update, context, series_id, in_list=False)


async def wijk_pressed(update: Update, context: BotContext, series_id: int) -> None:
    await pressed(update).answer()
    await show_wijk(update, context, series_id, page=0)


async def page_pressed(update: Update, context: BotContext, series_id: int, page: int) -> None:
    await pressed(update).answer()
    await show_wijk(update, context, series_id, page=page)


async def list_pressed(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await show_wijken(update, context)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("inloop", inloop_command),
]

ROUTES = [
    route(callbacks.INLOOP_LIST, list_pressed),
    route(callbacks.INLOOP_WIJK, wijk_pressed),
    route(callbacks.INLOOP_PAGE, page_pressed),
    route(callbacks.INLOOP_SUB, subscribe),
    route(callbacks.INLOOP_UNSUB, unsubscribe_in_list),
    route(callbacks.INLOOP_STOP, stop_reminders),
]
