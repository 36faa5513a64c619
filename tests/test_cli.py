"""The `ouderbot` command's errors: one line that names the problem, no traceback."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from storage.db import Database
from tests.bot_process import ouderbot_env, run_ouderbot

pytestmark = pytest.mark.slow  # starts processes (run first, see tests/conftest.py)

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str,
    env_extra: dict[str, str] | None = None,
    cwd: Path = ROOT,
    entry_point: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`ouderbot <args>` as its own process. With `entry_point`, started as
    `python -m bot.cli`; otherwise forked from a process that imported the bot once
    (tests.bot_process: a second of imports less each time), running the same `main`."""
    env = ouderbot_env(**(env_extra or {}))
    if not entry_point:
        with tempfile.TemporaryDirectory() as folder:
            return run_ouderbot(list(args), env, cwd, Path(folder) / "ouderbot")
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
    result = run_cli("--config", str(config), "run", entry_point=True)
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
    assert len(lines) == 1
    assert "roles.coordinators" in lines[0]


def test_the_configuration_comes_from_ouderbot_config(tmp_path: Path) -> None:
    result = run_cli("run", env_extra={"OUDERBOT_CONFIG": str(tmp_path / "missing.toml")})
    assert result.returncode == 2
    assert "missing.toml" in result.stderr
    assert "Traceback" not in result.stderr


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


PROGRAMME = (ROOT / "programme.example.csv").read_bytes()


def import_config(tmp_path: Path, database: Path, coordinator: int = 900_001) -> Path:
    config = tmp_path / "ouderbot.toml"
    config.write_text(
        f'[storage]\ndatabase = "{database.as_posix()}"\n[roles]\ncoordinators = [{coordinator}]\n'
    )
    return config


def table_count(database: Path, table: str) -> int:
    with closing(sqlite3.connect(database)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_config_and_log_level_are_accepted_after_the_subcommand_too(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    config = import_config(tmp_path, database)
    programme = tmp_path / "programma.csv"
    programme.write_bytes(PROGRAMME)
    after = run_cli("import", str(programme), "--config", str(config), "--log-level", "warning")
    assert after.returncode == 0, after.stderr
    assert "Webinars: 4 new" in after.stdout
    before = run_cli("--config", str(config), "--log-level", "ERROR", "import", str(programme))
    assert before.returncode == 0, before.stderr
    assert "Webinars: 0 new, 0 changed, 4 unchanged." in before.stdout
    assert after.stderr == before.stderr == ""  # the report is on stdout, no log lines


def test_an_unknown_log_level_is_refused_by_the_parser(tmp_path: Path) -> None:
    result = run_cli("--log-level", "CHATTY", "import", "x.csv")
    assert result.returncode == 2
    assert "invalid choice: 'CHATTY'" in result.stderr


def test_a_coordinator_id_too_large_for_sqlite_is_a_configuration_error(tmp_path: Path) -> None:
    config = import_config(tmp_path, tmp_path / "db.sqlite3", coordinator=2**64)
    programme = tmp_path / "programma.csv"
    programme.write_bytes(PROGRAMME)
    line = one_line_error(run_cli("--config", str(config), "import", str(programme)))
    assert line.startswith("ouderbot: roles.coordinators.0:")
    assert not (tmp_path / "db.sqlite3").exists()


def damaged(database: Path) -> None:
    database.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)


def truncated(database: Path) -> None:
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO notes (text) VALUES (?)", [("x" * 500,)] * 400)
        conn.commit()
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("spoil", [damaged, truncated])
@pytest.mark.parametrize("command", ["run", "import"])
def test_a_damaged_or_truncated_database_is_one_line_and_a_failure(
    tmp_path: Path, spoil: Callable[[Path], None], command: str
) -> None:
    database = tmp_path / "db.sqlite3"
    spoil(database)
    config = import_config(tmp_path, database)
    programme = tmp_path / "programma.csv"
    programme.write_bytes(PROGRAMME)
    args = ["run"] if command == "run" else ["import", str(programme)]
    result = run_cli(
        "--config", str(config), *args, env_extra={"OUDERBOT_TOKEN": "1:abcdefghijklmnop"}
    )
    line = one_line_error(result)
    assert line.startswith(f"ouderbot: database {database}:"), line


def test_a_read_only_database_is_one_line_and_a_failure(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ouderbot-ro-"))
    try:
        database = folder / "db.sqlite3"
        with closing(sqlite3.connect(database)) as conn:
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
            conn.commit()
        config = import_config(folder, database)
        programme = folder / "programma.csv"
        programme.write_bytes(PROGRAMME)
        for path in (folder, database, config, programme):
            path.chmod(0o555 if path.is_dir() else 0o444)
        # Root writes any file (CAP_DAC_OVERRIDE): as root, run the command without that
        # capability, still as root, so the file's 0444 holds and the checkout, wherever it
        # lies and however private its folder, stays readable to the command.
        prefix = [] if os.geteuid() != 0 else [
            "setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]  # fmt: skip
        env = ouderbot_env()
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "bot.cli", "--config", str(config), "import",
             str(programme)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        line = one_line_error(result)
        assert line.startswith(f"ouderbot: database {database}:"), line
        assert "readonly" in line or "unable to open" in line, line
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


async def create_schema(database: Path) -> None:
    db = await Database.open(database)
    await db.close()


def test_an_import_that_fails_halfway_imports_nothing(tmp_path: Path) -> None:
    """The webinars are stored first, then the series; a failure at the first series
    (a trigger standing in for a full disk or a kill) must undo the webinars too."""
    database = tmp_path / "db.sqlite3"
    config = import_config(tmp_path, database)
    programme = tmp_path / "programma.csv"
    programme.write_bytes(PROGRAMME)
    asyncio.run(create_schema(database))
    with closing(sqlite3.connect(database)) as conn:
        conn.execute(
            "CREATE TRIGGER fail_halfway BEFORE INSERT ON inloop_series"
            " BEGIN SELECT RAISE(ABORT, 'disk gave up halfway'); END"
        )
        conn.commit()
    line = one_line_error(run_cli("--config", str(config), "import", str(programme)))
    assert "disk gave up halfway" in line
    assert table_count(database, "webinars") == 0
    assert table_count(database, "inloop_series") == 0


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ouderbot {version('ouderbot')}"
