"""Request checks against the Bot API's machine-readable description.

By default the description is the compact schema shipped in this package
(``bot_api_schema.json``, made by ``python -m bot.localapi.make_schema`` from the public
telegram-bot-api-spec, MIT licence: see that module). ``OUDERBOT_API_SPEC`` or an explicit
path may point at another one: a compact schema or a full ``api.json``. Each method lists
its fields with their types and whether they are required; a request with an unknown
method, an unknown field, a missing required field or a value of the wrong coarse type is
rejected as Telegram would. Checked values are converted in place (``"5"`` -> ``5``, JSON
text -> objects), so the method implementations need not parse them again.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import bad_request

__all__ = ["ENV_VAR", "ApiSpec", "MethodSpec", "find_spec_path", "load_spec"]

ENV_VAR = "OUDERBOT_API_SPEC"
SCHEMA_PATH = Path(__file__).with_name("bot_api_schema.json")

logger = logging.getLogger(__name__)

_INTEGER = re.compile(r"[+-]?\d+")
_TRUE = frozenset({"true", "1", "True"})
_FALSE = frozenset({"false", "0", "False"})


def _coarse(type_name: str) -> str:
    if type_name == "Integer":
        return "int"
    if type_name.startswith("Float"):
        return "float"
    if type_name in ("Boolean", "True"):
        return "bool"
    if type_name == "String":
        return "str"
    if type_name == "InputFile":
        return "file"
    if type_name.startswith("Array of"):
        return "array"
    return "object"


class FieldSpec:
    __slots__ = ("kinds", "name", "required", "types")

    def __init__(self, name: str, types: list[str], required: bool) -> None:
        self.name = name
        self.types: tuple[str, ...] = tuple(types or ("String",))
        self.required = required
        self.kinds = frozenset(_coarse(t) for t in self.types)

    def type_error(self) -> Exception:
        return bad_request(f'field "{self.name}" must be of type {" or ".join(self.types)}')

    def coerce(self, value: Any) -> Any:
        """Return ``value`` converted to its Python form, or raise a 400 ApiError."""
        kinds = self.kinds
        if isinstance(value, str):
            return self._coerce_text(value)
        if isinstance(value, bool):
            if "bool" in kinds:
                return value
        elif isinstance(value, int):
            if "int" in kinds:
                return value
            if "float" in kinds:
                return float(value)
            if "str" in kinds:
                return str(value)
        elif isinstance(value, float):
            if "float" in kinds:
                return value
            if "str" in kinds:
                return str(value)
        elif isinstance(value, list):
            if "array" in kinds:
                return value
        elif isinstance(value, dict) and "object" in kinds:
            return value
        raise self.type_error()

    def _coerce_text(self, value: str) -> Any:
        kinds = self.kinds
        if "int" in kinds and _INTEGER.fullmatch(value):
            return int(value)
        if "str" in kinds:
            return value
        if "float" in kinds:
            try:
                return float(value)
            except ValueError:
                pass
        if "bool" in kinds:
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
        if "file" in kinds and value.startswith("attach://"):
            return value
        if "array" in kinds or "object" in kinds:
            try:
                parsed = json.loads(value)
            except ValueError:
                parsed = None
            if isinstance(parsed, list) and "array" in kinds:
                return parsed
            if isinstance(parsed, dict) and "object" in kinds:
                return parsed
        raise self.type_error()


class MethodSpec:
    __slots__ = ("fields", "name", "required", "returns")

    def __init__(self, name: str, raw: Mapping[str, Any]) -> None:
        self.name = name
        self.fields = {f.name: f for f in map(_field, raw.get("fields") or ())}
        self.required = tuple(name for name, f in self.fields.items() if f.required)
        self.returns: tuple[str, ...] = tuple(raw.get("returns") or ())

    def check(self, params: dict[str, Any], files: Mapping[str, Any]) -> None:
        """Validate and convert ``params`` in place; raise a 400 ApiError when they are wrong."""
        absent = []
        for name, value in params.items():
            field = self.fields.get(name)
            if field is None:
                raise bad_request(f'unknown parameter "{name}"')
            if value is None:  # JSON null means "not given"
                absent.append(name)
            else:
                params[name] = field.coerce(value)
        for name in absent:
            del params[name]
        for name in files:
            field = self.fields.get(name)
            if field is not None and "file" not in field.kinds:
                raise field.type_error()
        for name in self.required:
            if name not in params and name not in files:
                raise bad_request(f'parameter "{name}" is required')


class ApiSpec:
    """The methods of one ``api.json``, looked up case-insensitively like Telegram does."""

    def __init__(self, raw: Mapping[str, Any], path: Path) -> None:
        self.path = path
        self.version: str = str(raw.get("version", "unknown"))
        self.methods = {name: MethodSpec(name, m) for name, m in raw["methods"].items()}
        self._by_lower = {name.lower(): name for name in self.methods}

    def canonical(self, method: str) -> str | None:
        return self._by_lower.get(method.lower())


def _field(raw: Any) -> FieldSpec:
    """A field of the compact schema (``[name, [types], required]``) or of a full api.json."""
    if isinstance(raw, list):
        name, types, required = raw
        return FieldSpec(name, types, bool(required))
    return FieldSpec(raw["name"], raw.get("types"), bool(raw.get("required")))


def find_spec_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The description to read: the argument, then $OUDERBOT_API_SPEC, then the packaged schema."""
    if explicit is not None:
        return Path(explicit)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return SCHEMA_PATH


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> ApiSpec | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        # Only a path someone chose can be missing: the packaged schema ships with the code.
        logger.warning("Bot API spec not found at %s; request fields are not checked", path)
        return None
    return ApiSpec(raw, path)


def load_spec(explicit: str | os.PathLike[str] | None = None) -> ApiSpec | None:
    """The parsed description, cached per path; None (after one warning) when a chosen path
    is absent."""
    return _load(find_spec_path(explicit).resolve())
