"""BL720: the 主要职责 section describing another department's duties (copied from its document)."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.engine import describe_document
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.recognise.recognition import recognise
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash
from budgetlint.text import clean_inline

_BOUNDARY = regex.compile(r"[，,。；;：:]")
_NUMBERING = regex.compile(r"^[（(][一二三四五六七八九十\d]+[)）]")
_SECTION = regex.compile(r"主要职责|主要职能|职能职责|部门职责|单位职责")
# The opening sentence of the 三定 duties: 贯彻落实党中央关于X工作的方针政策…坚持和加强党对X工作的集中统一领导.
# Its two X name the same field of work; they differ where it was edited from another department's.
_POLICY = regex.compile(r"关于(?P<field>[\p{Han}、]{2,20}?)工作的方针政策")
_LEADERSHIP = regex.compile(r"党对(?P<field>[\p{Han}、]{2,20}?)工作的(?:集中)?统一领导")
# Duties only one kind of department has, by the word its name carries: where the document's unit does not
# carry the word, the duty was copied from such a department's document. Kept short and exact on purpose.
_EXCLUSIVE = (
    ("财政", "财政部门", regex.compile(
        r"拟订(?:全市|全区|本市|本区|全省|市|区|省)?财税(?:发展)?规划"
        r"|财政、财务、会计管理"
        r"|综合平衡社会财力"
        r"|编制(?:年度)?(?:全市|全区|本市|本区|市级|区级)?(?:预算、决算|预决算)草案"
    )),
)


class DutiesOfOtherDepartment(Rule):
    """The 主要职责 section describes another department's duties: it was copied from that department's document.

    ## What it does
    Reads the paragraphs of the 主要职责 / 主要职能 section. The opening sentence of the duties
    names the unit's field of work twice — "贯彻落实党中央关于X工作的方针政策…坚持和加强党对X工作的
    集中统一领导" — and where the two fields differ, the sentence is reported (warning), with the
    one the unit's name does not fit named as the other department's. A duty only a 财政部门 has
    (拟订…财税规划, 财政、财务、会计管理的法规, 综合平衡社会财力, 编制预算、决算草案) in the document of a
    unit whose name is not a 财政 one is reported at info: the list of such duties is short and
    written by hand, so a duty it does not list is not found, and one it lists is a strong hint,
    not a proof.

    ## Why is this bad?
    The duties tell the reader what the unit is for and what its money is spent on; duties of
    another department (a 商务局 that "起草本市财政、财务、会计管理的地方性法规") were pasted from
    that department's document and describe a unit that is not this one.

    ## Example
    ```
    沈北市工业和信息化局贯彻落实党中央关于财政工作的方针政策和决策部署，在履行职责过程中坚持和加强党对
    工业和信息化工作的集中统一领导。
    ```

    ## Use instead
    ```
    沈北市工业和信息化局贯彻落实党中央关于工业和信息化工作的方针政策和决策部署，在履行职责过程中坚持和
    加强党对工业和信息化工作的集中统一领导。
    ```
    """

    code = "BL720"
    name = "duties-of-other-department"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "fields": {
            "zh": "主要职责的首句前后不一：「关于{policy}工作的方针政策」与「党对{leadership}工作的集中统一领导」；"
                  "「{other}工作」与本单位（{unit}）不符，应出自其他部门的文件",
            "en": "the duties' opening sentence names two fields of work, '{policy}' and '{leadership}'; "
                  "'{other}' does not fit the unit ({unit}) and was left from another department's document",
        },
        "exclusive": {
            "zh": "主要职责中的「{excerpt}」是{department}的职责，与本单位（{unit}）不符，可能抄自其他部门的文件",
            "en": "the duty '{excerpt}' is one of a {department_en}'s, not of the unit ({unit}): probably copied from its document",
        },
    }

    lowered = {"exclusive": {"zh": "依据手写的短名单判断，仅为提示", "en": "judged from a short hand-written list of duties: a hint, not a proof"}}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        unit = squash(describe_document(doc)["unit"] or "")
        if len(unit) < 4:
            return
        for block in _duties(doc):
            text = clean_inline(block.text).replace(" ", "")
            policy, leadership = _POLICY.search(text), _LEADERSHIP.search(text)
            if policy and leadership and not _same_field(policy["field"], leadership["field"]):
                other = min((policy["field"], leadership["field"]), key=lambda f: _fit(f, unit))
                yield self.finding("fields", block.location,
                                   evidence={"policy": policy["field"], "leadership": leadership["field"]},
                                   anchor=f"fields|{policy['field']}|{leadership['field']}",
                                   policy=policy["field"], leadership=leadership["field"], other=other, unit=unit)
            for word, department, pattern in _EXCLUSIVE:
                if word in unit or not (m := pattern.search(text)):
                    continue
                excerpt = _clause(text, m.start(), m.end())
                yield self.finding("exclusive", block.location, severity=Severity.INFO,
                                   evidence={"duty": m.group(), "department": department},
                                   anchor=f"exclusive|{word}|{m.group()}", excerpt=excerpt,
                                   department=department, department_en="finance department", unit=unit)


def _duties(doc: Document) -> Iterator[Paragraph]:
    """The paragraphs of the 主要职责 sections (until a heading of the same level or above)."""
    inside: int | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            if _SECTION.search(block.text) and "……" not in block.text:
                inside = block.level
                continue
            if inside is not None and block.level <= inside:
                inside = None
        elif inside is not None and isinstance(block, Paragraph):
            yield block


def _clause(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end], at most 40 characters."""
    before = max((b.end() for b in _BOUNDARY.finditer(text, 0, start)), default=0)
    after = next((b.start() for b in _BOUNDARY.finditer(text, end)), len(text))
    return _NUMBERING.sub("", text[max(before, start - 20) : min(after, end + 20)])


def _same_field(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def _fit(field: str, unit: str) -> int:
    """How many of the field's characters the unit's name carries."""
    return sum(1 for ch in set(field) if ch in unit)
