# PYTHON_ARGCOMPLETE_OK  (argcomplete looks for this marker in the module of the entry point)
"""Command line: ``budgetlint check|inspect|rules|explain|version|completion``, started up the way ruff is."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterator

from . import __version__
from .config import ConfigError, Overrides, Resolver, suggest, suggest_code
from .engine import Linter, Report
from .findings import Severity
from .plugins import PluginError, Registry, load_registry
from .redirects import notice, redirect

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "inspect", "rules", "explain", "version", "completion")
SHELLS = ("bash", "zsh", "fish", "tcsh", "powershell")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, like every other usage error
        self.exit(EXIT_USAGE, f"budgetlint: error: {_with_suggestion(self, message)}\n")


def _with_suggestion(parser: argparse.ArgumentParser, message: str) -> str:
    """Add git's "did you mean" to argparse's invalid-choice and unrecognised-option errors."""
    if "invalid choice: " in message:
        word = message.split("invalid choice: ", 1)[1].split("'")[1]
        choices = [c for a in parser._actions if a.choices for c in a.choices]
        hint = suggest(word, choices)
        return message + (f"; did you mean '{hint}'?" if hint else "")
    if message.startswith("unrecognized arguments: "):
        options = _long_options(parser)
        for word in message.split(": ", 1)[1].split():
            if word.startswith("-") and (hint := suggest(word.split("=")[0], options)):
                return f"{message}; did you mean '{hint}'?"
    return message


def _long_options(parser: argparse.ArgumentParser) -> list[str]:
    out = []
    for action in parser._actions:
        out += [o for o in action.option_strings if o.startswith("--")]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out += _long_options(sub)
    return sorted(set(out))


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


def _patterns(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="budgetlint",
        description="Consistency-audit linter for Chinese government budget documents.",
        epilog="Run 'budgetlint COMMAND --help' for a command's options.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"budgetlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="lint documents (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    out = check.add_argument_group("output")
    out.add_argument("--format", default="text", metavar="FORMAT",
                     help="text, grouped, json, json-lines, sarif, github, gitlab, junit, csv, html, or a plugin's format")
    out.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout")
    out.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    out.add_argument("--quiet", "-q", action="store_true", help="print only findings and errors (no summary, no warnings)")
    out.add_argument("--verbose", "-v", action="store_true", help="tell on stderr what the readers and recognisers decided per file")
    out.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                     help="colour in text output (auto: on a terminal, honouring NO_COLOR and FORCE_COLOR)")
    out.add_argument("--lang", choices=["zh", "en"], help="language of messages (default: zh)")
    out.add_argument("--summary", metavar="FILE", help="also write one CSV row per document (kind, unit, year, counts, status) here")
    out.add_argument("--annotate", metavar="OUT", help="write a copy of each PDF with a note at every finding (a file, or a directory for several)")
    sel = check.add_argument_group("rule selection")
    sel.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes or prefixes to run (default: all)")
    sel.add_argument("--extend-select", type=_codes, metavar="CODES", help="add codes to the configured selection")
    sel.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated codes or prefixes to skip")
    files = check.add_argument_group("file selection")
    files.add_argument("--exclude", type=_patterns, metavar="PATTERNS", help="globs to leave out, replacing the configured and default ones")
    files.add_argument("--extend-exclude", type=_patterns, metavar="PATTERNS", help="globs to leave out besides the configured ones")
    files.add_argument("--force-exclude", action="store_true", help="apply exclusions to files named on the command line too (pre-commit)")
    files.add_argument("--as-one", action="store_true",
                       help="check the files given as one document (a workbook and a Word document of one draft)")
    files.add_argument("--stdin-filename", metavar="NAME", help="the name of the document read from stdin (reader, configuration, reports)")
    gate = check.add_argument_group("exit code")
    gate.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that makes the exit code 1 (default: error)")
    gate.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach --fail-on (unreadable input still exits 2)")
    gate.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    gate.add_argument("--write-baseline", metavar="FILE", help="record every current finding as the baseline and exit 0")
    batch = check.add_argument_group("batch")
    batch.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: the number of cores; 1 runs in-process)")
    batch.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS", help="time limit per file (default 300; 0 for none)")
    check.add_argument("--config", metavar="FILE", help="configuration file for every path (default: the nearest one above each file)")

    inspect = sub.add_parser("inspect", help="show what the readers and recognisers see in a document")
    inspect.add_argument("path", metavar="FILE", help="a document, or - for stdin")
    inspect.add_argument("--format", choices=["text", "json"], default="text")
    inspect.add_argument("--stdin-filename", metavar="NAME", help="the name of the document read from stdin")

    sub.add_parser("rules", help="list every rule")
    explain = sub.add_parser("explain", help="print a rule's documentation, by code or name")
    explain.add_argument("rule", metavar="CODE|NAME")
    sub.add_parser("version", help="print the version")
    completion = sub.add_parser("completion", help="print the shell code that completes budgetlint's commands, options and rule codes")
    completion.add_argument("shell", nargs="?", choices=SHELLS, default="bash", help="default: bash")
    return parser


def main(argv: list[str] | None = None) -> int:
    own_process = argv is None  # the program itself (a caller's main(argv) returns its code)
    try:
        code = _main(argv)
    except BrokenPipeError:  # `budgetlint rules | head`: stop quietly, as Unix tools do
        _quiet_stdout()
        code = EXIT_OK
    if own_process:
        _end(code)
    return code


def _quiet_stdout() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _end(code: int) -> None:
    """End the program once its output is out, without the interpreter's teardown.

    Tearing down frees every object one by one — the modules, the rules, a batch's results — and took
    0.4-0.5 s after a run over 150 PDFs, longer than the main process's whole share of a parallel run.
    Nothing is left to do at exit: output files are closed, a pool's workers joined, the progress bar shut.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            if stream is sys.stdout:
                _quiet_stdout()
        except (OSError, ValueError):  # a closed stream: nothing more can reach it
            pass
    os._exit(code)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see 'budgetlint completion')
        _complete(parser)
    own_process = argv is None
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.stderr.write(parser.format_usage() + "Try 'budgetlint --help' for help, or 'budgetlint check PATH' to lint.\n")
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if args.command is None:
        sys.stderr.write(parser.format_usage() + "budgetlint: error: a command is required; try 'budgetlint --help'\n")
        return EXIT_USAGE
    if args.command == "version":
        print(f"budgetlint {__version__}")
        return EXIT_OK
    if args.command == "completion":
        import argcomplete

        sys.stdout.write(argcomplete.shellcode(["budgetlint"], shell=args.shell))
        return EXIT_OK
    try:
        registry = load_registry()
    except PluginError as exc:
        print(f"budgetlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if own_process:  # the program, not a caller's main(argv): the process is ours to tune
        from .batch import collect_rarely

        collect_rarely()
    if args.command == "rules":
        return _rules(registry)
    if args.command == "explain":
        return _explain(registry, args.rule)
    if args.command == "inspect":
        from .inspect import run_inspect

        return run_inspect(registry, args.path, args.format, stdin_filename=args.stdin_filename)
    return _check(registry, args)


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit; rule codes and names, and formats, come from the registry."""
    import argcomplete
    from functools import cache

    @cache
    def registry() -> Registry:
        try:
            return load_registry()
        except PluginError:
            return Registry((), {}, {})

    def codes(prefix: str, **_) -> list[str]:
        head, _, word = prefix.rpartition(",")  # --select BL101,BL2<tab>
        lead = head + "," if head else ""
        known = sorted({r.code for r in registry().rules} | {r.code[:3] for r in registry().rules})
        return [lead + c for c in known if c.startswith(word.upper())]

    def rules(prefix: str, **_) -> list[str]:
        return [r.code for r in registry().rules] + [r.name for r in registry().rules]

    def formats(prefix: str, **_) -> list[str]:
        return sorted(registry().reporters)

    for action in _all_actions(parser):
        if set(action.option_strings) & {"--select", "--extend-select", "--ignore"}:
            action.completer = codes
        elif "--format" in action.option_strings and not action.choices:
            action.completer = formats
        elif action.dest == "rule":
            action.completer = rules
    argcomplete.autocomplete(parser)


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    out = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out += _all_actions(sub)
    return out


def _resolver(args: argparse.Namespace, known: list[str]) -> Resolver:
    overrides = Overrides(
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
        lang=args.lang,
        exclude=args.exclude,
        extend_exclude=args.extend_exclude,
    )
    resolver = Resolver(args.config, overrides, known)
    resolver.global_config  # a broken configuration in the working directory is an error before any output
    return resolver


def _check(registry: Registry, args: argparse.Namespace) -> int:
    from .reporters import PIECES, render

    if args.format not in registry.reporters:
        hint = suggest(args.format, registry.reporters)
        known = ", ".join(sorted(registry.reporters))
        print(f"budgetlint: error: unknown format {args.format!r} (choose from {known})"
              + (f"; did you mean '{hint}'?" if hint else ""), file=sys.stderr)
        return EXIT_USAGE
    try:
        resolver = _resolver(args, [r.code for r in registry.rules])
        report = _run(args, resolver)
    except ConfigError as exc:
        print(f"budgetlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lang = resolver.global_config.lang
    for old, new in resolver.redirected():
        print(f"budgetlint: warning: {notice(old, new)}", file=sys.stderr)
    if args.write_baseline:
        from .baseline import write_baseline

        n = write_baseline(report, args.write_baseline)
        print(f"budgetlint: baseline of {n} finding(s) written to {args.write_baseline}", file=sys.stderr)
        return EXIT_USAGE if report.errors else EXIT_OK
    if args.baseline:
        from .baseline import BaselineError, apply_baseline, load_baseline

        try:
            outcome = apply_baseline(report, load_baseline(args.baseline), args.baseline)
        except BaselineError as exc:
            print(f"budgetlint: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        report = outcome.report
        if outcome.stale:
            print(f"budgetlint: {outcome.stale} baseline entr{'y' if outcome.stale == 1 else 'ies'} no longer found (stale); "
                  f"rewrite it with --write-baseline", file=sys.stderr)
    if args.statistics:
        from .reporters.text import render_statistics

        output = render_statistics(report, lang)
    else:
        reporter = registry.reporters[args.format]
        pieces = PIECES.get(reporter)
        output = pieces(report, lang) if pieces else render(reporter, report, lang, color=_use_color(args.color, args.output))
    if args.verbose:
        for result in report.files:
            for line in result.decisions:
                print(f"budgetlint: {result.path}: {line}", file=sys.stderr)
        for path, why in report.skipped:
            print(f"budgetlint: {path}: skipped ({why})", file=sys.stderr)
    if not _write(args.output, output):
        return EXIT_USAGE
    if args.summary:
        from .reporters.csv import render_csv

        if not _write(args.summary, render_csv(report, lang)):
            return EXIT_USAGE
    if args.annotate:
        from .annotate import AnnotateError, annotate_all

        try:
            annotate_all(report.files, args.annotate, lang)
        except AnnotateError as exc:
            print(f"budgetlint: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if not args.quiet:
        for line in report.warnings:
            print(f"budgetlint: warning: {line}", file=sys.stderr)
    for line in report.errors:
        print(f"budgetlint: error: {line}", file=sys.stderr)
    if report.errors:
        return EXIT_USAGE
    if not report.checked:
        if not report.files and not report.selection.candidates and report.skipped and not report.selection.other_types:
            if not args.quiet:
                print("budgetlint: nothing to check: every file given is excluded", file=sys.stderr)
            return EXIT_OK
        print(f"budgetlint: error: {_nothing_checked(report, args.paths, registry)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FINDINGS if report.failing() and not args.exit_zero else EXIT_OK


def _run(args: argparse.Namespace, resolver: Resolver) -> Report:
    from .batch import default_jobs, lint_paths, progress_bar

    options = dict(resolver=resolver, stdin_filename=args.stdin_filename, force_exclude=args.force_exclude, verbose=args.verbose,
                   as_one=args.as_one)
    jobs = args.jobs or default_jobs()
    bar = None
    if sys.stderr.isatty() and "-" not in args.paths:
        bar = progress_bar(len(Linter(load_registry(), resolver=resolver).select(args.paths, args.force_exclude, args.as_one).candidates))
    try:
        return lint_paths(args.paths, jobs=jobs, timeout=args.timeout or None, progress=bar.update if bar else None, **options)
    finally:
        if bar is not None:
            bar.close()


_CHUNK = 1 << 20  # characters written at a time: a large report is not encoded into one more copy of itself


def _write(target: str | None, output: str | Iterator[str]) -> bool:
    """Write the report (its text, or its pieces as a reporter makes them) to ``target`` or stdout."""
    chunks = (output[at : at + _CHUNK] for at in range(0, len(output), _CHUNK)) if isinstance(output, str) else output
    if not target:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return True
    try:
        with open(target, "w", encoding="utf-8") as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as exc:
        print(f"budgetlint: error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _nothing_checked(report: Report, paths: list[str], registry: Registry) -> str:
    """Why a run checked no document, so that a gate pointed at the wrong folder is not green."""
    from .config import DEFAULT_INCLUDE
    from .engine import SUFFIXES

    read = [p.removeprefix("*") for p in DEFAULT_INCLUDE] + sorted(set(registry.readers) - SUFFIXES)
    where = ", ".join(paths)
    if report.files:
        return f"no budget document found in {where}: none of the {len(report.files)} files read holds one"
    found = report.selection.describe_other_types()
    skipped = len(report.skipped)
    parts = [f"{found}, not read" if found else "", f"{skipped} left out (excluded, or Markdown without a budget)" if skipped else ""]
    detail = "; ".join(p for p in parts if p) or "no files"
    return (
        f"no budget document found in {where} ({detail}); budgetlint reads {', '.join(read)}, and .md holding a "
        f"budget document (set include / extend-include for other names)"
    )


def _use_color(choice: str, output: str | None) -> bool:
    """``--color``, else the NO_COLOR / FORCE_COLOR conventions (no-color.org, force-color.org), else a tty."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _rules(registry: Registry) -> int:
    rows = [(r.code, r.name, r.severity.label, r.family(), r.origin, r.summary()) for r in registry.rules]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(("code", "name", "severity", "family", "origin"))]
    header = ("code", "name", "severity", "family", "origin", "summary")
    fmt = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    print(fmt.format(*header))
    for row in rows:
        print(fmt.format(*row))
    print("\nseverity is each rule's default; a rule may report a particular finding lower (at info) when it "
          "cannot decide, and [severity] in the configuration overrides it.")
    return EXIT_OK


def _explain(registry: Registry, word: str) -> int:
    by_code = registry.by_code()
    by_name = {r.name: r for r in registry.rules}
    key = word.strip()
    rule = by_code.get(redirect(key.upper())) or by_name.get(key.lower())
    if rule is None:
        looks_like_code = key[:2].isalpha() and key[2:3].isdigit()
        hint = suggest_code(key.upper(), by_code) if looks_like_code else suggest(key.lower(), by_name)
        print(
            f"budgetlint: error: unknown rule {word!r}" + (f"; did you mean '{hint}'?" if hint else "")
            + " (see 'budgetlint rules')",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if rule.code != key.upper() and rule.name != key.lower():
        print(f"{key.upper()} has moved: it is now {rule.code} ({rule.name}); the old code still works as a redirect.\n")
    print(f"{rule.code} {rule.name} [{rule.severity.label}] ({rule.family()}, {rule.origin})\n")
    print(rule.documentation())
    return EXIT_OK
