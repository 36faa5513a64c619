"""Settings: one validated object, loaded from TOML by `load_settings`, never at import time.

Secrets come only from the environment: ``OUDERBOT_TOKEN`` (the bot token) and
``OUDERBOT_WEBHOOK_SECRET`` (the webhook's secret token). ``OUDERBOT_CONFIG`` names the
configuration file when ``--config`` is not given; ``OUDERBOT_HEALTH_LISTEN`` overrides
``[health] listen`` (a container image sets it for its HEALTHCHECK).
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)

log = logging.getLogger("ouderbot.config")

TOKEN_ENV = "OUDERBOT_TOKEN"
CONFIG_ENV = "OUDERBOT_CONFIG"
WEBHOOK_SECRET_ENV = "OUDERBOT_WEBHOOK_SECRET"
HEALTH_LISTEN_ENV = "OUDERBOT_HEALTH_LISTEN"
TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{10,}$")


class ConfigError(Exception):
    """A configuration problem, said in one line a person can act on."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramSettings(_Section):
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    # Filled from OUDERBOT_TOKEN only; a token in the file is refused (see load_settings).
    token: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: Annotated[int, Field(ge=1, le=65535)] = 8443
    webhook_url: str = ""
    webhook_secret: SecretStr | None = None
    poll_timeout_seconds: Annotated[int, Field(ge=0, le=50)] = 10
    request_timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 10.0
    # The pace of everything the outbox sends, overall: Telegram accepts about 30
    # messages a second from one bot; stay just under it. (Read from
    # reminders.messages_per_second too, where it used to be, with a warning.)
    messages_per_second: Annotated[float, Field(gt=0, le=30)] = 28.0
    # The outbox pacer's limit per chat (Telegram: about one message a second in a
    # private chat, short bursts allowed).
    chat_messages_per_second: Annotated[float, Field(gt=0, le=1000)] = 1.0
    chat_burst: Annotated[int, Field(ge=1, le=1000)] = 8
    # False only for a self-hosted Bot API server without Telegram's limits (benchmarks):
    # the outbox then sends as fast as the server answers, ignoring the pace settings
    # (a 429 still holds its chat back). Against api.telegram.org this gets 429s.
    rate_limits: bool = True
    # How long a message the outbox sends may go unanswered (seconds) before that chat is
    # put off (retried with back-off) while the other chats go on. Shorter than
    # request_timeout_seconds: a send that hangs should hold up its own chat briefly.
    send_timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 5.0
    # How many messages the outbox sends at once, each to a different chat, within the
    # pace above. At Telegram's distance (50-100 ms a request) one at a time reaches
    # about 12 messages a second; 8 reach Telegram's 28-30. A kill of the process can
    # send at most this many messages twice (Telegram took them, their marks were not
    # committed yet; see docs/performance.md).
    requests_in_flight: Annotated[int, Field(ge=1, le=64)] = 8


class StorageSettings(_Section):
    database: Path = Path("ouderbot.sqlite3")
    busy_timeout_ms: Annotated[int, Field(ge=100)] = 5000


# Telegram user ids: positive, and stored in SQLite's 64-bit INTEGER.
TelegramUserId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class RoleSettings(_Section):
    # Telegram user ids: positive, and stored in SQLite's 64-bit INTEGER.
    coordinators: Annotated[list[TelegramUserId], Field(min_length=1)]
    invite_valid_hours: Annotated[int, Field(ge=1, le=24 * 30)] = 72


def _clock_time(value: str) -> time | None:
    if value == "":
        return None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"expected a time like 19:00 or an empty string, got {value!r}")
    return time(int(match[1]), int(match[2]))


class ReminderSettings(_Section):
    evening_before: str = "19:00"
    before_start_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = 60

    @field_validator("evening_before")
    @classmethod
    def _valid_time(cls, value: str) -> str:
        _clock_time(value)
        return value

    @property
    def evening_time(self) -> time | None:
        return _clock_time(self.evening_before)


class PrivacySettings(_Section):
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 30
    statement_url: str = "https://example.org/privacy"
    # Raise when the notice text changes materially: parents are asked again.
    notice_version: Annotated[int, Field(ge=1)] = 1


class LimitSettings(_Section):
    questions_per_minute: Annotated[int, Field(ge=1)] = 5
    messages_per_minute: Annotated[int, Field(ge=1)] = 20
    question_max_chars: Annotated[int, Field(ge=20, le=4000)] = 1000


class WebinarSettings(_Section):
    # The queue panel (/rij) is edited at most this often, whatever the traffic.
    panel_refresh_seconds: Annotated[float, Field(ge=0.5, le=60)] = 3.0
    panel_top_questions: Annotated[int, Field(ge=1, le=20)] = 5
    # The card's "misschien hetzelfde" also lists the waiting questions a multilingual
    # sentence encoder finds nearest (bot.webinar.encoder): about 25 MB more memory
    # once a card is shown. Off: the lexicon's suggestions alone.
    suggest_with_encoder: bool = True


def _listen_address(value: str, example: str, *, may_be_off: bool = False) -> str:
    """A "host:port" to listen on ("" too where `may_be_off`), or a one-line error that
    names an example."""
    host, _, port = value.rpartition(":")
    if not (may_be_off and value == "") and (not host or not port.isdigit() or int(port) > 65535):
        alternative = ' or ""' if may_be_off else ""
        raise ValueError(f'expected "host:port" like "{example}"{alternative}, got {value!r}')
    return value


class _Listening(_Section):
    """A section with a `listen` address ("host:port", IPv6 hosts in brackets)."""

    listen: str

    @property
    def host(self) -> str:
        return self.listen.rpartition(":")[0].strip("[]")

    @property
    def port(self) -> int:
        return int(self.listen.rpartition(":")[2])


class WebSettings(_Listening):
    # Where the bot's web server listens (the board, and the webhook when [web] is set).
    listen: str = "127.0.0.1:8080"
    # How Telegram and browsers reach it. Telegram opens Mini Apps only from https://.
    public_url: str = ""

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        return _listen_address(value, "127.0.0.1:8080")

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("https://", "http://")):
            raise ValueError(f"expected an https:// address, got {value!r}")
        return value

    @property
    def mini_app_url(self) -> str | None:
        """The board's address for a Telegram button (https only, as Telegram demands)."""
        return f"{self.public_url}/app/" if self.public_url.startswith("https://") else None


class HealthSettings(_Listening):
    # "host:port" where `GET /healthz` answers 200 (healthy) or 503, in polling mode as in
    # webhook mode: for Docker's HEALTHCHECK, systemd or monitoring. "" switches it off.
    # OUDERBOT_HEALTH_LISTEN overrides it (the Dockerfile sets 127.0.0.1:8081).
    listen: str = ""

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        return _listen_address(value.strip(), "127.0.0.1:8081", may_be_off=True)


WEEKDAYS = {
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{
        name: i
        for i, name in enumerate(
            ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
        )
    },
}


class FeedbackSettings(_Section):
    # The weekly digest to coordinators: a weekday (English or Dutch name) switches it on.
    digest_weekday: str = ""
    digest_time: str = "09:00"
    # A feedback request (and "were you there?") can be answered this long.
    request_valid_hours: Annotated[int, Field(ge=1, le=24 * 14)] = 48

    @field_validator("digest_weekday")
    @classmethod
    def _valid_weekday(cls, value: str) -> str:
        value = value.strip().lower()
        if value and value not in WEEKDAYS:
            raise ValueError(f'expected a weekday like monday or maandag, or "", got {value!r}')
        return value

    @field_validator("digest_time")
    @classmethod
    def _valid_digest_time(cls, value: str) -> str:
        if _clock_time(value) is None:
            raise ValueError("expected a time like 09:00")
        return value

    @property
    def digest_day(self) -> int | None:
        """0 for Monday .. 6 for Sunday; None when the digest is off."""
        return WEEKDAYS.get(self.digest_weekday)

    @property
    def digest_clock(self) -> time:
        clock = _clock_time(self.digest_time)
        assert clock is not None
        return clock


class Settings(_Section):
    timezone: str = "Europe/Amsterdam"
    default_language: Literal["nl", "en"] = "nl"
    telegram: TelegramSettings = TelegramSettings()
    storage: StorageSettings = StorageSettings()
    roles: RoleSettings
    reminders: ReminderSettings = ReminderSettings()
    privacy: PrivacySettings = PrivacySettings()
    limits: LimitSettings = LimitSettings()
    webinars: WebinarSettings = WebinarSettings()
    feedback: FeedbackSettings = FeedbackSettings()
    web: WebSettings | None = None  # no [web] section: no board, no web server in polling
    health: HealthSettings = HealthSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def token_value(self) -> str:
        """The bot token; raises ConfigError when it is missing (only `run` needs it)."""
        if self.telegram.token is None:
            raise ConfigError(f"no bot token: set the environment variable {TOKEN_ENV}")
        return self.telegram.token.get_secret_value()


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "configuration"
    return f"{where}: {first['msg']}"


def _telegram_with_secrets(data: Mapping[str, object], env: Mapping[str, str]) -> dict[str, object]:
    """The [telegram] section with the token and the webhook secret from the environment;
    refused when the file holds them itself."""
    telegram: dict[str, object] = dict(data.get("telegram", {}) or {})  # type: ignore[call-overload]
    for secret in ("token", "webhook_secret"):
        if secret in telegram:
            raise ConfigError(
                f"telegram.{secret} must not be in the configuration file; use the environment"
            )
    token = env.get(TOKEN_ENV, "").strip()
    if token:
        if not TOKEN_PATTERN.match(token):
            raise ConfigError(f"{TOKEN_ENV} does not look like a bot token (digits:letters)")
        telegram["token"] = token
    if env.get(WEBHOOK_SECRET_ENV):
        telegram["webhook_secret"] = env[WEBHOOK_SECRET_ENV]
    return telegram


def settings_from_mapping(data: Mapping[str, object], env: Mapping[str, str]) -> Settings:
    """Validate a parsed configuration and add the secrets from the environment."""
    telegram = _telegram_with_secrets(data, env)
    merged: dict[str, object] = {**data, "telegram": telegram}
    reminders = dict(data.get("reminders", {}) or {})  # type: ignore[call-overload]
    if "messages_per_second" in reminders:
        # The old place of the overall pace (it paces every message, not only reminders).
        log.warning(
            "reminders.messages_per_second is read as telegram.messages_per_second;"
            " move it to [telegram]"
        )
        telegram.setdefault("messages_per_second", reminders.pop("messages_per_second"))
        merged["reminders"] = reminders
    if env.get(HEALTH_LISTEN_ENV, "").strip():
        health = dict(data.get("health", {}) or {})  # type: ignore[call-overload]
        merged["health"] = {**health, "listen": env[HEALTH_LISTEN_ENV].strip()}
    try:
        return Settings.model_validate(merged)
    except ValidationError as error:
        raise ConfigError(_first_error(error)) from None


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read the TOML file at `path` (or $OUDERBOT_CONFIG, or ./ouderbot.toml)."""
    env = os.environ if env is None else env
    if path is None:
        path = Path(env.get(CONFIG_ENV, "ouderbot.toml"))
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"configuration file not found: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    return settings_from_mapping(data, env)
