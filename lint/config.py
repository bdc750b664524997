"""Configuration from ``budgetlint.toml`` or ``[tool.budgetlint]`` in ``pyproject.toml``, found upward."""

from __future__ import annotations

import difflib
import fnmatch
import re
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .findings import Severity
from .redirects import redirect_all

# A documented family (BL1 … BL9) is a valid prefix even before it has rules, as ruff accepts a linter's prefix.
_FAMILY = re.compile(r"^BL[1-9]$")

KEYS = {
    "select", "ignore", "extend-select", "severity", "per-file-ignores", "rounding-tolerance", "fail-on", "lang",
    "template-sentences", "sets", "documents", "include", "extend-include", "exclude", "extend-exclude", "suppress",
}
# Documents are PDFs or extracted text; Markdown only where it holds a budget document (or is included).
DEFAULT_INCLUDE = ("*.pdf", "*.txt", "*.text")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", "_build", "buck-out",
)
SUPPRESS_KEYS = {"rule", "fingerprint", "path", "page", "line", "reason"}


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
    #: ``[[documents]]``: files checked as one document (a workbook plus a Word document) ({name, paths})
    documents: list[dict] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    extend_include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)
    source: Path | None = None
    root: Path | None = None
    #: (old, new) for every moved rule code the configuration named (see ``redirects.py``)
    redirected: list[tuple[str, str]] = field(default_factory=list)

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the configuration's folder (POSIX form), or as given outside it."""
        if self.root is not None:
            try:
                return Path(path).resolve().relative_to(self.root).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()

    def is_excluded(self, path: str | Path) -> bool:
        """ruff's semantics: a pattern matches the path relative to the configuration, or any one of its parts."""
        rel = self.relative(path)
        parts = Path(rel).parts
        for pattern in (*self.exclude, *self.extend_exclude):
            pattern = pattern.rstrip("/")
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
                return True
            if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
                return True
        return False

    def is_included(self, path: str | Path) -> bool:
        """Whether a file found in a folder is a document by its name (``.md`` is decided by content)."""
        rel, name = self.relative(path), Path(path).name
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in (*self.include, *self.extend_include))

    def suppression_for(self, finding, path: str) -> Suppression | None:
        return next((s for s in self.suppress if s.matches(finding, self.relative(path))), None)

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


@dataclass(frozen=True)
class Suppression:
    """A finding accepted with a reason, for documents that cannot carry comments."""

    rule: str
    reason: str
    fingerprint: str | None = None
    path: str | None = None  # glob relative to the configuration's folder, or a file name
    page: int | None = None
    line: int | None = None
    #: the file that holds it (the configuration, or a baseline): where a SARIF suppression points
    origin: str | None = None
    #: "configuration" ([[suppress]]) or "baseline" (``--baseline``)
    source: str = "configuration"

    def matches(self, finding, rel_path: str) -> bool:
        if finding.code != self.rule:
            return False
        if self.fingerprint is not None:
            return finding.fingerprint() == self.fingerprint
        loc = finding.location
        if self.path is not None and not (
            fnmatch.fnmatch(rel_path, self.path) or fnmatch.fnmatch(Path(loc.path).name, self.path)
        ):
            return False
        if self.page is not None and loc.page != self.page:
            return False
        if self.line is not None and not ((loc.line or 0) <= self.line <= (loc.end_line or loc.line or 0)):
            return False
        return True


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
    for key in ("include", "extend-include", "exclude", "extend-exclude"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: '{key}' must be a list of glob patterns")
            setattr(cfg, key.replace("-", "_"), list(value))
    if "suppress" in table:
        cfg.suppress = _suppressions(table["suppress"], where, str(source) if source else None)
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
    if "documents" in table:
        cfg.documents = _sets(table["documents"], where, "documents")
    return cfg


def _sets(value: Any, where: str, key: str = "sets") -> list[dict]:
    """``[[sets]]`` or ``[[documents]]``: tables of a name and a non-empty list of paths or globs."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: '{key}' must be an array of tables ([[{key}]] with name and paths)")
    out = []
    for i, entry in enumerate(value):
        unknown = sorted(set(entry) - {"name", "paths"})
        if unknown:
            raise ConfigError(f"{where}: {key}[{i}]: unknown key {unknown[0]!r} (known: name, paths)")
        paths = entry.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{where}: {key}[{i}]: 'paths' must be a non-empty list of paths or globs")
        out.append({"name": str(entry.get("name", f"{key}[{i}]")), "paths": paths})
    return out


def _suppressions(value: Any, where: str, origin: str | None = None) -> list[Suppression]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: 'suppress' must be an array of tables ([[suppress]])")
    out = []
    for i, entry in enumerate(value, start=1):
        at = f"{where}: suppress #{i}"
        unknown = sorted(set(entry) - SUPPRESS_KEYS)
        if unknown:
            raise ConfigError(f"{at}: unknown key {unknown[0]!r} (known: {', '.join(sorted(SUPPRESS_KEYS))})")
        if not isinstance(entry.get("rule"), str) or not entry["rule"].strip():
            raise ConfigError(f"{at}: 'rule' (a rule code) is required")
        if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
            raise ConfigError(f"{at}: 'reason' is required: say why the finding is accepted")
        if not any(k in entry for k in ("fingerprint", "page", "line")):
            raise ConfigError(f"{at}: give 'fingerprint', or 'page' or 'line' (with 'path'), to say which finding")
        for key in ("page", "line"):
            if key in entry and (not isinstance(entry[key], int) or entry[key] < 1):
                raise ConfigError(f"{at}: '{key}' must be a positive integer")
        for key in ("fingerprint", "path"):
            if key in entry and not isinstance(entry[key], str):
                raise ConfigError(f"{at}: '{key}' must be a string")
        out.append(
            Suppression(
                rule=entry["rule"].strip().upper(),
                reason=entry["reason"].strip(),
                fingerprint=entry.get("fingerprint"),
                path=entry.get("path"),
                page=entry.get("page"),
                line=entry.get("line"),
                origin=origin,
            )
        )
    return out


def validate_codes(cfg: Config, known: list[str], where: str | None = None) -> None:
    """Every code or prefix named in the configuration must match at least one rule."""
    named = [*cfg.select, *cfg.extend_select, *cfg.ignore, *cfg.severity, *(s.rule for s in cfg.suppress)]
    for codes in cfg.per_file_ignores.values():
        named.extend(codes)
    for code in named:
        if code == "ALL" or _FAMILY.match(code):
            continue
        if not any(k.startswith(code) for k in known):
            hint = suggest_code(code, known)
            raise ConfigError(
                f"{where or cfg.source or 'configuration'}: unknown rule code or prefix {code!r}"
                + (f" (did you mean {hint}?)" if hint else "")
            )


_LOOKALIKE = str.maketrans({"L": "1", "I": "1", "O": "0"})


def suggest_code(code: str, known: Iterable[str]) -> str | None:
    """A rule code for a misspelt one: look-alike letters first (``BL10l`` is BL101), then the closest."""
    known = list(known)
    fixed = code[:2] + code[2:].upper().translate(_LOOKALIKE)
    if fixed in known or any(k.startswith(fixed) for k in known) and fixed != code:
        return fixed
    return suggest(code, known)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word`` (difflib, as git and ruff's clap do), or None."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def is_selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """flake8/ruff semantics: the longest matching prefix decides; ``ALL`` is the empty prefix."""

    def best(prefixes: list[str]) -> int:
        lengths = [0 if p == "ALL" else len(p) for p in prefixes if p == "ALL" or code.startswith(p)]
        return max(lengths, default=-1)

    s, i = best(select), best(ignore)
    return s >= 0 and s > i


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; they win over every configuration file."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: Severity | None = None
    lang: str | None = None
    exclude: list[str] | None = None
    extend_exclude: list[str] | None = None

    def apply(self, cfg: Config) -> Config:
        out = replace(cfg, redirected=list(cfg.redirected))
        if self.select:
            out.select = redirect_all(self.select, out.redirected)
        if self.extend_select:
            out.extend_select = [*cfg.extend_select, *redirect_all(self.extend_select, out.redirected)]
        if self.ignore:
            out.ignore = [*cfg.ignore, *redirect_all(self.ignore, out.redirected)]
        if self.fail_on is not None:
            out.fail_on = self.fail_on
        if self.lang:
            out.lang = self.lang
        if self.exclude is not None:
            out.exclude = list(self.exclude)
        if self.extend_exclude:
            out.extend_exclude = [*cfg.extend_exclude, *self.extend_exclude]
        return out


class Resolver:
    """Each file's configuration, as ruff and sqlfluff find it: the nearest ``budgetlint.toml`` or
    ``pyproject.toml`` with ``[tool.budgetlint]`` above the file (``--config`` for all), overrides applied.

    Configuration files are read and checked once each; folders are cached.
    """

    def __init__(
        self,
        explicit: str | None = None,
        overrides: Overrides = Overrides(),
        known: Iterable[str] = (),
        fixed: Config | None = None,
    ):
        self.overrides = overrides
        self.known = list(known)
        self._by_source: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Config] = {}
        self.fixed = fixed
        if self.known:
            named = Config(
                select=redirect_all(overrides.select or []),
                extend_select=redirect_all(overrides.extend_select or []),
                ignore=redirect_all(overrides.ignore or []),
            )
            validate_codes(named, self.known, where="command line")
        if explicit:
            self.fixed = self._finish(load_config(explicit, Path.cwd()))

    def _finish(self, cfg: Config) -> Config:
        cfg = self.overrides.apply(cfg)
        if self.known:
            validate_codes(cfg, self.known)
        return cfg

    def for_folder(self, folder: Path) -> Config:
        if self.fixed is not None:
            return self.fixed
        folder = folder.resolve()
        if folder not in self._by_folder:
            # a name that is not on disk (--stdin-filename drafts/x.txt) takes the configuration of the
            # nearest folder above it that is
            real = next((f for f in (folder, *folder.parents) if f.is_dir()), None)
            found = find_config(real) if real is not None else None
            source = found[0] if found else None
            if source not in self._by_source:
                self._by_source[source] = self._finish(parse_config(found[1], found[0]) if found else Config())
            self._by_folder[folder] = self._by_source[source]
        return self._by_folder[folder]

    def for_path(self, path: str | Path) -> Config:
        p = Path(path)
        return self.for_folder(p if p.is_dir() else p.parent)

    def redirected(self) -> list[tuple[str, str]]:
        """Every moved code named by the command line or a configuration read so far, once."""
        configs = [self.fixed] if self.fixed is not None else list(self._by_source.values())
        return list(dict.fromkeys(pair for cfg in configs for pair in cfg.redirected))

    @property
    def global_config(self) -> Config:
        """The settings for the run as a whole (language): ``--config``, else the working directory's."""
        return self.fixed or self.for_folder(Path.cwd())
