"""Running `ouderbot run` as a real process against the local Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.helpers import COORDINATOR_ID, TOKEN

ROOT = Path(__file__).resolve().parent.parent


def write_config(
    path: Path, base_url: str, base_file_url: str, database: Path, telegram: str = ""
) -> Path:
    """`telegram`: more lines for the [telegram] section."""
    path.write_text(
        "[telegram]\n"
        f'base_url = "{base_url}"\n'
        f'base_file_url = "{base_file_url}"\n'
        "poll_timeout_seconds = 1\n"
        f"{telegram}"
        "[storage]\n"
        f'database = "{database}"\n'
        "[roles]\n"
        f"coordinators = [{COORDINATOR_ID}]\n"
        "[limits]\n"
        "questions_per_minute = 1000\n"
        "messages_per_minute = 1000\n",
        encoding="utf-8",
    )
    return path


class BotProcess:
    """One `python -m bot.cli run` process; its output goes to `log_path` (appended)."""

    def __init__(self, config: Path, log_path: Path, options: tuple[str, ...] = ()):
        self.config = config
        self.log_path = log_path
        self.options = options  # after `run`, e.g. ("--log-level", "DEBUG")
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("OUDERBOT")}
        env["OUDERBOT_TOKEN"] = TOKEN
        env["PYTHONPATH"] = str(ROOT)
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "--config",
                str(self.config),
                "run",
                *self.options,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, exactly like a crash or a power cut."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), timeout=20)
        except TimeoutError:
            self.process.kill()
            return await self.process.wait()
