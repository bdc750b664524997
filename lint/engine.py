"""The engine: collects inputs, reads them, runs the selected rules, applies severity and ignores."""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .config import Config, is_selected
from .findings import Finding, Severity
from .model import Document
from .plugins import Registry
from .readers import ReadError, read_path
from .rounding import Rounding
from .rule import Context, Rule

SUFFIXES = {".txt", ".md", ".text", ".pdf"}


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    pages: int = 0
    source: str = ""
    rule_errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    files: list[FileResult]
    rules: tuple[type[Rule], ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> list[str]:
        """One line per input that could not be read or rule that crashed."""
        out = [f"{r.path}: {r.error}" for r in self.files if r.error]
        out += [f"{r.path}: {e}" for r in self.files for e in r.rule_errors]
        return out


def collect(paths: Iterable[str], extra_suffixes: Iterable[str] = ()) -> list[str]:
    """Expand directories to the documents inside them (sorted); keep files and ``-`` as given."""
    suffixes = SUFFIXES | {s.lower() for s in extra_suffixes}
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(
                str(f) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in suffixes and not f.name.startswith(".")
            )
        else:
            out.append(p)
    return out


class Linter:
    def __init__(self, registry: Registry, config: Config | None = None):
        self.registry = registry
        self.config = config or Config()
        select = [*self.config.select, *self.config.extend_select]
        self.rules: tuple[type[Rule], ...] = tuple(
            r for r in registry.rules if is_selected(r.code, select, self.config.ignore)
        )
        self.context = Context(Rounding(self.config.rounding_tolerance))

    def read(self, path: str, data: bytes | None = None) -> Document:
        suffix = Path(path).suffix.lower()
        reader = self.registry.readers.get(suffix)
        if reader is not None and suffix not in SUFFIXES:
            if data is None:
                try:
                    data = Path(path).read_bytes()
                except OSError as exc:
                    raise ReadError(f"cannot read: {exc.strerror or exc}") from None
            return reader(data, path)
        return read_path(path, data)

    def lint_document(self, doc: Document, result: FileResult | None = None) -> list[Finding]:
        ignored = self.config.ignored_for(doc.path)
        findings: list[Finding] = []
        for rule_cls in self.rules:
            if ignored and is_selected(rule_cls.code, ignored, []):
                continue
            try:
                produced = list(rule_cls().check(doc, self.context) or ())
            except Exception as exc:  # a broken rule must not take the batch down
                where = traceback.extract_tb(exc.__traceback__)[-1]
                message = (
                    f"rule {rule_cls.code} ({rule_cls.origin}) crashed: {type(exc).__name__}: {exc} "
                    f"[{Path(where.filename).name}:{where.lineno}]"
                )
                if result is not None:
                    result.rule_errors.append(message)
                else:
                    raise
                continue
            for finding in produced:
                override = self.config.severity.get(finding.code)
                findings.append(finding.with_severity(override) if override else finding)
        findings.sort(key=Finding.sort_key)
        return _dedupe(findings)

    def lint_path(self, path: str, data: bytes | None = None) -> FileResult:
        result = FileResult(path)
        try:
            doc = self.read(path, data)
        except ReadError as exc:
            result.error = str(exc)
            return result
        except Exception as exc:  # a reader bug: still one line, and the batch goes on
            result.error = f"internal error while reading ({type(exc).__name__}: {exc})"
            return result
        result.pages, result.source = doc.pages, doc.source
        result.findings = self.lint_document(doc, result)
        return result

    def run(self, paths: Iterable[str], stdin: bytes | None = None) -> Report:
        files = []
        for path in collect(paths, self.registry.readers):
            if path == "-":
                data = stdin if stdin is not None else sys.stdin.buffer.read()
                files.append(self.lint_path("<stdin>", data))
            else:
                files.append(self.lint_path(path))
        return Report(files, self.rules)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set = set()
    out = []
    for f in findings:
        key = (f.code, f.location, f.anchor, f.text("zh"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
