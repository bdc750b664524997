"""Many documents in one run: in parallel worker processes, each file under a time limit.

``lint_paths`` is the library entry point. It returns plain, picklable ``FileResult`` values (findings
are frozen dataclasses) and keeps no state between calls, so a crawl can also map ``lint_file`` over
the workers of an engine it already has (Dask, Ray, a job queue): every worker builds its own linter
once from the configuration it is given.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence

from .config import Config, Resolver
from .engine import FileResult, Linter, Report
from .plugins import load_registry
from .selection import Candidate

_WORKER: tuple[Linter, bool] | None = None
# The main process's linter, set while it starts a pool: a forked worker inherits it (registry, rules, their
# contexts) instead of building its own; a worker started afresh (spawn) finds None and builds one.
_FORKED: Linter | None = None


def _linter(config: Config | None, resolver: Resolver | None = None) -> Linter:
    return Linter(load_registry(), config, resolver=resolver)


def _init_worker(config: Config | None, resolver: Resolver | None, verbose: bool, workers: int = 1) -> None:
    global _WORKER
    inherited = _FORKED is not None and resolver is not None and _FORKED.resolver is resolver  # what the linter is made of
    _WORKER = (_FORKED if inherited else _linter(config, resolver), verbose)
    # OCR (a scanned page) in a worker: its share of the cores, not a thread per core in every worker
    os.environ.setdefault(OCR_THREADS, str(max(1, (os.cpu_count() or 1) // max(1, workers))))
    if inherited:  # the main process froze its heap before forking: nothing to collect, only the thresholds
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
    else:
        collect_rarely()


# read by readers/pdf_ocr.py (not imported here: it imports PyMuPDF, which a text-only batch never needs)
OCR_THREADS = "BUDGETLINT_OCR_THREADS"


# A document's reading and recognition make millions of small objects; nearly all are freed by their
# reference counts, but CPython's default thresholds (700, 10, 10) still run a young collection every
# 700 allocations and full ones over everything alive — the registry, compiled patterns, and in a batch
# every result so far: a tenth of a 130-document run. Cycles are rare here, so collect far less often.
GC_THRESHOLDS = (20_000, 20, 10)


def collect_rarely() -> None:
    """For a process that only lints (the CLI, a batch worker): what is alive now — modules, rules,
    patterns — is left out of later collections, and collections run seldom (see ``GC_THRESHOLDS``)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _in_worker(candidate: Candidate) -> FileResult:
    assert _WORKER is not None
    linter, verbose = _WORKER
    return linter.lint_candidate(candidate, verbose=verbose)


class _FileTimedOut(BaseException):
    """Raised by the alarm inside one file's run; a BaseException, so no rule's except clause swallows it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    usable = seconds and hasattr(signal, "setitimer") and _main_thread()
    if not usable:
        yield
        return

    def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise _FileTimedOut()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def timed_out(path: str, seconds: float) -> FileResult:
    result = FileResult(path, timed_out=True)
    result.error = f"not finished within the time limit of {seconds:g} s per file; skipped"
    return result


def lint_file(path: str, config: Config | None = None, timeout: float | None = None) -> FileResult:
    """Lint one file in this process (a fresh linter each call); the unit of work for other engines."""
    try:
        with _time_limit(timeout):
            return _linter(config).lint_path(path)
    except _FileTimedOut:
        return timed_out(path, timeout or 0)


def _lint_here(linter: Linter, candidate: Candidate, timeout: float | None, verbose: bool, stdin_filename: str | None) -> FileResult:
    try:
        with _time_limit(timeout):
            return linter.lint_candidate(candidate, stdin_filename=stdin_filename, verbose=verbose)
    except _FileTimedOut:
        return timed_out(candidate.path, timeout or 0)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def lint_paths(
    paths: Iterable[str],
    config: Config | None = None,
    *,
    resolver: Resolver | None = None,
    jobs: int = 1,
    timeout: float | None = None,
    progress: Callable[[int], None] | None = None,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
    verbose: bool = False,
    as_one: bool = False,
) -> Report:
    """Lint every document under ``paths``; results in input order whatever the number of workers.

    ``config`` applies to every file; a ``resolver`` finds each file's own configuration instead.
    ``jobs`` 1 runs in this process; more runs that many worker processes. ``timeout`` bounds each
    file (seconds): a file that takes longer is reported as timed out and the batch goes on.
    ``progress`` is called with 1 as each file finishes. ``as_one`` checks the files as one document
    (a workbook and a Word document of one draft); ``[[documents]]`` entries of the configuration join theirs.
    """
    linter = _linter(config, resolver)
    selection = linter.select(paths, force_exclude, as_one, stdin_filename)
    candidates = selection.candidates
    tick = progress or (lambda n: None)
    if jobs <= 1 or len(candidates) <= 1 or any(c.path == "-" for c in candidates):
        results: list[FileResult] = []
        for candidate in candidates:
            results.append(_lint_here(linter, candidate, timeout, verbose, stdin_filename))
            tick(1)
    else:
        workers = min(jobs, len(candidates))
        results = _parallel(linter, candidates, (config, linter.resolver, verbose, workers), workers, timeout, tick)
    return linter.report(selection, results)


def _preload_readers(candidates: Sequence[Candidate]) -> None:
    """Import the readers the batch's files need before the workers are forked, so that they inherit them:
    PyMuPDF alone takes 0.3 s to import, which every worker otherwise spent again on its first file."""
    paths = [p.lower() for c in candidates for p in (c.members or (c.path,))]
    if any(p.endswith(".pdf") for p in paths):
        from .readers import pdf  # noqa: F401
    if any(p.endswith((".xlsx", ".xlsm")) for p in paths):
        from .readers import xlsx  # noqa: F401
    if any(p.endswith((".docx", ".docm")) for p in paths):
        from .readers import docx  # noqa: F401


def _parallel(linter: Linter, candidates: Sequence[Candidate], init: tuple, jobs: int, timeout: float | None, tick) -> list[FileResult]:
    global _FORKED
    from pebble import ProcessPool  # kills and replaces a worker whose file runs over its time

    _preload_readers(candidates)
    # Forked workers share the main process's memory until either writes to it, and a collection writes to
    # every object it looks at: frozen here, the inherited heap is left out of the workers' collections
    # (each worker's own full collection of it was 0.1 s at start, on the critical path of a batch). A
    # caller's heap is unfrozen again after the pool; the CLI's was frozen for good (``collect_rarely``).
    thawed = gc.get_freeze_count() == 0
    gc.freeze()
    _FORKED = linter
    results: list[FileResult | None] = [None] * len(candidates)
    try:
        with ProcessPool(max_workers=jobs, initializer=_init_worker, initargs=init) as pool:
            futures = [pool.schedule(_in_worker, args=(c,), timeout=timeout) for c in candidates]
            for i, future in enumerate(futures):
                results[i] = _outcome(future, candidates[i].path, timeout)
                tick(1)
    finally:
        _FORKED = None
        if thawed:
            gc.unfreeze()
    return [r for r in results if r is not None]


def _outcome(future, path: str, timeout: float | None) -> FileResult:
    try:
        return future.result()
    except FutureTimeout:
        return timed_out(path, timeout or 0)
    except Exception as exc:  # a worker that died (memory, signal): that file only
        return FileResult(path, error=f"the worker checking this file stopped ({type(exc).__name__}: {exc})")


def progress_bar(total: int, enabled: bool | None = None):
    """A tqdm bar on stderr when it is a terminal (and more than one file); ``None`` otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty() and total > 1
    if not enabled:
        return None
    from tqdm import tqdm

    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        size = os.terminal_size((0, 0))
    # A terminal that reports no size (a bare pseudo-terminal, ``docker exec -t``) would get no bar at all.
    shape = {} if size.columns and size.lines else {"ncols": size.columns or 80, "nrows": size.lines or 24}
    return tqdm(total=total, unit="file", file=sys.stderr, leave=False, **shape)
