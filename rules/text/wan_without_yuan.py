"""BL716: an amount of money printed with 万 and no 元 (支出0.39 万（含…）)."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Paragraph
from budgetlint.rule import Context, Rule

# a number, 万, then punctuation or the end: no 元, nor any other unit (万人次, 万平方米, 万册 read on)
_BARE_WAN = regex.compile(r"(?P<number>\d[\d,，]*(?:\.\d+)?)\s*万(?=\s*[（(，,。；;、）)：:]|\s*$)")
# the clause before the number says it is money
_MONEY = regex.compile(r"(?:支出|资金|经费|费用?|金额|预算|决算|收入|拨款|补助|结余|结转)(?:决算|预算)?(?:数|额)?\s*(?:为|达|共|计|约)?\s*$")
_CLAUSE_END = regex.compile(r"[，,。；;：:、]")


class WanWithoutYuan(Rule):
    """A sum of money printed as "X 万" with the 元 left out.

    ## What it does
    Finds, in running text, a number followed by 万 and then punctuation or a bracket — no 元
    and no other unit (万人次, 万平方米 and 万册 are counts, not money) — where the words just
    before the number name money (…支出, …资金, …经费, …费, 金额, 预算/决算数). A figure in
    brackets after a name (专项资金（2536 万）, a project's registered name) is left alone.

    ## Why is this bad?
    Every amount of the document is in 万元; "0.39 万" reads as a count and cannot be checked
    against the tables by a reader or a tool, and it is usually a slip in a sentence edited by
    hand, next to figures printed in full.

    ## Example
    ```
    国内公务接待支出0.39 万（含外宾接待支出0.00 万元）。
    ```

    ## Use instead
    ```
    国内公务接待支出0.39 万元（含外宾接待支出0.00 万元）。
    ```
    """

    code = "BL716"
    name = "wan-without-yuan"
    severity = Severity.INFO
    uses = ()
    messages = {
        "bare": {
            "zh": "金额「{printed}」缺少「元」：「{excerpt}」",
            "en": "the amount '{printed}' has no 元: '{excerpt}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for block in doc.blocks:
            if not isinstance(block, Paragraph):
                continue
            text = block.text
            if text.count("万") == text.count("万元"):
                continue  # every 万 is 万元's (and _BARE_WAN wants a 万 followed by no 元)
            for m in _BARE_WAN.finditer(text):
                start = m.start("number")
                if start and text[start - 1] in "（(" and text[m.end():].lstrip()[:1] in "）)":
                    continue  # 专项资金（2536 万）: an amount inside a project's name
                clause = _CLAUSE_END.split(text[max(0, start - 30) : start])[-1]
                if not _MONEY.search(clause):
                    continue
                printed = text[start : m.end()].replace(" ", "")
                yield self.finding(
                    "bare",
                    block.location,
                    evidence={"printed": printed},
                    anchor=f"wan-without-yuan|{clause}|{printed}",
                    printed=printed,
                    excerpt=(clause + text[start : m.end() + 12]).replace("\n", ""),
                )
