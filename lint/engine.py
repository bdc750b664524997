"""The engine: collects inputs, reads them, runs the selected rules, applies severity and ignores."""

from __future__ import annotations

import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

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
    timed_out: bool = False
    card: Any = None  # the document's summary for set rules (budgetlint.sets.Card), when any are selected
    meta: dict[str, Any] = field(default_factory=dict)  # title, unit, kind, year, tables (see describe_document)

    @property
    def status(self) -> str:
        """``ok``, ``unreadable`` or ``timeout``: one word a batch summary can sort by."""
        if self.timed_out:
            return "timeout"
        return "unreadable" if self.error else "ok"


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
        from .sets import SetRule

        self.set_rules = tuple(r for r in self.rules if issubclass(r, SetRule))
        self.context = Context(
            Rounding(self.config.rounding_tolerance),
            {"template-sentences": tuple(self.config.template_sentences)},
        )

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
            if ignored and is_selected(rule_cls.code, ignored, []) or rule_cls in self.set_rules:
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
        result.meta = describe_document(doc)
        if self.set_rules:
            from .sets import card_of

            result.card = card_of(doc, result.meta)
        return result

    def check_sets(self, files: list[FileResult]) -> None:
        """Run the set rules over the documents of one run (after each document's own rules)."""
        if self.set_rules:
            from .sets import run_set_rules

            run_set_rules(self.set_rules, files, self.context, self.config.sets, self.config.root)

    def run(self, paths: Iterable[str], stdin: bytes | None = None) -> Report:
        files = []
        for path in collect(paths, self.registry.readers):
            if path == "-":
                data = stdin if stdin is not None else sys.stdin.buffer.read()
                files.append(self.lint_path("<stdin>", data))
            else:
                files.append(self.lint_path(path))
        self.check_sets(files)
        return Report(files, self.rules)


def describe_document(doc: Document) -> dict[str, Any]:
    """What a batch summary or a report header says of a document: title, unit, kind, year, tables."""
    from .recognise.recognition import recognise

    recognition = doc.derive(recognise)
    opening = [text.strip() for text, _ in list(doc.iter_text())[:12]]
    at = next((i for i, text in enumerate(opening) if len(text) <= 60 and _TITLE.search(text)), None)
    title = opening[at] if at is not None else ""
    return {
        "title": title,
        "unit": _unit(opening, at),
        "level": m.group(1) if (m := _LEVEL.search(title)) else "",
        "kind": recognition.doc_kind or "",
        "year": recognition.year,
        "tables": sum(1 for t in recognition.tables if t.kind and t.continued_from is None),
    }


def _unit(opening: list[str], at: int | None) -> str:
    """The unit: a 预算主管部门/单位名称 line, else the title's own prefix, else the line above the title."""
    for text in opening:
        if m := _UNIT_LINE.match(text):
            return m.group(1).strip()
    if at is None:
        return ""
    if (m := _UNIT_OF_TITLE.match(opening[at].replace(" ", ""))) and not _REGION_ONLY.search(m.group(1)):
        return m.group(1)
    above = opening[at - 1] if at > 0 else ""
    return above if 2 <= len(above) <= 40 and not _DIGIT.search(above) else ""


_LEVEL = re.compile(r"(部门|单位)\s*(?:预算|决算)")
_TITLE = re.compile(r"(?:决算|预算|自评|评价)(?:报告|表|公开)?|绩效")
_UNIT_LINE = re.compile(r"^(?:预算主管部门|预算单位|主管部门|单位名称|部门名称|编制单位|编制部门)\s*[:：]\s*(.{2,40})$")
_UNIT_OF_TITLE = re.compile(r"^(.{2,40}?)(?:20\d{2}\s*年)")
_REGION_ONLY = re.compile(r"(?:省|市|区|县|自治州|旗)$")
_DIGIT = re.compile(r"\d")


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set = set()
    out = []
    for f in findings:
        key = (f.code, f.location, f.anchor, f.text("zh"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
