"""The compact Bot API schema: made by the project's script, shipped in the package, used
by the local server from a plain clone with nothing beside it."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from bot.localapi import LocalBotApi
from bot.localapi.make_schema import main as make_schema
from bot.localapi.spec import SCHEMA_PATH

TINY_SPEC = {
    "version": "Bot API 99.0",
    "release_date": "someday",
    "methods": {
        "sendMessage": {
            "name": "sendMessage",
            "description": ["Use this method to send text messages."],
            "returns": ["Message"],
            "fields": [
                {"name": "chat_id", "types": ["Integer", "String"], "required": True,
                 "description": "Unique identifier for the target chat"},
                {"name": "text", "types": ["String"], "required": True, "description": "Text"},
            ],
        },
        "getMe": {"name": "getMe", "description": ["A simple method."], "returns": ["User"]},
    },
    "types": {"User": {"name": "User", "description": ["This object represents a user."]}},
}  # fmt: skip


def write_tiny_spec(folder: Path) -> Path:
    spec = folder / "api.json"
    spec.write_text(json.dumps(TINY_SPEC), encoding="utf-8")
    return spec


def test_the_schema_keeps_names_types_and_required_flags_and_no_descriptions(
    tmp_path: Path,
) -> None:
    out = tmp_path / "schema.json"
    assert make_schema([str(write_tiny_spec(tmp_path)), "--out", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["version"] == "Bot API 99.0"
    assert "telegram-bot-api-spec" in schema["source"]
    assert "MIT" in schema["licence"]
    assert schema["methods"] == {
        "getMe": {"fields": [], "returns": ["User"]},
        "sendMessage": {
            "fields": [["chat_id", ["Integer", "String"], True], ["text", ["String"], True]],
            "returns": ["Message"],
        },
    }
    assert "description" not in out.read_text(encoding="utf-8")


def test_check_fails_on_a_stale_schema_and_passes_on_a_fresh_one(tmp_path: Path) -> None:
    spec = write_tiny_spec(tmp_path)
    out = tmp_path / "schema.json"
    out.write_text("{}\n", encoding="utf-8")
    assert make_schema([str(spec), "--out", str(out), "--check"]) == 1
    assert out.read_text(encoding="utf-8") == "{}\n"  # --check writes nothing
    make_schema([str(spec), "--out", str(out)])
    assert make_schema([str(spec), "--out", str(out), "--check"]) == 0


def test_the_packaged_schema_names_its_source_and_ships_the_licence() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["version"].startswith("Bot API ")
    assert "MIT" in schema["licence"]
    licence = SCHEMA_PATH.with_name("bot_api_schema.LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    # The facts the local server needs are there: sendMessage requires chat_id and text.
    fields = {name: required for name, _, required in schema["methods"]["sendMessage"]["fields"]}
    assert (fields["chat_id"], fields["text"], fields["parse_mode"]) == (True, True, False)
    assert len(schema["methods"]) > 100


async def test_a_server_on_a_made_schema_rejects_what_it_does_not_list(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    make_schema([str(write_tiny_spec(tmp_path)), "--out", str(out)])
    async with LocalBotApi(spec_path=str(out)) as server:
        server.user(1001)
        async with httpx.AsyncClient() as client:
            base = f"{server.base_url}{server.token}"
            missing = await client.post(f"{base}/sendMessage", json={"chat_id": 1001})
            unknown = await client.post(f"{base}/setChatTitle", json={"chat_id": 1, "title": "x"})
            fine = await client.post(f"{base}/sendMessage", json={"chat_id": 1001, "text": "hoi"})
    assert missing.json()["description"] == 'Bad Request: parameter "text" is required'
    assert unknown.status_code == 404
    assert fine.json()["ok"] is True
