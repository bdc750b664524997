"""Project summaries (自评综述) and the 项目支出绩效自评表 (ZP) they summarise, paired by project name.

A summary says "项目全年预算数为 A 万元，（到位数为 D 万元，）执行数为 B 万元，完成预算的 P%，…自评得分 S 分"; its form is
read by :mod:`evaluation_forms` in every layout it is printed in (label → value rows, column headings
over the 年度资金总额 row, a rate inside its label cell, one cell per line): the project's name, the
money line's budget, spending and rate, and the 总分.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ..amounts import Number, parse_cell
from ..model import Document, Location, Table
from ..text import rx
from . import patterns as P
from .evaluation_forms import Value, evaluation_forms
from .facts import Fact, extract_facts, text_units
from .semantic import SemanticTable


@dataclass(frozen=True)
class ProjectSummary:
    name: str
    key: str
    location: Location
    budget: Fact | None
    actual: Fact | None
    rate: Number | None
    score: Number | None
    restated: bool = False  # a later unnamed restatement of the project a 评价报告 opens with
    available: Fact | None = None  # 到位数, where the summary states it
    report: bool = False  # a 评价报告's prose (its 项目基本情况 or a restatement), not a 自评综述


@dataclass(frozen=True)
class ProjectForm:
    table: SemanticTable
    name: str
    name_location: Location
    key: str
    budget: Value | None
    actual: Value | None
    rate: Value | None
    score: Value | None
    available: Value | None = None


_BARE_SUBJECT = regex.compile(r"^(?:本|该)?项目$|^$")
_UNNAMED = regex.compile(r"^\s*(?:项目)?(?:绩效)?自评综述\s*[:：]")


_BARE_BUDGET = regex.compile(r"^(?:全年)?预算(?:数|金额)?$")
_PROJECT_BUDGET = regex.compile(r"^(?:本|该)?项目(?:总)?预算(?:数|金额)?$")
# "拟执行数为 A 万元" / "预计执行…" is a plan, not the amount spent that the form's 全年执行数 prints.
_PLANNED = regex.compile(r"^(?:拟|预计|计划)")


def project_summaries(doc: Document) -> tuple[ProjectSummary, ...]:
    facts = doc.derive(extract_facts)
    by_unit: dict[int, list[Fact]] = {}
    for f in facts.figures:
        by_unit.setdefault(f.unit_index, []).append(f)
    rates = {}
    for c in facts.completions:
        rates.setdefault((c.actual.unit_index, c.actual.index), c.percent)
    out = []
    forms = {f.table.table.index: f for f in doc.derive(project_forms)}
    tables = [b.index for b in doc.blocks if isinstance(b, Table)]
    seen_tables = 0
    report_project = None  # the project a 评价报告's 项目基本情况 names ("某某项目由…组织实施")
    units = text_units(doc)
    for i, unit in enumerate(units):
        if unit is None:
            seen_tables += 1
            continue
        text, location, _ = unit
        figures = by_unit.get(i, [])
        budgets = [f for f in figures if f.role == "budget" and f.is_money]
        # the adjusted 全年 budget the form prints; a budget named neither 全年 nor 年初 (项目预算) where it is the only one
        budget = next((f for f in budgets if "全年" in f.label), None) or (
            budgets[0] if len(budgets) == 1 and "年初" not in budgets[0].label and _PROJECT_BUDGET.search(budgets[0].label) else None
        )
        if budget is None and report_project is not None and len(budgets) == 1 and _BARE_BUDGET.search(budgets[0].label):
            budget = budgets[0]  # "全年预算 A 万元，实际支出 B 万元" restating the report's one project
        actual = next(
            (f for f in figures if budget is not None and f.index > budget.index and f.role == "actual" and f.is_money and not _PLANNED.match(f.label)),
            None,
        )
        if budget is None or actual is None:
            continue
        name, opening, restated = _name(text, budget), None, False
        if name is None and i > 0 and units[i - 1] is not None and units[i - 1][2]:
            name = _heading_name(units[i - 1][0])  # "（3）某项目" as a heading, "自评综述：…" below it
        if name is None and (opening := _OPENING_NAME.match(text)):
            name = P.clean_label(opening.group("name"))  # "某某项目由…组织实施" opens a report's 项目基本情况
        if name is None and report_project is not None and not _UNNAMED.match(text):
            name, restated = report_project, True  # "5. 预算执行率。全年预算…，实际支出…" of the report's one project
        if name is None and _UNNAMED.match(text) and seen_tables:
            # "自评综述：项目全年预算数为…" printed right under its form: the form names the project
            form = forms.get(tables[seen_tables - 1])
            name = form.name if form is not None else None
        if name is None:
            continue
        if opening and report_project is None:
            report_project = name
        score = P.SCORE.search(text)
        if score and (restated or (opening and not score.group().startswith("自评"))):
            # a 评价报告's 综合得分 is the evaluators', not the 自评总分 of its annexed form; an indicator's 实际得分 is its own
            score = None
        out.append(ProjectSummary(
            name, P.project_key(name), location, budget, actual,
            rates.get((i, actual.index)), parse_cell(score.group("num")) if score else None, restated,
            next((f for f in figures if f.role == "available" and f.is_money and budget.index < f.index < actual.index), None),
            bool(opening or restated),
        ))
    return tuple(out)


def _name(text: str, budget: Fact) -> str | None:
    """The project a summary names: its heading before the colon (numbered, or ending 自评综述), else the figure's subject."""
    head = P.SUMMARY_HEAD.match(text)
    if head and (head.group("numbered") or head.group("summary")) and head.end() <= text.find(budget.label) + 1:
        name = P.clean_label(head.group("name"))
        if not rx(r"自评综述|^[^\p{Han}]*$").search(name):
            return name
    subject = P.clean_label(budget.subject or "")
    return None if _BARE_SUBJECT.match(subject) else subject


def _heading_name(heading: str) -> str | None:
    """The project a numbered heading names ("（3）社区书屋更新项目自评综述" → 社区书屋更新项目)."""
    m = _NUMBERED_HEADING.match(heading)
    if not m:
        return None
    name = P.clean_label(m.group("name"))
    return name if rx(r"\p{Han}{2}").search(name) and not _SECTION.match(name) else None


# a report's section heading (一、项目基本情况, 三、指标分析; short, as a project's 某某项目绩效评价 is not) names no project; the paragraph under it may ("某某项目由…")
_SECTION = regex.compile(r"^(?:项目)?(?:基本|总体|整体)?(?:情况|概况)$|^(?!.*项目$)(?=.{2,10}$).*(?:分析|结论|评价|建议|问题)")
_OPENING_NAME = regex.compile(r"^\s*(?P<name>[^，,。；;：:、\s]{2,40}?项目)(?:由|是|系|于|自|经)")
_NUMBERED_HEADING = regex.compile(
    r"^\s*(?:[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|\d{1,3}\s*[.、．](?!\d)|[一二三四五六七八九十]{1,3}、)\s*"
    r"(?P<name>[^：:。，,；;]{2,80}?)\s*(?:(?:绩效)?自评(?:综述|情况))?\s*[：:]?\s*$"
)


def project_forms(doc: Document) -> tuple[ProjectForm, ...]:
    """Each named 项目支出绩效自评表 with the figures a summary restates: its money line and 总分."""
    out = []
    for form in doc.derive(evaluation_forms):
        if form.table.kind_id != "ZP" or not form.name:
            continue
        fund = form.main_fund
        pick = (lambda what: getattr(fund, what) if fund is not None else None)
        out.append(ProjectForm(
            form.table, form.name, form.table.table.location, P.project_key(form.name),
            pick("budget"), pick("actual"), pick("rate"), form.total, pick("available"),
        ))
    return tuple(out)


def summary_forms(doc: Document) -> tuple[tuple[ProjectSummary, ProjectForm], ...]:
    """Each summary with the one form of the same project name; names printed twice on either side pair nothing."""
    summaries, forms = doc.derive(project_summaries), doc.derive(project_forms)
    forms_of: dict[str, list[ProjectForm]] = {}  # by project key: each summary meets only its own forms
    for f in forms:
        forms_of.setdefault(f.key, []).append(f)
    summaries_of = Counter(s.key for s in summaries if not s.restated)
    pairs = []
    for s in summaries:
        matching = forms_of.get(s.key, [])
        if len(matching) == 1 and summaries_of[s.key] == 1:
            pairs.append((s, matching[0]))
    return tuple(pairs)
