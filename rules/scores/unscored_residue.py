"""BL610: a form with blanks where its arithmetic should be: no 总分 or 执行数 beside a rate or grade, or only 总分."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.recognise.evaluation_forms import evaluation_forms
from budgetlint.rule import Context, Rule


class UnscoredFormResidue(Rule):
    """A performance form that leaves blank what its other figures depend on, so it cannot be checked.

    ## What it does
    Reports, at info level, a performance form whose 总分 (绩效自评总得分) cell is empty while its
    execution rate, points or grade are given; whose 全年执行数 cell is empty beside a printed
    执行率; or whose indicators all have an empty 得分 while a 总分 is printed.

    ## Why is this bad?
    An empty cell is not a zero: the published form does not say what was scored, and no
    reader (nor this linter) can check the arithmetic behind its result.

    ## Example
    ```
    指标自评得分小计 | 90 | 预算执行率得分 | 10 | 减分项 | 0 | 绩效自评总得分 |
    ```

    ## Use instead
    ```
    指标自评得分小计 | 90 | 预算执行率得分 | 10 | 减分项 | 0 | 绩效自评总得分 | 100
    ```
    """

    code = "BL610"
    name = "unscored-form-residue"
    severity = Severity.INFO
    uses = (evaluation_forms,)
    messages = {
        "no_total": {"zh": "{table}总分为空，而执行率、得分或等级已填写", "en": "{table}: the total score is blank while the rate, points or grade are given"},
        "no_actual": {"zh": "{table}全年执行数为空，而执行率 {rate} 已填写", "en": "{table}: the spending is blank while the execution rate {rate} is given"},
        "no_scores": {"zh": "{table}各项指标得分均为空，却填写了总分 {total}：无法核对", "en": "{table}: every indicator score is blank yet the total {total} is printed: it cannot be checked"},
        "no_total_many": {"zh": "{count} 张绩效表的总分为空，而执行率、得分或等级已填写：{tables}", "en": "{count} forms leave the total score blank while the rate, points or grade are given: {tables}"},
        "no_actual_many": {"zh": "{count} 张绩效表的全年执行数为空，而执行率已填写：{tables}", "en": "{count} forms leave the spending blank while the execution rate is given: {tables}"},
        "no_scores_many": {"zh": "{count} 张绩效表各项指标得分均为空，却填写了总分：无法核对：{tables}", "en": "{count} forms leave every indicator score blank yet print a total: they cannot be checked: {tables}"},
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        blanks: dict[str, list[tuple[str, Location, dict[str, str]]]] = {"no_total": [], "no_actual": [], "no_scores": []}
        for form in doc.derive(evaluation_forms):
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            fund = form.main_fund
            rate = fund.rate if fund is not None else None
            if form.total is not None and form.total.number is None:
                given = [v for v in (rate, form.execution_points, form.subtotal, form.grade) if v is not None and v.text]
                if given:
                    blanks["no_total"].append((table, form.total.location, {}))
            if fund is not None and fund.actual is not None and fund.actual.number is None and rate is not None and rate.number is not None:
                blanks["no_actual"].append((table, fund.actual.location, {"rate": rate.text}))
            indicators = form.indicators
            if indicators and form.total is not None and form.total.number is not None and all(i.score is None for i in indicators):
                blanks["no_scores"].append((table, form.total.location, {"total": form.total.text}))
        for key, found in blanks.items():
            if len(found) == 1:
                table, location, values = found[0]
                yield self.finding(key, location, anchor=f"{key}|{table}", table=table, **values)
            elif found:
                names = "、".join(_short(t) for t, _, _ in found[:_LISTED]) + ("等" if len(found) > _LISTED else "")
                yield self.finding(
                    f"{key}_many", found[0][1], related=[(loc, t) for t, loc, _ in found[1:]],
                    anchor=f"{key}_many|" + "|".join(t for t, _, _ in found), count=len(found), tables=names,
                )


_LISTED = 5  # forms named in a grouped message; all are related locations


def _short(table: str) -> str:
    """A form's project name where it has one (「…」), else its table name."""
    return table[table.index("「"):] if "「" in table else table
