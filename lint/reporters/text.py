"""Terminal output: one finding a line, ``path:line: CODE [severity] message``, its other places indented under it."""

from __future__ import annotations

from collections import Counter

from ..engine import Report
from ..findings import Finding, Severity
from ..model import Location

_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def where(loc: Location) -> str:
    """``path:12``, ``path#page=3``, ``path!sheet!E12``, or ``path:¶12`` / ``path!表3!R5`` with the start of its text."""
    return loc.describe() + (f" 「{loc.quote}」" if loc.quote else "")


def _short(loc: Location) -> str:
    """The place within its file, for the grouped format: ``12``, ``page 3``, ``sheet!E12``."""
    if loc.sheet is not None:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"{loc.line}" if loc.line is not None else f"page {loc.page}" if loc.page else ""


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def severity_tag(f: Finding, report: Report, lang: str = "zh") -> str:
    """``[warning]``; when this finding is not at its rule's severity, why: ``[info: <the rule's reason>;
    rule default warning]``, or ``[info: set in configuration; rule default warning]``."""
    rule = next((r for r in report.rules if r.code == f.code), None)
    if rule is not None and rule.severity != f.severity:
        if f.configured:
            why = "配置中设定" if lang == "zh" else "set in configuration"
        else:
            why = f.lowered.get(lang) or f.lowered.get("zh") or ""
        return f"[{f.severity.label}: {why}; rule default {rule.severity.label}]" if why else f"[{f.severity.label}; rule default {rule.severity.label}]"
    return f"[{f.severity.label}]"


def _related(f: Finding, indent: str) -> list[str]:
    return [f"{indent}{where(loc)}" + (f"  {role}" if role else "") for loc, role in f.related]


def render_text(report: Report, lang: str = "zh", color: bool = False) -> str:
    lines = []
    for result in report.files:
        for f in result.findings:
            head = _paint(where(f.location), "1", color)
            tag = _paint(f"{f.code} {severity_tag(f, report, lang)}", _COLOR[f.severity], color)
            lines.append(f"{head}: {tag} {f.text(lang)}")
            lines += _related(f, "    ")
    lines.append(summary(report, lang))
    return "\n".join(lines) + "\n"


def render_grouped(report: Report, lang: str = "zh", color: bool = False) -> str:
    """ruff's grouped format: a heading per file, its findings under it."""
    lines = []
    for result in report.files:
        if not result.findings:
            continue
        lines.append(_paint(result.path, "1", color) + ":")
        for f in result.findings:
            at = _short(f.location)
            tag = _paint(f"{f.code} {severity_tag(f, report, lang)}", _COLOR[f.severity], color)
            lines.append(f"  {at}: {tag} {f.text(lang)}")
            lines += _related(f, "      ")
        lines.append("")
    lines.append(summary(report, lang))
    return "\n".join(lines) + "\n"


def render_statistics(report: Report, lang: str = "zh") -> str:
    """ruff's ``--statistics``: findings per rule, most frequent first."""
    counts = Counter(f.code for f in report.findings)
    names = {r.code: r for r in report.rules}
    lines = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = names.get(code)
        lines.append(f"{n:>5}  {code}  {rule.name if rule else ''}  [{rule.severity.label if rule else '?'}]".rstrip())
    lines.append(summary(report, lang))
    return "\n".join(lines) + "\n"


def summary(report: Report, lang: str) -> str:
    n = len(report.findings)
    e, w, i = (report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    read = len(report.checked)
    unreadable = sum(1 for r in report.files if r.error)
    partly = sum(1 for r in report.files if r.incomplete)
    by_config = sum(1 for _, s in report.suppressed if s.source != "baseline")
    by_baseline = len(report.suppressed) - by_config
    if lang == "en":
        out = f"{n} finding{'s' if n != 1 else ''} ({e} error, {w} warning, {i} info) in {read} file{'s' if read != 1 else ''}"
        if by_config:
            out += f"; {by_config} suppressed in configuration"
        if by_baseline:
            out += f"; {by_baseline} in the baseline"
        if unreadable:
            out += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read"
        if partly:
            out += f"; {partly} file{'s' if partly != 1 else ''} checked in part (damaged)"
        return out
    out = f"共 {n} 项发现（错误 {e}，警告 {w}，提示 {i}），检查文件 {read} 个"
    if by_config:
        out += f"；配置中抑制 {by_config} 项"
    if by_baseline:
        out += f"；基线中已有 {by_baseline} 项"
    if unreadable:
        out += f"；{unreadable} 个文件无法读取"
    if partly:
        out += f"；{partly} 个文件已损坏，仅部分检查"
    return out
