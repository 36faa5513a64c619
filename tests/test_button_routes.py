"""Every button press goes through one router (`handlers.router`): each action is declared
once (`bot.core.callbacks`) with its fields and the role it needs, and routed to one
handler; data that is not ours, and a press by someone without the role, are answered in
one place. (`tests.helpers.running_bot` also checks, after every end-to-end test, that
each button the bot sent names a routed action.)"""

from __future__ import annotations

import ast
import inspect
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import Ouderbot, button_routes
from bot.context import BotContext
from bot.core import callbacks
from bot.localapi import LocalBotApi, RequestRecord
from handlers.router import ButtonRouter, route
from tests.helpers import (
    COORDINATOR_ID,
    close_webinar,
    make_moderator,
    parents_asked,
    sent_button_data,
    unrouted_buttons,
    webinar_opened_by_gert,
)
from tests.test_bad_input import alert_of, has, parent_in_webinar, snapshot

ROOT = Path(__file__).resolve().parent.parent
STALE_EN = "This button no longer works."


def test_every_declared_action_has_one_route_whose_handler_takes_its_fields() -> None:
    routes = button_routes()
    routed = [(one.action.feature, one.action.name) for one in routes]
    assert sorted(routed) == sorted(callbacks.DECLARED)
    for one in routes:
        values = list(inspect.signature(one.handler).parameters)[2:]
        assert len(values) == len(one.action.fields), (one.action, values)


def test_a_handler_that_does_not_take_its_actions_fields_is_refused_at_start() -> None:
    async def one_value(update: Update, context: BotContext, question_id: int) -> None:
        pass

    with pytest.raises(TypeError):
        route(callbacks.CARD_TOGGLE, one_value)  # question and the other question
    with pytest.raises(ValueError, match="two routes"):
        ButtonRouter([route(callbacks.CARD_ASKED, one_value)] * 2)


def test_button_data_built_from_a_declaration_parses_back_to_it() -> None:
    for action in callbacks.DECLARED.values():
        values = tuple(range(7, 7 + len(action.fields)))
        assert callbacks.parse(action.data(*values)) == callbacks.Press(action, values)
        with pytest.raises(ValueError, match="takes"):
            action.data(*values, 1)
    # The strings themselves never change: old messages keep their buttons.
    assert callbacks.CARD_TOGGLE.data(12, 34) == "1:q:tog:12:34"
    assert callbacks.CONSENT_AGREE.data() == "1:c:agree"


def _hand_made_button_data(path: Path) -> list[str]:
    """String literals that look like callback data, and Actions made outside the
    declarations, in one source file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if re.match(rf"^{callbacks.VERSION}:[a-z]+:", node.value):
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Action":
            found.append(f"{path.name}:{node.lineno} Action(...)")
    return found


def test_the_bot_builds_button_data_only_from_the_declarations() -> None:
    product = [*(ROOT / "handlers").glob("*.py"), *(ROOT / "bot").rglob("*.py")]
    exempt = {ROOT / "bot" / "core" / "callbacks.py"}
    found = [
        line for path in product if path not in exempt for line in _hand_made_button_data(path)
    ]
    assert found == []


def test_a_button_no_route_takes_is_reported() -> None:
    record = RequestRecord(
        "sendMessage",
        {"reply_markup": '{"inline_keyboard": [[{"text": "x", "callback_data": "1:q:gone:1"}]]}'},
        True,
        200,
        None,
        0.0,
    )
    assert unrouted_buttons([record]) == ["1:q:gone:1"]


async def test_the_buttons_of_a_webinar_and_its_staff_all_parse_to_routes(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter op tijd in bed?"])
    moderator.send("/rij")
    await moderator.wait_for(lambda m: any(":panel:" in (d or "") for _, d in moderator.buttons(m)))
    moderator.send("/volgende")
    await moderator.wait_for(has("peuter"))
    await close_webinar(moderator)
    await moderator.wait_for(
        lambda m: any(":s:reopen:" in (d or "") for _, d in moderator.buttons(m))
    )
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    for command in ("/uitnodigen", "/samenvatting"):
        coordinator.send(command)
        await coordinator.wait_for(lambda m: bool(coordinator.buttons(m)))
    for command in ("/help", "/taal", "/vergeetmij"):
        parent.send(command)
        await parent.wait_for(lambda m: bool(parent.buttons(m)))
    await api.wait_until_idle()

    sent = sent_button_data(api.requests)
    features = {callbacks.parse(data).action.feature for data in sent}
    assert {"q", "panel", "p", "s", "inv", "sum", "m", "lang", "me"} <= features
    assert unrouted_buttons(api.requests) == []


async def test_data_not_ours_and_presses_without_the_role_are_answered_in_one_place(
    bot: Ouderbot, api: LocalBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    parent = await parent_in_webinar(bot, api, 3101, language="en")
    parent.send("/help")
    help_message = await parent.wait_for(lambda m: bool(parent.buttons(m)))
    moderator = api.user(800_101, first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/help")
    staff_help = await moderator.wait_for(has("Gespreksleider"))
    await api.wait_until_idle()
    before = snapshot(bot.services.settings.storage.database)
    presses: list[tuple[Any, dict[str, Any], str | None, str]] = [
        (parent, help_message, "1:zz:top:1", STALE_EN),  # an unknown feature
        (parent, help_message, "1:q:nosuch:1", STALE_EN),  # an unknown action
        (parent, help_message, "1:q:asked", STALE_EN),  # a field missing
        (parent, help_message, "1:q:asked:1:2", STALE_EN),  # one too many
        (parent, help_message, "1:q:asked:abc", STALE_EN),  # not an id
        (parent, help_message, "2:q:asked:1", STALE_EN),  # another version
        (parent, help_message, None, STALE_EN),
        (parent, help_message, "1:q:asked:1", "This command is only for moderators."),
        (parent, help_message, "1:inv:role:0", "This command is only for coordinators."),
        (moderator, staff_help, "1:sum:show:3:30", "alleen voor coördinatoren"),
    ]
    with caplog.at_level(logging.INFO, logger="handlers.router"):
        for user, message, data, answer in presses:
            query = user.press(message, data)
            assert answer in await alert_of(api, query), data
        await api.wait_until_idle()
    refusals = [r for r in caplog.records if r.name == "handlers.router"]
    assert len(refusals) == len(presses)
    assert snapshot(bot.services.settings.storage.database) == before
