"""The `ouderbot` command: run, import, demo, try, backup, report, grouping-eval, lexicon,
--version.

Everything the command itself says (errors, reports, `--help`) is in English, like the
log lines and argparse's own messages: one language in the terminal, for the person
who installs and runs the bot. Parents and staff meet the bot in their own language.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Any

from telegram.error import InvalidToken, NetworkError

from bot.config import TOKEN_ENV, ConfigError, Settings, load_settings
from bot.runtime.logging_setup import LEVELS, configure_logging
from storage.db import DatabaseUnusable, StorageError

log = logging.getLogger("ouderbot")

# The language of everything the command says (see the module's docstring).
CLI_LANGUAGE = "en"


def _common_options(*, top: bool) -> argparse.ArgumentParser:
    """--config and --log-level, accepted before and after the subcommand. After it they
    default to "not given", so they never undo the same option given before it."""
    options = argparse.ArgumentParser(add_help=False)
    unset = None if top else argparse.SUPPRESS
    options.add_argument(
        "--config",
        type=Path,
        default=unset,
        help="configuration file (default: $OUDERBOT_CONFIG or ./ouderbot.toml)",
    )
    options.add_argument(
        "--log-level",
        type=str.upper,
        choices=LEVELS,
        default="INFO" if top else argparse.SUPPRESS,
        help="how much the bot logs (default: INFO); no level logs texts, names or tokens",
    )
    return options


def _version() -> str:
    """The installed package's version (pyproject.toml's, through the package metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ouderbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ouderbot",
        description="Ouderbot, the parenting support bot",
        parents=[_common_options(top=True)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    common = [_common_options(top=False)]
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", parents=common, help="run the bot (long polling, or a webhook with --webhook)"
    )
    run.add_argument("--webhook", action="store_true", help="receive updates on a webhook")
    imp = commands.add_parser("import", parents=common, help="load a programme CSV")
    imp.add_argument("file", type=Path)
    demo = commands.add_parser(
        "demo", parents=common, help="the whole bot against a built-in local Telegram, no token"
    )
    demo.add_argument("--fast", action="store_true", help="no pauses between the steps")
    demo.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="seconds the local Telegram adds to every request (0.08: Telegram's distance)",
    )
    trying = commands.add_parser(
        "try",
        parents=common,
        help="play parent, gespreksleider and coordinator by hand in a browser, no token",
    )
    trying.add_argument(
        "--port", type=int, default=8765, help="the page's port on 127.0.0.1 (default: 8765)"
    )
    backup = commands.add_parser("backup", parents=common, help="an online backup of the database")
    backup.add_argument("destination", type=Path)
    evaluation = commands.add_parser(
        "grouping-eval", parents=common, help="grouping figures on a labelled question set"
    )
    evaluation.add_argument("set", type=Path)
    evaluation.add_argument("--orders", type=int, default=5, help="insertion orders (default 5)")
    evaluation.add_argument("--json", action="store_true", help="print the figures as JSON")
    lexicon = commands.add_parser("lexicon", parents=common, help="the theme lexicons")
    lexicon_commands = lexicon.add_subparsers(dest="lexicon_command", required=True)
    check = lexicon_commands.add_parser("check", help="validate the lexicons (or one file)")
    check.add_argument("file", type=Path, nargs="?")
    suggest = lexicon_commands.add_parser(
        "suggest", help="words the gespreksleiders' merges suggest adding", parents=common
    )
    suggest.add_argument("--min-merges", type=int, default=2, help="seen in this many merges")
    report = commands.add_parser(
        "report", parents=common, help="the monitor figures of a period (document and CSV)"
    )
    report.add_argument("--from", dest="first", type=_date, required=True, metavar="DATE")
    report.add_argument("--to", dest="last", type=_date, required=True, metavar="DATE")
    report.add_argument(
        "--out", type=Path, default=Path(), help="folder for the two files (default: here)"
    )
    return parser


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {raw!r}") from None


async def _run(settings: Settings, webhook: bool) -> int:
    from bot.app import create_bot

    token = settings.token_value()
    bot = await create_bot(settings, token=token)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    if webhook:
        from bot.delivery.webhook import serve_webhook

        await serve_webhook(bot, settings, stop)
        return 0
    await bot.start()
    waiter = asyncio.ensure_future(bot.wait())
    stopper = asyncio.ensure_future(stop.wait())
    await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    await bot.stop()
    if waiter.done() and waiter.exception() is not None:
        raise waiter.exception()  # type: ignore[misc]
    return 0


async def _backup(settings: Settings, destination: Path) -> int:
    from storage.db import backup

    await backup(settings.storage.database, destination)
    print(f"backup written to {destination}")
    return 0


async def _report(settings: Settings, first: date, last: date, folder: Path) -> int:
    from bot.core.clock import SystemClock
    from bot.core.i18n import Translator
    from bot.monitor.report import files, gather
    from bot.services import Repositories
    from storage.db import Database

    if last < first:
        print("ouderbot: --to lies before --from", file=sys.stderr)
        return 2
    db = await Database.open(settings.storage.database)
    try:
        t = Translator(settings.default_language)
        language = settings.default_language
        report = await gather(
            Repositories.on(db), settings.zone, t, language, first, last, SystemClock().now()
        )
    finally:
        await db.close()
    for path in await asyncio.to_thread(_write, folder, files(report, t, language)):
        print(f"written: {path}")
    return 0


def _write(folder: Path, named: list[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in named:
        (folder / name).write_bytes(data)
    return [folder / name for name, _ in named]


def run_async(main: Coroutine[Any, Any, int]) -> int:
    """Run on uvloop where it is installed (Linux, macOS): the question burst costs about a
    quarter less CPU per question on it (bench/bench_questions.py); plain asyncio elsewhere."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


# What a failure says on stderr, in one line, and the exit code; the first match wins
# (so the narrower kinds come before the wider ones they belong to).
_ONE_LINE_ERRORS: list[tuple[type[BaseException], Callable[[Any], str], int]] = [
    (ConfigError, str, 2),
    (FileExistsError, lambda error: f"{error} already exists", 2),
    (FileNotFoundError, lambda error: f"{error.args[0]} does not exist", 2),
    # damaged, truncated, not a database, read-only
    (DatabaseUnusable, lambda error: f"database {error}", 1),
    # a change that could not be stored (disk full, ...)
    (StorageError, lambda error: f"the database could not store a change: {error}", 1),
    (sqlite3.Error, lambda error: f"the database refused the change: {error}", 1),
    (OSError, lambda error: f"{error.filename or ''}: {error.strerror or error}", 1),
    (InvalidToken, lambda _: f"Telegram does not accept the token in {TOKEN_ENV}", 2),
    (NetworkError, lambda error: f"cannot reach Telegram ({type(error).__name__})", 1),
]


def _command(args: argparse.Namespace) -> int:
    without_settings = _command_without_settings(args)
    if without_settings is not None:
        return without_settings
    settings = load_settings(args.config)
    if args.command == "lexicon":
        from bot.webinar.tools_cli import lexicon_suggest

        return run_async(lexicon_suggest(settings, args.min_merges))
    log.debug("settings read; logging at %s", args.log_level)
    if args.command == "run":
        return run_async(_run(settings, args.webhook))
    if args.command == "import":
        from bot.inloop.programme_import import import_file

        return run_async(import_file(settings, args.file, language=CLI_LANGUAGE))
    if args.command == "backup":
        return run_async(_backup(settings, args.destination))
    if args.command == "report":
        return run_async(_report(settings, args.first, args.last, args.out))
    return 1


def _command_without_settings(args: argparse.Namespace) -> int | None:
    """The commands that read no configuration file; None for the others."""
    if args.command == "demo":
        from bot.demo import run_demo

        return run_async(run_demo(fast=args.fast, latency=max(0.0, args.latency)))
    if args.command == "grouping-eval":
        from bot.webinar.tools_cli import grouping_eval

        return grouping_eval(args.set, args.orders, args.json)
    if args.command == "lexicon" and args.lexicon_command == "check":
        from bot.webinar.tools_cli import lexicon_check

        return lexicon_check(args.file)
    if args.command == "try":
        from bot.playground import run_try

        return run_async(run_try(port=args.port))
    return None


def main(argv: list[str] | None = None) -> int:
    # Opt in to python-telegram-bot's timedelta durations (RetryAfter.retry_after), which
    # otherwise warns on every 429; bot.delivery.dispatcher accepts both forms.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = _parser().parse_args(argv)
    # `import` reports on stdout; its log lines (INFO and below) are not for the terminal.
    quiet = args.command == "import" and args.log_level == "INFO"
    configure_logging("WARNING" if quiet else args.log_level)
    try:
        return _command(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        for kind, describe, code in _ONE_LINE_ERRORS:
            if isinstance(error, kind):
                print(f"ouderbot: {describe(error)}", file=sys.stderr)
                return code
        raise


if __name__ == "__main__":
    sys.exit(main())
