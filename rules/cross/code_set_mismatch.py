"""BL208: a code printed in 收入预算总表 (T2) but not in 支出预算总表 (T3), or the reverse, or a malformed code."""

from __future__ import annotations

from typing import Iterator

from budgetlint.crosscheck import Part, document_table_sets
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.rule import Context, Rule

PAIRS = (("YS2", "YS3"),)


class CodeSetMismatch(Rule):
    """A function code that one of the paired code tables prints and the other does not.

    ## What it does
    The 收入预算总表 (T2) and the 支出预算总表 (T3) of a 部门预算 list the same function codes. Reports a
    code of either table missing from the other, and a row whose 类/款/项 cells do not form a code
    (a `7` where the 类 210 belongs), naming the row of the other table that holds the code.

    ## Why is this bad?
    A malformed or missing code drops the row from every 类 total and from the checks that pair the
    tables; readers cannot tell where the money is classified.

    ## Example
    ```
    T2  210 | 11 | 02  事业单位医疗  503,724
    T3  7   | 11 | 02  事业单位医疗  503,724
    ```

    ## Use instead
    Print the full 类 code (210) in every row, and the same codes in both tables.
    """

    code = "BL208"
    name = "code-set-mismatch"
    severity = Severity.ERROR
    uses = (document_table_sets,)
    messages = {
        "missing": {
            "zh": "{later} 没有科目 {code}，而 {earlier}「{label}」有（两表应列示相同科目）",
            "en": "{later} lacks code {code}, which {earlier} prints at 「{label}」 (both tables list the same codes)",
        },
        "malformed": {
            "zh": "{table}「{label}」的科目编码印为「{text}」，不是有效编码；{earlier} 该行为 {code}",
            "en": "{table}: 「{label}」 has the code 「{text}」, which is not a valid code; {earlier} prints it as {code}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for tables in doc.derive(document_table_sets):
            for a, b in PAIRS:
                if a in tables and b in tables:
                    yield from self._compare(tables[a], tables[b])
                    yield from self._compare(tables[b], tables[a])

    def _compare(self, later: Part, earlier: Part) -> Iterator[Finding]:
        mine, theirs = later.codes(), earlier.codes()
        malformed: dict[str, list] = {}
        for st, row in later.malformed():  # a misprint repeated on another page is reported at each place
            malformed.setdefault(st.row_label(row), []).append((st, row))
        for code, (other, other_row) in theirs.items():
            if code in mine:
                continue
            label = other.row_label(other_row)
            name = label.removeprefix(code).strip()
            related = [(other.cell(other_row, 0).location, f"{other.name}「{label}」")]
            if name in malformed:  # the row is there, under a code that is not one
                for n, (st, row) in enumerate(malformed[name]):
                    cell = st.cell(row, 0)
                    yield self.finding(
                        "malformed", cell.location, related=related,
                        anchor=f"{st.kind_id}|malformed|{code}" + (f"|{n + 1}" if n else ""),
                        evidence={"printed": cell.text, "code": code, "present_in": other.name},
                        table=st.name, label=name, text=cell.text, code=code, earlier=other.name,
                    )
                continue
            yield self.finding(
                "missing", later.first.table.location, related=related, anchor=f"{later.first.kind_id}|missing|{code}",
                evidence={"code": code, "present_in": other.name, "absent_from": later.first.name},
                later=later.first.name, earlier=other.name, code=code, label=label,
            )
