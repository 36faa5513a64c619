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
# What a conversion returns when the value is not of the kinds it tried.
_NOT: Any = object()


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
        if isinstance(value, str):
            converted = self._coerce_text(value)
        else:
            converted = _coerce_json(value, self.kinds)
        if converted is _NOT:
            raise self.type_error()
        return converted

    def _coerce_text(self, value: str) -> Any:
        """A text (a form field, or a JSON string) as the field's type; text wins over
        all but an integer, then float, bool, a file's attach:// name, JSON."""
        kinds = self.kinds
        if "int" in kinds and _INTEGER.fullmatch(value):
            return int(value)
        if "str" in kinds:
            return value
        for convert in (_text_float, _text_bool, _text_file, _text_json):
            converted = convert(value, kinds)
            if converted is not _NOT:
                return converted
        return _NOT


def _coerce_json(value: Any, kinds: frozenset[str]) -> Any:
    """A value a JSON body gave (not a text) as one of `kinds`; `_NOT` if it is none."""
    if isinstance(value, bool):
        return value if "bool" in kinds else _NOT
    if isinstance(value, int | float):
        return _coerce_number(value, kinds)
    if isinstance(value, list):
        return value if "array" in kinds else _NOT
    if isinstance(value, dict) and "object" in kinds:
        return value
    return _NOT


def _coerce_number(value: float, kinds: frozenset[str]) -> Any:
    if isinstance(value, int):
        if "int" in kinds:
            return value
        if "float" in kinds:
            return float(value)
    elif "float" in kinds:
        return value
    return str(value) if "str" in kinds else _NOT


def _text_float(value: str, kinds: frozenset[str]) -> Any:
    if "float" in kinds:
        try:
            return float(value)
        except ValueError:
            pass
    return _NOT


def _text_bool(value: str, kinds: frozenset[str]) -> Any:
    if "bool" in kinds and value in _TRUE:
        return True
    if "bool" in kinds and value in _FALSE:
        return False
    return _NOT


def _text_file(value: str, kinds: frozenset[str]) -> Any:
    return value if "file" in kinds and value.startswith("attach://") else _NOT


def _text_json(value: str, kinds: frozenset[str]) -> Any:
    """JSON text of an array or an object, where the field takes one."""
    if "array" not in kinds and "object" not in kinds:
        return _NOT
    try:
        parsed = json.loads(value)
    except ValueError:
        return _NOT
    if isinstance(parsed, list) and "array" in kinds:
        return parsed
    if isinstance(parsed, dict) and "object" in kinds:
        return parsed
    return _NOT


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
