"""The prose part of ``budgetlint inspect``: each fact the narrative states and the table cell it was matched to."""

from __future__ import annotations

from typing import Any

from .model import Document, Location
from .recognise.fact_types import Fact, Facts
from .recognise.facts import extract_facts
from .recognise.restated import Restatement, restatements
from .reporters.json import location_dict


def where(loc: Location) -> str:
    """A location as inspect prints it: L12-14, p3, sheet!E12, ¶12 or 表3!R5."""
    if place := loc.word_place():
        return place.lstrip("!")
    if loc.line is not None:
        return f"L{loc.line}" + (f"-{loc.end_line}" if loc.end_line and loc.end_line != loc.line else "")
    if loc.sheet is not None:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"p{loc.page}"


def _match_dict(r: Restatement) -> dict[str, Any]:
    return {
        "table": r.table.table.index,
        "kind": r.table.kind_id,
        "what": r.what,
        "cell": r.cell.text,
        "relation": r.relation,
        "location": location_dict(r.cell.location),
        **({"plus": [c.text for c in r.extra]} if r.extra else {}),
    }


def _figure_dict(f: Fact, match: Restatement | None) -> dict[str, Any]:
    return {
        "index": f.index,
        "label": f.label,
        "concept": f.concept,
        "role": f.role,
        "fund": f.fund,
        "value": str(f.value.value),
        "printed": f.value.text,
        "unit": f.unit,
        **({"code": f.code} if f.code else {}),
        **({"triple": list(f.triple)} if f.triple else {}),
        "sentence": f.sentence,
        "location": location_dict(f.location),
        "matched": _match_dict(match) if match is not None else None,
    }


def _ref(f: Fact | None) -> int | None:
    return f.index if f is not None else None


def _claims(facts: Facts) -> list[dict[str, Any]]:
    """Shares, completion rates, changes, comparisons and 其中 lists, naming figures by index."""
    out: list[dict[str, Any]] = []
    for s in facts.shares:
        out.append({"type": "share", "percent": s.percent.text, "part": s.part.index, "whole": _ref(s.whole), "whole_named": s.whole_ref, "location": s.location})
    for c in facts.completions:
        out.append({"type": "completion", "percent": c.percent.text, "actual": c.actual.index, "budget": _ref(c.budget), "basis": c.basis, "location": c.location})
    for ch in facts.changes:
        out.append({
            "type": "change", "word": ch.word, "amount": ch.amount.text, "rate": ch.rate.text if ch.rate else None,
            "of": _ref(ch.current), "subject": ch.subject, "year": ch.year, "location": ch.location,
        })
    for cmp in facts.comparisons:
        out.append({
            "type": "comparison", "word": cmp.word, "rate": cmp.rate.text if cmp.rate else None,
            "current": _ref(cmp.current), "base": _ref(cmp.base), "year": cmp.year, "location": cmp.location,
        })
    for lst in facts.lists:
        out.append({
            "type": "list", "whole": lst.whole.index, "parts": [p.index for p in lst.parts], "opener": lst.opener,
            "partial": lst.partial, "exhaustive": lst.exhaustive, "location": lst.location,
        })
    return out


def _matches(doc: Document) -> dict[int, Restatement]:
    return {r.fact.index: r for r in doc.derive(restatements)}


def prose_dict(doc: Document) -> dict[str, Any]:
    facts = doc.derive(extract_facts)
    matches = _matches(doc)
    claims = [{**c, "location": location_dict(c["location"])} for c in _claims(facts)]
    return {"figures": [_figure_dict(f, matches.get(f.index)) for f in facts.figures], "claims": claims}


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def prose_lines(doc: Document) -> list[str]:
    """The text form: one line per figure (with its match), then the claims about figures."""
    facts = doc.derive(extract_facts)
    matches = _matches(doc)
    out = [f"prose facts: {len(facts.figures)} figures, {len(matches)} matched to a table cell"]
    for f in facts.figures:
        meaning = ", ".join(x for x in (f.concept and f"concept {f.concept}", f.role and f"role {f.role}", f.fund and f"fund {f.fund}", f.code and f"code {f.code}") if x)
        out.append(f"{where(f.location):>10}  #{f.index} 「{f.label or '（未命名）'}」 {f.value.text}" + (f" ({meaning})" if meaning else ""))
        m = matches.get(f.index)
        if m is not None:
            relation = "≤" if m.relation == "at_most" else "="
            out.append(f"{'':>12}{relation} table #{m.table.table.index} {m.table.kind_id} 「{m.what}」 {m.cell.text or '(blank)'} ({where(m.cell.location)})")
        else:
            out.append(f"{'':>12}matched: none")
        out.append(f"{'':>12}in: {_short(f.sentence)}")
    for claim in _claims(facts):
        fields = ", ".join(f"{k} {v}" for k, v in claim.items() if k not in ("type", "location") and v not in (None, "", []))
        out.append(f"{where(claim['location']):>10}  {claim['type']}: {fields}")
    return out
