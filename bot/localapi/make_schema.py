"""Make the local server's compact Bot API schema from the public machine-readable spec.

    python -m bot.localapi.make_schema [SPEC] [--check]

SPEC is the ``api.json`` of the telegram-bot-api-spec project (MIT licence, Copyright (c)
2020 Paul Larsen; https://github.com/PaulSonOfLars/telegram-bot-api-spec), by default
``../shared/telegram-bot-api-spec/api.json`` beside the checkout. The schema keeps the
facts only: method names, their parameters, the parameters' types and which are required,
and what a method returns; no descriptions. It is written to ``bot_api_schema.json`` next
to this file (committed, shipped with the package), so the local server checks requests
from a plain clone or an installed package with nothing beside it. ``--check`` writes
nothing and exits 1 when the committed schema differs from what SPEC gives (CI runs it
when the spec is beside the checkout).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("bot_api_schema.json")
DEFAULT_SPEC = Path(__file__).resolve().parents[3] / "shared/telegram-bot-api-spec/api.json"
SOURCE = "https://github.com/PaulSonOfLars/telegram-bot-api-spec (api.json)"
LICENCE = (
    "MIT License, Copyright (c) 2020 Paul Larsen; full text in bot_api_schema.LICENSE. "
    "Facts only (names, types, required flags), taken from Telegram's Bot API documentation "
    "by that project."
)


def compact(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The schema of one parsed ``api.json``: per method its fields as
    ``[name, [types], required]`` and its return types, methods sorted by name."""
    methods = {}
    for name in sorted(spec["methods"]):
        raw = spec["methods"][name]
        fields = [
            [f["name"], list(f.get("types") or ["String"]), bool(f.get("required"))]
            for f in raw.get("fields") or ()
        ]
        methods[name] = {"fields": fields, "returns": list(raw.get("returns") or ())}
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "version": str(spec.get("version", "unknown")),
        "release_date": str(spec.get("release_date", "")),
        "made_by": "python -m bot.localapi.make_schema",
        "methods": methods,
    }


def render(schema: Mapping[str, Any]) -> str:
    """JSON with one method a line: small, and a new Bot API version diffs per method."""
    head = {key: value for key, value in schema.items() if key != "methods"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "methods": {')
    items = list(schema["methods"].items())
    for index, (name, method) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        lines.append(f"    {json.dumps(name)}: {json.dumps(method, separators=(',', ':'))}{comma}")
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.localapi.make_schema")
    parser.add_argument("spec", nargs="?", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--out", type=Path, default=SCHEMA_PATH)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = render(compact(json.loads(args.spec.read_text(encoding="utf-8"))))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{args.out} is not what {args.spec} gives: run {parser.prog}", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date with {args.spec}")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text)} bytes) from {args.spec}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
