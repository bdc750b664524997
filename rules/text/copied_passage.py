"""BL706: a passage of one section's paragraph printed inside a different paragraph of another section."""

from __future__ import annotations

import hashlib
from difflib import SequenceMatcher
from dataclasses import dataclass
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.passages import PassageIndex, SharedRun, key_of, normalise
from budgetlint.rule import Context, Rule

MIN_CHARS = 40  # characters (punctuation and spaces ignored) outside stock clauses
WHOLE = 0.9  # a run covering this share of both paragraphs is a whole copy: BL703's
# Words of a project heading that say nothing about which project it is.
_GENERIC = regex.compile(r"^[\s\d一二三四五六七八九十、.．()（）]+|项目|绩效|自评|综述|情况|说明|工作|专项|经费|资金|支出")
_HAN = regex.compile(r"\p{Han}")
# Titles of laws and notices cited as a basis: every report may cite the same ones.
_CITED = regex.compile(r"《[^《》]{1,80}》(?:\s*[（(][^（()）]{1,30}[)）])?")
_YEAR = regex.compile(r"\d+年?度?|上年|本年")
RELATED_STEM = 3  # characters of distinctive title two sections share when they are parts of one programme


# A numbered item that opens with its own title: "（3）档案整理专项自评综述：…", "2. 道路养护项目：…".
_ITEM = regex.compile(
    r"^\s*(?:[（(]\s*\d{1,3}\s*[)）]|\d{1,3}\s*[.、．](?!\d))\s*(?P<title>[^：:。，,；;]{2,60}?)\s*[：:]"
)


@dataclass(frozen=True)
class _Place:
    para: Paragraph
    title: str  # the heading or numbered item it belongs to ("" before any)
    parent: int  # the section its section is part of: only sibling sections are compared


class CopiedPassage(Rule):
    """A passage of one section's text printed again inside a different paragraph of another section.

    ## What it does
    Compares the paragraphs of different sections (each paragraph belongs to the heading above
    it) clause by clause: a common run of at least 40 characters, punctuation and spaces
    ignored, printed inside paragraphs that otherwise differ is reported with both places and
    the shared text, shortened. Candidates come from winnowed shingle fingerprints and are then
    aligned exactly, so the cost grows with the length of the document, not with the number of
    paragraph pairs. Stock clauses are recognised by frequency — wording that, with its figures
    masked, occurs in three or more sections of the document is template text and does not
    count — and so are sentences listed as templates in configuration; titles of cited laws and
    notices (《…》) are left out. 名词解释 entries, whole
    paragraphs printed twice (BL703) and paragraphs of one section are not compared. The primary
    location is the place whose heading the shared text fits least (its heading's own words do
    not occur in it), else the later one.

    ## Why is this bad?
    A project summary that keeps its own name and figures but copies another project's
    description tells the reader what the other project did; a reviewer reads the heading and
    believes it.

    ## Example
    ```
    ## （一）道路养护项目
    本项目预算 120 万元。项目主要对辖区内主干道路开展路面修补和路缘石更换，提升道路通行条件和市容环境。
    ## （二）绿化管护项目
    本项目预算 80 万元，由区绿化所实施。项目主要对辖区内主干道路开展路面修补和路缘石更换，提升道路通行条件和市容环境。
    ```

    ## Use instead
    ```
    ## （二）绿化管护项目
    本项目预算 80 万元，由区绿化所实施。项目主要对公共绿地开展日常养护和补植，提升绿化景观。
    ```
    """

    code = "BL706"
    lowered = {"copied": {"zh": "两处文字都未点明另一处的项目，可能是共用的说明", "en": "neither place names the other's subject; it may be shared wording"}}
    name = "copied-passage"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "copied": {
            "zh": "本段与“{other}”下的一段有{chars}字相同文字，疑为复制粘贴：“{excerpt}”",
            "en": "this paragraph shares {chars} characters with one under \"{other}\"; copied and pasted? \"{excerpt}\"",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        index, places = PassageIndex(), []
        for sentence in ctx.options.get("template-sentences", ()):
            index.add_stock(normalise(sentence)[0])
        for place, group in self._places(doc):
            key = key_of(_CITED.sub("", place.para.text))
            if len(key) >= MIN_CHARS:
                index.add(key, group)
                places.append(place)
        for run in index.runs(MIN_CHARS):
            a, b = places[run.first], places[run.second]
            if a.parent != b.parent or _related(a, b):
                continue
            if run.length >= WHOLE * min(len(index.keys[run.first]), len(index.keys[run.second])):
                continue
            shared = index.keys[run.first][run.first_start : run.first_start + run.length]
            if len(_HAN.findall(shared)) < MIN_CHARS // 2:
                continue  # figures and codes in common, not wording
            fit_a, fit_b = _fit(a, shared), _fit(b, shared)
            primary, other = (a, b) if fit_a < fit_b else (b, a)
            yield self.finding(
                "copied",
                primary.para.location,
                related=[(other.para.location, "the same text here")],
                evidence={"shared": _excerpt(shared, 60), "chars": run.length, "novel": run.novel,
                          "other_heading": _title(other)},
                anchor=f"copied-passage|{hashlib.sha1(shared.encode()).hexdigest()[:12]}",
                other=_title(other),
                chars=run.length,
                excerpt=_excerpt(shared, 30),
                # The text names one section's subject and not the other's: that is where it was copied to.
                severity=None if min(fit_a, fit_b) == 0 < max(fit_a, fit_b) else Severity.INFO,
            )

    @staticmethod
    def _places(doc: Document) -> Iterator[tuple[_Place, int]]:
        """Each paragraph with its section: the heading above it, or the numbered item it opens or continues.

        Project summaries are often numbered paragraphs under one heading ("（3）…自评综述：…");
        each is a section of its own, the paragraphs after it belong to it, and its parent is the
        heading. A heading's parent is the nearest heading above it of a higher level.
        """
        title, glossary_level, group, parent = "", None, -1, -1
        stack: list[tuple[int, int]] = []  # (level, block index) of the open headings
        for i, block in enumerate(doc.blocks):
            if isinstance(block, Heading):
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                parent = stack[-1][1] if stack else -1
                stack.append((block.level, i))
                title, group = block.text, i
                if glossary_level is not None and block.level <= glossary_level:
                    glossary_level = None
                if "名词解释" in block.text:
                    glossary_level = block.level
                if m := _ITEM.match(block.text):  # a numbered summary the reader took for a heading
                    title = m.group("title")
            elif isinstance(block, Paragraph) and glossary_level is None:
                if m := _ITEM.match(block.text):
                    title, group = m.group("title"), i
                    parent = stack[-1][1] if stack else -1
                yield _Place(block, title, parent), group


def _title(place: _Place) -> str:
    return place.title or "文首"


def _distinctive(title: str) -> str:
    """A title's own words: no numbering, years, figures or words every project title has."""
    return _YEAR.sub("", normalise(_GENERIC.sub("", title))[0])


def _related(a: _Place, b: _Place) -> bool:
    """The same project, or parts of one programme (会展业专项 and 会展业专项-评审费): they share wording by design."""
    x, y = _distinctive(a.title), _distinctive(b.title)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    match = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return match.size >= RELATED_STEM


def _fit(place: _Place, shared: str) -> int:
    """How much of the place's title (its distinctive words) the shared text prints: 0 when none."""
    name = _distinctive(place.title)
    best = 0
    for size in range(2, len(name) + 1):
        if any(name[i : i + size] in shared for i in range(len(name) - size + 1)):
            best = size
        else:
            break
    return best if best >= 2 else 0


def _excerpt(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit * 2 // 3] + "…" + text[-(limit // 3) :]
