"""BL608: a stated grade (优/良/中/差) that the score does not earn under the document's bands (or the national ones)."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.amounts import parse_number
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.recognise.evaluation_forms import evaluation_forms
from budgetlint.recognise.grades import GRADE_WORDS, SCORE, STATED, Bands, document_bands
from budgetlint.rule import Context, Rule

_SENTENCE = regex.compile(r"[^。；;！？]+")


class GradeMismatch(Rule):
    """A grade that does not follow from the score it is given for.

    ## What it does
    Reads the grade bands the document prints ("90（含）-100分为“优”，80（含）-90分为“良”…",
    "100-90(含)分为优 … 60分以下为差"); where it prints none, uses the four bands of 财预〔2020〕10号
    (90–100 优, 80–90 良, 60–80 中, below 60 差) and says so. Then checks, by the interval rule
    on the printed score, every stated grade: the 自评等级 cell of a form against its 总分; a
    grade written in a cell of the form ("本项目自评等级为优", "自评结论为：优秀") against the same
    总分; and a sentence stating one score and one grade ("综合得分 91.68 分 … 评定为良"). 优秀,
    良好, 中等 and 较差 are read as 优, 良, 中 and 差.

    ## Why is this bad?
    The grade is the headline of an evaluation; a grade above the band of its score
    overstates the result, one below it is a copy error that readers quote.

    ## Example
    ```
    总分 | 100 | 88.87
    自评等级 | 优
    ```
    88.87 lies in 80(含)–90, which is 良.

    ## Use instead
    ```
    自评等级 | 良
    ```
    """

    code = "BL608"
    name = "grade-mismatch"
    severity = Severity.WARNING
    uses = (evaluation_forms,)
    messages = {
        "grade": {
            "zh": "得分 {score} 按{bands_zh}应为「{expected}」，却评为「{stated}」",
            "en": "score {score} earns '{expected}' under {bands_en}, yet the grade is '{stated}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        bands = document_bands(doc)
        seen: set[Location] = set()
        for form in doc.derive(evaluation_forms):
            total = form.total
            if total is None or total.number is None:
                continue
            stated = []
            if form.grade is not None and form.grade.text in GRADE_WORDS:
                stated.append((form.grade.text, form.grade.location))
            for row in form.table.table.rows:
                for cell in row:
                    if len(cell.text) > 8 and (m := STATED.search(cell.text)) and not SCORE.search(cell.text[: m.start()]):
                        stated.append((m.group("grade"), cell.location))
            for word, location in stated[:2]:
                seen.add(location)
                yield from self._judge(ctx, bands, total.number, total.text, word, location, total.location)
        for text, location in doc.iter_text():
            if location in seen or "分" not in text:
                continue
            for sentence in _SENTENCE.findall(text):
                scores, grades = list(SCORE.finditer(sentence)), list(STATED.finditer(sentence))
                if len(scores) > 1:  # 自评得分 99.10 分，其中预算执行率得分 9.91 分…: the total is the one named so
                    scores = [m for m in scores if m.group("whole")]
                if len(scores) != 1 or len(grades) != 1:
                    continue
                score = parse_number(scores[0].group("num"))
                word = grades[0].group("grade")
                yield from self._judge(ctx, bands, score, scores[0].group("num"), word, location, None)

    def _judge(self, ctx, bands: Bands, score, score_text, word, location, score_location) -> Iterator[Finding]:
        grade = GRADE_WORDS.get(word)
        allowed = bands.allowed(score, ctx.rounding)
        if grade is None or not allowed or grade in allowed:
            return
        expected = "/".join(sorted(allowed))
        yield self.finding(
            "grade", location, related=[(score_location, "总分")] if score_location else [],
            evidence={"score": score_text, "stated": word, "expected": expected, "national_bands": bands.national},
            anchor=f"grade|{score_text}|{word}", score=score_text, expected=expected, stated=word,
            bands_zh="国家四档标准（财预〔2020〕10号）" if bands.national else "文中的等级划分",
            bands_en="the national bands (财预〔2020〕10号)" if bands.national else "the document's bands",
        )
