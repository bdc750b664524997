"""Terminal output: one finding a line, ``path:line: CODE [severity] message``, then a summary."""

from __future__ import annotations

from ..engine import Report
from ..findings import Severity
from ..model import Location


def where(loc: Location) -> str:
    if loc.line is not None:
        return f"{loc.path}:{loc.line}"
    if loc.page is not None:
        return f"{loc.path}#page={loc.page}"
    return loc.path


def render_text(report: Report, lang: str = "zh") -> str:
    lines = []
    for result in report.files:
        for f in result.findings:
            lines.append(f"{where(f.location)}: {f.code} [{f.severity.label}] {f.text(lang)}")
    n = len(report.findings)
    e, w, i = (report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    read = sum(1 for r in report.files if not r.error)
    unreadable = len(report.files) - read
    if lang == "en":
        summary = f"{n} finding{'s' if n != 1 else ''} ({e} error, {w} warning, {i} info) in {read} file{'s' if read != 1 else ''}"
        if unreadable:
            summary += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read"
    else:
        summary = f"共 {n} 项发现（错误 {e}，警告 {w}，提示 {i}），检查文件 {read} 个"
        if unreadable:
            summary += f"；{unreadable} 个文件无法读取"
    lines.append(summary)
    return "\n".join(lines) + "\n"
