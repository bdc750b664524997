"""The engine: collects inputs, reads them, runs the selected rules, applies severity and ignores."""

from __future__ import annotations

import gc
import re
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator

from .amounts import arithmetic
from .config import Config, Resolver, Suppression, is_selected
from .findings import Finding, Severity
from .model import Document
from .ocr import mark_ocr
from .plugins import Registry
from .readers import ReadError, read_bytes, read_path
from .recognise.presence import budget_evidence
from .recognise.recognition import recognise
from .root_cause import merge_root_causes
from .rounding import Rounding
from .rule import Context, Rule
from .selection import Candidate, Selection, select_inputs

SUFFIXES = {".txt", ".md", ".text", ".pdf"}


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    pages: int = 0
    source: str = ""
    rule_errors: list[str] = field(default_factory=list)
    incomplete: str | None = None  # read in part (pages of a damaged PDF left out): the findings are those of the rest
    timed_out: bool = False
    card: Any = None  # the document's summary for set rules (budgetlint.sets.Card), when any are selected
    meta: dict[str, Any] = field(default_factory=dict)  # title, unit, kind, year, tables (see describe_document)
    no_document: bool = False  # read, but it holds no budget document: not checked
    suppressed: list[tuple[Finding, Suppression]] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)  # what the reader and recognisers decided (--verbose)
    fail_on: Severity = Severity.ERROR
    members: tuple[str, ...] = ()  # the files read as this one document (--as-one, [[documents]])

    @property
    def status(self) -> str:
        """``ok``, ``unreadable``, ``timeout`` or ``no-document``: one word a batch summary can sort by."""
        if self.timed_out:
            return "timeout"
        if self.error:
            return "unreadable"
        return "no-document" if self.no_document else "ok"

    @property
    def checked(self) -> bool:
        return self.error is None and not self.no_document


@dataclass
class Report:
    files: list[FileResult]
    rules: tuple[type[Rule], ...]
    selection: Selection = field(default_factory=Selection)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) left out quietly

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def checked(self) -> list[FileResult]:
        return [r for r in self.files if r.checked]

    @property
    def suppressed(self) -> list[tuple[Finding, Suppression]]:
        return [s for r in self.files for s in r.suppressed]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> list[str]:
        """One line per input that could not be read or rule that crashed."""
        out = [f"{r.path}: {r.error or r.incomplete}" for r in self.files if r.error or r.incomplete]
        out += [f"{r.path}: {e}" for r in self.files for e in r.rule_errors]
        return out

    @property
    def warnings(self) -> list[str]:
        """One line per named file that was read but holds no budget document."""
        return [f"{r.path}: {NO_DOCUMENT}" for r in self.files if r.no_document]

    def failing(self) -> list[Finding]:
        """Findings at or above their file's ``fail-on``."""
        return [f for r in self.files for f in r.findings if f.severity >= r.fail_on]


NO_DOCUMENT = "no budget document recognised (no standard table, no table of amounts, no title naming a year and a budget); not checked"


def collect(paths: Iterable[str], extra_suffixes: Iterable[str] = ()) -> list[str]:
    """The files a run over ``paths`` would check, with the default configuration."""
    return [c.path for c in select_inputs(paths, Resolver(), extra_suffixes).candidates]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one document is read and linted, as it was before afterwards.

    A document's model and facts are millions of objects that live until its findings are out, and
    each full collection walks all of them again: on a 20 MB text 15% of the CPU time, growing
    faster than the text. What a read or a rule builds is freed by reference counting (peak RSS of
    that text is the same with the collector off); any cycle left is collected once it is on again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Linter:
    """Reads files, runs the rules each file's configuration selects, applies severities and suppressions.

    ``config`` applies to every file; a ``resolver`` finds each file's own configuration instead.
    """

    def __init__(self, registry: Registry, config: Config | None = None, *, resolver: Resolver | None = None):
        self.registry = registry
        self.resolver = resolver or Resolver(fixed=config or Config())
        self._rules: dict[int, tuple[type[Rule], ...]] = {}
        self._contexts: dict[int, Context] = {}

    @property
    def config(self) -> Config:
        return self.resolver.global_config

    @property
    def rules(self) -> tuple[type[Rule], ...]:
        return self.rules_for(self.config)

    def rules_for(self, cfg: Config) -> tuple[type[Rule], ...]:
        if id(cfg) not in self._rules:
            select = [*cfg.select, *cfg.extend_select]
            self._rules[id(cfg)] = tuple(r for r in self.registry.rules if is_selected(r.code, select, cfg.ignore))
            self._contexts[id(cfg)] = Context(
                Rounding(cfg.rounding_tolerance), {"template-sentences": tuple(cfg.template_sentences)}
            )
        return self._rules[id(cfg)]

    @property
    def context(self) -> Context:
        """The rule context (rounding, options) of the run's configuration."""
        self.rules_for(self.config)
        return self._contexts[id(self.config)]

    @property
    def set_rules(self) -> tuple[type[Rule], ...]:
        """Rules over several documents (``sets.SetRule``), as the run's configuration selects them."""
        from .sets import SetRule

        return tuple(r for r in self.rules if issubclass(r, SetRule))

    def read(self, path: str, data: bytes | None = None) -> Document:
        if data is None:
            data = read_bytes(path)
        suffix = Path(path).suffix.lower()
        reader = self.registry.readers.get(suffix)
        if reader is None:
            return read_path(path, data)  # by content, with a hint for formats no reader takes
        if not data.strip():
            raise ReadError("empty file")
        return reader(data, path)

    def lint_document(
        self, doc: Document, result: FileResult | None = None, config: Config | None = None,
        members: dict[str, Config] | None = None,
    ) -> list[Finding]:
        """The findings of ``doc`` under ``config`` (else its path's). ``members``: for a document joined from
        several files, each file's own configuration, which judges the findings located in that file."""
        with arithmetic(), collector_paused():
            return self._lint(doc, result, config, members)

    def _lint(self, doc: Document, result: FileResult | None, config: Config | None, members: dict[str, Config] | None) -> list[Finding]:
        cfg = config or self.resolver.for_path(doc.path)
        rules = self.rules_for(cfg)
        if members:  # every rule any member's configuration selects; each finding is then judged by its own file's
            chosen = {r for m in members.values() for r in self.rules_for(m)}
            rules = tuple(r for r in self.registry.rules if r in chosen)
        context = self._contexts[id(cfg)]
        ignored = [] if members else cfg.ignored_for(doc.path)
        findings: list[Finding] = []
        set_rules = self.set_rules
        active = [
            r for r in rules
            if not (ignored and is_selected(r.code, ignored, []) or r in set_rules or doc.unchecked_pages and r.needs_every_page)
        ]
        afterwards: tuple = (recognise,)  # what is read after the rules: describe_document's, the set rules' card's
        if set_rules:
            from .sets import card_analyses

            afterwards += card_analyses()
        order = _run_order(active, afterwards)
        crashed: dict[type[Rule], str] = {}
        for rule_cls, keep in zip(order, _still_used(order, afterwards)):
            try:
                produced = list(rule_cls().check(doc, context) or ())
            except Exception as exc:  # a broken rule must not take the batch down
                where = traceback.extract_tb(exc.__traceback__)[-1]
                message = (
                    f"rule {rule_cls.code} ({rule_cls.origin}) crashed: {type(exc).__name__}: {exc} "
                    f"[{Path(where.filename).name}:{where.lineno}]"
                )
                if result is None:
                    raise
                crashed[rule_cls] = message
                produced = []
            if keep is not None:
                doc.release(keep)  # the analyses no rule still to run asks for
            for finding in produced:
                own = members.get(finding.location.path, cfg) if members else cfg
                if members and not _selected_in(finding, own):
                    continue
                override = own.severity.get(finding.code)
                findings.append(finding.with_severity(override) if override else finding)
        doc.release(afterwards)
        if result is not None:
            result.rule_errors += [crashed[r] for r in active if r in crashed]  # in the rules' order, as they are listed
        if doc.unchecked_pages:
            findings = [f for f in findings if not _touches(f, doc.unchecked_pages)]
        findings.sort(key=Finding.sort_key)
        # a suppression names a finding as reported: one of the identities a wrong cell breaks (then the
        # others are reported without it), or the merged finding itself
        findings = _suppress(cfg, doc.path, _dedupe(findings), result, members)
        findings = _suppress(cfg, doc.path, merge_root_causes(doc, findings), result, members)
        return mark_ocr(doc, findings, frozenset(r.code for r in rules if r.needs_every_page)) if doc.ocr_pages else findings

    def lint_path(
        self, path: str, data: bytes | None = None, *, candidate: Candidate | None = None, verbose: bool = False
    ) -> FileResult:
        """Read and lint one file. In a batch (``candidate`` given) a file holding no budget document is not linted."""
        with collector_paused():
            return self._lint_path(path, data, candidate, verbose)

    def _lint_path(self, path: str, data: bytes | None, candidate: Candidate | None, verbose: bool) -> FileResult:
        cfg = self.resolver.for_path(path if path != "<stdin>" else Path.cwd())
        result = FileResult(path, fail_on=cfg.fail_on)
        try:
            doc = self.read(path, data)
        except ReadError as exc:
            result.error = str(exc)
            if verbose and exc.detail:
                result.decisions.append(f"reader: {exc.detail}")
            return result
        except Exception as exc:  # a reader bug: still one line, and the batch goes on
            result.error = f"internal error while reading ({type(exc).__name__}: {exc})"
            return result
        result.pages, result.source = doc.pages, doc.source
        result.incomplete = doc.damage or None
        if candidate is not None:
            evidence = budget_evidence(doc)
            if evidence is None:
                result.no_document = True
                return result
            if verbose:
                result.decisions = decisions(doc, evidence, cfg)
        result.findings = self.lint_document(doc, result, cfg)
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

    def select(
        self, paths: Iterable[str], force_exclude: bool = False, as_one: bool = False, stdin_filename: str | None = None
    ) -> Selection:
        """The files a run over ``paths`` checks (see :mod:`selection`); ``as_one`` joins them into one document,
        and each ``[[documents]]`` entry of the configuration joins its files (see :mod:`joined`)."""
        from .joined import as_one as join, group

        selection = select_inputs(paths, self.resolver, set(self.registry.readers) - SUFFIXES, force_exclude, stdin_filename)
        readable = [c for c in selection.candidates if c.error is None and c.path != "-"]
        if as_one and len(readable) >= 2:
            others = [c for c in selection.candidates if c not in readable]
            selection.candidates = [join(readable), *others]
        elif self.config.documents:
            selection.candidates = group(selection.candidates, self.config.documents, self.config.root)
        return selection

    def lint_members(self, candidate: Candidate, verbose: bool = False) -> FileResult:
        """Read each file of a joined candidate and lint their blocks as one document.

        A file that cannot be read is named (one line, the run incomplete) and the others are checked as one.
        """
        from .joined import join_documents

        # the first file's configuration reads the document (rounding, rule options); each file's own decides
        # which findings located in it are reported, how severe, and which are suppressed; the strictest fail-on
        own = {path: self.resolver.for_path(path) for path in candidate.members}
        cfg = own[candidate.members[0]]
        result = FileResult(candidate.path, fail_on=min(c.fail_on for c in own.values()), members=candidate.members)
        docs, lost = [], []
        for path in candidate.members:
            try:
                docs.append(self.read(path))
            except ReadError as exc:
                lost.append(f"{path}: {exc}")
                if verbose and exc.detail:
                    result.decisions.append(f"reader: {path}: {exc.detail}")
            except Exception as exc:  # a reader bug: still one line, and the batch goes on
                lost.append(f"{path}: internal error while reading ({type(exc).__name__}: {exc})")
        if not docs:
            result.error = "; ".join(lost)
            return result
        doc = join_documents(docs)
        result.pages, result.source = doc.pages, doc.source
        missing = f"{'; '.join(lost)}; the other files were checked as one document without it" if lost else ""
        result.incomplete = "; ".join(filter(None, [missing, doc.damage])) or None
        if verbose:
            evidence = budget_evidence(doc) or "none (given as one document, checked anyway)"
            result.decisions = [f"one document of {len(docs)} files: {', '.join(candidate.members)}", *decisions(doc, evidence, cfg)]
            result.decisions += [f"configuration of {path}: {c.source or 'defaults'}" for path, c in own.items()]
        result.findings = self.lint_document(doc, result, cfg, own)
        result.meta = describe_document(doc)
        if self.set_rules:
            from .sets import card_of

            result.card = card_of(doc, result.meta)
        return result

    def lint_candidate(
        self, candidate: Candidate, stdin: bytes | None = None, stdin_filename: str | None = None, verbose: bool = False
    ) -> FileResult:
        if candidate.error is not None:
            return FileResult(candidate.path, error=candidate.error)
        if candidate.members:
            return self.lint_members(candidate, verbose)
        if candidate.path == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            return self.lint_path(stdin_filename or "<stdin>", data, candidate=candidate, verbose=verbose)
        return self.lint_path(candidate.path, candidate=candidate, verbose=verbose)

    def report(self, selection: Selection, results: Iterable[FileResult]) -> Report:
        """The report of a run: Markdown found in folders without a budget document is left out quietly."""
        files, skipped = [], [(p, "excluded") for p in selection.excluded]
        for candidate, result in zip(selection.candidates, results):
            if result.no_document and candidate.by_content:
                skipped.append((candidate.path, "Markdown without a budget document"))
            else:
                files.append(result)
        self.check_sets(files)
        used = {r for f in files for p in (f.members or (f.path if f.path != "<stdin>" else Path.cwd(),))
                for r in self.rules_for(self.resolver.for_path(p))}
        rules = tuple(sorted(used, key=lambda r: r.code)) if files else self.rules
        return Report(files, rules, selection, skipped)

    def run(
        self,
        paths: Iterable[str],
        stdin: bytes | None = None,
        *,
        stdin_filename: str | None = None,
        force_exclude: bool = False,
        verbose: bool = False,
        as_one: bool = False,
    ) -> Report:
        selection = self.select(paths, force_exclude, as_one, stdin_filename)
        results = [self.lint_candidate(c, stdin, stdin_filename, verbose) for c in selection.candidates]
        return self.report(selection, results)


def decisions(doc: Document, evidence: str, cfg: Config) -> list[str]:
    """What the reader and the recognisers decided about ``doc``, one line each (for ``--verbose``)."""
    rec = doc.derive(recognise)
    pages = f"{doc.pages} pages" if doc.source == "pdf" else f"{doc.pages} sheets" if doc.source == "xlsx" \
        else f"{doc.lines} paragraphs and table rows" if doc.source == "docx" else f"{doc.lines} lines"
    out = [
        f"read as {doc.source} ({pages}{', ' + doc.encoding if doc.encoding else ''}): "
        f"{len(doc.tables)} tables, {len(doc.paragraphs)} paragraphs, {len(doc.headings)} headings",
        f"configuration: {cfg.source or 'defaults'}",
        f"budget document: {evidence}; kind {rec.doc_kind or 'unknown'}, year {rec.year or 'unknown'}, "
        f"unit {rec.amount_unit or 'unknown'}",
    ]
    out += [f"reader: {text}" for text, _ in doc.notices]
    out += [f"reader: {text}" for text in doc.damage_detail]
    for st in rec.tables:
        t = st.table
        where = t.location.describe().rsplit("/", 1)[-1]
        if st.kind is None:
            head = " | ".join(c.text for c in t.rows[0] if c.text)[:60] if t.rows else ""
            out.append(
                f"table #{t.index} ({where}, {t.n_rows}x{t.n_cols}, title {t.title or 'none'}): not a standard table "
                f"(no title, marker or column headings of one; first row: {head or 'blank'})"
            )
        else:
            how = f"continues #{st.continued_from}" if st.continued_from is not None else "by title, marker or headings"
            out.append(f"table #{t.index} ({where}): {st.kind.id} {st.kind.name} ({how})")
    return out


def describe_document(doc: Document) -> dict[str, Any]:
    """What a batch summary or a report header says of a document: title, unit, kind, year, tables."""
    from .recognise.recognition import recognise

    recognition = doc.derive(recognise)
    opening = [text.strip() for text, _ in islice(doc.iter_text(), 12)]
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


def _run_order(rules: list[type[Rule]], afterwards: tuple) -> list[type[Rule]]:
    """The order the rules run in: first those that ask for nothing kept after the rules (their own analyses,
    such as the BL2xx cross-table figures, and what a rule builds for itself, such as BL706's passage index,
    are let go before the prose facts are built), then the others; each group in the registry's order.
    Findings are sorted by place and code once all have run, so the order does not show in them."""
    kept = set(afterwards)
    first = [r for r in rules if r.uses is not None and kept.isdisjoint(r.uses)]
    return first + [r for r in rules if r not in first]


def _still_used(rules: list[type[Rule]], afterwards: tuple) -> list[frozenset | None]:
    """For each rule, the analyses asked for once it has run (by the rules after it, or ``afterwards``);
    None while a rule still to run does not say what it uses (then every analysis is kept)."""
    out: list[frozenset | None] = []
    wanted, unsaid = set(afterwards), False
    for rule in reversed(rules):
        out.append(None if unsaid else frozenset(wanted))
        if rule.uses is None:
            unsaid = True
        else:
            wanted.update(rule.uses)
    return out[::-1]


def _touches(finding: Finding, pages: tuple[int, ...]) -> bool:
    """Whether a finding rests on a page the reader left out or one beside it (a table or sentence cut there)."""
    return any(loc.page in pages for loc in (finding.location, *(loc for loc, _ in finding.related)))


def _selected_in(finding: Finding, cfg: Config) -> bool:
    """Whether the configuration of the file a finding is in reports its rule (selection, per-file-ignores)."""
    path = finding.location.path
    if not is_selected(finding.code, [*cfg.select, *cfg.extend_select], cfg.ignore):
        return False
    ignored = cfg.ignored_for(path)
    return not (ignored and is_selected(finding.code, ignored, []))


def _suppress(
    cfg: Config, path: str, findings: list[Finding], result: FileResult | None, members: dict[str, Config] | None = None
) -> list[Finding]:
    """``findings`` without those a ``[[suppress]]`` entry accepts (recorded in ``result``); in a joined document
    each finding is matched against the entries of its own file's configuration, by its own file's path."""
    if not (cfg.suppress or members and any(m.suppress for m in members.values())):
        return findings
    kept = []
    for f in findings:
        if members and f.location.path in members:
            rule = members[f.location.path].suppression_for(f, f.location.path)
        else:
            rule = cfg.suppression_for(f, path)
        if rule is None:
            kept.append(f)
        elif result is not None:
            result.suppressed.append((f, rule))
    return kept


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set = set()
    out = []
    for f in findings:
        key = (f.code, f.location, f.anchor, f.text("zh"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
