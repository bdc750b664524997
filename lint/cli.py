"""Command line: ``budgetlint check|inspect|rules|explain``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .config import Config, ConfigError, load_config, validate_codes
from .engine import Linter, Report
from .findings import Severity
from .plugins import PluginError, load_registry
from .redirects import notice, redirect, redirect_all

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, like every other usage error
        self.exit(EXIT_USAGE, f"budgetlint: error: {message}\n")


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="budgetlint", description="Consistency-audit linter for Chinese government budget documents.")
    parser.add_argument("--version", action="version", version=f"budgetlint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="lint documents (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json", "sarif", "html", "csv"], default="text")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout")
    check.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes or prefixes to run (default: all)")
    check.add_argument("--extend-select", type=_codes, metavar="CODES", help="add codes to the configured selection")
    check.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated codes or prefixes to skip")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach --fail-on (unreadable input still exits 2)")
    check.add_argument("--lang", choices=["zh", "en"], help="language of messages (default: zh)")
    check.add_argument("--config", metavar="FILE", help="configuration file (default: nearest budgetlint.toml or pyproject.toml)")
    check.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: the number of cores; 1 runs in-process)")
    check.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS", help="time limit per file (default 300; 0 for none)")
    check.add_argument("--summary", metavar="FILE", help="also write one CSV row per document (kind, unit, year, counts, status) here")
    check.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record every current finding as the baseline and exit 0")
    check.add_argument("--annotate", metavar="OUT", help="write a copy of each PDF with a note at every finding (a file, or a directory for several)")

    inspect = sub.add_parser("inspect", help="show what the readers and recognisers see in a document")
    inspect.add_argument("path", metavar="FILE")
    inspect.add_argument("--format", choices=["text", "json"], default="text")

    sub.add_parser("rules", help="list every rule")
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        registry = load_registry()
    except PluginError as exc:
        print(f"budgetlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "rules":
        return _rules(registry)
    if args.command == "explain":
        return _explain(registry, args.code)
    if args.command == "inspect":
        from .inspect import run_inspect

        return run_inspect(registry, args.path, args.format)
    return _check(registry, args)


def _configure(args: argparse.Namespace, known: list[str]) -> Config:
    start = Path(args.paths[0]) if args.paths and args.paths[0] != "-" else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    cfg = load_config(args.config, start)
    moved = cfg.redirected
    if args.select:
        cfg.select = redirect_all(args.select, moved)
    if args.extend_select:
        cfg.extend_select = [*cfg.extend_select, *redirect_all(args.extend_select, moved)]
    if args.ignore:
        cfg.ignore = [*cfg.ignore, *redirect_all(args.ignore, moved)]
    if args.fail_on:
        cfg.fail_on = Severity.parse(args.fail_on)
    if args.lang:
        cfg.lang = args.lang
    validate_codes(cfg, known)
    return cfg


def _check(registry, args: argparse.Namespace) -> int:
    try:
        cfg = _configure(args, [r.code for r in registry.rules])
    except ConfigError as exc:
        print(f"budgetlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for old, new in cfg.redirected:
        print(f"budgetlint: warning: {notice(old, new)}", file=sys.stderr)
    from .reporters import BUILTIN

    reporters = {**registry.reporters, **BUILTIN}
    report = _run(args, cfg)
    if args.write_baseline:
        from .baseline import write_baseline

        n = write_baseline(report, args.write_baseline)
        print(f"budgetlint: baseline of {n} finding(s) written to {args.write_baseline}", file=sys.stderr)
        return EXIT_USAGE if report.errors else EXIT_OK
    if args.baseline:
        from .baseline import BaselineError, apply_baseline, load_baseline

        try:
            outcome = apply_baseline(report, load_baseline(args.baseline))
        except BaselineError as exc:
            print(f"budgetlint: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        report = outcome.report
        if outcome.stale:
            print(f"budgetlint: {outcome.stale} baseline entr{'y' if outcome.stale == 1 else 'ies'} no longer found (stale); "
                  f"rewrite it with --write-baseline", file=sys.stderr)
    output = reporters[args.format](report, cfg.lang)
    if not _write(args.output, output):
        return EXIT_USAGE
    if args.summary:
        from .reporters.csv import render_csv

        if not _write(args.summary, render_csv(report, cfg.lang)):
            return EXIT_USAGE
    if args.annotate:
        from .annotate import AnnotateError, annotate_all

        try:
            annotate_all(report.files, args.annotate, cfg.lang)
        except AnnotateError as exc:
            print(f"budgetlint: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    for line in report.errors:
        print(f"budgetlint: error: {line}", file=sys.stderr)
    if report.errors:
        return EXIT_USAGE
    failing = [f for f in report.findings if f.severity >= cfg.fail_on]
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_OK


def _run(args: argparse.Namespace, cfg: Config) -> Report:
    from .batch import default_jobs, lint_paths, progress_bar

    jobs = args.jobs or default_jobs()
    paths = list(args.paths)
    if "-" in paths:  # standard input is read here, once, in this process
        return Linter(load_registry(), cfg).run(paths)
    bar = progress_bar(total=0, enabled=False)
    if sys.stderr.isatty():
        from .engine import collect

        bar = progress_bar(len(collect(paths)))
    try:
        return lint_paths(paths, cfg, jobs=jobs, timeout=args.timeout or None, progress=bar.update if bar else None)
    finally:
        if bar is not None:
            bar.close()


def _write(target: str | None, output: str) -> bool:
    if not target:
        sys.stdout.write(output)
        sys.stdout.flush()
        return True
    try:
        Path(target).write_text(output, encoding="utf-8")
    except OSError as exc:
        print(f"budgetlint: error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _rules(registry) -> int:
    rows = [(r.code, r.name, r.severity.label, r.family(), r.origin, r.summary()) for r in registry.rules]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(("code", "name", "severity", "family", "origin"))]
    header = ("code", "name", "severity", "family", "origin", "summary")
    fmt = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    print(fmt.format(*header))
    for row in rows:
        print(fmt.format(*row))
    return EXIT_OK


def _explain(registry, code: str) -> int:
    asked = code.strip().upper()
    rule = registry.by_code().get(redirect(asked))
    if rule is None:
        print(f"budgetlint: error: unknown rule {code!r} (see 'budgetlint rules')", file=sys.stderr)
        return EXIT_USAGE
    if rule.code != asked:
        print(f"{asked} has moved: it is now {rule.code} ({rule.name}); the old code still works as a redirect.\n")
    print(f"{rule.code} {rule.name} [{rule.severity.label}] ({rule.family()}, {rule.origin})\n")
    print(rule.documentation())
    return EXIT_OK
