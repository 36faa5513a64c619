"""One-time invite tokens: 128 random bits, only their hash is stored."""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 16  # 128 bits
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,43}$")


def new_token() -> str:
    """URL-safe, fits a /start deep link (at most 64 characters with its prefix)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(token: str) -> bool:
    return bool(_TOKEN_SHAPE.match(token))
