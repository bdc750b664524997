"""BL704: a sentence stating the report year's figures labelled with another year, or a 填报日期 before the year ended."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.parts import part_years
from budgetlint.recognise.recognition import recognise
from budgetlint.rule import Context, Rule
from budgetlint.text import rx

_SENTENCE = regex.compile(r"[^。；;！？!?]+")
_AMOUNT = regex.compile(r"\d\s*(?:万元|亿元)")
# A year labelling what the report is about: 2024年度财政拨款支出…, 本部门对2024年度全部项目支出…
_SUBJECT = (
    r"本部门|本单位|(?:本部门|本单位|部门|单位)?(?:财政拨款|一般公共预算|政府性基金|国有资本经营|[\"“”]?三公[\"“”]?经费|机关运行经费"
    r"|政府采购|收入|支出|收支|全部项目|部门整体|预算项目|国内公务接待|公务接待|参加出国|因公出国|公务用车|年初预算|全年预算|部门预算|单位预算|部门决算|单位决算|基本支出|项目支出|项目预算|预算绩效|项目(?=\s*\d))"
)
# …or after the organisation the figures are of (上海市普陀区某某局2024年度收入支出总计…, 社会工作部2024年度…)
_ORGANISATION = r"局|部|委|办|办事处|中心|街道|政府|院|馆|所|站|队|厅"
_LABEL = regex.compile(
    r"(?:^|(?<=[，,：:（(]|对|了|在|的|" + _ORGANISATION + r"))\s*(?<!\d)(20\d{2})\s*年度?\s*[，,]?\s*(?=" + _SUBJECT + r")"
)
# The clause compares, dates a payment, names a fund or a plan: another year is expected there.
_CONTEXT = regex.compile(r"比|较|与|同比|上年|以前|以来|已|于|用|至|到|[-—~～]\s*$|将|计划|预计")
_EXECUTED = regex.compile(r"^\s*年度?\s*(?:当年)?[^，,。]{0,12}(?:执行数|执行情况|决算)")
# A status date ("截至2024年末保有量9辆"): in a 决算 or self-evaluation it is the report year's end.
_AS_OF = regex.compile(r"截[至止]\s*(20\d{2})\s*年\s*(?:末|底|12\s*月\s*31\s*日)")
# A forecast naming its year: 预计2023年将完成…, 计划于2023年底前…, 力争2023年…
_FORECAST = regex.compile(r"(?:预计|计划|力争|争取|拟)\s*(?:于|在|到)?\s*(20\d{2})\s*年")
_FORECAST_WORDS = ("预计", "计划", "力争", "争取", "拟")
_RECALLED = regex.compile(r"原|曾|此前|当初|按照|根据")  # 原计划2023年完成 recalls the old plan
_OPENING = regex.compile(r"年初|上年|比|较|与")  # the opening position (年初结转, 截至上年末) names last year's end
NEAR = 3
_FILED = regex.compile(r"填[报表]日期\s*[：:]?\s*(20\d{2})\s*[年.\-/]\s*(\d{1,2})")
_SPACE = regex.compile(r"\s+")


class WrongYearInText(Rule):
    """A sentence stating the report year's figures labels them with another year.

    ## What it does
    Finds the year that labels a sentence's figures ("2024年度财政拨款支出 … 万元", "本部门对2024年度
    全部项目支出开展绩效自评，涉及资金 … 万元", "某某局2024年度收入支出总计 … 万元"): a year directly
    before the subject of the figures, at the start of a clause or after the organisation's name. In a 决算 or a self-evaluation for year Y that year must be Y; in a
    预算 for year Y it must be Y too (last year's 执行数 and comparisons are left alone). Clauses that
    compare (比, 较, 与…相比, 同比, 上年), date payments (已于, 用…资金), give ranges or plans (至, 将,
    计划) are skipped. A 填报日期 of a 决算 or self-evaluation dated before the year ended is also
    reported, and so is a status date ("截至2023年末 … 保有量", "截至2023年12月31日", also broken by
    the PDF as "12 月31 日") in a 决算 or self-evaluation for another year than Y. A forecast or plan
    naming a year already past ("预计2023年将完成…" in a 2024 report; not "原计划2023年…") is an info
    note: text carried over from last year's report. Each part of a document has its year: the
    text under a heading naming another year (二、2025年工作计划) is not compared.

    ## Why is this bad?
    The figures of the report year are attributed to another year, usually because last year's
    text was carried over and its year not updated; a reader cannot tell which year the amount
    belongs to. A form dated before its year ended cannot report the whole year.

    ## Example
    ```
    某某局2024年度部门决算
    2023年度财政拨款支出 1,200.00 万元，其中：基本支出 800.00 万元。
    ```

    ## Use instead
    ```
    某某局2024年度部门决算
    2024年度财政拨款支出 1,200.00 万元，其中：基本支出 800.00 万元。
    ```
    """

    code = "BL704"
    name = "wrong-year-in-text"
    severity = Severity.WARNING
    uses = (recognise, part_years)
    messages = {
        "year": {
            "zh": "本文件为{year}年{kind}，但本句金额标注为{named}年：{excerpt}",
            "en": "this is the {year} {kind_en}, but this sentence labels its amounts {named}: {excerpt}",
        },
        "stale": {
            "zh": "本文件为{year}年{kind}，但本句的预计或计划仍写{named}年（已过去的年度，疑为沿用上年文字）：{excerpt}",
            "en": "this is the {year} {kind_en}, but this sentence still plans or forecasts for {named}, a year already past: {excerpt}",
        },
        "filed": {
            "zh": "本文件为{year}年{kind}，填报日期{date}早于该年度结束",
            "en": "this is the {year} {kind_en}, but it was filled in on {date}, before the year ended",
        },
    }
    _KIND_EN = {"决算": "final accounts", "预算": "budget", "自评": "self-evaluation"}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        if rec.year is None or rec.doc_kind not in self._KIND_EN:
            return
        kinds = {"kind": rec.doc_kind, "kind_en": self._KIND_EN[rec.doc_kind], "year": rec.year}
        parts = doc.derive(part_years)
        counts: dict[str, int] = {}
        for text, location in doc.iter_text():
            amounts = "万元" in text or "亿元" in text or (rec.doc_kind != "预算" and "截" in text)  # _AMOUNT, _AS_OF
            forecast = rec.doc_kind != "预算" and any(w in text for w in _FORECAST_WORDS)
            if not (amounts or forecast) or parts.at(location) != rec.year:
                continue  # nothing to read, or a part about another year (next year's targets, last year's execution)
            stale = self._stale_target(text, rec.year) if forecast else None
            if stale is not None:
                yield self.finding(
                    "stale", location, severity=Severity.INFO,
                    evidence={"document_year": rec.year, "named": stale[0], "sentence": stale[1]},
                    anchor=f"stale-target-year|{rec.year}|{stale[0]}|{_SPACE.sub('', stale[1])[:40]}",
                    named=stale[0], excerpt=_SPACE.sub("", stale[1])[:40], **kinds,
                )
            for sentence in _SENTENCE.finditer(text if amounts else ""):
                s = sentence.group()
                if not _AMOUNT.search(s) and not (rec.doc_kind != "预算" and _AS_OF.search(s)):
                    continue
                named = self._other_year(s, rec.year, rec.doc_kind == "预算")
                if named is None:
                    continue
                excerpt = _SPACE.sub("", s)[:40]
                key = f"{named}|{excerpt}"
                counts[key] = counts.get(key, 0) + 1
                yield self.finding(
                    "year",
                    location,
                    evidence={"document_year": rec.year, "named": named, "sentence": s.strip()},
                    anchor=f"wrong-year-in-text|{rec.year}|{key}|{counts[key]}",
                    named=named,
                    excerpt=excerpt,
                    **kinds,
                )
                break  # one finding per paragraph
        if rec.doc_kind != "预算":
            yield from self._filed(doc, rec.year, kinds)

    @staticmethod
    def _stale_target(text: str, year: int) -> tuple[int, str] | None:
        """A forecast for a year already past (预计2023年将… in a 2024 report): carried over from last year."""
        for sentence in _SENTENCE.finditer(text):
            for m in _FORECAST.finditer(sentence.group()):
                named = int(m.group(1))
                before = sentence.group()[: m.start()]
                if year - NEAR <= named < year and not _RECALLED.search(before):
                    return named, sentence.group().strip()
        return None

    @staticmethod
    def _other_year(sentence: str, year: int, budget: bool) -> int | None:
        if not budget:  # a 预算 states last year's closing position (截至上年末) as a matter of course
            for m in _AS_OF.finditer(sentence):
                clause = rx(r"[，,：:]").split(sentence[: m.start()])[-1]
                if int(m.group(1)) != year and abs(int(m.group(1)) - year) <= 3 and not _OPENING.search(clause):
                    return int(m.group(1))
        for m in _LABEL.finditer(sentence):
            named = int(m.group(1))
            before = sentence[: m.start(1)]
            clause = rx(r"[，,：:]").split(before)[-1]
            if named == year or _CONTEXT.search(clause) or abs(named - year) > 3:
                continue
            if budget and _EXECUTED.match(sentence[m.end(1) :]):
                continue
            return named
        return None

    def _filed(self, doc: Document, year: int, kinds: dict) -> Iterator[Finding]:
        texts = list(doc.iter_text())
        texts += [(c.text, c.location) for t in doc.tables for row in t.rows for c in row if "日期" in c.text]
        for text, location in texts:
            for m in _FILED.finditer(text):
                if int(m.group(1)) <= year:
                    date = f"{m.group(1)}-{int(m.group(2)):02d}"
                    yield self.finding(
                        "filed",
                        location,
                        evidence={"document_year": year, "filed": date},
                        anchor=f"filed-before-year-end|{year}|{date}",
                        date=date,
                        **kinds,
                    )
