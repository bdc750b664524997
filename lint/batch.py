"""Many documents in one run: in parallel worker processes, each file under a time limit.

``lint_paths`` is the library entry point. It returns plain, picklable ``FileResult`` values (findings
are frozen dataclasses) and keeps no state between calls, so a crawl can also map ``lint_file`` over
the workers of an engine it already has (Dask, Ray, a job queue): every worker builds its own linter
once from the configuration it is given.
"""

from __future__ import annotations

import os
import signal
import sys
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence

from .config import Config
from .engine import FileResult, Linter, Report, collect
from .plugins import load_registry

_WORKER: Linter | None = None


def _linter(config: Config | None) -> Linter:
    return Linter(load_registry(), config)


def _init_worker(config: Config | None) -> None:
    global _WORKER
    _WORKER = _linter(config)


def _in_worker(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint_path(path)


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
    return _lint_here(_linter(config), path, timeout)


def _lint_here(linter: Linter, path: str, timeout: float | None) -> FileResult:
    try:
        with _time_limit(timeout):
            return linter.lint_path(path)
    except _FileTimedOut:
        return timed_out(path, timeout or 0)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def lint_paths(
    paths: Iterable[str],
    config: Config | None = None,
    *,
    jobs: int = 1,
    timeout: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Lint every document under ``paths``; results in input order whatever the number of workers.

    ``jobs`` 1 runs in this process; more runs that many worker processes. ``timeout`` bounds each
    file (seconds): a file that takes longer is reported as timed out and the batch goes on.
    ``progress`` is called with 1 as each file finishes.
    """
    linter = _linter(config)
    files = collect(paths, linter.registry.readers)
    tick = progress or (lambda n: None)
    stdin_or_one = len(files) <= 1 or "-" in files
    if jobs <= 1 or stdin_or_one:
        results: list[FileResult] = []
        for path in files:
            if path == "-":
                results.append(linter.run(["-"]).files[0])
            else:
                results.append(_lint_here(linter, path, timeout))
            tick(1)
    else:
        results = _parallel(files, config, min(jobs, len(files)), timeout, tick)
    linter.check_sets(results)
    return Report(results, linter.rules)


def _parallel(files: Sequence[str], config: Config | None, jobs: int, timeout: float | None, tick) -> list[FileResult]:
    from pebble import ProcessPool  # kills and replaces a worker whose file runs over its time

    results: list[FileResult | None] = [None] * len(files)
    with ProcessPool(max_workers=jobs, initializer=_init_worker, initargs=(config,)) as pool:
        futures = [pool.schedule(_in_worker, args=(path,), timeout=timeout) for path in files]
        for i, future in enumerate(futures):
            try:
                results[i] = future.result()
            except FutureTimeout:
                results[i] = timed_out(files[i], timeout or 0)
            except Exception as exc:  # a worker that died (memory, signal): that file only
                results[i] = FileResult(files[i], error=f"the worker checking this file stopped ({type(exc).__name__}: {exc})")
            tick(1)
    return [r for r in results if r is not None]


def progress_bar(total: int, enabled: bool | None = None):
    """A tqdm bar on stderr when it is a terminal (and more than one file); ``None`` otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty() and total > 1
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False)
