"""``budgetlint inspect``: what the readers and recognisers saw, for finding out why a finding is missing."""

from __future__ import annotations

import json
import sys
from typing import Any

from .codes import code_groups
from .engine import Linter, describe_document
from .inspect_facts import prose_dict, prose_lines, where
from .model import Document, Heading, Paragraph, Table
from .readers import ReadError
from .recognise.recognition import Recognition, recognise
from .reporters.json import location_dict


def _kind(recognition: Recognition, t: Table) -> dict[str, Any]:
    st = recognition.tables[t.index] if t.index < len(recognition.tables) else None
    if st is None or st.kind is None:
        return {"kind": None}
    out: dict[str, Any] = {"kind": st.kind.id, "kind_name": st.kind.name}
    if st.continued_from is not None:
        out["continues_table"] = st.continued_from
    return out


def _kind_text(recognition: Recognition, t: Table) -> str:
    info = _kind(recognition, t)
    if not info["kind"]:
        return "unrecognised"
    text = f"{info['kind']} {info['kind_name']}"
    if "continues_table" in info:
        text += f", continues #{info['continues_table']}"
    return text


def table_dict(t: Table, recognition: Recognition) -> dict[str, Any]:
    return {
        "index": t.index,
        **_kind(recognition, t),
        "title": t.title,
        "marker": t.marker,
        "unit_name": t.unit_name,
        "year": t.year,
        "amount_unit": t.amount_unit,
        "location": location_dict(t.location),
        "header_rows": t.header_rows,
        "columns": [" / ".join(h) for h in t.column_headers],
        "code_groups": [
            {"code_col": g.code_col, "code_width": g.width, "value_cols": list(g.value_cols), "codes": len(g.rows)} for g in code_groups(t)
        ],
        "notes": [n.text for n in t.notes],
        "rows": [
            [{"text": c.text, **({"number": str(c.number.value)} if c.number is not None and c.text else {})} for c in row]
            for row in t.rows
        ],
    }


def document_dict(doc: Document) -> dict[str, Any]:
    recognition = doc.derive(recognise)
    blocks = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            blocks.append({"type": "heading", "level": b.level, "numbering": b.numbering, "text": b.text, "location": location_dict(b.location)})
        elif isinstance(b, Paragraph):
            blocks.append({"type": "paragraph", "text": b.text, "location": location_dict(b.location)})
        else:
            blocks.append({"type": "table", **table_dict(b, recognition)})
    return {
        "path": doc.path,
        "source": doc.source,
        "pages": doc.pages,
        "lines": doc.lines,
        "encoding": doc.encoding,
        "document_kind": recognition.doc_kind,
        "identity": describe_document(doc),
        "document_kind_evidence": recognition.kind_evidence,
        "year": recognition.year,
        "standard_tables": sorted(recognition.present),
        "notices": [{"text": text, **location_dict(loc)} for text, loc in doc.notices],
        "blocks": blocks,
        "prose": prose_dict(doc),
    }


def _identity_line(doc: Document) -> str:
    """Who the document is, as document sets pair it (unit, 部门/单位, kind, year) and the title it came from."""
    meta = describe_document(doc)
    parts = [meta["unit"] or "unit ?", meta["level"] or "level ?", meta["kind"] or "kind ?", str(meta["year"] or "year ?")]
    return f"identity: {', '.join(parts)} (title: {meta['title'] or 'none found'})"


def render_text(doc: Document) -> str:
    recognition = doc.derive(recognise)
    out = [
        f"{doc.path}: {doc.source}, {_extent(doc)}, {len(doc.tables)} tables",
        f"document kind {recognition.doc_kind or '?'}, year {recognition.year or '?'}, "
        f"standard tables: {', '.join(sorted(recognition.present)) or 'none'}",
        _identity_line(doc),
        f"kind from: {recognition.kind_evidence}",
    ]
    out += [f"notice: {text} ({where(loc)})" for text, loc in doc.notices]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"{where(b.location):>10}  H{b.level} {b.text}")
        elif isinstance(b, Paragraph):
            text = b.text if len(b.text) <= 70 else b.text[:67] + "..."
            out.append(f"{where(b.location):>10}  ¶ {text}")
        else:
            out.append(
                f"{where(b.location):>10}  TABLE #{b.index} {b.display_name()} — {b.n_rows}×{b.n_cols}, "
                f"{b.header_rows} header rows, unit {b.amount_unit or '?'}, year {b.year or '?'}"
            )
            out.append(f"{'':>12}recognised as: {_kind_text(recognition, b)}")
            for c, head in enumerate(b.column_headers):
                out.append(f"{'':>12}col {c}: {' / '.join(head) or '-'}")
            for g in code_groups(b):
                cols = f"cols {g.code_col}–{g.code_col + g.width - 1}" if g.width > 1 else f"col {g.code_col}"
                out.append(f"{'':>12}codes in {cols} ({len(g.rows)} rows), values in cols {list(g.value_cols)}")
            for row in b.rows:
                cells = []
                for cell in row:
                    if cell.number is not None and cell.text and not cell.number.exact:
                        cells.append(f"{cell.text}⟨{cell.number.value}⟩")
                    else:
                        cells.append(cell.text or "·")
                out.append(f"{where(row[0].location):>12}  " + " | ".join(cells))
            for note in b.notes:
                out.append(f"{'':>12}note: {note.text}")
    out += prose_lines(doc)
    return "\n".join(out) + "\n"


def run_inspect(registry, path: str, fmt: str, stdin_filename: str | None = None) -> int:
    try:
        if path == "-":
            path = stdin_filename or "<stdin>"
            doc = Linter(registry).read(path, sys.stdin.buffer.read())
        else:
            doc = Linter(registry).read(path)
    except ReadError as exc:
        print(f"budgetlint: error: {path}: {exc}", file=sys.stderr)
        return 2
    if fmt == "json":
        sys.stdout.write(json.dumps(document_dict(doc), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(doc))
    return 0


def _extent(doc: Document) -> str:
    if doc.source == "xlsx":
        return f"{doc.pages} sheets"
    if doc.source == "docx":
        return f"{doc.lines} paragraphs and table rows"
    return f"{doc.pages or doc.lines} {'pages' if doc.source == 'pdf' else 'lines'}"
