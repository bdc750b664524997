"""Files given together as one document: a workbook of tables and a Word 情况说明, or two text files.

``--as-one`` on the command line, or a ``[[documents]]`` entry in configuration naming its files, makes the
run read each file with its own reader and check the blocks of all of them, in the order given, as one
document: prose-vs-table and cross-table rules run across the files, and every finding's location (and
each related location) still names the file, line, page, cell or paragraph it came from.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

from .model import Document, Table
from .selection import Candidate


def join_name(paths: Iterable[str]) -> str:
    """How a joined document is named in reports: its files with `` + `` between them."""
    return " + ".join(paths)


def join_documents(docs: list[Document]) -> Document:
    """One document of ``docs``' blocks in order; tables renumbered, reader remarks and damage kept.

    Its ``path`` is the first file's (whose configuration applies); locations keep their own files.
    """
    blocks, tables = [], 0
    for doc in docs:
        for block in doc.blocks:
            if isinstance(block, Table):
                block = replace(block, index=tables)
                tables += 1
            blocks.append(block)
    sources = list(dict.fromkeys(doc.source for doc in docs))
    damaged = [d for d in docs if d.damage]
    return Document(
        path=docs[0].path,
        blocks=tuple(blocks),
        source="+".join(sources),
        pages=sum(d.pages for d in docs),
        lines=sum(d.lines for d in docs),
        encoding=docs[0].encoding,
        notices=tuple(n for d in docs for n in d.notices),
        damage="; ".join(f"{d.path}: {d.damage}" for d in damaged),
        # page numbers carry no file: a damaged PDF's unchecked pages hold for that PDF only when it is the one PDF
        unchecked_pages=damaged[0].unchecked_pages if len(damaged) == 1 and sum(d.source == "pdf" for d in docs) == 1 else
        tuple(sorted({p for d in damaged for p in d.unchecked_pages})),
        damage_detail=tuple(x for d in docs for x in d.damage_detail),
        formulas=tuple(f for d in docs for f in d.formulas),
        ocr_pages=tuple(p for d in docs for p in d.ocr_pages),
        ocr_doubts=tuple(p for d in docs for p in d.ocr_doubts),
    )


def group(candidates: list[Candidate], entries: list[dict], root: Path | None) -> list[Candidate]:
    """The run's candidates with each ``[[documents]]`` entry's files (those the run checks) made one candidate.

    The joined candidate takes the place of its first file; files in the order the entry lists them.
    """
    from .sets import _matches

    out = list(candidates)
    for entry in entries:
        members: list[Candidate] = []
        for pattern in entry["paths"]:
            members += [c for c in out if not c.members and c.error is None and c not in members and _matches(c.path, pattern, root)]
        if len(members) < 2:
            continue
        at = min(out.index(m) for m in members)
        joined = as_one(members, entry.get("name"))
        out = [c for c in out if c not in members]
        out.insert(at, joined)
    return out


def as_one(candidates: list[Candidate], name: str | None = None) -> Candidate:
    """Candidates checked as one document (``--as-one``)."""
    paths = tuple(c.path for c in candidates)
    return Candidate(join_name(paths), members=paths, name=name)
