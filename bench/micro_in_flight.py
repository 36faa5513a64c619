"""Micro-benchmark: CPU per sendMessage when the outbox sends K at once (K = 1 to 32),
bot and local server in one process. `python -m bench.micro_in_flight`."""

import asyncio

from telegram.request import HTTPXRequest

from bench.sending import cpu_per_send, local_server


async def main(n: int = 1600) -> None:
    api = await local_server()
    res: dict[int, list[tuple[float, float]]] = {}
    for _ in range(2):
        for k in (1, 4, 8, 16, 32):
            res.setdefault(k, []).append(
                await cpu_per_send(api, HTTPXRequest(connection_pool_size=32), n, k)
            )
    for k, v in res.items():
        print(k, [f"{c:.2f} ms CPU, {r:.0f}/s" for c, r in v])
    await api.stop()


asyncio.run(main())
