"""The rule base class: metadata, documentation and finding construction shared by all rules."""

from __future__ import annotations

import inspect
from typing import Any, ClassVar, Iterable, Iterator

from .findings import Finding, Severity
from .model import Document, Location
from .rounding import Rounding

FAMILIES = {
    "0": "sets",
    "1": "tables",
    "2": "cross",
    "3": "prose",
    "4": "ratios",
    "5": "sangong",
    "6": "scores",
    "7": "text",
    "8": "disclosure",
    "9": "structure",
}

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


class Context:
    """What a rule may use besides the document: the rounding policy and its options."""

    def __init__(self, rounding: Rounding | None = None, options: dict[str, Any] | None = None):
        self.rounding = rounding or Rounding()
        self.options = options or {}


class Rule:
    """Base of every rule, built-in or from a plugin.

    Subclasses set ``code`` (e.g. ``BL101``), ``name`` (kebab-case, names the defect),
    ``severity`` and ``messages`` (message key → {"zh": template, "en": template}), put
    their user documentation in the class docstring (sections *What it does*, *Why is this
    bad?*, *Example*, *Use instead*), and implement :meth:`check`.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    messages: ClassVar[dict[str, dict[str, str]]] = {}
    origin: ClassVar[str] = "builtin"  # set by the plugin host to the plugin's name
    # The rule concludes from what the document lacks (a missing or empty table): it cannot decide, and
    # stays silent, when the reader had to leave pages out (``Document.unchecked_pages``).
    needs_every_page: ClassVar[bool] = False

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    # -- metadata -----------------------------------------------------------

    @classmethod
    def family(cls) -> str:
        digit = cls.code[2:3] if cls.code.startswith("BL") else ""
        return FAMILIES.get(digit, "plugin")

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the documentation."""
        return cls.documentation().split("\n", 1)[0]

    @classmethod
    def doc_section(cls, title: str) -> str:
        """The text of one ``## title`` section of the documentation ("" when absent)."""
        out: list[str] = []
        inside = False
        for line in cls.documentation().splitlines():
            if line.startswith("## "):
                inside = line[3:].strip() == title
                continue
            if inside:
                out.append(line)
        return "\n".join(out).strip()

    # -- findings -----------------------------------------------------------

    def finding(
        self,
        key: str,
        location: Location,
        *,
        related: Iterable[tuple[Location, str]] = (),
        evidence: dict[str, Any] | None = None,
        anchor: str = "",
        severity: Severity | None = None,
        **values: Any,
    ) -> Finding:
        """A finding with the ``key`` message rendered in every language the rule has."""
        templates = self.messages[key]
        message = {lang: template.format(**values) for lang, template in templates.items()}
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            location=location,
            related=tuple(related),
            evidence=dict(evidence or {}),
            anchor=anchor,
        )


def iter_findings(rule: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from rule.check(doc, ctx) or ()
