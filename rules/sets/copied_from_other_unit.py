"""BL006: a passage describing one unit (its duties, a project) printed in another unit's document."""

from __future__ import annotations

import hashlib
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.passages import PassageIndex, normalise
from budgetlint.rule import Context
from budgetlint.sets import Card, SetRule

MIN_CHARS = 40  # characters (punctuation and spaces ignored) outside stock clauses
_HAN = regex.compile(r"\p{Han}")
_CITED = regex.compile(r"《[^《》]{1,80}》")


class CopiedFromOtherUnit(SetRule):
    """A passage of one unit's own description printed in the document of another unit.

    ## What it does
    Compares, across the documents of a run, the sections where a document describes its own unit —
    主要职能 / 主要职责, and each project's 概况, 主要内容 and 立项依据 — of *different* units: a common
    run of at least 40 characters (punctuation and spaces ignored) is reported with both places and
    the shared text, in the document whose unit's name the text fits least (城乡规划 belongs to the 规划局,
    not the 档案馆). Documents of the same unit (two years of one budget, a 部门 and its 本部) and a
    部门 with a unit it lists (a department may describe its units) are not compared. Wording that
    occurs in three or more units' documents is stock (template duties such as "完成上级交办的其他
    任务") and does not count; titles of cited laws (《…》) are left out; so are sentences listed as
    templates in configuration (`template-sentences`). Candidates come from winnowed fingerprints,
    then exact alignment (the same detector as BL706), so the work grows with the text, not the pairs.

    ## Why is this bad?
    A unit's 主要职能 or project description copied from another unit's published document tells the
    public what the other unit does; reviewers find these by reading two documents side by side.

    ## Example
    ```
    岚江市档案馆 主要职能: 负责全市城乡规划编制的组织实施和监督管理，审核报批各类详细规划……
    岚江市规划局 主要职能: 负责全市城乡规划编制的组织实施和监督管理，审核报批各类详细规划……
    ```

    ## Use instead
    Each unit's own duties and project descriptions.
    """

    code = "BL006"
    name = "copied-from-other-unit"
    severity = Severity.WARNING
    messages = {
        "copied": {
            "zh": "本文件描述本单位的文字中有 {chars} 字与另一单位的文件（{other}）相同：“{excerpt}”",
            "en": "{chars} characters of this document's description of its own unit are the same as in another unit's document ({other}): “{excerpt}”",
        }
    }

    def check_set(self, cards: list[Card], ctx: Context) -> Iterator[Finding]:
        index, places = PassageIndex(), []
        for sentence in ctx.options.get("template-sentences", ()):
            index.add_stock(normalise(sentence)[0])
        for card in cards:
            for text, location in card.own_texts:
                key, _ = normalise(_CITED.sub("", text))
                if len(key) >= MIN_CHARS:
                    index.add(key, card.unit_key or card.path)  # one group per unit: its own repeats are not copies
                    places.append((card, location))
        reported: set[tuple[str, str]] = set()
        for run in index.runs(MIN_CHARS):
            (a, loc_a), (b, loc_b) = places[run.first], places[run.second]
            if _related(a, b) or (a.path, b.path) in reported:
                continue
            shared = index.keys[run.first][run.first_start : run.first_start + run.length]
            if len(_HAN.findall(shared)) < MIN_CHARS // 2:
                continue  # figures and codes in common, not wording
            # The text names one unit's subject and not the other's: that is where it was copied to.
            fit_a, fit_b = _fit(a, shared), _fit(b, shared)
            first_is_copy = fit_a < fit_b or (fit_a == fit_b and a.path > b.path)
            later, loc, other, other_loc = (a, loc_a, b, loc_b) if first_is_copy else (b, loc_b, a, loc_a)
            reported.add((a.path, b.path))  # one finding per pair of documents: the longest run first found
            yield self.finding(
                "copied",
                loc,
                related=[(other_loc, f"{other.describe()}：同一段文字")],
                evidence={"shared": shared, "chars": run.length, "other_document": other.path},
                anchor=f"copied-unit|{hashlib.sha1(shared.encode()).hexdigest()[:12]}",
                chars=run.length,
                other=other.describe(),
                excerpt=shared if len(shared) <= 40 else shared[:40] + "……",
            )


_GENERIC = regex.compile(r"^(?:.{1,8}?[省市])?(?:.{1,8}?[区县])?|(?:局|馆|中心|院|所|站|队|处|办公室|委员会|本部)$")


def _fit(card: Card, shared: str) -> int:
    """How many two-character words of the unit's own name (region and 局/馆/中心 left out) the text uses."""
    name = _GENERIC.sub("", card.unit_key)
    return sum(1 for i in range(len(name) - 1) if name[i : i + 2] in shared)


def _related(a: Card, b: Card) -> bool:
    """The same unit, or a department and a unit it lists."""
    if a.unit_key and a.unit_key == b.unit_key:
        return True
    return (a.level == "部门" and a.lists(b)) or (b.level == "部门" and b.lists(a))
