"""The rule base class: metadata, documentation and finding construction shared by all rules."""

from __future__ import annotations

import inspect
from typing import Any, Callable, ClassVar, Iterable, Iterator

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

# Why a finding is reported lower than its rule's severity, by message key (a rule's own ``lowered`` wins).
LOWERED = {
    "truncated": {"zh": "系截断而非四舍五入，数字本身相符", "en": "truncated rather than rounded; the figures agree"},
    "zero_base": {"zh": "以零为基数，变动率无定义，无从核对", "en": "on a zero base the rate is undefined and cannot be checked"},
    "one-unit": {"zh": "只差末位一个单位，多为四舍五入", "en": "one unit off in the last place, most likely rounding"},
}
LOWERED_DEFAULT = {"zh": "此处无法确定，降级报告", "en": "the rule cannot decide this case, so it reports lower"}


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
    #: message key → {"zh", "en"}: why a finding of that key is reported below ``severity`` (see ``LOWERED``)
    lowered: ClassVar[dict[str, dict[str, str]]] = {}
    #: The shared analyses the rule asks ``doc.derive`` for, e.g. ``(recognise, extract_facts)``. The engine
    #: lets go of each analysis once the last rule naming it has run, so a large document does not hold them
    #: all at once; ``None`` (not said) keeps every analysis until this rule has run.
    uses: ClassVar[tuple[Callable[[Document], Any], ...] | None] = None

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
        arithmetic: tuple = (),
        **values: Any,
    ) -> Finding:
        """A finding with the ``key`` message rendered in every language the rule has."""
        templates = self.messages[key]
        message = {lang: template.format(**values) for lang, template in templates.items()}
        severity = severity or self.severity
        lower = {}
        if severity < self.severity:
            lower = self.lowered.get(key) or LOWERED.get(key) or LOWERED_DEFAULT
        return Finding(
            code=self.code,
            severity=severity,
            message=message,
            location=location,
            related=tuple(related),
            evidence=dict(evidence or {}),
            anchor=anchor,
            lowered=dict(lower),
            arithmetic=arithmetic,
        )


def iter_findings(rule: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from rule.check(doc, ctx) or ()
