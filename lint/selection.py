"""Which files a run checks: folders expanded by include and exclude patterns, as ruff selects sources."""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .config import Resolver


@dataclass(frozen=True)
class Candidate:
    path: str  # as the user will see it; "-" for standard input
    explicit: bool = True  # named on the command line (checked whatever its suffix)
    by_content: bool = False  # Markdown found in a folder: checked only when it holds a budget document
    error: str | None = None  # a path inside a folder that cannot be listed or read: reported, never skipped quietly
    members: tuple[str, ...] = ()  # files checked as one document (--as-one, [[documents]]); ``path`` names them all
    name: str | None = None  # the [[documents]] entry's name


@dataclass
class Selection:
    candidates: list[Candidate] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    other_types: Counter = field(default_factory=Counter)  # suffixes seen in folders and not included

    def describe_other_types(self) -> str:
        return ", ".join(f"{n} {suffix or '(no suffix)'}" for suffix, n in self.other_types.most_common())


def select_inputs(
    paths: Iterable[str],
    resolver: Resolver,
    extra_suffixes: Iterable[str] = (),
    force_exclude: bool = False,
    stdin_filename: str | None = None,
) -> Selection:
    """Expand folders (sorted, hidden entries skipped, excluded folders pruned); keep named files and ``-``.

    A named file is checked whatever its suffix, unless ``force_exclude`` and its configuration excludes it
    (pre-commit passes every changed file by name); so is ``-``, under ``stdin_filename`` when given (an
    editor or hook piping an excluded file's text with ``--force-exclude`` gets it left out, as ruff does).
    """
    out = Selection()
    extra = {s.lower() for s in extra_suffixes}
    for p in paths:
        path = Path(p)
        if p == "-" or not path.is_dir():
            named = Path(stdin_filename) if p == "-" and stdin_filename else None if p == "-" else path
            if named is not None and force_exclude and resolver.for_path(named).is_excluded(named):
                out.excluded.append(p)
            else:
                out.candidates.append(Candidate(p))
            continue
        if resolver.for_folder(path).is_excluded(path) and force_exclude:
            out.excluded.append(p)
            continue
        _walk(path, resolver, extra, out)
    return out


def _walk(top: Path, resolver: Resolver, extra: set[str], out: Selection) -> None:
    """Walk ``top`` without following links to folders; a folder that cannot be listed becomes an error candidate."""

    def unlistable(exc: OSError) -> None:
        out.candidates.append(Candidate(str(exc.filename or top), explicit=False, error=f"folder cannot be read: {_why(exc)}"))

    for folder, dirs, files in os.walk(top, onerror=unlistable):
        here = Path(folder)
        cfg = resolver.for_folder(here)
        kept = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if cfg.is_excluded(here / d):
                out.excluded.append(str(here / d))
            else:
                kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            f = here / name
            if name.startswith((".", "~$")):  # hidden files; an office program's lock file beside an open draft
                continue
            if cfg.is_excluded(f):
                out.excluded.append(str(f))
            elif cfg.is_included(f) or f.suffix.lower() in extra:
                out.candidates.append(Candidate(str(f), explicit=False, error=_not_a_file(f)))
            elif f.suffix.lower() == ".md":
                out.candidates.append(Candidate(str(f), explicit=False, by_content=True))
            else:
                out.other_types[f.suffix.lower()] += 1


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _not_a_file(path: Path) -> str | None:
    """Why a file found in a folder cannot be read as a document (a pipe would block the run), or None.

    Links are followed: a link to a missing file or a loop is left to the reader, which names it.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"
    return f"not a regular file ({kind}); not read"
