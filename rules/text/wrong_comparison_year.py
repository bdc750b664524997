"""BL701: a budget comparing itself with "its own" year (比2026年预算增加 … in the 2026 budget) instead of the year before."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.recognition import recognise
from budgetlint.rule import Context, Rule


class WrongComparisonYear(Rule):
    """A 部门预算 compares this year's figures with the budget of a year that is not a past one.

    ## What it does
    In a 部门预算/单位预算 for year Y (from the tables or the title), every change or level
    comparison that names a year ("比2025年预算增加 X 万元", "与2025年预算持平", "比2025年预算执行数
    减少 P%") must name an earlier year, normally Y − 1. A comparison naming Y itself or a later
    year is reported, once per paragraph. 决算 documents may compare the year's actual figures
    with the same year's budget, so they are left alone.

    ## Why is this bad?
    The budget of year Y cannot be compared with itself; the year was not updated when the
    text was carried over or was mistyped, and a reader cannot tell which base the stated
    change refers to.

    ## Example
    ```
    2026年部门预算：财政拨款收入 500.00 万元，比2026年预算增加 20.00 万元。
    ```

    ## Use instead
    ```
    2026年部门预算：财政拨款收入 500.00 万元，比2025年预算增加 20.00 万元。
    ```
    """

    code = "BL701"
    name = "wrong-comparison-year"
    severity = Severity.WARNING
    uses = (recognise, extract_facts)
    messages = {
        "year": {
            "zh": "本文件为{year}年预算，但{count}处比较以{named}年为上年（应为{previous}年或更早）",
            "en": "this is the {year} budget, but {count} comparison(s) take {named} as the previous year (expected {previous} or earlier)",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        if rec.doc_kind != "预算" or rec.year is None:
            return
        facts = doc.derive(extract_facts)
        by_place: dict = {}
        for item in (*facts.changes, *facts.comparisons):
            if item.year is not None and item.year >= rec.year:
                by_place.setdefault(item.location, []).append(item.year)
        for location, years in sorted(by_place.items(), key=lambda kv: (kv[0].page or 0, kv[0].line or 0)):
            named = "、".join(str(y) for y in sorted(set(years)))
            yield self.finding(
                "year",
                location,
                evidence={"document_year": rec.year, "named": sorted(set(years)), "count": len(years)},
                anchor=f"comparison-year|{rec.year}|{named}|{len(years)}",
                year=rec.year,
                count=len(years),
                named=named,
                previous=rec.year - 1,
            )
