"""The moderation board and the presenter view in a real browser (headless Chromium from
Debian, driven by Playwright), against the real bot and the local Bot API server.

What a person sees is asserted: texts on the page, not the JSON behind it. The
screenshots in docs/ come from tests/board_screenshots.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import pytest_asyncio

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.board_helpers import WEB, base_url, call, init_data, open_webinar, question_with
from tests.helpers import (
    MODERATOR_IDS,
    FastTimer,
    close_webinar,
    eventually,
    make_settings,
    running_api,
    running_bot,
)

# One browser for the module (starting Chromium and Playwright's driver takes about a
# second): it, the tests and their bot and server all run in the module's event loop.
pytestmark = [
    pytest.mark.slow,  # starts processes (run first, see tests/conftest.py)
    pytest.mark.asyncio(loop_scope="module"),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 760}
QUESTIONS = [
    "Hoe krijg ik mijn peuter 's avonds in bed?",
    "Mijn peuter wil 's avonds niet naar bed, wat doe ik?",
    "Hoeveel zakgeld geef je een kind van 10?",
    "Mijn dochter van 14 zit de hele avond op haar telefoon. Hoe maak ik afspraken?",
]


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        # Never skipped: CI installs chromium (.ci/run); a missing browser is a failure.
        pytest.fail("no /usr/bin/chromium: install it with `apt-get install -y chromium`")
    return CHROMIUM


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chromium_browser(chromium: Path) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


class PagesOfOneTest:
    """The module's browser as one test sees it: its pages are closed after it, so no
    page of an earlier test keeps polling a bot that is gone."""

    def __init__(self, launched: Any) -> None:
        self._launched = launched
        self._pages: list[Any] = []

    async def new_page(self, **options: Any) -> Any:
        page = await self._launched.new_page(**options)
        self._pages.append(page)
        return page

    async def close(self) -> None:
        for page in self._pages:
            await page.close()


@pytest_asyncio.fixture(loop_scope="module")
async def browser(chromium_browser: Any) -> AsyncIterator[PagesOfOneTest]:
    pages = PagesOfOneTest(chromium_browser)
    yield pages
    await pages.close()


@pytest_asyncio.fixture(loop_scope="module")
async def api(timer: FastTimer) -> AsyncIterator[LocalBotApi]:
    async with running_api(timer) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="module")
async def bot(settings: Settings, clock: ManualClock, api: LocalBotApi) -> AsyncIterator[Ouderbot]:
    async with running_bot(settings, clock, api) as running:
        yield running


async def board_page(browser, bot: Ouderbot, data: str, viewport=PHONE):
    page = await browser.new_page(viewport=viewport)
    # Nothing may come from outside this server (the board must work offline).
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(base_url(bot)) else outside.append(request.url)
        ),
    )
    page.outside = outside
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    await page.goto(f"{base_url(bot)}/app/#tgWebAppData={quote(data)}&tgWebAppVersion=8.0")
    return page


async def test_the_board_lists_the_questions_grouped_with_counts(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS)
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()))
    groups = page.locator("#groups > li.group")
    await groups.first.wait_for()
    assert await groups.count() == 3
    first = await groups.first.inner_text()
    assert "peuter" in first
    assert "2 ouders" in first
    assert "Neem deze groep" in first
    assert "4 wachtend" in await page.locator("#counts").inner_text()
    assert "Slapen zonder strijd" in await page.locator("#webinar").inner_text()
    assert "Je hebt geen vraag" in await page.locator("#held").inner_text()
    assert page.outside == []
    assert page.errors == []


async def test_a_pick_on_the_board_and_volgende_in_the_chat_never_get_the_same_question(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    (board_user, chat_user), _ = await open_webinar(bot, api, QUESTIONS, moderators=2)
    page = await board_page(browser, bot, init_data(board_user.id, clock.now()))
    take = page.locator("#groups > li.group").first.locator("button.take").first
    await take.wait_for()
    seen = len(chat_user.messages)
    # Both reach for the question at the head of the queue at the same moment.
    chat_user.send("/volgende")
    await take.click()
    await eventually(lambda: len(chat_user.messages) > seen)
    held_text = page.locator("#held-text")
    notice = page.locator("#notice-text")
    await eventually(lambda: _either(held_text, notice))
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    repo = bot.services.repos.questions
    on_board = await repo.held_by(webinar.id, board_user.id)
    in_chat = await repo.held_by(webinar.id, chat_user.id)
    assert in_chat is not None
    assert on_board is None or on_board.id != in_chat.id
    if on_board is not None:
        await page.locator("#held-text", has_text=on_board.text or "").wait_for()
    else:
        await page.locator("#notice-text", has_text="Een andere gespreksleider").wait_for()
    # The board's next pick is another question than the one the chat holds.
    await page.locator("#groups button.take").first.click()
    await eventually(lambda: repo.held_by(webinar.id, board_user.id))
    mine = await repo.held_by(webinar.id, board_user.id)
    assert mine is not None
    assert mine.id != in_chat.id


async def _either(*locators) -> bool:
    for locator in locators:
        if await locator.count() and await locator.first.is_visible():
            return True
    return False


async def test_merge_with_the_texts_shown_and_undo(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS)
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()), DESKTOP)
    await page.get_by_role("button", name="Neem deze groep").first.click()
    similar = page.locator(".similar-list li")
    await similar.first.wait_for()
    assert await similar.count() == 1
    assert (
        "niet naar bed" in await similar.first.inner_text()
        or "in bed" in await similar.first.inner_text()
    )
    assert await similar.first.locator("input").is_checked()
    await page.locator("#merge").click()
    await page.locator("#notice-text", has_text="Samengevoegd: 1").wait_for()
    await page.locator(".similar h3", has_text="Geen vergelijkbare").wait_for()
    await page.locator("#counts", has_text="2 wachtend").wait_for()
    await page.locator("#notice-undo").click()
    await page.locator("#notice-text", has_text="Ongedaan gemaakt").wait_for()
    await page.locator(".similar-list li").first.wait_for()
    await page.locator("#counts", has_text="3 wachtend").wait_for()
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert (await bot.services.repos.questions.counts(webinar.id)).merged == 0  # type: ignore[union-attr]
    assert page.errors == []


async def test_a_new_question_appears_on_the_board_within_two_seconds(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    _, _parents = await open_webinar(bot, api, QUESTIONS[:2])
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()))
    await page.locator("#groups > li.group").first.wait_for()
    late = api.user(20_009, first_name="Laat", language_code="nl")
    await bot.services.repos.users.ensure(late.id, "nl", clock.now())
    await bot.services.repos.users.record_consent(late.id, 1, clock.now())
    webinar = await bot.services.repos.webinars.by_code("slapen")
    await bot.services.repos.webinars.join(webinar.id, late.id, clock.now())  # type: ignore[union-attr]
    late.send("Wat doe je tegen driftbuien bij een kleuter?")
    await late.wait_for(lambda m: "in de rij" in m["text"])
    stored = time.monotonic()
    await page.locator(".question-text", has_text="driftbuien").wait_for(timeout=5000)
    assert time.monotonic() - stored < 2.0


async def test_the_presenter_view_shows_the_asked_question_large_and_without_names(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    (moderator,), _ = await open_webinar(bot, api, QUESTIONS)
    data = init_data(MODERATOR_IDS[0], clock.now())
    page = await board_page(browser, bot, data, DESKTOP)
    link = page.locator("#presenter")
    await link.wait_for()
    presenter = await browser.new_page(viewport={"width": 1280, "height": 720})
    await presenter.goto(base_url(bot) + await link.get_attribute("href"))
    await presenter.locator("#question", has_text="Hier komt de vraag").wait_for()
    question = await question_with(bot, "zakgeld")
    await page.locator(".group", has_text="zakgeld").get_by_role("button", name="Neem").click()
    await page.locator("#held-text", has_text="zakgeld").wait_for()
    await page.get_by_role("button", name="✅ Gesteld").click()
    await page.locator("#notice-text", has_text=f"Vraag {question.number} is gesteld").wait_for()
    shown = presenter.locator("#question", has_text="zakgeld")
    await shown.wait_for(timeout=5000)
    size = await shown.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 40
    assert "Ouder" not in await presenter.locator("body").inner_text()
    # The link expires with the webinar: the page says so instead of a question.
    await close_webinar(moderator)
    await presenter.locator("#question", has_text="Dit webinar is afgelopen").wait_for()


async def test_the_board_works_with_the_keyboard_alone(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS[2:3])
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()))
    await page.locator("#groups button.take").wait_for()
    for _ in range(10):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.classList.contains('take')"):
            break
    await page.keyboard.press("Enter")
    await page.locator("#held-text", has_text="zakgeld").wait_for()
    await page.locator("[data-key=held-later]").focus()
    await page.keyboard.press("Enter")
    await page.locator("#notice-text", has_text="komt later terug").wait_for()


async def test_a_parent_or_a_browser_without_initdata_sees_no_questions(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    _, parents = await open_webinar(bot, api, QUESTIONS[:1])
    page = await board_page(browser, bot, init_data(parents[0].id, clock.now()))
    await page.locator("#message", has_text="Alleen gespreksleiders").wait_for()
    assert "peuter" not in await page.locator("body").inner_text()
    plain = await browser.new_page()
    await plain.goto(base_url(bot) + "/app/")
    await plain.locator("#message", has_text="Open dit bord vanuit de bot").wait_for()


async def test_the_board_speaks_english_to_an_english_gespreksleider_and_follows_the_theme(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS[:2])
    await bot.services.repos.users.set_language(MODERATOR_IDS[0], "en")
    data = init_data(MODERATOR_IDS[0], clock.now(), language="en")
    page = await browser.new_page(viewport=PHONE)
    theme = quote('{"bg_color":"#17212b","text_color":"#f5f5f5","button_color":"#5288c1"}')
    await page.goto(f"{base_url(bot)}/app/#tgWebAppData={quote(data)}&tgWebAppThemeParams={theme}")
    await page.locator("#groups button.take", has_text="Take this group").wait_for()
    assert "2 waiting" in await page.locator("#counts").inner_text()
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"
    assert (await call(bot, "GET", "board", data))[0] == 200
    await asyncio.sleep(0)  # nothing else to wait for


async def test_an_answer_written_on_the_board_reaches_the_parent(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    _, parents = await open_webinar(bot, api, QUESTIONS[2:3])
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()))
    await page.get_by_role("button", name="Neem").first.click()
    await page.locator("#held-text", has_text="zakgeld").wait_for()
    await page.get_by_role("button", name="Toon aan ouders").click()
    await page.locator("#held .badge", has_text="zichtbaar voor ouders").wait_for()
    await page.get_by_role("button", name="Schriftelijk antwoorden").click()
    await page.locator("#answer").fill("Veel ouders geven een euro per jaar leeftijd.")
    await page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.locator("#answer-preview", has_text="een euro per jaar leeftijd")
    await preview.wait_for()
    assert "nog niets verstuurd" in await page.locator("#held").inner_text()
    await bot.dispatcher.send_due()
    assert not any("euro per jaar" in (m.get("text") or "") for m in parents[0].messages)
    await page.get_by_role("button", name="Aanpassen").click()
    await page.locator("#answer").fill("Veel ouders geven een euro per jaar leeftijd, per week.")
    await page.get_by_role("button", name="Voorbeeld bekijken").click()
    await page.locator("#answer-preview", has_text="per week").wait_for()
    await page.get_by_role("button", name="Antwoord versturen").click()
    await page.locator("#notice-text", has_text="is verstuurd").wait_for()
    await page.locator("#held", has_text="Je hebt geen vraag").wait_for()
    await bot.dispatcher.send_due()
    await parents[0].wait_for(lambda m: "een euro per jaar leeftijd, per week" in m["text"])
    assert page.errors == []


LONG = (
    "Mijn zoon van vier wil 's avonds niet slapen en komt elke nacht uit bed. "
    "We hebben een vast ritueel, een nachtlampje en een beloningskaart geprobeerd. "
) * 6  # about 900 characters
ARABIC = "كيف أجعل طفلي الصغير ينام في سريره كل ليلة؟"


async def test_long_questions_clamp_with_meer_and_every_question_reads_in_its_own_direction(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, [LONG.strip(), ARABIC, "Hoeveel zakgeld geef je?"])
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()), PHONE)
    first = page.locator("#groups > li.group").first
    await first.wait_for()
    text = first.locator(".question-text").first
    clamped = await text.evaluate("node => node.getBoundingClientRect().height")
    assert clamped < 6 * 24  # four lines, not the whole question
    take = first.locator("button.take")
    box = await take.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"]  # the button stays on the screen
    await first.get_by_role("button", name="meer…").click()
    opened = await text.evaluate("node => node.getBoundingClientRect().height")
    assert opened > 2 * clamped
    # dir="auto" on every question text; the Arabic one is laid out right to left.
    directions = await page.eval_on_selector_all(
        ".question-text", "nodes => nodes.map(n => [n.getAttribute('dir'), n.textContent])"
    )
    assert directions
    assert all(direction == "auto" for direction, _ in directions)
    arabic = page.locator(".question-text", has_text="كيف")
    assert await arabic.evaluate("node => getComputedStyle(node).direction") == "rtl"
    # A question not asked in Dutch carries its language; a Dutch one carries none.
    assert await arabic.get_attribute("lang") == "ar"
    badges = await page.eval_on_selector_all(".language", "nodes => nodes.map(n => n.textContent)")
    assert badges == ["AR"]
    await take.click()
    await page.locator("#held-text").wait_for()
    assert await page.locator("#held-text").get_attribute("dir") == "auto"
    asked = page.get_by_role("button", name="✅ Gesteld")
    box = await asked.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"]
    assert page.errors == []


async def test_the_presenter_view_fits_a_900_character_question_on_1280_by_720(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, [LONG.strip()])
    data = init_data(MODERATOR_IDS[0], clock.now())
    page = await board_page(browser, bot, data, {"width": 1280, "height": 720})
    link = page.locator("#presenter")
    await link.wait_for()
    presenter = await browser.new_page(viewport={"width": 1280, "height": 720})
    await presenter.goto(base_url(bot) + await link.get_attribute("href"))
    question = await question_with(bot, "ritueel")
    await page.get_by_role("button", name="Neem").first.click()
    await page.get_by_role("button", name="✅ Gesteld").click()
    shown = presenter.locator("#question", has_text="beloningskaart")
    await shown.wait_for(timeout=5000)
    await presenter.locator("#label", has_text=f"Vraag {question.number}").wait_for()
    box = await shown.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 720
    assert await shown.get_attribute("dir") == "auto"
    size = await shown.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 16  # still readable on a shared screen


async def test_the_board_shows_merged_questions_with_their_own_undo_and_the_history(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS)
    page = await board_page(browser, bot, init_data(MODERATOR_IDS[0], clock.now()), DESKTOP)
    await page.get_by_role("button", name="Neem deze groep").first.click()
    await page.locator(".similar-list li").first.wait_for()
    await page.locator("#merge").click()
    merged = page.locator(".merged-list li")
    await merged.first.wait_for()
    assert "peuter" in await merged.first.inner_text()
    await page.locator("#held .held-parents", has_text="1 andere ouder").wait_for()
    await page.wait_for_timeout(13_000 // 10)  # long after a toast would have gone
    await page.get_by_role("button", name="terugdraaien").click()
    await page.locator(".similar-list li").first.wait_for()
    assert await merged.count() == 0
    await page.get_by_role("button", name="✅ Gesteld").click()
    history = page.locator("#history-list li")
    await history.first.wait_for()
    assert "gesteld" in await history.first.inner_text()
    await history.first.get_by_role("button", name="Terugzetten").click()
    await page.locator("#notice-text", has_text="weer van jou").wait_for()
    await page.locator("#held-text").wait_for()
    assert page.errors == []


# Stands in for https://telegram.org/js/telegram-web-app.js in the test (no network): it
# records what the page asks of Telegram and sets a theme variable as the real one does.
FAKE_TELEGRAM_SCRIPT = """
window.telegramCalls = [];
(function () {
  var record = function (name) { return function () { window.telegramCalls.push(name); }; };
  document.documentElement.style.setProperty("--tg-theme-bg-color", "#202830");
  window.Telegram = { WebApp: {
    initData: "", themeParams: { bg_color: "#202830" },
    ready: record("ready"), expand: record("expand"), onEvent: record("onEvent"),
    enableClosingConfirmation: record("enableClosingConfirmation"),
    disableClosingConfirmation: record("disableClosingConfirmation"),
  } };
})();
"""


async def test_inside_telegram_the_board_uses_telegrams_script_and_guards_a_typed_answer(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS[2:3])
    page = await browser.new_page(viewport=PHONE)
    requested: list[str] = []

    async def telegram_script(route: Any) -> None:
        requested.append(route.request.url)
        await route.fulfill(body=FAKE_TELEGRAM_SCRIPT, content_type="application/javascript")

    await page.route("https://telegram.org/js/telegram-web-app.js", telegram_script)
    data = quote(init_data(MODERATOR_IDS[0], clock.now()))
    await page.goto(
        f"{base_url(bot)}/app/#tgWebAppData={data}&tgWebAppVersion=8.0&tgWebAppPlatform=android"
    )
    await page.get_by_role("button", name="Neem").first.click()
    await page.locator("#held-text", has_text="zakgeld").wait_for()
    assert requested == ["https://telegram.org/js/telegram-web-app.js"]
    calls = await page.evaluate("window.telegramCalls")
    assert {"ready", "expand"} <= set(calls)
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(32, 40, 48)"  # Telegram's --tg-theme-bg-color

    await page.get_by_role("button", name="Schriftelijk antwoorden").click()
    await page.locator("#answer").fill("Een euro per jaar.")
    assert (await page.evaluate("window.telegramCalls"))[-1] == "enableClosingConfirmation"
    await page.get_by_role("button", name="Voorbeeld bekijken").click()
    await page.get_by_role("button", name="Antwoord versturen").click()
    await page.locator("#notice-text", has_text="is verstuurd").wait_for()
    assert (await page.evaluate("window.telegramCalls"))[-1] == "disableClosingConfirmation"


async def test_outside_telegram_the_fallback_follows_theme_viewport_and_closing(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, browser
) -> None:
    await open_webinar(bot, api, QUESTIONS[2:3])
    page = await browser.new_page(viewport=PHONE)
    # A Telegram client's native bridge, as the fallback speaks to it.
    await page.add_init_script(
        "window.posted = []; window.TelegramWebviewProxy = { postEvent: function (type, body)"
        " { window.posted.push([type, JSON.parse(body)]); } };"
    )
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url(bot)) else outside.append(r.url))
    data = quote(init_data(MODERATOR_IDS[0], clock.now()))
    await page.goto(f"{base_url(bot)}/app/#tgWebAppData={data}")
    await page.get_by_role("button", name="Neem").first.click()
    await page.locator("#held-text", has_text="zakgeld").wait_for()
    assert outside == []  # nothing from outside, not even Telegram's script

    await page.evaluate(
        'Telegram.WebView.receiveEvent("theme_changed", {theme_params: {bg_color: "#102030"}});'
        'Telegram.WebView.receiveEvent("viewport_changed", {height: 500, is_state_stable: true});'
        'Telegram.WebView.receiveEvent("safe_area_changed", {top: 0, bottom: 34, left: 0, right: 0});'
    )
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(16, 32, 48)"
    style = "getComputedStyle(document.documentElement).getPropertyValue"
    assert await page.evaluate(f'{style}("--tg-viewport-stable-height")') == "500px"
    assert await page.evaluate(f'{style}("--tg-safe-area-inset-bottom")') == "34px"

    await page.get_by_role("button", name="Schriftelijk antwoorden").click()
    await page.locator("#answer").fill("Een euro per jaar.")
    await page.get_by_role("button", name="Annuleren").click()
    posted = await page.evaluate("window.posted")
    closing = [event for type_, event in posted if type_ == "web_app_setup_closing_behavior"]
    assert closing == [{"need_confirmation": True}, {"need_confirmation": False}]
    assert ["web_app_ready", {}] in posted
