"""Run the local Bot API server on its own, for trying the bot by hand.

    python -m bot.localapi --port 8081

prints the base URLs to put in the bot's configuration ([telegram] base_url and
base_file_url) and the token to use, then reads lines ``<user id>: <text>`` from standard
input and sends them as that user; the bot's answers are printed. Ctrl-D or Ctrl-C stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from .server import DEFAULT_TOKEN, LocalBotApi


def _print_answers(server: LocalBotApi, seen: dict[int, int]) -> None:
    for user in server.users:
        events = user.chat.events
        for message in events[seen.get(user.id, 0) :]:
            text = message.get("text") or message.get("caption") or "[media]"
            buttons = [b for b, _ in user.buttons(message)]
            print(f"bot -> {user.id}: {text}" + (f"  {buttons}" if buttons else ""))
        seen[user.id] = len(events)


async def _serve(port: int, token: str) -> None:
    async with LocalBotApi(token, port=port) as server:
        print(f"base_url      = {server.base_url}")
        print(f"base_file_url = {server.base_file_url}")
        print(f"token         = {server.token}")
        print("Type '<user id>: <text>' to send as a user.", flush=True)
        loop = asyncio.get_running_loop()
        seen: dict[int, int] = {}
        reader = loop.run_in_executor(None, sys.stdin.readline)
        while True:
            done, _ = await asyncio.wait({reader}, timeout=0.2)
            _print_answers(server, seen)
            if not done:
                continue
            line = reader.result()
            if not line:
                return
            user_id, sep, text = line.partition(":")
            if sep and user_id.strip().isdigit():
                server.user(int(user_id)).send(text.strip())
            else:
                print("expected '<user id>: <text>'")
            reader = loop.run_in_executor(None, sys.stdin.readline)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.localapi", description=__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.token))


if __name__ == "__main__":
    main()
