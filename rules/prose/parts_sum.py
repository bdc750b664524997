"""BL301: the parts a sentence lists after a whole (其中 a、b、c) that do not add up to it."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import PartsList, extract_facts
from budgetlint.recognise.patterns import MEASURE_UNIT
from budgetlint.text import rx
from budgetlint.rule import Context, Rule


class PartsSumMismatch(Rule):
    """The parts listed after a whole (其中/包括 …) exceed it, or fall short of it when they are all of it.

    ## What it does
    For a figure followed by its parts — "财政拨款收入 X 万元，其中：一般公共预算 a 万元、政府性基金
    b 万元、国有资本经营 c 万元", "共有车辆 N 辆，其中 …", "项目 N 个（其中 …）", or a list of
    paragraphs after "包括：" — adds the parts by the interval rule. Parts that exceed the whole
    are always reported. Parts that fall short are reported only when the list is the whole
    of it: a known breakdown named in full (三公 = 出国 + 接待 + 车, 基本支出 = 人员 + 公用,
    采购 = 货物 + 工程 + 服务, the three funds …) or a list closing with 其他…. A list marked
    as a selection (主要…, …等) is only checked not to exceed its whole. Lists in free
    narrative (whose whole the linter does not know) are left alone. Wholes in any unit are
    checked, not only money: "建筑面积 X 平方米（其中 A 平方米，B 平方米）", 人, 辆, 个; two or more
    parts of a measure (平方米, 公顷, 吨 …) that fall short of it are an info note, as 其中 may
    leave some out.

    ## Why is this bad?
    A breakdown that does not add up means one of its figures was mistyped or a part was
    left out; readers cannot tell which figure to trust.

    ## Example
    ```
    三公经费支出 50.00 万元，其中：因公出国（境）费 10.00 万元，公务接待费 5.00 万元，公务用车购置及运行维护费 30.00 万元。
    ```
    10.00 + 5.00 + 30.00 = 45.00, not 50.00.

    ## Use instead
    Correct the whole or the part in error so that the three items add up to the total.
    """

    code = "BL301"
    name = "prose-parts-sum-mismatch"
    severity = Severity.ERROR
    uses = (extract_facts,)
    messages = {
        "exceed": {
            "zh": "「{whole}」为 {stated}，但其后所列 {count} 项之和为 {computed}（{parts}），超出 {diff}",
            "en": "'{whole}' is {stated}, but the {count} parts listed after it sum to {computed} ({parts}), {diff} more",
        },
        "short": {
            "zh": "「{whole}」为 {stated}，但其后所列全部 {count} 项之和为 {computed}（{parts}），相差 {diff}",
            "en": "'{whole}' is {stated}, but the {count} parts that make it up sum to {computed} ({parts}), {diff} less",
        },
        "measure_short": {
            "zh": "「{whole}」为 {stated}，但其后所列 {count} 项之和为 {computed}（{parts}），少 {diff}，其中所列可能不全",
            "en": "'{whole}' is {stated}, but the {count} parts listed after it sum to {computed} ({parts}), {diff} less; the list may be incomplete",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for lst in doc.derive(extract_facts).lists:
            if not _checkable(lst):
                continue
            values = [p.value for p in lst.parts]
            result = ctx.rounding.check_sum(lst.whole.value, values)
            if result.consistent:
                continue
            exceeds = not ctx.rounding.sum_at_most(lst.whole.value, values)
            measured_short = not exceeds and not lst.exhaustive and _measure(lst) and len(lst.parts) > 1 and not lst.partial
            if not exceeds and not lst.exhaustive and not measured_short:
                continue
            decimals = max(v.decimals for v in (lst.whole.value, *values))
            listed = "、".join(f"{p.label} {p.value.text}" for p in lst.parts[:8]) + ("…" if len(lst.parts) > 8 else "")
            yield self.finding(
                "exceed" if exceeds else "measure_short" if measured_short else "short",
                lst.location,
                related=[(p.location, p.describe()) for p in lst.parts],
                evidence={"stated": lst.whole.value.text, "computed": format_amount(result.computed, decimals), "operands": {p.label or str(k): p.value.text for k, p in enumerate(lst.parts)}, "unit": lst.whole.unit},
                anchor=f"parts|{lst.whole.label}|{lst.whole.value.value}",
                whole=lst.whole.label,
                stated=lst.whole.value.text,
                count=len(lst.parts),
                computed=format_amount(result.computed, decimals) + lst.whole.unit,
                parts=listed,
                diff=format_amount(abs(result.difference), decimals) + lst.whole.unit,
                severity=Severity.INFO if measured_short else None,
            )


def _checkable(lst: PartsList) -> bool:
    """A breakdown the linter understands, and not a narrative list restating pairs of figures."""
    keys = [p.key for p in lst.parts if p.key]
    if len(set(keys)) < len(keys) or lst.whole.key in keys:
        return False
    known = lst.whole.concept is not None or all(p.concept for p in lst.parts) or all(p.triple for p in lst.parts)
    return lst.exhaustive or known or _measure(lst)


def _measure(lst: PartsList) -> bool:
    """A whole in 平方米, 公顷, 吨 …: its 其中 parts are parts of one quantity whatever their names."""
    return bool(rx(MEASURE_UNIT).fullmatch(lst.whole.unit))
