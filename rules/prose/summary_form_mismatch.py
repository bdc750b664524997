"""BL306: a project's 自评综述 stating its budget, spending, rate or score differently from its 项目支出绩效自评表."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number, unit_scale
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import evaluation_forms
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.project_summaries import summary_forms
from budgetlint.rule import Context, Rule

_FIELDS = {"budget": ("全年预算数", "annual budget"), "available": ("到位数", "funds received"), "actual": ("执行数", "spending"), "rate": ("执行率", "execution rate"), "score": ("总分", "total score")}


class SummaryFormMismatch(Rule):
    """A project summary (自评综述) disagrees with the self-evaluation form of the same project.

    ## What it does
    Pairs each summary "项目全年预算数为 A 万元，执行数为 B 万元，完成预算的 P%…自评得分 S 分" with
    the 项目支出绩效自评表 whose 项目（政策）名称 is the project the summary names (its heading
    "（n）NAME自评综述：", else the subject of the sentence), names compared without spacing,
    quotes, dash variants, a leading year or a trailing 项目. Only a name that exactly one summary
    and exactly one form carry is paired. Then checks by the interval rule A = 全年预算数 (or
    项目预算金额), D = 到位数 (where both print it), B = 全年执行数, P = 执行率 (printed as a
    percentage or a fraction) and S = 总分 (a score printed rounded, 98 for 98.36, is consistent). All differing figures of
    one project make one finding. A 绩效评价报告 names its project where its 项目基本情况 opens
    ("某某项目由…组织实施"); its later unnamed restatements ("5. 预算执行率。全年预算 A 万元，实际支出
    B 万元") are of that project and meet its annexed form too. Their scores are not compared: the
    report's 综合得分 is the evaluators', the form's 总分 the unit's own.

    ## Why is this bad?
    The summary is what readers quote; the form is what the score was computed from. When
    they differ one was copied from another project or not updated after the evaluation.

    ## Example
    ```
    （2）社区书屋更新自评综述：项目自评得分 96 分。项目全年预算数为 40 万元，执行数为 40 万元，完成预算的 100%。
    form 社区书屋更新: 项目预算金额 40 | 全年执行数 0 | 执行率 0.0% | 绩效自评总得分 90
    ```

    ## Use instead
    State in the summary the figures of the form (执行数 0 万元，完成预算的 0%，得分 90 分), or correct the form.
    """

    code = "BL306"
    name = "summary-form-mismatch"
    severity = Severity.ERROR
    uses = (summary_forms, extract_facts, evaluation_forms)  # summaries are read from the prose facts, matched to the forms
    messages = {
        "differs": {
            "zh": "项目「{name}」的自评综述与其项目支出绩效自评表不一致：{diffs_zh}",
            "en": "the summary of project '{name}' disagrees with its performance self-evaluation form: {diffs_en}",
        },
        "report_differs": {
            "zh": "评价报告所述项目「{name}」与所附项目支出绩效自评表不一致：{diffs_zh}",
            "en": "the evaluation report's figures of project '{name}' disagree with its annexed self-evaluation form: {diffs_en}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for summary, form in doc.derive(summary_forms):
            scale = unit_scale(form.table.amount_unit or "万元", summary.budget.unit) or Decimal(1)
            stated = {"budget": summary.budget.value, "available": summary.available.value if summary.available else None, "actual": summary.actual.value, "rate": summary.rate, "score": summary.score}
            diffs = []
            for what, number in stated.items():
                cell = getattr(form, what)
                if number is None or cell is None or cell.number is None:
                    continue
                if what == "rate":  # a fraction (0.52) or a percentage; a truncated 99% of 99.82% is no finding
                    base = "1" if not cell.number.percent and cell.number.value <= Decimal("1.5") else "100"
                    same = ctx.rounding.check_ratio(number, cell.number, Number(Decimal(base), 0, base, exact=True)).consistent
                else:
                    same = ctx.rounding.equal(number, cell.number, scale if what != "score" else Decimal(1))
                if not same:
                    diffs.append((what, number.text, cell.text.strip(), cell))
            if not diffs:
                continue
            side_zh, side_en = ("文中为", "in the report") if summary.report else ("综述为", "in the summary")
            yield self.finding(
                "report_differs" if summary.report else "differs",
                summary.location,
                related=[(form.name_location, f"{form.table.name}「{form.name}」"), *((c.location, _FIELDS[w][0]) for w, _, _, c in diffs)],
                evidence={w: {"summary": s, "form": f} for w, s, f, _ in diffs},
                anchor="summary-form|" + summary.key + "|" + ";".join(f"{w}={s}/{f}".replace(" ", "") for w, s, f, _ in diffs),
                name=summary.name,
                diffs_zh="；".join(f"{_FIELDS[w][0]} {side_zh} {s}，表中为 {f}" for w, s, f, _ in diffs),
                diffs_en="; ".join(f"{_FIELDS[w][1]} {s} {side_en}, {f} in the form" for w, s, f, _ in diffs),
            )
