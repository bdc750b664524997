"""BL902: a 部门决算 that lacks one of the standard 公开表."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.recognise.fragments import Fragment, lost_heading_candidates
from budgetlint.recognise.standard_tables import BY_ID
from budgetlint.rule import Context, Rule

MIN_PRESENT = 3  # below this the document is not a full 决算 publication (an excerpt, a self-evaluation)


class MissingStandardTable(Rule):
    """A 部门决算 does not print one of the nine standard tables.

    ## What it does
    When a document is a 部门决算 (it prints at least three of the standard 公开表), reports each of
    收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表, 一般公共预算财政拨款支出决算表,
    一般公共预算财政拨款基本支出决算表, 政府性基金预算财政拨款收入支出决算表, 国有资本经营预算财政拨款
    支出决算表 and 财政拨款“三公”经费支出决算表 that cannot be found, by title, 公开NN表 marker or
    structure. A table with no data must still be printed, empty, with a note saying so.

    ## Why is this bad?
    The nine tables are the minimum the disclosure rules require; a missing one (often the
    empty 07 or 08) leaves the reader unable to tell "nothing to report" from "not reported".
    In extracted text a missing table may also mean the extraction lost a page. When a headless
    fragment (codes, names and figures, no title or headings) stands where the table belongs and has
    its shape on every row (for 公开05表: 合计 = 基本支出 + 项目支出), the finding is information only:
    the table is probably there, its title and heading page lost. The fragment is not checked as that
    table: without its headings, which column is which would be a guess.

    ## Example
    A 部门决算 printing 公开01–06表 and 公开09表, but no 政府性基金 or 国有资本经营 table.

    ## Use instead
    Print every standard table; an empty one with "本表无数据" (or the publisher's equivalent).
    """

    code = "BL902"
    lowered = {"headless": {"zh": "有形状相同的无表头表格，可能只是标题所在页缺失", "en": "a headless table of the same shape is there; only its title page may be missing"}}
    needs_every_page = True
    name = "missing-standard-table"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "missing": {
            "zh": "部门决算缺少{name}（公开{number}表）：按标题、表号和表头结构均未找到；如无数据，应列示空表并注明",
            "en": "the 部门决算 lacks {name} (公开{number}表): no table matches its title, marker or structure; an empty table should be printed with a note",
        },
        "headless": {
            "zh": "未找到{name}（公开{number}表）的标题和表头，但此处有一段无表头的分类科目表（{rows}行，每行首列金额 = 其余各列之和），形状与该表一致，可能是标题和表头所在页缺失",
            "en": "{name} (公开{number}表) appears without its title and headings: a headless coded table here ({rows} rows, first amount = the sum of the others on every row) has its shape; probably a lost page",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        standard = [t for t in rec.tables if t.kind_id and t.kind_id.startswith("JS")]
        if rec.doc_kind != "决算" or len({t.kind_id for t in standard}) < MIN_PRESENT:
            return
        where = standard[0].table.location
        missing = rec.missing_required()
        fits = {k: [f for f in lost_heading_candidates(rec, k) if _sums_hold(f, ctx)] for k in missing}
        for kind_id in missing:
            kind = BY_ID[kind_id]
            found = fits[kind_id]
            # One fragment for one table: when it could be either of two missing tables, say nothing new.
            claimed = [k for k in missing if k != kind_id and any(f in fits[k] for f in found)]
            if len(found) == 1 and not claimed:
                fragment = found[0]
                yield self.finding(
                    "headless",
                    fragment.table.location,
                    anchor=f"missing|{kind_id}",
                    severity=Severity.INFO,
                    name=kind.name,
                    number=kind_id[2:],
                    rows=len(fragment.rows),
                )
                continue
            yield self.finding("missing", where, anchor=f"missing|{kind_id}", name=kind.name, number=kind_id[2:])


def _sums_hold(fragment: Fragment, ctx: Context) -> bool:
    return all(ctx.rounding.check_sum(stated, parts).consistent for stated, parts in fragment.rows)
