"""The presenter view's link: signed, so only someone who got it from the board opens it.

The signature is an HMAC of the webinar id with a key derived from the bot token (so no
new secret to configure, and a new token invalidates every link). The link holds no
expiry of its own: the presenter view refuses a webinar that is not open, so a link
expires when its webinar closes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

PATH_PREFIX = "/app/presenter/"


def _key(bot_token: str) -> bytes:
    return hmac.new(b"OuderbotPresenterView", bot_token.encode(), hashlib.sha256).digest()


def presenter_signature(webinar_id: int, bot_token: str) -> str:
    mac = hmac.new(_key(bot_token), f"presenter:{webinar_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode()


def presenter_path(webinar_id: int, bot_token: str) -> str:
    return f"{PATH_PREFIX}{webinar_id}/{presenter_signature(webinar_id, bot_token)}"


def signature_valid(webinar_id: int, signature: str, bot_token: str) -> bool:
    expected = presenter_signature(webinar_id, bot_token)
    return hmac.compare_digest(signature.encode(errors="surrogateescape"), expected.encode())


def chat_links(public_url: str, bot_token: str, webinar_id: int) -> tuple[str, str] | None:
    """(board, presenter view) addresses for buttons in the chat, or None when the web
    server is not reachable over https (Telegram opens Mini Apps from https only)."""
    if not public_url.startswith("https://"):
        return None
    return f"{public_url}/app/", public_url + presenter_path(webinar_id, bot_token)
