"""Recall of seeded defects: lint each variant and decide whether a new finding points at the seeded place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from budgetlint.engine import Linter
from budgetlint.findings import Finding, Severity
from budgetlint.readers.text import read_text
from budgetlint.rule import FAMILIES

from .seeder import KINDS, Kind, Mutation, Variant, seed_document
from .text_kinds import secret_of


def family_of(code: str) -> str:
    return FAMILIES.get(code[2:3], "plugin") if code.startswith("BL") else "plugin"


def finding_key(f: Finding) -> tuple:
    """Identity of a finding for "new on the variant": lines never shift, so the location is part of it."""
    return (f.code, f.location.line, f.location.end_line, f.anchor, f.text("zh"))


def points_at(f: Finding, lines: Iterable[int]) -> bool:
    """The finding's location, or one of its related locations, covers one of ``lines``."""
    spans = [f.location, *(loc for loc, _ in f.related)]
    for loc in spans:
        if loc.line is None:
            continue
        end = loc.end_line or loc.line
        if any(loc.line <= line <= end for line in lines):
            return True
    return False


@dataclass
class Outcome:
    variant: Mutation
    path: str
    detected: bool  # a new warning/error of an accepted family at the place
    info_only: bool  # only a new info finding there
    by: list[str] = field(default_factory=list)  # codes of the findings that detected it
    elsewhere: list[str] = field(default_factory=list)  # new warnings/errors that missed the place (for diagnosis)
    other_family: list[str] = field(default_factory=list)  # new findings at the place from families not accepted
    repaired: bool = False  # the edit undid a defect of the document: a finding at the place went away, none came


def judge(mutation: Mutation, path: str, baseline: dict, findings: list[Finding]) -> Outcome:
    """``baseline``: the clean document's findings by key. A seeded edit that removes a warning or error at the
    place and brings none (a real document's wrong 合计 made right by the changed part) repaired a defect:
    such a variant is counted apart, not as a miss."""
    new = [f for f in findings if finding_key(f) not in baseline]
    here = [f for f in new if points_at(f, mutation.lines)]
    accepted = [f for f in here if family_of(f.code) in mutation.accepted]
    serious = [f for f in accepted if f.severity >= Severity.WARNING]
    secret = secret_of(mutation.change)
    if secret and any(secret in f.text(lang) or secret in str(f.evidence) for f in new for lang in ("zh", "en")):
        serious = []  # a disclosure echoed in full is not caught: the report would publish it again
    current = {finding_key(f) for f in findings}
    gone = [f for key, f in baseline.items() if key not in current and f.severity >= Severity.WARNING and points_at(f, mutation.lines)]
    return Outcome(
        variant=mutation,
        path=path,
        detected=bool(serious),
        info_only=bool(accepted) and not serious,
        repaired=bool(gone) and not serious,
        by=sorted({f.code for f in serious}),
        elsewhere=[f"{f.code}@{f.location.line}" for f in new if f not in here and f.severity >= Severity.WARNING][:5],
        other_family=[f"{f.code}@{f.location.line}" for f in here if f not in accepted][:5],
    )


@dataclass
class KindResult:
    kind: Kind
    has_rules: bool
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counted(self) -> list[Outcome]:
        """The variants that seeded a defect (not those that repaired one of the document's own)."""
        return [o for o in self.outcomes if not o.repaired]

    @property
    def variants(self) -> int:
        return len(self.counted)

    @property
    def repaired(self) -> int:
        return len(self.outcomes) - len(self.counted)

    @property
    def detected(self) -> int:
        return sum(o.detected for o in self.counted)

    @property
    def info_only(self) -> int:
        return sum(o.info_only for o in self.counted)

    @property
    def recall(self) -> float | None:
        return self.detected / self.variants if self.variants else None

    @property
    def detected_by(self) -> dict[str, int]:
        """How many variants each rule code detected (a variant may count for several)."""
        out: dict[str, int] = {}
        for o in self.outcomes:
            for code in o.by:
                out[code] = out.get(code, 0) + 1
        return dict(sorted(out.items()))

    @property
    def missed(self) -> list[Outcome]:
        return [o for o in self.counted if not o.detected]


def families_with_rules(linter: Linter) -> set[str]:
    return {family_of(r.code) for r in linter.rules}


def run_recall(
    linter: Linter,
    paths: Iterable[Path],
    per_kind: int,
    seed: int = 20250601,
    kinds: Iterable[Kind] = KINDS,
) -> list[KindResult]:
    """Seed ``per_kind`` variants of each kind into each text document and judge every one."""
    kinds = list(kinds)
    have = families_with_rules(linter)
    results = {k.name: KindResult(k, any(f in have for f in k.families)) for k in kinds}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        name = str(path)
        doc = read_text(text.encode("utf-8"), name)
        baselines = {text: {finding_key(f): f for f in linter.lint_document(doc)}}
        for variant in seed_document(text, name, per_kind, seed, kinds, doc=doc):
            if variant.base not in baselines:  # another printed form of the clean document
                baselines[variant.base] = {finding_key(f): f for f in linter.lint_document(read_text(variant.base.encode("utf-8"), name))}
            baseline = baselines[variant.base]
            findings = linter.lint_document(variant.read())
            results[variant.mutation.kind].outcomes.append(judge(variant.mutation, name, baseline, findings))
    return [results[k.name] for k in kinds]


def overall_recall(results: list[KindResult]) -> float | None:
    """Detected over variants, pooled over the kinds whose families have rules."""
    counted = [r for r in results if r.has_rules]
    variants = sum(r.variants for r in counted)
    return sum(r.detected for r in counted) / variants if variants else None


def clean_findings(linter: Linter, paths: Iterable[Path]) -> dict[str, list[str]]:
    """Warning and error findings on each clean document (text and PDF forms), one line each."""
    out = {}
    for path in paths:
        result = linter.lint_path(str(path))
        out[path.name] = [
            f"{f.location.describe()}: {f.code} [{f.severity.label}] {f.text('zh')}"
            for f in result.findings
            if f.severity >= Severity.WARNING
        ]
        if result.error:  # an unreadable clean document counts against it
            out[path.name].append(f"{path}: unreadable: {result.error}")
    return out


__all__ = ["Variant", "run_recall", "overall_recall", "clean_findings", "judge", "points_at", "KindResult"]
