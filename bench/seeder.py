"""Defect seeder: one known defect at a time injected into a document's text, recording where a finding must point.

The seeder reads a clean document with the text reader, picks places by the criteria in
``bench/targets.py`` and edits the original text line (the number's printed format kept), so the
linter sees exactly what a publisher's mistake would look like. Line count never changes, so the
findings of the clean document and of a variant can be compared line by line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from budgetlint.model import Document
from budgetlint.readers.text import read_text

from . import forms, targets, text_kinds


@dataclass(frozen=True)
class Kind:
    """A family of seeded defects: which rule family should catch it, and which others may."""

    name: str
    families: tuple[str, ...]  # rule families meant to catch it (FAMILIES in budgetlint.rule)
    also: tuple[str, ...]  # other families whose finding at the place also counts
    description: str
    find: Callable[[Document, list[str]], Iterable[targets.Target]]
    form: Callable[[str, Document], str] | None = None  # the clean document rewritten first (another printed form)

    @property
    def family(self) -> str:
        return "/".join(self.families)

    @property
    def accepted(self) -> tuple[str, ...]:
        return (*self.families, *self.also)


KINDS: tuple[Kind, ...] = (
    Kind("table-cell", ("tables",), ("cross", "scores", "sangong"), "an amount in a table identity (code hierarchy, 合计 row or column) changed",
         lambda doc, lines: targets.identity_cells(doc)),
    Kind("split-code-cell", ("tables",), ("cross",), "an amount of the 基本支出 table printed two-sided with codes split over 类/款 cells changed",
         lambda doc, lines: [t for t in targets.identity_cells(doc) if "基本支出" in t.where], targets.split_economic_codes),
    Kind("prose-amount", ("prose",), ("ratios", "sangong", "cross"), "a 万元 amount in the text that a table restates changed",
         targets.prose_amounts),
    Kind("percentage", ("ratios",), ("prose", "sangong", "scores"), "a percentage in a sentence with an amount changed",
         targets.prose_percents),
    Kind("direction-word", ("ratios",), ("prose",), "决算数大于/小于预算数 of a per-项 决算 sentence turned the other way",
         targets.direction_words),
    Kind("item-budget", ("ratios",), ("prose",), "the 年初/全年 budget of a per-项 决算 sentence with a completion rate changed",
         targets.item_budgets),
    Kind("truncated-yuan", ("prose",), ("ratios", "cross", "tables"), "a 万元 amount of a document that restates its 元 tables truncated (877,080 元 → 87.70) changed beyond truncation",
         forms.truncated_restatements, forms.yuan_restated_truncated),
    Kind("sangong", ("sangong", "tables"), ("cross", "prose"), "an amount of the 三公 table changed",
         lambda doc, lines: targets.sangong_cells(doc)),
    Kind("sangong-prose", ("sangong",), ("prose", "ratios", "tables"), "an amount of the 三公 section that the 三公 table prints changed",
         targets.sangong_prose),
    Kind("sangong-lines", ("sangong", "tables"), ("cross", "prose"), "an amount of a 三公 table printed one cell per line changed",
         lambda doc, lines: targets.sangong_cells(doc), targets.one_cell_per_line),
    Kind("sangong-blanked", ("sangong",), ("structure", "tables", "prose"), "the 三公 table blanked while the section reports figures",
         targets.sangong_blanked),
    Kind("sangong-count", ("sangong",), ("prose",), "a 团组/批次/人次/辆 count of the 三公 section contradicting its amount",
         targets.sangong_counts),
    Kind("sangong-horizontal", ("sangong", "tables"), ("cross", "prose"), "an amount of a 三公 table printed in the 12-column layout changed",
         lambda doc, lines: targets.sangong_cells(doc), forms.sangong_horizontal),
    Kind("sangong-yuan", ("sangong",), ("prose", "ratios"), "a 三公 amount the section prints in 元 (the table in 万元) changed",
         forms.sangong_yuan_amounts, forms.sangong_in_yuan),
    Kind("sangong-zero", ("sangong", "tables"), ("prose", "cross"), "a 三公 item printed 0 or blank, stated as 0 / 未安排 / 无, given an amount",
         forms.sangong_zero_items),
    Kind("executed", ("scores",), ("ratios", "tables", "prose"), "an 执行数 of a self-evaluation table changed",
         lambda doc, lines: targets.executed_cells(doc)),
    Kind("score-rate", ("scores",), ("ratios", "tables", "prose"), "a form's 执行率 changed (beside its 执行数, in its column, or inside its label)",
         forms.execution_rates),
    Kind("score-points", ("scores",), ("tables", "ratios", "prose"), "an indicator's 得分 lowered (still within its 分值)",
         forms.indicator_points),
    Kind("score-grade", ("scores",), ("prose",), "a stated grade (form or narrative) turned into another band",
         forms.grades),
    Kind("score-lines", ("scores",), ("tables", "ratios", "prose"), "a total, its part or an indicator 得分 of a form printed one cell per line changed",
         lambda doc, lines: [*targets.score_totals(doc), *forms.indicator_points(doc, lines)], forms.forms_lone_cells),
    Kind("score-fraction", ("scores",), ("ratios", "tables", "prose"), "a form's 执行率 printed as a fraction (0.975 for 97.50%) changed",
         forms.fraction_rates, forms.rates_as_fractions),
    Kind("score-missed", ("scores",), ("prose",), "the 完成值 of an indicator that met its ≥ target with full points lowered below the target",
         forms.missed_targets),
    Kind("score-whole", ("scores",), ("tables", "ratios"), "a form's 总分 printed as the whole number it rounds to (98 for 98.36) moved by 2–6 points",
         forms.whole_totals, forms.totals_as_whole_numbers),
    Kind("copied-paragraph", ("text",), ("structure",), "a long paragraph pasted over one under another heading",
         targets.copied_paragraphs),
    Kind("placeholder", ("text",), ("disclosure",), "a number in a paragraph replaced by XX or ××", targets.placeholders),
    Kind("score-total", ("scores",), ("tables", "ratios"), "a total or its part in a performance form changed",
         lambda doc, lines: targets.score_totals(doc)),
    Kind("year-caption", ("structure", "text"), ("cross",), "the report year in a table caption changed",
         targets.caption_years),
    Kind("year-text", ("text",), ("structure", "prose"), "the report year in a sentence stating an amount changed",
         targets.sentence_years),
    Kind("year-caption-merged", ("structure", "text"), ("cross",), "the report year changed in a caption line that prints it after the unit or title (单位：…2024 年度, …自评表 (2024 年度))",
         targets.caption_years, text_kinds.merged_caption_years),
    Kind("copied-passage", ("text",), (), "a 40+ character sentence of one section put in place of a later sentence of a sibling section's paragraph",
         text_kinds.copied_passages),
    Kind("alternative", ("text",), ("ratios",), "a direction word before a figure left as the template's alternative (增加（减少）12.50万元)",
         text_kinds.alternatives),
    Kind("empty-reason", ("text",), (), "the reason after 主要原因是 removed (主要原因是。)", text_kinds.empty_reasons),
    Kind("instruction", ("text",), (), "the template's instruction to the writer left in a paragraph or under a table",
         text_kinds.instructions),
    Kind("disclosure", ("disclosure",), (), "a mobile, ID or bank account number, intranet address or password added to a paragraph (detected only if masked in every finding)",
         text_kinds.disclosures),
    Kind("unit-name", ("text",), ("structure",), "the unit's name with its joining word swapped, or another unit's name on its 编制单位 line",
         text_kinds.unit_names),
    Kind("contents-entry", ("structure",), ("text",), "a 目录 entry retitled as a section the document does not print",
         text_kinds.contents_entries),
    Kind("kind-word", ("text",), ("structure",), "a heading, caption or 目录 line naming the document by the other kind (2024年度部门预算表 in a 决算)",
         text_kinds.kind_words),
    Kind("executed-word", ("text",), ("ratios", "prose"), "a 决算's executed figure of a completion sentence called 预算数 (年初预算 A，预算数 B，完成年初预算的 P%)",
         text_kinds.executed_words),
    Kind("unspent-problem", ("text",), (), "a fully executed project's 主要问题 replaced by one of money left unspent (经费未完全支出)",
         text_kinds.unspent_problems),
    Kind("cut-figure", ("text",), ("prose", "ratios"), "an amount stated after 合计为/支出为… removed with its unit (本年支出合计为。)",
         text_kinds.cut_figures),
    Kind("glossary-item", ("text",), ("prose",), "a 名词解释 entry's 款 and 项 put as another department's, printed nowhere in the document (财政事务（款）财政委托业务支出（项）)",
         text_kinds.glossary_items),
    Kind("cut-sentence", ("text",), (), "a one-line paragraph before a heading cut after a comma of its last sentence (…主要用于保障，)",
         text_kinds.cut_sentences),
)
KIND_BY_NAME = {k.name: k for k in KINDS}


@dataclass(frozen=True)
class Mutation:
    """One seeded defect: what changed, and the lines a finding must point at to count as detecting it."""

    kind: str
    family: str
    accepted: tuple[str, ...]
    line: int  # the edited line
    lines: tuple[int, ...]  # a finding at (or related to) any of these detects it
    where: str
    change: str
    edited: tuple[int, ...] = ()  # every line the defect edits (the line itself and any more)

    def describe(self) -> str:
        return f"{self.kind} at line {self.line}: {self.where}: {self.change}"


@dataclass(frozen=True)
class Variant:
    path: str
    mutation: Mutation
    text: str
    base: str = ""  # the clean document in the variant's printed form (its findings are the baseline)

    def read(self) -> Document:
        return read_text(self.text.encode("utf-8"), self.path)


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines as the text reader numbers them (``str.splitlines``), and each line's ending."""
    raw = text.splitlines(keepends=True)
    bodies = [line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") for line in raw]
    return bodies, [line[len(body):] for line, body in zip(raw, bodies)]


def candidates(doc: Document, text: str, kind: Kind) -> list[targets.Target]:
    lines, _ = split_lines(text)
    seen: set[tuple[int, str]] = set()
    out = []
    for target in kind.find(doc, lines):
        key = (target.line, target.where)
        if key not in seen and 1 <= target.line <= len(lines):
            seen.add(key)
            out.append(target)
    return out


def seed_document(
    text: str,
    path: str,
    per_kind: int,
    seed: int = 20250601,
    kinds: Iterable[Kind] = KINDS,
    doc: Document | None = None,
) -> Iterator[Variant]:
    """Up to ``per_kind`` variants of each kind, sampled with a fixed seed (per document and kind)."""
    original = doc or read_text(text.encode("utf-8"), path)
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for kind in kinds:
        base = kind.form(text, original) if kind.form else text
        doc = read_text(base.encode("utf-8"), path) if kind.form else original
        lines, endings = split_lines(base)
        rng = random.Random(f"{seed}:{name}:{kind.name}")
        pool = candidates(doc, base, kind)
        rng.shuffle(pool)
        made = 0
        for target in pool:
            if made >= per_kind:
                break
            edited = target.edit(lines[target.line - 1], rng)
            if edited is None or edited[0] == lines[target.line - 1]:
                continue
            new_line, change = edited
            body = lines[:]
            body[target.line - 1] = new_line
            for line, more in target.more:
                extra = more(body[line - 1], rng)
                if extra is None:
                    break
                body[line - 1] = extra[0]
            else:
                extra = ()
            if extra is None:
                continue
            mutation = Mutation(
                kind=kind.name,
                family=kind.family,
                accepted=kind.accepted,
                line=target.line,
                lines=target.lines or (target.line,),
                where=target.where,
                change=change,
                edited=(target.line, *(line for line, _ in target.more)),
            )
            yield Variant(path, mutation, "".join(b + e for b, e in zip(body, endings)), base)
            made += 1
