"""The `ouderbot` command's errors: one line that names the problem, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, env_extra: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OUDERBOT")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_without_a_token_says_so_in_one_line(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        f'[roles]\ncoordinators = [1]\n[storage]\ndatabase = "{tmp_path / "db.sqlite3"}"\n'
    )
    result = run_cli("--config", str(config), "run")
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "ouderbot: no bot token: set the environment variable OUDERBOT_TOKEN"
    )
    assert "Traceback" not in result.stderr


def test_a_malformed_configuration_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[roles]\ncoordinators = 'me'\n")
    result = run_cli(
        "--config", str(config), "run", env_extra={"OUDERBOT_TOKEN": "1:abcdefghijklmnop"}
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "roles.coordinators" in lines[0]


def test_the_configuration_comes_from_ouderbot_config(tmp_path: Path) -> None:
    result = run_cli("run", env_extra={"OUDERBOT_CONFIG": str(tmp_path / "missing.toml")})
    assert result.returncode == 2
    assert "missing.toml" in result.stderr and "Traceback" not in result.stderr


def test_a_token_telegram_refuses_is_one_line(tmp_path: Path) -> None:
    """Against a local server that knows another token: Telegram's 401."""
    import asyncio

    from bot.localapi import LocalBotApi

    async def scenario() -> subprocess.CompletedProcess[str]:
        async with LocalBotApi(token="999:RIGHT-TOKEN-abcdefghij") as api:
            config = tmp_path / "c.toml"
            config.write_text(
                f'[telegram]\nbase_url = "{api.base_url}"\nbase_file_url = "{api.base_file_url}"\n'
                f'[storage]\ndatabase = "{tmp_path / "db.sqlite3"}"\n[roles]\ncoordinators = [1]\n'
            )
            return await asyncio.to_thread(
                run_cli,
                "--config",
                str(config),
                "run",
                env_extra={"OUDERBOT_TOKEN": "111:WRONG-TOKEN-abcdefghij"},
            )

    result = asyncio.run(scenario())
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "ouderbot: Telegram does not accept the token in OUDERBOT_TOKEN"
    )
    assert "WRONG-TOKEN" not in result.stderr
