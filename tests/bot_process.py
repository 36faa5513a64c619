"""Running `ouderbot run` as a real process against the local Bot API server."""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.process
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import COORDINATOR_ID, TOKEN

ROOT = Path(__file__).resolve().parent.parent


def ouderbot_env(**extra: str) -> dict[str, str]:
    """This process's environment for an `ouderbot` process: none of our own OUDERBOT
    settings (the test gives what it means), the project on the path, then `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("OUDERBOT")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


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


# Bot processes are forked from a server process that has imported the bot once: each
# start then takes a few milliseconds instead of a second of imports, and the crash
# tests start the bot 20 times. Each bot is still its own OS process running
# `bot.cli.main(["--config", ..., "run"])`, and SIGKILL ends it as it ends a crash.
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["bot.cli", "bot.app"])


def _ouderbot(
    argv: list[str], stdout: str, stderr: str, env: dict[str, str], cwd: str, append: bool
) -> None:
    """In the forked process: output to the given files, the given environment and
    folder, then `ouderbot <argv>` as its entry point runs it."""
    mode = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    os.dup2(os.open(stdout, mode, 0o600), 1)
    os.dup2(os.open(stderr, mode, 0o600) if stderr != stdout else 1, 2)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    from bot.cli import main

    sys.exit(main(argv))


def run_ouderbot(
    argv: list[str], env: dict[str, str], cwd: Path, output: Path
) -> subprocess.CompletedProcess[str]:
    """`ouderbot <argv>` in a process of its own, to its end: exit code and output."""
    stdout, stderr = output.with_suffix(".out"), output.with_suffix(".err")
    process = _FORKS.Process(
        target=_ouderbot, args=(argv, str(stdout), str(stderr), env, str(cwd), False)
    )
    process.start()
    process.join(60)
    if process.exitcode is None:
        process.kill()
        process.join()
        raise TimeoutError(f"ouderbot {argv[-1]} did not end within 60 s")
    return subprocess.CompletedProcess(
        argv,
        process.exitcode,
        stdout.read_text(encoding="utf-8"),
        stderr.read_text(encoding="utf-8"),
    )


class BotProcess:
    """One `ouderbot run` process; its output goes to `log_path` (appended)."""

    def __init__(self, config: Path, log_path: Path, options: tuple[str, ...] = ()):
        self.config = config
        self.log_path = log_path
        self.options = options  # after `run`, e.g. ("--log-level", "DEBUG")
        self.process: multiprocessing.process.BaseProcess | None = None

    async def start(self) -> None:
        env = ouderbot_env(OUDERBOT_TOKEN=TOKEN)
        argv = ["--config", str(self.config), "run", *self.options]
        log = str(self.log_path)
        self.process = _FORKS.Process(target=_ouderbot, args=(argv, log, log, env, str(ROOT), True))
        await asyncio.to_thread(self.process.start)

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, exactly like a crash or a power cut."""
        assert self.process is not None
        self.process.kill()
        await asyncio.to_thread(self.process.join)

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.exitcode is None:
            self.process.terminate()  # SIGTERM: the bot's own graceful stop
        await asyncio.to_thread(self.process.join, 20)
        if self.process.exitcode is None:
            self.process.kill()
            await asyncio.to_thread(self.process.join)
        assert self.process.exitcode is not None
        return self.process.exitcode
