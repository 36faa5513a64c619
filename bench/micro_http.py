"""Micro-benchmark: CPU per sendMessage with python-telegram-bot's HTTPXRequest against
bot.delivery.aiohttp_request.AiohttpRequest, K requests at once (K = 1, 8), bot and
local server in one process (the server's share is the same for both).
`python -m bench.micro_http`."""

import asyncio

from telegram.request import BaseRequest, HTTPXRequest

from bench.sending import cpu_per_send, local_server
from bot.delivery.aiohttp_request import AiohttpRequest


async def main(n: int = 1600) -> None:
    api = await local_server()
    res: dict[tuple[str, int], list[float]] = {}
    clients: dict[str, type[BaseRequest]] = {"httpx": HTTPXRequest, "aiohttp": AiohttpRequest}
    for _ in range(3):
        for name, client in clients.items():
            for k in (1, 8):
                request = client(connection_pool_size=32)  # type: ignore[call-arg]
                cpu, _ = await cpu_per_send(api, request, n, k)
                res.setdefault((name, k), []).append(cpu)
    for (name, k), values in res.items():
        print(f"{name:8} K={k}: " + ", ".join(f"{v:.2f}" for v in values), "ms CPU per send")
    await api.stop()


asyncio.run(main())
