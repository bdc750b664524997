"""BL715: a paragraph opening a bracket, 书名号 or quotation mark it never closes, or closing one it never opened."""

from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Paragraph
from budgetlint.rule import Context, Rule

# (name, openers, closers): full- and half-width round brackets close each other; straight quotes are left
# alone (they open and close alike).
_PAIRS = (("括号", "（(", "）)"), ("书名号", "《", "》"), ("引号", "“", "”"))


class UnbalancedBrackets(Rule):
    """A bracket, 书名号 or quotation mark opened in a paragraph and never closed (or closed and never opened).

    ## What it does
    Counts, in each paragraph of running text, the opening and closing round brackets （）(),
    书名号 《》 and curly quotation marks “”. When they do not pair up, reports the paragraph with
    the text from the mark left open (or the stray closing mark). A paragraph whose open
    mark is closed at the start of the next one (a paragraph broken over a page) is not a
    finding; tables, headings and straight quotes are not read.

    ## Why is this bad?
    An unclosed bracket leaves the reader unsure where an aside ends (平均得分 99.33 分（其中，
    …项目 0 个。) and usually marks text cut or pasted in a hurry — a project name that lost
    its amount (奖励资金（), a quotation that lost its opening mark.

    ## Example
    ```
    平均得分99.33分（其中，绩效评级为“优”的项目39个；绩效评级为“良”的项目0个。绩效自评中共发现问题0个。
    ```

    ## Use instead
    ```
    平均得分99.33分（其中，绩效评级为“优”的项目39个；绩效评级为“良”的项目0个）。绩效自评中共发现问题0个。
    ```
    """

    code = "BL715"
    name = "unbalanced-brackets"
    severity = Severity.INFO
    uses = ()
    messages = {
        "open": {
            "zh": "{mark}未闭合：「{excerpt}」",
            "en": "a {mark_en} is opened and never closed: '{excerpt}'",
        },
        "close": {
            "zh": "{mark}有闭无开：「{excerpt}」",
            "en": "a {mark_en} is closed and never opened: '{excerpt}'",
        },
    }
    _EN = {"括号": "bracket", "书名号": "title mark", "引号": "quotation mark"}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
        carried: set[str] = set()  # marks left open by the paragraph before and closed first thing in this one
        for k, para in enumerate(paragraphs):
            following = paragraphs[k + 1].text if k + 1 < len(paragraphs) else ""
            now_carried: set[str] = set()
            for name, openers, closers in _PAIRS:
                at = _unbalanced(para.text, openers, closers)
                if at is None:
                    continue
                position, opened = at
                if opened and _closes_first(following, openers, closers):
                    now_carried.add(name)
                    continue
                if not opened and name in carried:
                    continue
                excerpt = para.text[max(0, position - 12) : position + 24].replace("\n", "")
                yield self.finding(
                    "open" if opened else "close",
                    para.location,
                    evidence={"mark": name, "excerpt": excerpt},
                    anchor=f"unbalanced|{name}|{excerpt}",
                    mark=name,
                    mark_en=self._EN[name],
                    excerpt=excerpt,
                )
            carried = now_carried


def _unbalanced(text: str, openers: str, closers: str) -> tuple[int, bool] | None:
    """Where the pairing fails: (the first mark left open, True) or (the first stray closing mark, False)."""
    stack: list[int] = []
    for m in _marks(openers, closers).finditer(text):
        if m.group() in openers:
            stack.append(m.start())
        else:
            if not stack:
                return m.start(), False
            stack.pop()
    return (stack[0], True) if stack else None


def _closes_first(text: str, openers: str, closers: str) -> bool:
    """The text closes a mark it did not open before opening any: it goes on with the paragraph before."""
    depth = 0
    for m in _marks(openers, closers).finditer(text):
        if m.group() in openers:
            depth += 1
        else:
            if depth == 0:
                return True
            depth -= 1
    return False


@cache
def _marks(openers: str, closers: str) -> re.Pattern[str]:
    """The marks of a pair, found by a pattern: a paragraph has few, and is not walked character by character."""
    return re.compile("[" + re.escape(openers + closers) + "]")
