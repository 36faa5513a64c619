"""Remembering the buttons just offered, so typed text can be matched to them
(bot.core.choices; handled by handlers.choices before anything else reads the text)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.context import BotContext
from bot.core.choices import Offer, bare


def offer(
    context: BotContext,
    text: str,
    rows: Sequence[Sequence[tuple[str, str]]],
    options: dict[str, tuple[str, int]] | None = None,
) -> None:
    """`rows`: (label as shown, callback data); `options`: typed name -> action, argument."""
    services = context.services
    services.offers[context.member.id] = Offer(
        text,
        [[(str(label), data) for label, data in row] for row in rows],
        services.clock.now(),
        {bare(name): value for name, value in (options or {}).items()},
    )


def translated(
    context: BotContext, rows: Sequence[Sequence[tuple[str, str]]]
) -> list[list[tuple[str, str]]]:
    """Rows of (translation key, data) as the person sees them."""
    return [[(context.tr(key), data) for key, data in row] for row in rows]
