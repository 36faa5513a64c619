"""The error answer of the Bot API: ``{"ok": false, "error_code": ..., "description": ...}``."""

from __future__ import annotations

from typing import Any

__all__ = ["ApiError", "bad_request", "forbidden"]


class ApiError(Exception):
    """A request the server rejects, with the HTTP status and Telegram's description."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")
