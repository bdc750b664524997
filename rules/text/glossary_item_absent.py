"""BL719: a 名词解释 entry explaining a 类 or 款 that no table of the document prints."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterator

import regex

from budgetlint.codes import code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.recognise import patterns as P
from budgetlint.recognise.recognition import recognise
from budgetlint.recognise.semantic import abbreviates, norm_label
from budgetlint.recognise.table_schemas import FUNCTION_CLASSES
from budgetlint.rule import Context, Rule
from budgetlint.text import clean_inline

# 一般公共服务支出（类）财政事务（款）行政运行（项）：… — the 款 and 项 parts are optional; a name may hold
# brackets of its own (政府办公厅（室）及相关机构事务).
_ENTRY = regex.compile(
    r"(?P<cls>[\p{Han}、（）()]{2,30}?)\s*[（(]类[)）]\s*"
    r"(?:(?P<kuan>[\p{Han}、（）()]{2,30}?)\s*[（(]款[)）]\s*)?"
    r"(?:(?P<xiang>[\p{Han}、（）()]{2,30}?)\s*[（(]项[)）])?"
)
_NUMBERING = regex.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[（(]?[一二三四五六七八九十]+[、)）]|[（(]\d{1,2}[)）])\s*")
# 项 names every 款 has: their presence under the 类 says nothing about which 款 is meant.
_GENERIC_ITEM = regex.compile(r"^(?:行政运行|一般行政管理事务|机关服务|事业运行|其他.*)$")
# The tables that list every code the unit spent or received on (all funds), whose reading the rule needs.
_ALL_FUNDS = ("JS02", "JS03", "YS2", "YS3")


class GlossaryItemAbsent(Rule):
    """A 名词解释 entry that explains a 类 or 款 which no table of the document prints.

    ## What it does
    Reads the entries of the 名词解释 section that name a function-classification item as
    "X（类）Y（款）Z（项）：反映…" and looks for the 类 and the 款 among the rows of the document's
    function-classification tables (公开02–05/07/08表; a budget's T2/T3/T5–T7), by name (an
    abbreviated name, or a 类's superseded name, counts as found). An entry whose 类 or 款 no
    table prints is reported. Left alone: documents whose tables of all funds (公开02/03表, T2/T3)
    could not be read with their 款 rows; an absent 款 where no table shows the class's 款 all
    printed (the class row = Σ its 款 rows), an absent 类 where none shows the 类 all printed
    (合计 = Σ 类): a page not read would hide them; and an entry whose 款 name is missing but whose
    distinctive 项 name the tables print under its 类 (the 款 was renamed, not absent), or whose
    类 has a 款 row printed without its name. A 类 name with a character or two wrong is the
    class misnamed, not absent.

    ## Why is this bad?
    The glossary explains spending the unit does not have: the entry was copied from another
    department's document (a 商务局 explaining 财政事务), and the list of items it should
    explain is incomplete or wrong.

    ## Example
    ```
    16. 一般公共服务支出（类）财政事务（款）行政运行（项）：反映财政部门的基本支出。
    (the tables print 201 / 20113 商贸事务 only)
    ```

    ## Use instead
    ```
    16. 一般公共服务支出（类）商贸事务（款）行政运行（项）：反映行政单位的基本支出。
    ```
    """

    code = "BL719"
    name = "glossary-item-absent"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "absent": {
            "zh": "名词解释中的「{printed}」：{level}「{name}」在本文件的功能分类表中均未出现（表中{under}）",
            "en": "the glossary explains '{printed}', but no function-classification table prints the {level_en} '{name}' (the tables print {under_en})",
        },
    }
    _LEVEL_EN = {"类": "class", "款": "item"}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        entries = list(_glossary_entries(doc))
        if not entries:
            return
        read = _table_names(doc, ctx)
        if read is None:
            return
        names, complete = read
        for block, m in entries:
            cls, kuan, xiang = (_key(m.group(k)) if m.group(k) else None for k in ("cls", "kuan", "xiang"))
            classes = [c for c in names if len(c) == 3 and (_found(cls, names[c]) or FUNCTION_CLASSES.get(cls) == c)]
            classes = classes or [c for c in names if len(c) == 3 and _misspelt(cls, names[c])]
            if not classes:
                level, name = "类", cls
                if "合计" not in complete:
                    continue  # no table shows its 类 rows are all there (合计 = Σ 类)
            elif kuan and not _kuan_found(kuan, xiang, classes, names) and not _unnamed(classes, names):
                level, name = "款", kuan
                if not any(c in complete for c in classes):
                    continue  # no table shows the class's 款 rows are all there (类 = Σ 款)
            else:
                continue
            printed = clean_inline(m.group()).replace(" ", "")
            shown = _shown(classes if level == "款" else [c for c in names if len(c) == 3], 5 if level == "款" else 3, names)
            yield self.finding("absent", block.location, evidence={"level": level, "name": name},
                               anchor=f"glossary|{level}|{name}", printed=printed, level=level,
                               level_en=self._LEVEL_EN[level], name=m.group("cls" if level == "类" else "kuan").strip(),
                               under=("该类下的款为：" if level == "款" else "的类为：") + shown, under_en=shown)


def _glossary_entries(doc: Document):
    """(block, match) of each entry of the 名词解释 sections that names a 类."""
    inside: int | None = None  # the level of the 名词解释 heading while inside its section
    for block in doc.blocks:
        if isinstance(block, Heading):
            if "名词解释" in block.text:
                inside = block.level
                continue
            if inside is not None and block.level <= inside:
                inside = None
        if inside is None or not isinstance(block, (Paragraph, Heading)):
            continue
        text = _NUMBERING.sub("", clean_inline(block.text))
        m = _ENTRY.match(text)
        if m:
            yield block, m


def _table_names(doc: Document, ctx: Context) -> tuple[dict[str, set[str]], set[str]] | None:
    """Every name the function-classification tables print for a code, and the lists shown complete: the
    classes whose 款 rows add up to the class row in some table, and "合计" where the 类 rows add up to the
    合计 row. None when the tables of all funds were not read."""
    names: dict[str, set[str]] = {}
    complete: set[str] = set()
    read = False
    for st in doc.derive(recognise).tables:
        if st.kind is None or st.schema.codes != "function":
            continue
        for group in code_groups(st.table):
            rows = group.rows
            if st.kind.id in _ALL_FUNDS and any(len(row.code) == 5 for row in rows):
                read = True
            for row in rows:
                names.setdefault(row.code, set()).add(_key(row.name))
            if group.value_cols:
                complete |= _complete_lists(st, rows, group.value_cols[0], ctx)
    return (names, complete) if read else None


def _complete_lists(st, rows, col: int, ctx: Context) -> set[str]:
    """The classes of one code group whose 款 rows sum to the class row, and "合计" if the 类 rows sum to 合计."""
    table = st.table
    value = lambda r: table.rows[r][col].number if col < len(table.rows[r]) else None
    out: set[str] = set()
    classes = [row for row in rows if len(row.code) == 3]
    for cls in classes:
        parts = [value(row.row) for row in rows if len(row.code) == 5 and row.code[:3] == cls.code]
        stated = value(cls.row)
        if parts and stated is not None and all(p is not None for p in parts) and ctx.rounding.check_sum(stated, parts).consistent:
            out.add(cls.code)
    total = st.total_row()
    parts = [value(row.row) for row in classes]
    if total is not None and parts and all(p is not None for p in parts) and value(total) is not None:
        if ctx.rounding.check_sum(value(total), parts).consistent:
            out.add("合计")
    return out


def _key(name: str) -> str:
    return P.label_key(norm_label(name))


def _found(said: str, printed: set[str]) -> bool:
    return any(said == p or abbreviates(said, p) for p in printed)


def _shown(parents: list[str], width: int, names: dict[str, set[str]]) -> str:
    """The codes of one level the tables print (under the given classes), with their names."""
    codes = sorted(c for c in names if len(c) == width and c[:3] in {p[:3] for p in parents})
    return "、".join(f"{c} {'/'.join(sorted(n for n in names[c] if n))}".strip() for c in codes)


def _misspelt(said: str, printed: set[str]) -> bool:
    """The name of a 类 with a character or two wrong (资源探勘 for 资源勘探): the class is there, only misnamed."""
    return any(p and SequenceMatcher(None, said, p).ratio() >= 0.75 for p in printed)


def _unnamed(classes: list[str], names: dict[str, set[str]]) -> bool:
    """A 款 of the class printed without its name (21598 with a blank name cell): which 款 it is cannot be told."""
    return any(len(c) == 5 and c[:3] in classes and not any(names[c]) for c in names)


def _kuan_found(kuan: str, xiang: str | None, classes: list[str], names: dict[str, set[str]]) -> bool:
    """The 款 is printed (anywhere: a 类 name may be superseded), or its distinctive 项 is under its 类."""
    if any(len(c) == 5 and _found(kuan, names[c]) for c in names):
        return True
    if xiang and not _GENERIC_ITEM.match(xiang):
        return any(len(c) == 7 and c[:3] in classes and _found(xiang, names[c]) for c in names)
    return False
