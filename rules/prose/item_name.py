"""BL308: a 类/款/项 named in prose by another name than the tables print for its code."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import unit_scale
from budgetlint.codes import code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.model import Cell, Document
from budgetlint.recognise import patterns as P
from budgetlint.recognise.facts import NamedItem, extract_facts
from budgetlint.recognise.recognition import recognise
from budgetlint.recognise.semantic import abbreviates, norm_label
from budgetlint.recognise.table_schemas import FUNCTION_CLASSES
from budgetlint.rule import Context, Rule

_AMOUNT_COLUMNS = ("小计", "合计", "本年支出合计")  # schema keys of a function table's total column
_WIDTH = {"类": 3, "款": 5, "项": 7}  # code digits of each level


class ItemNameMismatch(Rule):
    """A 科目 named in the narrative by another name than the one the tables print for its code.

    ## What it does
    For each "X（类）Y（款）Z（项）" of the prose, finds the 项 in the function-classification
    tables (公开05表 and the other coded tables; T2/T5 of a budget): by its three names, else by
    its 类 and the amount the paragraph states for it — the one 项 of that 类 printing the
    amount, or among several the one with the 项 name. A name stated without an amount (a
    glossary entry) is not placed. It then compares each name with the one the tables
    print for the code. A name the tables print in full is only abbreviated (社会保障和就业
    for 社会保障和就业支出) is not a finding; a superseded 科目 name (医疗卫生与计划生育支出 for
    卫生健康支出), a 款 given its 类's name, or a 项 named as no code of the tables is.
    An item that cannot be placed on exactly one code is left alone.

    ## Why is this bad?
    Readers and reviewers find an item in the tables by its name; a name that no table prints
    (often kept from an earlier year's 科目 list, or copied from the line above) cannot be
    found, and the amount stated for it cannot be checked.

    ## Example
    ```
    公开05表: 22102 住房改革支出 / 2210201 住房公积金 289.59
    prose:    住房保障支出（类）住房保障支出（款）住房公积金（项）。支出决算为 289.59 万元。
    ```

    ## Use instead
    ```
    住房保障支出（类）住房改革支出（款）住房公积金（项）。支出决算为 289.59 万元。
    ```
    """

    code = "BL308"
    name = "item-name-mismatch"
    severity = Severity.WARNING
    uses = (recognise, extract_facts)
    messages = {
        "names": {
            "zh": "文中「{printed}」与表中科目名称不符：{differences}",
            "en": "'{printed}' does not name the items as the tables do: {differences_en}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        items = doc.derive(extract_facts).items
        if not items:
            return
        names, amounts = _function_rows(doc)
        if not names:
            return
        for item in items:
            code = item.code if item.code in names else _place(item, names, amounts, ctx)
            if code is None:
                continue
            wrong = [(level, said, code[:n]) for (level, n), said in zip(_WIDTH.items(), item.names)
                     if code[:n] in names and not _names(said, names[code[:n]])]
            if not wrong:
                continue
            zh, en = [], []
            for level, said, part in wrong:
                table_name = "、".join(sorted(names[part]))
                why = "（为其类的名称）" if level == "款" and said == item.names[0] else "（旧科目名称）" if level == "类" and FUNCTION_CLASSES.get(said) == part else ""
                zh.append(f"{level}「{said}」{why}，表中 {part} 为「{table_name}」")
                en.append(f"{level} '{said}' where the tables print {part} '{table_name}'")
            yield self.finding(
                "names",
                item.location,
                evidence={"code": code, **{level: said for level, said, _ in wrong}},
                anchor=f"item-name|{code}|{'|'.join(item.names)}",
                printed="".join(f"{said}（{level}）" for level, said in zip(_WIDTH, item.names)),
                differences="；".join(zh),
                differences_en="; ".join(en),
            )


def _function_rows(doc: Document) -> tuple[dict[str, set[str]], dict[str, list[tuple[Cell, Decimal]]]]:
    """Every name the recognised function-classification tables print for a code, and their total cells in 万元."""
    names: dict[str, set[str]] = {}
    amounts: dict[str, list[tuple[Cell, Decimal]]] = {}
    for st in doc.derive(recognise).tables:
        if st.kind is None or st.schema.codes != "function":
            continue
        scale = unit_scale(st.amount_unit or "万元", "万元") or Decimal(1)
        col = next((st.col_of(k) for k in _AMOUNT_COLUMNS if st.schema.has_column(k) and st.col_of(k) is not None), None)
        for group in code_groups(st.table):
            for row in group.rows:
                names.setdefault(row.code, set()).add(P.label_key(norm_label(row.name)))
                if col is not None and len(row.code) == 7:
                    amounts.setdefault(row.code, []).append((st.cell(row.row, col), scale))
    return names, amounts


def _names(said: str, printed: set[str]) -> bool:
    """The prose names the code as a table does, or abbreviates such a name (its characters in order)."""
    return any(said == p or abbreviates(said, p) for p in printed)



def _place(item: NamedItem, names: dict[str, set[str]], amounts: dict[str, list[tuple[Cell, Decimal]]], ctx: Context) -> str | None:
    """The one 项 code the prose means: by all three names, else by its 类 and its amount (and 项 name)."""
    cls, kuan, xiang = item.names
    items = [c for c in names if len(c) == 7]
    exact = [c for c in items if _names(xiang, names[c]) and _names(kuan, names.get(c[:5], set())) and _names(cls, names.get(c[:3], set()))]
    if exact:
        return exact[0] if len(exact) == 1 else None
    classes = {c[:3] for c in items if _names(cls, names.get(c[:3], set())) or FUNCTION_CLASSES.get(cls) == c[:3]}
    if len(classes) != 1:
        return None
    actual = item.actual
    if actual is None or actual.unit != "万元":
        return None  # a name without an amount (a glossary entry) is not placed
    under = [c for c in items if c[:3] in classes]
    by_amount = [c for c in under if any(cell.number is not None and ctx.rounding.equal(actual.value, cell.number, scale) for cell, scale in amounts.get(c, ()))]
    by_name = [c for c in by_amount if _names(xiang, names[c])]
    if len(by_name) == 1:
        return by_name[0]
    return by_amount[0] if len(by_amount) == 1 else None
