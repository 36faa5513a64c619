"""Who wrote to the bot lately, kept in memory and written in batches by the retention job."""

from __future__ import annotations


class ActivityLog:
    """Who wrote to the bot since the last flush (ids only, in memory)."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def seen(self, user_id: int) -> None:
        self._seen.add(user_id)

    def __contains__(self, user_id: int) -> bool:
        return user_id in self._seen

    def forget(self, user_id: int) -> None:
        self._seen.discard(user_id)

    def take(self) -> list[int]:
        taken, self._seen = sorted(self._seen), set()
        return taken

    def put_back(self, user_ids: list[int]) -> None:
        self._seen.update(user_ids)
