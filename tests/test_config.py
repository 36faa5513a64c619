from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.config import ConfigError, load_settings

EXAMPLE = Path(__file__).parent.parent / "config.example.toml"


def test_example_configuration_is_valid_and_documents_every_section() -> None:
    settings = load_settings(EXAMPLE, env={})
    assert settings.timezone == "Europe/Amsterdam"
    assert settings.roles.coordinators == [123456789]
    text = EXAMPLE.read_text()
    for section in type(settings).model_fields:
        if section not in ("timezone", "default_language"):
            assert f"[{section}]" in text, section


def test_every_key_of_every_section_is_in_the_example() -> None:
    settings = load_settings(EXAMPLE, env={})
    text = EXAMPLE.read_text()
    secrets = {"token", "webhook_secret"}
    for name in type(settings).model_fields:
        section = getattr(settings, name)
        if isinstance(section, BaseModel):
            for key in type(section).model_fields:
                if key not in secrets:
                    assert f"\n{key} = " in text, f"{name}.{key} is not documented"


def test_token_comes_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[roles]\ncoordinators = [1]\n")
    settings = load_settings(path, env={"OUDERBOT_TOKEN": "123:abcdefghijklmnop"})
    assert settings.token_value() == "123:abcdefghijklmnop"


def test_missing_token_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[roles]\ncoordinators = [1]\n")
    with pytest.raises(ConfigError, match="OUDERBOT_TOKEN"):
        load_settings(path, env={}).token_value()


def test_token_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[roles]\ncoordinators = [1]\n[telegram]\ntoken = "1:abc"\n')
    with pytest.raises(ConfigError, match="environment"):
        load_settings(path, env={})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("roles = [", "not valid TOML"),
        ("[roles]\ncoordinators = []\n", "roles.coordinators"),
        ('timezone = "Mars/Olympus"\n[roles]\ncoordinators = [1]\n', "unknown time zone"),
        ('[roles]\ncoordinators = [1]\n[reminders]\nevening_before = "25:00"\n', "evening_before"),
        ("[roles]\ncoordinators = [1]\n[storage]\nunknown = 1\n", "storage.unknown"),
    ],
)
def test_malformed_configuration_names_the_problem(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings(path, env={})
    assert "\n" not in str(raised.value)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_the_overall_pace_is_read_from_its_old_place_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old = tmp_path / "old.toml"
    old.write_text("[roles]\ncoordinators = [1]\n[reminders]\nmessages_per_second = 20.0\n")
    with caplog.at_level("WARNING", logger="ouderbot.config"):
        settings = load_settings(old, env={})
    assert settings.telegram.messages_per_second == 20.0
    assert "move it to [telegram]" in caplog.text
    new = tmp_path / "new.toml"
    new.write_text("[roles]\ncoordinators = [1]\n[telegram]\nmessages_per_second = 25.0\n")
    caplog.clear()
    assert load_settings(new, env={}).telegram.messages_per_second == 25.0
    assert caplog.text == ""
