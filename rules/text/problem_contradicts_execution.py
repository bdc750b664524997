"""BL717: a project's stated problem of unspent money where the same summary reports its budget fully executed."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.amounts import parse_number
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.rule import Context, Rule
from budgetlint.rules.text.copied_passage import CopiedPassage

# 完成预算的100% / 预算执行率为100.00% / 执行率100%: the execution rate a summary states.
_RATE = regex.compile(r"(?:完成(?:年初|全年|调整后?)?预算(?:数)?的?|执行率(?:为|是|达到?)?)\s*(\d+(?:\.\d+)?)\s*[%％]")
# Wording that says money of the project was left unspent.
_UNSPENT = regex.compile(
    r"(?:经费|资金|预算)(?:未|没有|未能)(?:完全|全部|足额)(?:支出|使用|执行|拨付)"
    r"|(?:预算)?执行率(?:偏低|较低|不高|低)"
    r"|(?:资金|经费|预算)?未(?:能)?按(?:计划|进度|时序进度|时序)(?:支出|执行|使用)"
    r"|支出进度(?:偏慢|较慢|缓慢|滞后)"
)
# The sentence names it as this project's problem (存在的主要问题是…, 主要问题及原因：…).
_PROBLEM = regex.compile(r"问题|原因|不足|扣分")
# Wording about avoiding it, or another time: an improvement measure, not a problem found.
_NOT_FOUND = regex.compile(r"避免|防止|杜绝|确保|提高|提升|加快|加强|下一步|今后|将|不存在|未发现|无[^，,。；;]{0,4}问题|上年|以前年度")
_SENTENCE = regex.compile(r"[^。；;！？!?]+[。；;！？!?]?")


class ProblemContradictsExecution(Rule):
    """A project's summary names unspent money as its problem while stating the budget fully executed.

    ## What it does
    Reads each project summary as BL706 reads sections (a heading, or a numbered item such as
    "（12）…项目自评综述：…", with the paragraphs after it). Where the summary states an execution
    rate (完成预算的 P%, 预算执行率 P%) and every rate it states is 100% or more, a sentence of
    it that gives as the project's problem (问题, 原因, 不足, 扣分) that money was not fully
    spent — 经费未完全支出, 执行率偏低, 资金未按计划支出, 支出进度滞后 — is reported, with the rate
    as the related place. A summary that also states a rate below 100%, or none, is left alone
    (which figure the sentence is about is unsure), and so is wording about avoiding it
    (避免…, 下一步…) or another year.

    ## Why is this bad?
    The problem sentence contradicts the figures beside it: the project spent all its budget.
    It was usually copied from another project's summary, where it was true, and the reader is
    told of a problem this project did not have (and of none it had).

    ## Example
    ```
    （2）档案数字化项目自评综述：项目全年预算数为98万元，执行数为98万元，完成预算的100%。
    主要问题及原因：资金压减导致经费未完全支出。
    ```

    ## Use instead
    ```
    （2）档案数字化项目自评综述：项目全年预算数为98万元，执行数为98万元，完成预算的100%。
    主要问题及原因：部分档案扫描质量抽检未达标，返工影响了进度。
    ```
    """

    code = "BL717"
    name = "problem-contradicts-execution"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "unspent": {
            "zh": "本项目“{title}”完成预算的{rate}，此处却称{claim}：「{excerpt}」，疑为从其他项目复制",
            "en": "the project '{title}' states {rate} of its budget executed, yet this says money was left unspent ({claim}): '{excerpt}'; copied from another project?",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        sections: dict[int, list] = {}
        for place, group in CopiedPassage._places(doc):
            if group >= 0:
                sections.setdefault(group, []).append(place)
        for places in sections.values():
            rates: list[tuple[str, Location, object]] = []
            for place in places:
                for m in _RATE.finditer(place.para.text):
                    number = parse_number(m.group(1))
                    if number is not None:
                        rates.append((m.group(1) + "%", place.para.location, number.value))
            if not rates or any(value < 100 for _, _, value in rates):
                continue
            rate, rate_location, _ = rates[0]
            for place in places:
                for sentence in _SENTENCE.findall(place.para.text):
                    claim = _UNSPENT.search(sentence)
                    if not claim or not _PROBLEM.search(sentence[: claim.start()]) or _NOT_FOUND.search(sentence[: claim.start()]):
                        continue
                    excerpt = sentence.strip()[:60]
                    yield self.finding(
                        "unspent", place.para.location,
                        related=[] if rate_location == place.para.location else [(rate_location, f"完成预算的{rate}")],
                        evidence={"rate": rate, "claim": claim.group(), "sentence": excerpt},
                        anchor=f"problem-unspent|{place.title}|{claim.group()}",
                        title=place.title or "文首", rate=rate, claim=claim.group(), excerpt=excerpt,
                    )
                    break
