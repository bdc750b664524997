"""BL507: a share, 完成预算 rate or change rate of the 三公 section whose operand only the section or the 三公 table gives."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number, format_percent
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.fact_types import Change, Completion, Share
from budgetlint.recognise.restated import budget_kinds_conflict, table_budgets
from budgetlint.recognise.sangong import ITEM_NAMES, ITEM_NAMES_EN, SangongTable, main_table, sangong_tables
from budgetlint.recognise.sangong_prose import SangongProse, Statement, budget_kind_fits, sangong_prose, subject_item
from budgetlint.rule import Context, Rule


class SangongSectionRatios(Rule):
    """A percentage of the 三公 section that does not follow from the section's or the table's figures.

    ## What it does
    The prose rules check a share, a completion rate or a change rate when its operands stand in
    the same sentence or are named alike (BL401, BL402, BL403). The 三公 section often leaves one
    out: "2024年度“三公”经费支出年初预算 60.00 万元，支出决算 55.41 万元 …", then "因公出国（境）费
    9.86 万元，占“三公”经费支出的 17.79%" (the whole is the bare 支出决算 above), "完成全年预算的 0%"
    with the budget only in the 三公 table, "“三公”经费支出决算比上年增加 5.41 万元，增长 10.82%"
    in a paragraph of its own. This rule supplies the operand from the section (its total, each
    item's amount, by item and role) or from the 三公 table (the item's 预算数, a blank table or a
    note saying 本表无数据 counting as 0), and checks by the interval rule:
    - a share of the 三公 total = item ÷ total;
    - 完成预算 P% = 决算 ÷ the 预算数 of the item, the table's only where its note declares the
      kind of budget the sentence names (年初 or 调整后 全年) or neither says; a non-zero rate of a
      budget that is 0 is reported as such (0% of 0 is the convention);
    - 增长/下降 G% = D ÷ (C ∓ D), C the item's amount this year.
    Where the prose rules have the operands themselves, this rule stays silent (one finding per
    defect).

    ## Why is this bad?
    三公 percentages are quoted on their own; one that does not follow from the amounts the same
    section prints tells the reader a wrong story of the most watched spending.

    ## Example
    ```
    2024年度“三公”经费支出年初预算为60.00万元，支出决算为55.41万元。
    1.因公出国（境）费9.86万元，占“三公”经费支出的20.79%。
    ```
    9.86 ÷ 55.41 = 17.79%, not 20.79%.

    ## Use instead
    ```
    1.因公出国（境）费9.86万元，占“三公”经费支出的17.79%。
    ```
    """

    code = "BL507"
    name = "sangong-section-ratio-mismatch"
    severity = Severity.WARNING
    uses = (extract_facts, table_budgets, sangong_tables, sangong_prose)
    messages = {
        "share": {
            "zh": "「{item}」{part} 占“三公”经费 {whole}（{where}）的比例应为 {computed}，文中写作 {stated}",
            "en": "{item_en} {part} of the 三公 total {whole} ({where_en}) is {computed}, but the text says {stated}",
        },
        "completion": {
            "zh": "「{item}」决算 {actual} ÷ {where} {budget} = {computed}，文中「{basis}」写作 {stated}",
            "en": "{item_en}: actual {actual} / budget {budget} ({where_en}) = {computed}, but the text says {stated}",
        },
        "zero_budget": {
            "zh": "「{item}」的预算数为 0（{where}），文中「{basis}」却写作 {stated}",
            "en": "{item_en} has a budget of 0 ({where_en}), yet the text says {stated} of it was spent",
        },
        "change": {
            "zh": "「{item}」本年 {current}（{where}），{word} {change}，则上年为 {last}，变动率应为 {computed}，文中写作{rate_word} {stated}",
            "en": "{item_en} is {current} ({where_en}) after a change of {change}, so last year was {last} and the rate is {computed}, but the text says {stated}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.derive(sangong_prose)
        if not prose.statements:
            return
        facts = doc.derive(extract_facts)
        by_index = {s.fact.index: s for s in prose.statements}
        table = main_table(doc)
        for share in facts.shares:
            if share.whole is None and share.part.index in by_index:
                yield from self._share(share, by_index[share.part.index], prose, table, ctx)
        handled = doc.derive(table_budgets)
        for claim in facts.completions:
            s = by_index.get(claim.actual.index)
            if claim.budget is None and s is not None and s.role == "actual" and claim.actual.index not in handled:
                yield from self._completion(claim, s, prose, table, ctx)
        for change in facts.changes:
            if change.current is None and change.location in prose.section:
                yield from self._change(change, prose, table, ctx)

    def _share(self, share: Share, part: Statement, prose: SangongProse, table: SangongTable | None, ctx: Context) -> Iterator[Finding]:
        if part.item == "total" or "三公" not in share.whole_ref:
            return
        whole = _operand(prose, table, "total", part.role, part.fact.unit)
        if whole is None:
            return
        value, where, where_en, at = whole
        result = ctx.rounding.check_ratio(share.percent, part.fact.value, value)
        if result.consistent is not False:
            return
        yield self.finding(
            "share", share.location, related=[(at, where)],
            evidence={"stated": share.percent.text, "computed": format_percent(result.computed, share.percent.decimals), "part": part.fact.value.text, "whole": value.text},
            anchor=f"share|{part.item}|{share.percent.value}",
            item=ITEM_NAMES[part.item], item_en=ITEM_NAMES_EN[part.item], part=part.fact.value.text, whole=value.text,
            where=where, where_en=where_en, computed=format_percent(result.computed, share.percent.decimals), stated=share.percent.text,
        )

    def _completion(self, claim: Completion, actual: Statement, prose: SangongProse, table: SangongTable | None, ctx: Context) -> Iterator[Finding]:
        budget = _operand(prose, table, actual.item, "budget", actual.fact.unit, basis=claim.basis, paragraph=actual.location)
        if budget is None:
            return
        value, where, where_en, at = budget
        values = dict(item=ITEM_NAMES[actual.item], item_en=ITEM_NAMES_EN[actual.item], where=where, where_en=where_en,
                      basis=claim.basis, stated=claim.percent.text, actual=actual.fact.value.text, budget=value.text)
        anchor = f"completion|{actual.item}|{claim.percent.value}"
        if value.exact and value.is_zero:
            blank_table = table is not None and not table.cells
            if not claim.percent.is_zero and not (blank_table and not actual.fact.value.is_zero):  # spending beside a blank table: BL506
                yield self.finding("zero_budget", claim.location, related=[(at, where)], evidence={"stated": claim.percent.text, "budget": "0"}, anchor=anchor, **values)
            return
        result = ctx.rounding.check_ratio(claim.percent, actual.fact.value, value)
        if result.consistent is not False:
            return
        computed = format_percent(result.computed, claim.percent.decimals)
        yield self.finding(
            "completion", claim.location, related=[(at, where)],
            evidence={"stated": claim.percent.text, "computed": computed, "actual": actual.fact.value.text, "budget": value.text},
            anchor=anchor, computed=computed, **values,
        )

    def _change(self, change: Change, prose: SangongProse, table: SangongTable | None, ctx: Context) -> Iterator[Finding]:
        if change.rate is None:
            return
        named = subject_item(change.subject)
        if named is None:
            return
        item, role = named
        current = _operand(prose, None, item, role, change.amount.unit, paragraph=change.location)
        if current is None:
            return
        value, where, where_en, at = current
        if not change.decrease and not ctx.rounding.at_least(value, change.amount):
            return  # last year below zero: BL403's kind of defect, not a rate
        result = ctx.rounding.check_change_rate(change.rate, value, change.amount, change.decrease)
        if result.consistent is not False:
            return
        last = value.value + change.amount.value if change.decrease else value.value - change.amount.value
        computed = format_percent(result.computed, change.rate.decimals)
        yield self.finding(
            "change", change.location, related=[(at, where)],
            evidence={"stated": change.rate.text, "computed": computed, "current": value.text, "change": change.amount.text},
            anchor=f"change|{item}|{change.amount.value}|{change.rate.value}",
            item=ITEM_NAMES[item], item_en=ITEM_NAMES_EN[item], current=value.text, where=where, where_en=where_en,
            word=change.word, change=change.amount.text, last=f"{last:,.{max(value.decimals, change.amount.decimals)}f}",
            computed=computed, rate_word=change.rate_word or "", stated=change.rate.text,
        )


def _operand(prose: SangongProse, table: SangongTable | None, item: str, role: str, unit: str, *, basis: str = "",
             paragraph: Location | None = None) -> tuple[Number, str, str, Location] | None:
    """The figure of ``item`` in ``role``: the section's (its paragraph first), else the 三公 table's (a blank table is 0)."""
    stated = [s for s in prose.of(item, role) if s.named and s.fact.unit == unit and budget_kind_fits(s.fact.label, basis)]
    stated.sort(key=lambda s: s.location != paragraph)
    if stated:
        s = stated[0]
        return s.fact.value, f"文中「{s.fact.label}」", "the prose", s.location
    if table is None or table.unit != unit or (role == "budget" and basis and budget_kinds_conflict(table.st, basis)):
        return None
    where = table.where(item, role)
    if not table.cells and (table.layout == "unread" or table.says_empty):
        return Number(Decimal(0), 0, "0", exact=True), f"{where}（表中无数据）", "the 三公 table, printed empty", table.st.table.location
    cell = table.cell(item, role)
    if cell is None:
        return None
    if cell.number is None or cell.number.percent:
        return None
    return cell.number, where, "the 三公 table", cell.location

