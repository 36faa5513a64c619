"""The local Bot API server behaves like Telegram towards a real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import telegram
from aiohttp import web
from telegram import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram import InlineKeyboardButton as Button
from telegram import InlineKeyboardMarkup as Keyboard
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot.localapi import ApiError, FakeUser, LocalBotApi, RateLimiter
from bot.localapi.html_entities import EntityParseError, parse_html, utf16_len
from bot.localapi.spec import ENV_VAR, SCHEMA_PATH, find_spec_path
from tests.helpers import eventually, watch


def test_the_packaged_bot_api_schema_is_used_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert find_spec_path() == SCHEMA_PATH
    assert SCHEMA_PATH.is_file()


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations: without it PTB warns (PTBDeprecationWarning)
    while building every RetryAfter, and warnings are errors in this test suite."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def server() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi(webhook_retry_delay=0.05, quiet_period=0.05) as api:
        watch(api)
        yield api


T = TypeVar("T")

# Building an SSL context costs ~25 ms; PTB's two HTTP clients would each build one per Bot.
TLS = ssl.create_default_context()


def local_bot(server: LocalBotApi) -> telegram.Bot:
    return telegram.Bot(
        server.token,
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=HTTPXRequest(httpx_kwargs={"verify": TLS}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": TLS}),
    )


@pytest.fixture
async def bot(server: LocalBotApi) -> AsyncIterator[telegram.Bot]:
    async with local_bot(server) as client:
        yield client


@pytest.fixture
def sanne(server: LocalBotApi) -> FakeUser:
    return server.user(1001, first_name="Sanne", language_code="nl")


async def raw_call(
    server: LocalBotApi, method: str, token: str | None = None, **params: Any
) -> tuple[int, dict[str, Any]]:
    """POST a JSON body the way any Bot API client may; returns (HTTP status, answer)."""
    url = f"{server.base_url}{token or server.token}/{method}"
    async with httpx.AsyncClient(verify=TLS) as client:
        response = await client.post(url, json=params)
    return response.status_code, response.json()


def some(value: T | None) -> T:
    """`value`, which the Bot API marks optional and this test expects present."""
    assert value is not None
    return value


def keyboard(*pairs: tuple[str, str]) -> Keyboard:
    return Keyboard([[Button(text, callback_data=data) for text, data in pairs]])


# --------------------------------------------------------------- sending, editing


async def test_user_sees_the_current_state_after_send_edit_and_delete(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sent = await bot.send_message(
        1001, "<b>Vraag</b> 1 &amp; 2", parse_mode="HTML", reply_markup=keyboard(("Ja", "q:ans:1"))
    )
    assert sent.text == "Vraag 1 & 2"
    assert sent.entities[0].type == "bold"
    assert sent.entities[0].length == 5
    assert sanne.buttons() == [("Ja", "q:ans:1")]

    edited = await bot.edit_message_text("Beantwoord", chat_id=1001, message_id=sent.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.edit_date is not None
    assert sanne.last_message is not None
    assert sanne.last_message["text"] == "Beantwoord"
    assert "reply_markup" not in sanne.last_message  # editMessageText without markup drops it

    await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=keyboard(("Ok", "x")))
    assert sanne.buttons(sent.message_id) == [("Ok", "x")]

    second = await bot.send_message(1001, "Tweede")
    assert [m["message_id"] for m in sanne.messages] == [sent.message_id, second.message_id]
    assert await bot.delete_message(1001, sent.message_id)
    assert [m["text"] for m in sanne.messages] == ["Tweede"]


async def test_wait_for_sees_new_and_edited_messages_after_the_users_last_action(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    await bot.send_message(1001, "oud")
    sanne.send("hallo")
    first = await bot.send_message(1001, "bezig")
    await bot.edit_message_text("klaar", chat_id=1001, message_id=first.message_id)

    assert (await sanne.wait_for(lambda m: m["text"] == "klaar"))["message_id"] == first.message_id
    assert (await sanne.wait_for())["text"] == "bezig"
    with pytest.raises(TimeoutError, match="bezig"):
        await sanne.wait_for(lambda m: m["text"] == "oud", timeout=0.05)


async def test_wait_for_reports_rejected_requests_when_it_times_out(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sanne.send("hallo")
    with pytest.raises(BadRequest):
        await bot.send_message(1001, "<b>kapot", parse_mode="HTML")
    with pytest.raises(TimeoutError, match="can't parse entities"):
        await sanne.wait_for(timeout=0.05)


async def test_text_is_limited_to_4096_utf16_code_units_after_entity_parsing(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    await bot.send_message(1001, "a" * 4096)
    await bot.send_message(1001, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(1001, "😀" * 2048)  # 4,096 UTF-16 code units
    for text in ("a" * 4097, "😀" * 2048 + "a"):
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(1001, text)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(1001, "   ")
    assert [r.description for r in server.rejections] == [
        "Bad Request: message is too long",
        "Bad Request: message is too long",
        "Bad Request: message text is empty",
    ]


async def test_caption_is_limited_to_1024_characters(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    await bot.send_document(1001, b"x", filename="a.txt", caption="c" * 1024)
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_document(1001, b"x", filename="a.txt", caption="c" * 1025)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("é <b", "Unclosed start tag at byte offset 3"),
        ("5 < 6", 'Unsupported start tag "" at byte offset 2'),
        ("a&nbsp;b", 'Unsupported HTML entity "&nbsp;" at byte offset 1'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_html_that_does_not_parse_is_rejected(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser, html: str, reason: str
) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(1001, html, parse_mode="HTML")
    assert server.rejections[-1].description == f"Bad Request: can't parse entities: {reason}"
    assert sanne.messages == []


def test_html_entities_are_counted_in_utf16_code_units() -> None:
    text, entities = parse_html(
        '😀 <b>vet <i>schuin</i></b> <a href="https://x.nl/?a=1&amp;b=2">link</a> '
        '<pre><code class="language-python">x &lt; 1</code></pre> '
        "<tg-spoiler>geheim</tg-spoiler> <blockquote expandable>citaat</blockquote> &#128512;"
    )
    assert text == "😀 vet schuin link x < 1 geheim citaat 😀"
    assert utf16_len(text) == len(text) + 2
    found = {e["type"]: e for e in entities}
    assert found["bold"] == {"type": "bold", "offset": 3, "length": 10}
    assert found["italic"] == {"type": "italic", "offset": 7, "length": 6}
    assert found["text_link"]["url"] == "https://x.nl/?a=1&b=2"
    assert found["pre"] == {"type": "pre", "offset": 19, "length": 5, "language": "python"}
    assert found["spoiler"]["offset"] == 25
    assert found["expandable_blockquote"]["length"] == 6
    assert parse_html("Tom & Jerry &copy") == ("Tom & Jerry &copy", [])
    with pytest.raises(EntityParseError):
        parse_html("<b>x</b><u>")


async def test_callback_data_may_have_64_bytes_but_not_65(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    await bot.send_message(1001, "ok", reply_markup=keyboard(("a", "é" * 32)))
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(1001, "te lang", reply_markup=keyboard(("a", "x" * 63 + "é")))
    assert server.rejections[-1].description == "Bad Request: BUTTON_DATA_INVALID"


@pytest.mark.parametrize(
    ("markup", "description"),
    [
        ({"inline_keyboard": [{"text": "a", "callback_data": "b"}]}, "must be an Array of Arrays"),
        ({"inline_keyboard": "nee"}, "must be an Array of Arrays"),
        ({"inline_keyboard": [["knop"]]}, "InlineKeyboardButton must be an Object"),
        ({"inline_keyboard": [[{"callback_data": "b"}]]}, 'Can\'t find field "text"'),
        ({"inline_keyboard": [[{"text": "", "callback_data": "b"}]]}, "BUTTON_TEXT_EMPTY"),
        ({"inline_keyboard": [[{"text": "a"}]]}, "Text buttons are unallowed"),
        ({"inline_keyboard": [[{"text": "a", "callback_data": ""}]]}, "Text buttons are unallowed"),
        (
            {"inline_keyboard": [[{"text": "a", "callback_data": "b", "url": "https://x.nl"}]]},
            "exactly one of the optional fields",
        ),
        ({"inline_keyboard": [[{"text": "a", "url": "javascript:x"}]]}, "BUTTON_URL_INVALID"),
        ({"nothing": True}, "can't parse reply keyboard markup JSON object"),
    ],
)
async def test_bad_inline_keyboards_are_rejected(
    server: LocalBotApi, sanne: FakeUser, markup: dict[str, Any], description: str
) -> None:
    status, answer = await raw_call(
        server, "sendMessage", chat_id=1001, text="kies", reply_markup=markup
    )
    assert status == 400
    assert answer["ok"] is False
    assert answer["error_code"] == 400
    assert description in answer["description"]
    assert sanne.messages == []


async def test_editing_with_the_same_content_is_not_modified(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    markup = keyboard(("Ja", "j"))
    sent = await bot.send_message(1001, "<i>Rij</i>", parse_mode="HTML", reply_markup=markup)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<i>Rij</i>", chat_id=1001, message_id=sent.message_id, parse_mode="HTML",
            reply_markup=markup,
        )  # fmt: skip
    assert server.rejections[-1].description == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=markup)
    # Same text without the markup, or other entities, is a change.
    await bot.edit_message_text("Rij", chat_id=1001, message_id=sent.message_id)


async def test_editing_or_deleting_a_missing_message_is_rejected(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sent = await bot.send_message(1001, "weg")
    await bot.delete_message(1001, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=1001, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(1001, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_reply_markup(1001, 999, reply_markup=keyboard(("a", "b")))


async def test_sending_to_a_blocked_user_is_forbidden(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sanne.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1001, "herinnering")
    assert server.rejections[-1].status == 403
    updates = await bot.get_updates()
    assert some(updates[-1].my_chat_member).new_chat_member.status == "kicked"
    sanne.unblock()
    await bot.send_message(1001, "weer welkom")
    assert [m["text"] for m in sanne.messages] == ["weer welkom"]


async def test_sending_to_an_unknown_chat_is_chat_not_found(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hallo?")


async def test_callback_queries_can_be_answered_once(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sent = await bot.send_message(1001, "Stem", reply_markup=keyboard(("Ik ook", "v:1")))
    first = sanne.tap("Ik ook")
    forged = sanne.press(sent.message_id, "q:del:99")
    updates = await bot.get_updates()
    assert [some(u.callback_query).data for u in updates] == ["v:1", "q:del:99"]
    assert some(some(updates[0].callback_query).message).message_id == sent.message_id
    assert await bot.answer_callback_query(first, text="Geteld")
    assert server.callback_answer(first) == {"text": "Geteld", "show_alert": False, "url": None}
    assert server.unanswered_callback_queries() == [forged]
    for query_id in (first, "12345"):
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query(query_id)


# ------------------------------------------------------------ protocol and spec


async def test_wrong_token_is_unauthorized_and_unknown_method_not_found(
    server: LocalBotApi,
) -> None:
    status, answer = await raw_call(server, "getMe", token="1:WRONG")
    assert (status, answer) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    if server.spec_checked:
        status, answer = await raw_call(server, "sendTelepathy", chat_id=1)
        assert (status, answer["description"]) == (404, "Not Found")
    status, answer = await raw_call(server, "GETME")  # method names are case-insensitive
    assert status == 200
    assert answer["result"]["username"] == "ouderbot_test"


async def test_query_strings_are_accepted_like_form_fields(
    server: LocalBotApi, sanne: FakeUser
) -> None:
    async with httpx.AsyncClient(verify=TLS) as client:
        url = f"{server.base_url}{server.token}/sendMessage"
        response = await client.get(url, params={"chat_id": "1001", "text": "via GET"})
    assert response.status_code == 200
    assert response.json()["result"]["text"] == "via GET"
    assert sanne.last_message is not None
    assert sanne.last_message["text"] == "via GET"


async def test_requests_are_checked_against_the_spec(server: LocalBotApi, sanne: FakeUser) -> None:
    assert server.spec_checked
    cases: list[tuple[dict[str, Any], str]] = [
        ({"text": "hoi"}, 'Bad Request: parameter "chat_id" is required'),
        (
            {"chat_id": 1001, "text": "hoi", "colour": "red"},
            'Bad Request: unknown parameter "colour"',
        ),
        ({"chat_id": 1001, "text": "hoi", "disable_notification": "soms"}, "Boolean"),
        ({"chat_id": 1001, "text": "hoi", "message_thread_id": "zeven"}, "Integer"),
        ({"chat_id": 1001, "text": "hoi", "reply_markup": [1]}, "InlineKeyboardMarkup"),
    ]
    for params, description in cases:
        status, answer = await raw_call(server, "sendMessage", **params)
        assert status == 400, params
        assert description in answer["description"], params
    status, answer = await raw_call(server, "setChatTitle", chat_id=-1, title="x")
    assert (status, answer["result"]) == (200, True)  # known to the spec, not simulated
    assert server.requests[-1].method == "setChatTitle"


async def test_ptb_gets_the_required_field_error_as_bad_request(bot: telegram.Bot) -> None:
    with (
        pytest.raises(BadRequest, match='"callback_query_id" is required'),
        pytest.warns(PTBUserWarning, match="Please use"),
    ):
        await bot.do_api_request("answerCallbackQuery", api_kwargs={"text": "x"})


async def test_without_the_spec_file_a_warning_is_logged_and_other_checks_still_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "api.json"
    with caplog.at_level(logging.WARNING, logger="bot.localapi.spec"):
        async with LocalBotApi(spec_path=str(missing)) as server:
            LocalBotApi(spec_path=str(missing))
            assert not server.spec_checked
            server.user(1001)
            status, answer = await raw_call(server, "sendMessage", chat_id=1001, text="x" * 4097)
            assert (status, answer["description"]) == (400, "Bad Request: message is too long")
            status, answer = await raw_call(server, "sendMessage", chat_id=1001)
            assert (status, answer["description"]) == (400, "Bad Request: message text is empty")
    warnings = [r for r in caplog.records if "spec not found" in r.getMessage()]
    assert len(warnings) == 1
    assert str(missing) in warnings[0].getMessage()


# ------------------------------------------------------------------ getUpdates


async def test_long_poll_returns_a_message_sent_while_waiting_and_offset_confirms(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await eventually(lambda: server.waiting_pollers == 1, timeout=2)
    sent = sanne.send("/webinar abc")
    updates = await asyncio.wait_for(poll, 1)
    assert len(updates) == 1
    message = some(updates[0].message)
    assert message.text == "/webinar abc"
    assert message.message_id == sent["message_id"]
    assert message.entities[0].type == "bot_command"
    assert message.entities[0].length == 8
    assert some(message.from_user).language_code == "nl"
    assert server.pending_updates_count == 1
    assert server.confirmed_update_id == 0

    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    assert server.pending_updates_count == 0
    assert server.confirmed_update_id == updates[0].update_id
    assert updates[0].update_id in server.update_created_at


async def test_wait_until_idle_times_out_while_updates_are_unconfirmed(
    server: LocalBotApi, sanne: FakeUser
) -> None:
    sanne.send("niemand leest dit")
    with pytest.raises(TimeoutError, match="1 updates pending"):
        await server.wait_until_idle(timeout=0.05)


async def test_get_updates_honours_limit_and_allowed_updates(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    for n in range(3):
        sanne.send(f"vraag {n}")
    sent = await bot.send_message(1001, "kies", reply_markup=keyboard(("a", "b")))
    sanne.press(sent, "b")
    assert len(await bot.get_updates(limit=2)) == 2
    updates = await bot.get_updates(allowed_updates=["callback_query"])
    assert [some(u.callback_query).data for u in updates] == ["b"]
    assert server.pending_updates_count == 1  # the messages were discarded


async def test_a_second_poller_terminates_the_first_with_conflict(
    server: LocalBotApi, bot: telegram.Bot
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await eventually(lambda: server.waiting_pollers == 1, timeout=2)
    async with local_bot(server) as other:  # a second bot instance
        assert await other.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 1)


async def test_user_media_and_group_updates_deserialize_in_ptb(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sanne.send_sticker()
    sanne.send_photo()
    sanne.send_voice()
    sanne.send_video()
    sanne.send_location(52.09, 5.12)
    sanne.send_contact("+31612345678", "Sanne")
    sent = sanne.send("eerst")
    sanne.edit(sent["message_id"], "daarna")
    server.add_bot_to_group(-100123, by=sanne, title="Ouders West")
    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message]
    assert some(messages[0].sticker).emoji == "👍"
    assert messages[1].photo[-1].file_id
    assert some(messages[2].voice).mime_type == "audio/ogg"
    assert some(messages[3].video).width == 640
    assert some(messages[4].location).latitude == pytest.approx(52.09)
    assert some(messages[5].contact).phone_number == "+31612345678"
    assert some(updates[7].edited_message).text == "daarna"
    assert some(updates[8].my_chat_member).new_chat_member.status == "member"
    assert some(updates[9].message).new_chat_members[0].username == "ouderbot_test"
    assert some(updates[9].message).chat.type == "supergroup"

    assert await bot.leave_chat(-100123)
    assert server.left_chats == [-100123]
    with pytest.raises(Forbidden, match="not a member"):
        await bot.send_message(-100123, "nog iemand?")


# ------------------------------------------------------------------ rate limits


async def test_rate_limits_are_off_by_default(server: LocalBotApi, bot: telegram.Bot) -> None:
    server.user(1001)
    for n in range(40):
        await bot.send_message(1001, f"bericht {n}")
    assert server.count_429 == 0


def frozen_limits(server: LocalBotApi) -> None:
    """Switch the limits on with time standing still, so no bucket refills mid-test."""
    server.rate_limits = True
    server.rate_limiter = RateLimiter(clock=lambda: 0.0)


async def test_rate_limits_give_429_with_retry_after_when_switched_on(
    server: LocalBotApi, bot: telegram.Bot
) -> None:
    frozen_limits(server)
    for user_id in range(2001, 2041):
        server.user(user_id)
    outcomes = await asyncio.gather(
        *(bot.send_message(user_id, "herinnering") for user_id in range(2001, 2041)),
        return_exceptions=True,
    )
    assert sum(isinstance(o, telegram.Message) for o in outcomes) == 30
    assert sum(isinstance(o, RetryAfter) for o in outcomes) == 10 == server.count_429


async def test_one_chat_gets_a_burst_of_ten_then_about_one_message_a_second(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    frozen_limits(server)
    for n in range(10):
        await bot.send_message(1001, f"burst {n}")
    status, answer = await raw_call(server, "sendMessage", chat_id=1001, text="een te veel")
    assert (status, answer) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        },
    )
    with pytest.raises(RetryAfter):  # edits count too
        await bot.edit_message_text("anders", chat_id=1001, message_id=1)
    assert len(sanne.messages) == 10
    assert server.count_429 == 2
    server.rate_limits = False
    await bot.send_message(1001, "limieten uit")


def test_token_buckets_refill_and_compute_retry_after() -> None:
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0])
    for _ in range(10):
        limiter.acquire(7)
    with pytest.raises(ApiError) as refused:
        limiter.acquire(7)
    assert (refused.value.status, refused.value.retry_after) == (429, 1)
    now[0] = 1.0  # one message a second per chat
    limiter.acquire(7)
    for chat_id in range(100, 129):  # the global bucket (30 a second) is now empty
        limiter.acquire(chat_id)
    with pytest.raises(ApiError):
        limiter.acquire(200)
    now[0] = 2.0
    for _ in range(20):
        limiter.acquire(-100)  # a group: 20 at once, then 20 a minute
    now[0] = 3.0
    with pytest.raises(ApiError) as group_refused:
        limiter.acquire(-100)
    assert group_refused.value.retry_after == 2  # a token takes 3 s; 1 s has passed


# ------------------------------------------------------------------ faults


async def test_injected_faults_fail_the_call_without_its_effect(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    server.inject_fault("sendMessage", "429", retry_after=3)
    server.inject_fault("sendMessage", "500")
    server.inject_fault("sendMessage", "disconnect")
    server.inject_fault("sendMessage", "timeout", delay=5)
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "1")
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(1001, "2")
    with pytest.raises(NetworkError):
        await bot.send_message(1001, "3")
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "4", read_timeout=0.2)
    assert sanne.messages == []
    await eventually(
        lambda: len(server.injected_faults) == 4, timeout=2
    )  # the client gave up on the last
    assert [f.fault for f in server.injected_faults] == ["429", "500", "disconnect", "timeout"]
    assert server.rejections == []
    assert server.count_429 == 1
    await bot.send_message(1001, "5")
    assert [m["text"] for m in sanne.messages] == ["5"]


async def test_a_timeout_fault_with_a_short_delay_answers_gateway_timeout(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    server.inject_fault("*", "timeout", delay=0.05, count=2)
    with pytest.raises(NetworkError, match="Gateway Timeout"):
        await bot.get_me()
    with pytest.raises(NetworkError, match="Gateway Timeout"):
        await bot.send_message(1001, "x")
    assert sanne.messages == []
    assert (await bot.get_me()).username == "ouderbot_test"


# ------------------------------------------------------------------ webhook


async def test_webhook_delivery_retries_until_2xx_and_blocks_get_updates(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []
    answers = [500, 200, 200]

    async def receive(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response(status=answers.pop(0) if answers else 200)

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        sanne.send("eerste")
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="geheim-123")
        sanne.send("tweede")
        await server.wait_until_idle(timeout=3)
        assert [(secret, body["message"]["text"]) for secret, body in received] == [
            ("geheim-123", "eerste"),
            ("geheim-123", "eerste"),
            ("geheim-123", "tweede"),
        ]
        assert server.confirmed_update_id == received[-1][1]["update_id"]
        info = await bot.get_webhook_info()
        assert info.url.endswith("/hook")
        assert info.pending_update_count == 0
        assert "500" in (info.last_error_message or "")
        with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
            await bot.get_updates()
        await bot.delete_webhook()
        sanne.send("derde")
        assert some((await bot.get_updates())[0].message).text == "derde"
    finally:
        await runner.cleanup()


async def test_delete_webhook_can_drop_pending_updates(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    sanne.send("oud nieuws")
    await bot.delete_webhook(drop_pending_updates=True)
    assert server.pending_updates_count == 0
    assert await bot.get_updates() == ()


# ------------------------------------------------------------------ commands, files


async def test_commands_are_stored_per_scope_and_language(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    parent = [BotCommand("start", "Begin"), BotCommand("vraag", "Stel een vraag")]
    await bot.set_my_commands(parent)
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await bot.set_my_commands(
        [*parent, BotCommand("volgende", "Volgende vraag")], scope=BotCommandScopeChat(1001)
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start", "vraag"]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()
    chat_scope = BotCommandScopeChat(1001)
    assert len(await bot.get_my_commands(scope=chat_scope)) == 3
    assert server.commands({"type": "chat", "chat_id": 1001})[-1]["command"] == "volgende"
    assert server.commands(language_code="en") == [{"command": "start", "description": "Start"}]
    assert [c["command"] for c in server.visible_commands(1001)][-1] == "volgende"
    assert [c["command"] for c in server.visible_commands(server.user(1002).id)] == [
        "start",
        "vraag",
    ]

    await bot.delete_my_commands(scope=chat_scope)
    assert server.commands(chat_scope) == []
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Vraag", "hoofdletter")])
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.set_my_commands(parent, scope=BotCommandScopeChat(55555))


async def test_documents_round_trip_in_both_directions(
    server: LocalBotApi, bot: telegram.Bot, sanne: FakeUser
) -> None:
    csv = b"soort;code\nwebinar;abc\n"
    sanne.send_document("programma.csv", csv, mime_type="text/csv")
    update = (await bot.get_updates())[0]
    document = some(some(update.message).document)
    assert (document.file_name, document.mime_type, document.file_size) == (
        "programma.csv", "text/csv", len(csv),
    )  # fmt: skip
    file = await bot.get_file(document.file_id)
    assert bytes(await file.download_as_bytearray()) == csv

    sent = await bot.send_document(1001, b"a,b\n1,2\n", filename="export.csv", caption="Export")
    sent_document = some(sent.document)
    assert sent_document.file_name == "export.csv"
    assert sent.caption == "Export"
    assert server.file_bytes(sent_document.file_id) == b"a,b\n1,2\n"
    assert sanne.last_message is not None
    assert sanne.last_message["document"]["file_id"] == sent_document.file_id

    photo = await bot.send_photo(1001, sanne.send_photo()["photo"][0]["file_id"])
    assert photo.photo[0].width == 2
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(1001, "no-such-file-id")


# ---------------------------------------------------------- the real Application


async def test_a_ptb_application_polls_answers_and_goes_idle(server: LocalBotApi) -> None:
    async def echo(update: telegram.Update, context: Any) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            f"echo: {update.effective_message.text}", do_quote=True
        )

    application: Application[Any, Any, Any, Any, Any, Any] = server.apply_to(
        ApplicationBuilder()
    ).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    users = [server.user(3000 + n) for n in range(5)]
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        for user in users:
            user.send(f"hallo {user.id}")
        replies = [await user.wait_for(lambda m: m["text"].startswith("echo")) for user in users]
        await server.wait_until_idle(timeout=3)
        await application.updater.stop()
        await application.stop()
    assert [r["text"] for r in replies] == [f"echo: hallo {u.id}" for u in users]
    assert replies[0]["reply_to_message"]["text"] == "hallo 3000"
    assert server.pending_updates_count == 0
    assert server.rejections == []
