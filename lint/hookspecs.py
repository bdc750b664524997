"""Hook specifications: how built-in rules and third-party packs plug into budgetlint.

Plugins are modules or objects registered under the entry-point group ``budgetlint``
(built-in rules use the same group). Implement hooks with ``budgetlint.hookimpl``.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("budgetlint")
hookimpl = pluggy.HookimplMarker("budgetlint")


@hookspec
def budgetlint_rules():
    """Return the rule classes (subclasses of ``budgetlint.rule.Rule``) this plugin provides.

    Called once when the rule registry is built. Codes must be unique across all plugins;
    a clash is an error naming both plugins.
    """


@hookspec
def budgetlint_set_rules():
    """Return the set rule classes (subclasses of ``budgetlint.sets.SetRule``) this plugin provides.

    Set rules compare documents of one run (or a configured ``[[sets]]`` entry) with each other: they
    receive every document's ``Card`` (identity, table cells by key, prose figures, comparisons with
    earlier years) after all documents' own rules have run. Codes share the namespace of ``budgetlint_rules``.
    """


@hookspec
def budgetlint_readers():
    """Return a mapping of file suffix (``".docx"``) to a reader ``f(data: bytes, path: str) -> Document``.

    Called once when a file is read whose suffix no built-in reader claims. A reader raises
    ``budgetlint.readers.ReadError`` with a one-line message for input it cannot read.
    """


@hookspec
def budgetlint_reporters():
    """Return a mapping of format name to a reporter ``f(report: Report, lang: str) -> str``.

    Called when the CLI resolves ``--format``; built-in formats win on a clash.
    """
