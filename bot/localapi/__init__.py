"""A local Telegram Bot API server ("fake Telegram") for tests, the demo and benchmarks.

The real bot talks HTTP to it exactly as to api.telegram.org; simulated users act on it
from Python in the same event loop::

    server = LocalBotApi(token="123456:LOCAL-TEST-TOKEN", bot_username="ouderbot_test")
    await server.start()
    application = server.apply_to(ApplicationBuilder()).build()
    ...
    sanne = server.user(1001, first_name="Sanne", language_code="nl")
    sanne.send("/start")
    welcome = await sanne.wait_for(lambda m: "Welkom" in m["text"])
    sanne.press(welcome, sanne.buttons(welcome)[0][1])
    ...
    await server.stop()

Requests are checked against the Bot API schema shipped in this package
(``bot_api_schema.json``, see ``make_schema``), or ``$OUDERBOT_API_SPEC`` when set;
``server.spec_checked`` tells whether they were.
"""

from .errors import ApiError
from .ratelimit import RateLimiter
from .server import DEFAULT_TOKEN, LocalBotApi, RequestRecord
from .state import FileRecord, UploadedFile
from .users import FakeUser

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "FakeUser",
    "FileRecord",
    "LocalBotApi",
    "RateLimiter",
    "RequestRecord",
    "UploadedFile",
]
