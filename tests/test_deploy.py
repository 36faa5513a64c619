"""The deployment recipes in deploy/: they install what CI tested and point at files that
exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "/opt/ouderbot/src/"  # where the unit's install lines put the repository


def units() -> list[Path]:
    found = sorted((ROOT / "deploy").glob("*.service"))
    assert found
    return found


def test_every_documentation_path_of_a_unit_is_in_the_repository() -> None:
    named = []
    for unit in units():
        for line in unit.read_text(encoding="utf-8").splitlines():
            if line.startswith("Documentation="):
                for url in line.removeprefix("Documentation=").split():
                    assert url.startswith("file://" + SOURCE), (unit.name, url)
                    named.append(url.removeprefix("file://" + SOURCE))
    assert named
    for path in named:
        assert (ROOT / path).is_file(), path


def test_the_unit_installs_from_the_lock_file_without_resolving() -> None:
    text = (ROOT / "deploy" / "ouderbot.service").read_text(encoding="utf-8")
    installs = re.findall(r"pip install (.+)", text)
    assert installs
    assert any(f"--require-hashes -r {SOURCE}requirements.txt" in line for line in installs)
    # Every other install takes nothing from an index: the lock file decided.
    for line in installs:
        assert "--require-hashes" in line or "--no-deps" in line, line
