"""Findings and severities: what rules report and reporters print."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from .model import Location, cell_bounds


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One broken expectation, with its evidence and every place involved.

    ``message`` maps a language code (``zh``, ``en``) to the rendered message.
    ``evidence`` holds what was stated, what was computed and the operands, as printed.
    ``anchor`` identifies the finding independently of line numbers (for fingerprints).
    """

    code: str
    severity: Severity
    message: dict[str, str] = field(hash=False, compare=False)
    location: Location
    related: tuple[tuple[Location, str], ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    anchor: str = ""
    #: why this finding is below its rule's severity ({"zh", "en"}), set by the rule; empty otherwise
    lowered: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: the severity came from ``[severity]`` in the configuration
    configured: bool = field(default=False, hash=False, compare=False)
    #: for an identity "stated − Σ weight·operand = difference": (stated cell, ((operand cell, weight), …)),
    #: which lets one wrong cell's findings be merged (see ``root_cause``); empty for other findings
    arithmetic: tuple = field(default=(), hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh") or next(iter(self.message.values()), "")

    def with_severity(self, severity: Severity) -> "Finding":
        """The finding at a severity the configuration sets (its rule's reason for a lower one no longer applies)."""
        return replace(self, severity=severity, lowered={}, configured=True)

    def fingerprint(self) -> str:
        """Stable across unrelated edits: rule, file name and the content anchor, no line numbers."""
        key = "\x1f".join((self.code, self.location.path.rsplit("/", 1)[-1], self.anchor or self.text("zh")))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def sort_key(self) -> tuple:
        loc = self.location
        cell = cell_bounds(loc.cell)[:2] if loc.cell else (0, 0)
        return (loc.path, loc.page or 0, loc.line or 0, loc.sheet or "", *cell, self.code, self.anchor)
