"""BL906: a table headed with another organisation's name than the document's own unit."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.engine import describe_document
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.recognition import recognise
from budgetlint.recognise.semantic import abbreviates
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash

# 「上海市规划和自然资源局2024年度部门决算表」: a table header naming its unit and year.
_HEADER = regex.compile(r"^(?P<unit>[^\d：:，,。；;]{4,40}?)(?:20\d{2})年度?(?:部门|单位)?(?:决算|预算)表?$")
_REGION = regex.compile(r"^(?P<province>.{2,8}?[省市])(?P<district>.{1,8}?[区县])")


class CaptionNamesOtherUnit(Rule):
    """A table header names an organisation other than the one the document is of.

    ## What it does
    Takes the document's unit from its title (as ``inspect`` shows on its ``identity:`` line) and
    reads each table's caption lines of the form "<unit>YYYY年度部门决算表". The caption's unit
    must be the document's unit or an abbreviation of it (its characters in order: 普陀区规划资源局
    for 上海市普陀区规划和自然资源局). A caption that drops the district from the name —
    上海市规划和自然资源局 in a document of 上海市普陀区规划和自然资源局 — names the city's bureau,
    another organisation, and is reported; so is a caption naming a unit the document's is not
    an abbreviation of. A document whose unit is unknown is left alone.

    ## Why is this bad?
    The header says whose accounts the table holds; a header copied from another organisation's
    (or a higher level's) template tells the reader the figures are someone else's.

    ## Example
    ```
    title:   上海市普陀区规划和自然资源局2024年度部门决算
    header:  上海市规划和自然资源局2024年度部门决算表
    ```

    ## Use instead
    ```
    header:  上海市普陀区规划和自然资源局2024年度部门决算表
    ```
    """

    code = "BL906"
    name = "caption-names-other-unit"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "district": {
            "zh": "{table}的表头为「{caption}」，其单位名称「{named}」缺少「{district}」，是上级机构的名称；本文件为「{unit}」",
            "en": "{table} is headed '{caption}': '{named}' leaves out '{district}', naming the higher-level body; the document is of '{unit}'",
        },
        "other": {
            "zh": "{table}的表头为「{caption}」，其单位「{named}」不是本文件的「{unit}」",
            "en": "{table} is headed '{caption}': '{named}' is not the document's unit '{unit}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        unit = squash(describe_document(doc)["unit"] or "")
        if len(unit) < 4:
            return
        region = _REGION.match(unit)
        for table in doc.tables:
            for caption in table.captions:
                m = _HEADER.match(squash(caption.text))
                if m is None:
                    continue
                named = m.group("unit")
                if named == unit:
                    continue
                values = dict(table=table.title or "表", caption=squash(caption.text), named=named, unit=unit)
                anchor = f"caption-unit|{named}"
                dropped = region is not None and named.startswith(region.group("province")) and region.group("district") not in named
                if dropped and named.endswith(unit[region.end() :][-4:]):
                    yield self.finding("district", caption.location, evidence={"named": named, "unit": unit}, anchor=anchor, district=region.group("district"), **values)
                elif not abbreviates(named, unit):
                    yield self.finding("other", caption.location, evidence={"named": named, "unit": unit}, anchor=anchor, **values)
