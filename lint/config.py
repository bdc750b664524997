"""Configuration from ``budgetlint.toml`` or ``[tool.budgetlint]`` in ``pyproject.toml``, found upward."""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .findings import Severity
from .redirects import redirect_all

KEYS = {
    "select", "ignore", "extend-select", "severity", "per-file-ignores", "rounding-tolerance", "fail-on", "lang",
    "template-sentences", "sets",
}


class ConfigError(Exception):
    """A configuration problem, told in one line."""


@dataclass
class Config:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rounding_tolerance: Decimal = Decimal(0)
    fail_on: Severity = Severity.ERROR
    lang: str = "zh"
    #: sentences that legitimately repeat in every document (rule options, read by BL706)
    template_sentences: list[str] = field(default_factory=list)
    #: ``[[sets]]``: documents checked against each other besides the run as a whole ({name, paths})
    sets: list[dict] = field(default_factory=list)
    source: Path | None = None
    root: Path | None = None
    #: (old, new) for every moved rule code the configuration named (see ``redirects.py``)
    redirected: list[tuple[str, str]] = field(default_factory=list)

    def ignored_for(self, path: str) -> list[str]:
        """Codes ignored for one file, by the ``per-file-ignores`` globs (relative to the config)."""
        rel = path
        if self.root is not None:
            try:
                rel = str(Path(path).resolve().relative_to(self.root))
            except ValueError:
                pass
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                out.extend(codes)
        return out


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``budgetlint.toml``, or ``pyproject.toml`` with ``[tool.budgetlint]``, upward from ``start``."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        own = folder / "budgetlint.toml"
        if own.is_file():
            data = _load(own)
            return own, data.get("tool", {}).get("budgetlint", data)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _load(py)
            if "budgetlint" in data.get("tool", {}):
                return py, data["tool"]["budgetlint"]
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def load_config(explicit: str | None, start: Path) -> Config:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        data = _load(path)
        table = data.get("tool", {}).get("budgetlint", data) if path.name == "pyproject.toml" or "tool" in data else data
        return parse_config(table, path)
    found = find_config(start)
    if found is None:
        return Config()
    return parse_config(found[1], found[0])


def _codes(value: Any, key: str, where: str, moved: list[tuple[str, str]]) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of rule codes or prefixes")
    return redirect_all((v.strip().upper() for v in value), moved)


def parse_config(table: dict[str, Any], source: Path | None = None) -> Config:
    where = str(source) if source else "configuration"
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    cfg = Config(source=source, root=source.resolve().parent if source else None)
    if "select" in table:
        cfg.select = _codes(table["select"], "select", where, cfg.redirected)
    if "extend-select" in table:
        cfg.extend_select = _codes(table["extend-select"], "extend-select", where, cfg.redirected)
    if "ignore" in table:
        cfg.ignore = _codes(table["ignore"], "ignore", where, cfg.redirected)
    if "severity" in table:
        if not isinstance(table["severity"], dict):
            raise ConfigError(f"{where}: 'severity' must be a table of code = \"error|warning|info\"")
        try:
            cfg.severity = {
                new: Severity.parse(str(v))
                for k, v in table["severity"].items()
                for new in redirect_all([k.strip().upper()], cfg.redirected)
            }
        except ValueError as exc:
            raise ConfigError(f"{where}: severity: {exc}") from None
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
        cfg.per_file_ignores = {k: _codes(v, f"per-file-ignores.{k}", where, cfg.redirected) for k, v in pfi.items()}
    if "rounding-tolerance" in table:
        try:
            tol = Decimal(str(table["rounding-tolerance"]))
        except InvalidOperation:
            raise ConfigError(f"{where}: 'rounding-tolerance' must be a number of units in the last place") from None
        if tol < 0:
            raise ConfigError(f"{where}: 'rounding-tolerance' must not be negative")
        cfg.rounding_tolerance = tol
    if "fail-on" in table:
        try:
            cfg.fail_on = Severity.parse(str(table["fail-on"]))
        except ValueError as exc:
            raise ConfigError(f"{where}: fail-on: {exc}") from None
    if "lang" in table:
        if table["lang"] not in ("zh", "en"):
            raise ConfigError(f"{where}: 'lang' must be \"zh\" or \"en\"")
        cfg.lang = table["lang"]
    if "template-sentences" in table:
        value = table["template-sentences"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: 'template-sentences' must be a list of sentences")
        cfg.template_sentences = value
    if "sets" in table:
        cfg.sets = _sets(table["sets"], where)
    return cfg


def _sets(value: Any, where: str) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: 'sets' must be an array of tables ([[sets]] with name and paths)")
    out = []
    for i, entry in enumerate(value):
        unknown = sorted(set(entry) - {"name", "paths"})
        if unknown:
            raise ConfigError(f"{where}: sets[{i}]: unknown key {unknown[0]!r} (known: name, paths)")
        paths = entry.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{where}: sets[{i}]: 'paths' must be a non-empty list of paths or globs")
        out.append({"name": str(entry.get("name", f"sets[{i}]")), "paths": paths})
    return out


def validate_codes(cfg: Config, known: list[str]) -> None:
    """Every code or prefix named in the configuration must match at least one rule."""
    named = [*cfg.select, *cfg.extend_select, *cfg.ignore, *cfg.severity]
    for codes in cfg.per_file_ignores.values():
        named.extend(codes)
    for code in named:
        if code == "ALL":
            continue
        if not any(k.startswith(code) for k in known):
            raise ConfigError(f"{cfg.source or 'configuration'}: unknown rule code or prefix {code!r}")


def is_selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """flake8/ruff semantics: the longest matching prefix decides; ``ALL`` is the empty prefix."""

    def best(prefixes: list[str]) -> int:
        lengths = [0 if p == "ALL" else len(p) for p in prefixes if p == "ALL" or code.startswith(p)]
        return max(lengths, default=-1)

    s, i = best(select), best(ignore)
    return s >= 0 and s > i
