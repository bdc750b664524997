"""SARIF checks shared by the tests: the official 2.1.0 schema (repo copy and ../shared's) and the SARIF Multitool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import jsonschema

from conftest import REPO, SHARED

SCHEMAS = [p for p in (REPO / "tests" / "data" / "sarif-schema-2.1.0.json", *sorted((SHARED / "schemas").glob("sarif*.json"))) if p.is_file()]


@cache
def _validators() -> tuple[jsonschema.protocols.Validator, ...]:
    out = []
    for path in SCHEMAS:
        schema = json.loads(path.read_text(encoding="utf-8"))
        out.append(jsonschema.validators.validator_for(schema)(schema))
    return tuple(out)


def validate(log: dict) -> None:
    """Raise when the log breaks any copy of the official schema."""
    for validator in _validators():
        error = jsonschema.exceptions.best_match(validator.iter_errors(log))
        if error is not None:
            raise error


MULTITOOL_PACKAGE = "@microsoft/sarif-multitool"
_PLATFORM = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, sys.platform)


def multitool() -> list[str] | None:
    """How to run the SARIF Multitool: its native binary when npm installed it, else through npx; None without node/npm."""
    if os.environ.get("SARIF_MULTITOOL"):
        return [os.environ["SARIF_MULTITOOL"]]
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None
    root = Path(subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60).stdout.strip())
    native = f"{MULTITOOL_PACKAGE}-{_PLATFORM}"
    for binary in (root / native / "Sarif.Multitool", root / MULTITOOL_PACKAGE / "node_modules" / native / "Sarif.Multitool"):
        if binary.is_file() and os.access(binary, os.X_OK):
            return [str(binary)]
    return ["npx", "--yes", MULTITOOL_PACKAGE]  # npx's wrapper passes arguments through a shell


def multitool_problems(command: list[str], sarif: Path) -> list[str]:
    """Errors and warnings of ``validate --rule-kind "Gh;Sarif"`` (GitHub's ingestion rules and SARIF's own)."""
    out = sarif.with_suffix(".validation.sarif")
    kinds = '"Gh;Sarif"' if command[0] == "npx" else "Gh;Sarif"
    done = subprocess.run(
        [*command, "validate", "--rule-kind", kinds, str(sarif), "--output", str(out), "--log", "ForceOverwrite"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if not out.is_file():
        raise AssertionError(f"SARIF Multitool did not run: {done.stdout[-2000:]} {done.stderr[-2000:]}")
    results = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0].get("results", [])
    return [f"{r['ruleId']} {r.get('level', 'warning')}: {r['message'].get('arguments')}" for r in results if r.get("level", "warning") in ("error", "warning")]
