"""Every button press goes through here: one route per declared action
(`bot.core.callbacks`), the role checked once for the route, one small handler each.

A feature module lists its routes (`ROUTES = [route(callbacks.CARD_ASKED, card_asked),
...]`); `bot.app` joins them into one `ButtonRouter`, registered as the single
CallbackQueryHandler of group 0. A handler is called as
`handler(update, context, *values)`, with one int per field of its action, in order (so
its parameters name the fields). Data that is not ours (unknown, malformed, outdated,
forged) and a press by someone without the route's role are answered here, and only here:
the gatekeeper calls `refuse_unknown` before any other handler sees the press.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import Role
from handlers.common import pressed

log = logging.getLogger(__name__)

# (update, context, *one int per field of the action): the arity is checked by `route`.
ButtonHandler = Callable[..., Awaitable[None]]

_REFUSAL = {
    Role.MODERATOR: "core.not_allowed.moderator",
    Role.COORDINATOR: "core.not_allowed.coordinator",
}


@dataclass(frozen=True)
class Route:
    action: callbacks.Action
    handler: ButtonHandler


def route(action: callbacks.Action, handler: ButtonHandler) -> Route:
    """A route; refuses (at start-up) a handler that does not take the action's fields."""
    parameters = list(inspect.signature(handler).parameters.values())[2:]
    if len(parameters) != len(action.fields):
        raise TypeError(
            f"{handler.__qualname__} takes {len(parameters)} values, "
            f"{action.feature}:{action.name} has {len(action.fields)}"
        )
    return Route(action, handler)


class ButtonRouter:
    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes: dict[callbacks.Action, ButtonHandler] = {}
        for one in routes:
            if one.action in self.routes:
                raise ValueError(f"two routes for {one.action.feature}:{one.action.name}")
            self.routes[one.action] = one.handler

    def handler(self) -> CallbackQueryHandler[BotContext, None]:
        return CallbackQueryHandler(self.dispatch)

    async def dispatch(self, update: Update, context: BotContext) -> None:
        query = pressed(update)
        try:
            press = callbacks.parse(query.data)
            handler = self.routes[press.action]
        except (callbacks.BadCallback, KeyError):
            await _refuse(update, context, "core.stale_button")
            return
        role = press.action.role
        if role is not None and not context.member.has(role):
            await _refuse(update, context, _REFUSAL[role])
            return
        await handler(update, context, *press.args)


async def refuse_unknown(update: Update, context: BotContext) -> None:
    """For the gatekeeper: data that is not one of ours is answered and goes no further
    (not even to the steps that a press would end, before group 0)."""
    try:
        callbacks.parse(pressed(update).data)
    except callbacks.BadCallback:
        await _refuse(update, context, "core.stale_button")
        raise ApplicationHandlerStop from None


async def _refuse(update: Update, context: BotContext, key: str) -> None:
    """The one answer to a press that goes no further: `key`'s kind text, in the
    presser's language, revealing nothing about what the data named."""
    query = pressed(update)
    log.info("refused a button from %d (%s)", query.from_user.id, key)
    await query.answer(context.tr(key), show_alert=True)
