"""Where text-quality defects may be seeded, in the forms publishers print them.

A passage of one section copied into another section's paragraph (its opening, with the name and
figures, kept), a direction word left as the template's alternative (增加（减少）), a reason slot
emptied (主要原因是。), the template's instruction left under a table, a personal number or password
printed in the text, the unit's name misprinted or another unit's left in, a 目录 entry with no
section, and the document calling itself by another kind. Each finder yields :class:`Target`
values like the finders of ``bench/targets.py``; the places are found from the document's
structure, never listed per file.
"""

from __future__ import annotations

import random
from typing import Iterator

import regex

from budgetlint.engine import describe_document
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.rules.text.copied_passage import CopiedPassage, _distinctive, _related
from budgetlint.tables import squash

from .targets import Edit, Target, text_lines

_SENTENCE = regex.compile(r"[^。；;！？!?]+[。；;！？!?]")
_HAN = regex.compile(r"\p{Han}")
_AMOUNT = regex.compile(r"\d\s*(?:万元|元|亿元)")


def opening_lines(doc: Document) -> set[int]:
    """The lines the document's identity is read from (title, unit): a seeded defect there changes the identity itself."""
    return {loc.line for _, loc in list(doc.iter_text())[:12] if loc.line is not None}


# -- a passage copied into another section's paragraph ----------------------------------------


def copied_passages(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The description of one section — the sentences after its paragraph's opening, 40–150 Chinese
    characters past a label (下一步改进措施：), naming its subject and not the other's: a project's
    summary describing that project — put in place of the sentences after the opening of a paragraph of a
    sibling section (under the same heading: another project's summary, which keeps its own opening
    with its name and figures). Sections as BL706 reads them: headings and numbered summaries."""
    places = [(place, group) for place, group in CopiedPassage._places(doc)
              if place.para.location.line is not None and place.para.location.line == place.para.location.end_line]
    whole = squash("".join(lines))
    for source, group in places:
        name = _distinctive(source.title)
        if len(name) < 3:
            continue
        others = [p for p, g in places if p.parent == source.parent and g != group and not _related(p, source)
                  and len(_SENTENCE.findall(lines[p.para.location.line - 1])) >= 2]
        if not others:
            continue
        sentences = [m.group() for m in _SENTENCE.finditer(lines[source.para.location.line - 1])]
        for first in range(1, len(sentences)):
            if _AMOUNT.search(sentences[first]):
                continue  # the section's own amounts: its figures, not its description
            passage = _description(sentences[first:])
            if not passage:
                continue
            if not _names(source.title, passage, 2) or any(whole.count(squash(s)) > 1 for s in sentences[first:]):
                continue  # wording that names no subject, or the document's own stock: a reviewer could not tell where it belongs either
            fitting = [p for p in others if not _names(p.title, passage, 2)]
            if not fitting:
                continue
            target = fitting[sum(map(ord, passage[:12])) % len(fitting)].para
            yield Target(
                target.location.line, _replace_description(passage, source.para.location.line),
                f"line {source.para.location.line} description put into line {target.location.line}",
                lines=(target.location.line, source.para.location.line),
            )
            break  # one passage per source paragraph


def _description(sentences: list[str]) -> str:
    """The longest run of the first sentences that reads as a copy a reader notices: 40–150 Chinese
    characters past a label (下一步改进措施：), '' when there is none."""
    best = ""
    for n in range(1, len(sentences) + 1):
        if _AMOUNT.search(sentences[n - 1]):
            break
        passage = "".join(sentences[:n])
        chars = len(_HAN.findall(regex.sub(r"^[^：:，,]{2,10}[：:]", "", passage)))
        if chars > 150:
            break
        if chars >= 40:
            best = passage
    return best


def _names(title: str, sentence: str, chars: int) -> bool:
    """The sentence prints ``chars`` characters in a row of the title's own words (惠民演出 of 公共文化惠民演出项目)."""
    name = _distinctive(title)
    return any(name[i : i + chars] in sentence for i in range(len(name) - chars + 1))


def _replace_description(passage: str, source_line: int) -> Edit:
    """The paragraph's sentences after its opening replaced by the passage; the opening, with the name and figures, kept."""
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        spans = [m.span() for m in _SENTENCE.finditer(raw)]
        if len(spans) < 2 or passage in raw:
            return None
        start, end = spans[1][0], spans[-1][1]
        return raw[:start] + passage + raw[end:], f"the description of line {source_line} in place of「{raw[start:end][:16]}…」"

    return edit


# -- the template's wording left ------------------------------------------------------------------

_DIRECTION = regex.compile(r"(增加|减少|增长|下降)(?=\s*\d)")
_OPPOSITE = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
_REASON = regex.compile(r"(主要原因(?:是|为|：|:))([^。；;]{6,})(?=[。；;])")
INSTRUCTIONS = (
    "无此类资金收支的，仍保留该表格式，并在本表下方作下述说明：",
    "（请根据实际情况填写）",
    "制定或者完善制度方面情况；加强资产管理方面情况；提升服务水平方面情况等。",
)


def alternatives(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A direction word before a figure printed as the template's alternative: 增加12.50万元 → 增加（减少）12.50万元."""
    for line, _ in text_lines(doc, (Paragraph,)):
        for m in _DIRECTION.finditer(lines[line - 1]):
            word = m.group(1)
            yield Target(line, _insert(m.end(1), f"（{_OPPOSITE[word]}）"), f"line {line}: {word}")


def empty_reasons(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The reason after 主要原因是 removed, the slot left empty: 主要原因是。"""
    for line, _ in text_lines(doc, (Paragraph,)):
        for m in _REASON.finditer(lines[line - 1]):
            yield Target(line, _cut(m.start(2), m.end(2)), f"line {line}: {m.group(1)}{m.group(2)[:10]}…")


def instructions(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The template's instruction to the writer left in a paragraph or a table's note line."""
    places = [line for line, _ in text_lines(doc, (Paragraph,))]
    places += [n.location.line for t in doc.tables for n in t.notes if n.location.line is not None]
    for line in sorted(set(places)):
        if lines[line - 1].strip():
            yield Target(line, _append_instruction(), f"line {line}: template instruction")


def _insert(at: int, text: str) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:at] + text + raw[at:], f"{raw[max(0, at - 2):at]} → {raw[max(0, at - 2):at]}{text}"

    return edit


def _cut(start: int, end: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:start] + raw[end:], f"reason「{raw[start:end][:12]}…」removed"

    return edit


def _append_instruction() -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        text = rng.choice(INSTRUCTIONS)
        return raw.rstrip() + text, f"+「{text[:14]}…」"

    return edit


# -- a personal number or password printed ----------------------------------------------------------


def _id_number(rng: random.Random) -> str:
    body = f"{rng.choice(('110101', '310107', '210102', '140302'))}{rng.randint(1965, 1999)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


def _secret(rng: random.Random) -> tuple[str, str]:
    """(the sentence to print, the value that must never be echoed in full)."""
    form = rng.randrange(5)
    if form == 0:
        mobile = f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"
        return f"联系人：王晓东，联系电话：{mobile}。", mobile
    if form == 1:
        number = _id_number(rng)
        return f"经办人李敏（身份证号：{number}）负责资金拨付。", number
    if form == 2:
        account = f"6222{rng.randint(10**14, 10**15 - 1)}"
        return f"收款单位开户行：中国工商银行岚江支行，账号：{account}。", account
    if form == 3:
        address = f"192.168.{rng.randint(1, 254)}.{rng.randint(2, 254)}"
        return f"填报系统内网地址为http://{address}:8080/budget。", address
    password = rng.choice(("Abc@12345", "lj2024#Cz", "Czj@8899"))
    return f"系统账号为caiwu01，初始密码：{password}。", password


def disclosures(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A mobile number, ID number, bank account, intranet address or password added to a paragraph."""
    for line, _ in text_lines(doc, (Paragraph,)):
        if len(lines[line - 1].strip()) >= 20:
            yield Target(line, _append_secret(), f"line {line}: disclosure")


def _append_secret() -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        sentence, secret = _secret(rng)
        return raw.rstrip() + sentence, f"+「{sentence[:8]}…」(secret {secret})"

    return edit


def secret_of(change: str) -> str:
    """The value a disclosure variant printed (from its change text), '' for other kinds."""
    m = regex.search(r"\(secret ([^)]+)\)$", change)
    return m.group(1) if m else ""


# -- the unit's name ----------------------------------------------------------------------------------

_CONNECTORS = {"和": "与", "与": "和", "及": "和"}
_LINE = regex.compile(r"^(\s*(?:编制单位|编制部门|单位名称|部门名称|预算单位|预算主管部门)\s*[:：]\s*)(\S{4,40})\s*$")


def unit_names(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The unit's name with its joining word swapped where the text prints it, or another unit's name
    on its 编制单位/部门名称 line (the same region, another bureau)."""
    unit = squash(describe_document(doc)["unit"] or "")
    if len(unit) < 4:
        return
    swaps = [(i, _CONNECTORS[ch]) for i, ch in enumerate(unit) if ch in _CONNECTORS]
    heading_lines = {b.location.line for b in doc.blocks if isinstance(b, Heading)}
    opening = opening_lines(doc)
    for line, _ in text_lines(doc, (Paragraph, Heading)):
        if line in opening:
            continue
        raw = lines[line - 1]
        if swaps and unit in raw and line not in heading_lines and raw.strip() != unit:
            i, other = swaps[0]
            yield Target(line, _replace(unit, unit[:i] + other + unit[i + 1:]), f"line {line}: {unit} with {unit[i]} → {other}")
    other = _other_unit(doc, unit)
    places = [c.location.line for t in doc.tables for c in t.captions if c.location.line is not None]
    places += [line for line, _ in text_lines(doc, (Paragraph, Heading))]
    for line in sorted(set(places) - opening):
        m = _LINE.match(lines[line - 1])
        if m and squash(m.group(2)) == unit and other:
            yield Target(line, _replace(m.group(2), other), f"line {line}: {m.group(1).strip()}{unit} → {other}")


def _other_unit(doc: Document, unit: str) -> str:
    """A bureau of the unit's own region the document never names (岚江市教育局 for 岚江市体育局)."""
    m = regex.match(r"^(.{2,12}?[省市区县])", unit)
    if not m:
        return ""
    text = "".join(t for t, _ in doc.iter_text())
    for name in ("教育局", "水务局", "民政局", "商务委员会", "农业农村局"):
        candidate = m.group(1) + name
        if candidate != unit and candidate not in text:
            return candidate
    return ""


def _replace(old: str, new: str) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return (raw.replace(old, new, 1), f"{old} → {new}") if old in raw else None

    return edit


# -- caption years in the forms publishers print them -------------------------------------------------

_YEAR_LINE = regex.compile(r"^\s*([（(]?)\s*(20\d{2})\s*年度\s*([)）]?)\s*$")
_UNIT_OR_TITLE = regex.compile(r"^\s*(?:单位|部门|部门名称|单位名称)\s*[:：]|^\S*(?:表)\s*$")


def merged_caption_years(text: str, doc: Document) -> str:
    """The clean document with each table's year line printed inside the line above it, as the seeds and
    PDFs print it: "单位：沈阳市商务局本级2024 年度" (000), "预算项目(政策)绩效自评表 (2024 年度)" (000),
    the year's own line left empty (the line count is kept)."""
    lines = text.splitlines(keepends=True)
    captions = {c.location.line for t in doc.tables for c in t.captions if c.location.line}
    for line in sorted(captions):
        m = _YEAR_LINE.match(lines[line - 1])
        if not m:
            continue
        above = next((k for k in range(line - 1, max(0, line - 4), -1) if lines[k - 1].strip()), None)
        if above is None or not _UNIT_OR_TITLE.search(lines[above - 1]):
            continue
        body = lines[above - 1].rstrip("\r\n")
        year = f"{m.group(2)} 年度"
        lines[above - 1] = body + (f" ({year})" if m.group(1) or body.endswith("表") else year) + lines[above - 1][len(body):]
        lines[line - 1] = lines[line - 1][len(lines[line - 1].rstrip("\r\n")):]
    return "".join(lines)


# -- the 目录 and the document's kind -----------------------------------------------------------------

_CONTENTS = regex.compile(r"^\s*目\s*录\s*$")
_ENTRY = regex.compile(
    r"^(\s*(?:#+\s*)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*)(\S.{1,50}?)(\s*(?:[.．。·…\-—_]{3,}\s*\d{0,3}|\t\s*\d{1,3})?\s*)$"
)
_LEADERS = regex.compile(r"[.．。·…\-—_]{3,}\s*\d{0,3}\s*$")
ABSENT_SECTIONS = ("部门整体支出绩效评价情况", "国有资产占用情况说明", "政府采购预算执行情况", "专项资金使用管理情况")


def contents_entries(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A 目录 entry retitled as a section the document does not print (a 目录 copied from another
    document), or two neighbouring parts (第二部分, 第三部分) listed in each other's place."""
    start = next((i for i, raw in enumerate(lines) if _CONTENTS.match(raw)), None)
    if start is None:
        return
    # absent also in other words: a heading sharing the title's first four characters (（三）国有资产占有使用情况说明)
    # is that section, as BL908 takes it
    titles = [squash(t) for t, _ in doc.iter_text() if len(squash(t)) <= 40]
    absent = [s for s in ABSENT_SECTIONS if not any(s[:4] in t for t in titles)]
    seen: set[str] = set()
    parts: list[tuple[int, regex.Match]] = []
    led = 0
    for line in range(start + 2, min(len(lines), start + 80) + 1):
        raw = lines[line - 1]
        m = _ENTRY.match(raw)
        entry = squash(m.group(1) + m.group(2)).lstrip("#") if m else squash(raw.lstrip("# "))
        if not entry:
            continue
        if entry in seen or "\t" in raw.strip() or len(entry) > 60:
            break  # the body starts: the first entry again, a table row, running text
        leaders = bool(_LEADERS.search(raw))
        if seen and not leaders and led * 3 >= len(seen) * 2:
            break  # every entry had leaders: this line is the body's
        led += leaders
        seen.add(entry)
        if m and absent and not m.group(2).endswith("表"):
            title = absent[line % len(absent)]
            yield Target(line, _retitle(m.start(2), m.end(2), title), f"line {line}: 目录 {squash(lines[line - 1])[:20]}")
        if m and "部分" in m.group(1):
            parts.append((line, m))
    for (a, ma), (b, mb) in zip(parts, parts[1:]):
        yield Target(
            a, _retitle(ma.start(2), ma.end(2), mb.group(2)), f"目录 lines {a} and {b}: parts swapped", lines=(a, b),
            more=((b, _retitle(mb.start(2), mb.end(2), ma.group(2))),),
        )


def _retitle(start: int, end: int, title: str) -> Edit:
    """The entry's title replaced; its numbering, leaders and page number kept."""
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:start] + title + raw[end:], f"「{raw[start:end][:16]}」→「{title}」"

    return edit


_KIND = regex.compile(r"(20\d{2})(\s*年度?\s*)(部门|单位)(决算|预算)(?=表|情况说明|编制说明|\s*$)")


def kind_words(doc: Document, lines: list[str]) -> Iterator[Target]:
    """In a heading, caption or 目录 line naming the document (2024年度部门决算表), the other kind (预算表)."""
    identity = describe_document(doc)
    if identity["kind"] not in ("预算", "决算") or not identity["year"]:
        return
    places = {b.location.line for b in doc.blocks if isinstance(b, Heading) and b.location.line}
    places |= {c.location.line for t in doc.tables for c in t.captions if c.location.line}
    places |= {b.location.line for b in doc.blocks if isinstance(b, Paragraph) and b.location.line and len(b.text) <= 40}
    for line in sorted(places - opening_lines(doc)):
        for m in _KIND.finditer(lines[line - 1]):
            if int(m.group(1)) == identity["year"] and m.group(4) == identity["kind"]:
                other = "预算" if m.group(4) == "决算" else "决算"
                yield Target(line, _word(m.start(4), m.end(4), other), f"line {line}: {m.group()}")


_EXECUTED = regex.compile(r"(?<=年初预算(?:数|为)?\s*[\d,.]+\s*万元\s*[，,]\s*)(?:支出决算|决算数)(?=(?:为)?\s*[\d,.]+\s*万元\s*[，,]\s*完成年初预算的)")


def executed_words(doc: Document, lines: list[str]) -> Iterator[Target]:
    """In a 决算, the executed figure of a completion sentence worded as the budget's (支出决算 B → 预算数 B)."""
    if describe_document(doc)["kind"] != "决算":
        return
    for line, _ in text_lines(doc, (Paragraph,)):
        for m in _EXECUTED.finditer(lines[line - 1]):
            yield Target(line, _word(m.start(), m.end(), "预算数"), f"line {line}: {m.group()}")


_FULL_RATE = regex.compile(r"完成(?:全年|年初)?预算的\s*100(?:\.0+)?\s*%")
_ANY_RATE = regex.compile(r"完成(?:全年|年初)?预算的\s*(\d+(?:\.\d+)?)\s*%")
_PROBLEM_SENTENCE = regex.compile(r"((?:存在的)?主要问题(?:是|为|及原因[:：]))([^。；;]{4,})(?=[。；;])")
UNSPENT = ("部分资金未能按计划支出", "经费未完全支出", "预算执行率偏低", "受项目进度影响，资金支出进度滞后")


def unspent_problems(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A fully executed project's problem (完成预算的100.00% … 存在的主要问题是X) replaced by one of money
    left unspent, as a sentence copied from another project's summary reads."""
    for line, _ in text_lines(doc, (Paragraph,)):
        raw = lines[line - 1]
        rates = [float(m.group(1)) for m in _ANY_RATE.finditer(raw)]
        if not _FULL_RATE.search(raw) or any(r < 100 for r in rates):
            continue
        for m in _PROBLEM_SENTENCE.finditer(raw):
            yield Target(line, _unspent(m.start(2), m.end(2)), f"line {line}: {m.group(1)}{m.group(2)[:10]}…")


def _unspent(start: int, end: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        text = rng.choice(UNSPENT)
        return raw[:start] + text + raw[end:], f"「{raw[start:end][:12]}…」→「{text}」"

    return edit


def _word(start: int, end: int, new: str) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:start] + new + raw[end:], f"{raw[start:end]} → {new}"

    return edit


__all__ = [
    "copied_passages", "alternatives", "empty_reasons", "instructions", "disclosures", "secret_of",
    "unit_names", "contents_entries", "kind_words", "executed_words", "unspent_problems",
]


# -- a paragraph cut mid-sentence --------------------------------------------------------------

_COMMA = regex.compile(r"[，,](?=[^，,。；;]{4,})")


def cut_sentences(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A one-line paragraph right before a heading, cut after a comma of its last sentence (…主要用于保障，)."""
    blocks = doc.blocks
    for k, block in enumerate(blocks[:-1]):
        nxt = blocks[k + 1]
        line = block.location.line
        if not isinstance(block, Paragraph) or not isinstance(nxt, Heading) or line is None or block.location.end_line not in (None, line):
            continue
        raw = lines[line - 1]
        if "\t" in raw or "…" in raw or not raw.rstrip().endswith("。"):
            continue
        last = raw.rstrip()[:-1]
        start = max((m.end() for m in regex.finditer(r"[。；;！？!?]", last)), default=0)
        commas = [m.end() for m in _COMMA.finditer(last, start)]
        if commas:
            yield Target(line, _cut_after(commas[-1]), f"line {line}: before heading {nxt.text[:12]}")


def _cut_after(at: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:at], f"「…{raw[max(0, at - 8):at]}」 cut off: 「{raw[at:at + 12]}…」 removed"

    return edit


# -- a 名词解释 entry of a 款 the unit does not have -------------------------------------------------

_GLOSSARY_ENTRY = regex.compile(
    r"[（(]类[)）]\s*(?P<kuan>[\p{Han}（）()、]{2,30}?\s*[（(]款[)）]\s*[\p{Han}（）()、]{2,30}?\s*[（(]项[)）])"
)
# 款 and 项 of other departments: a pair the document prints nowhere replaces the entry's own.
_OTHER_KUAN = (("财政事务", "财政委托业务支出"), ("税收事务", "税收业务"), ("审计事务", "审计业务"), ("海关事务", "缉私办案"),
               ("纪检监察事务", "大案要案查处"), ("统计信息事务", "专项统计业务"), ("人力资源事务", "引进人才费用"), ("档案事务", "档案馆"))


def glossary_items(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A 名词解释 entry's 款 and 项 (X（类）Y（款）Z（项）：反映…) put as another department's, printed nowhere in the document."""
    text = squash("\n".join(lines))
    others = [f"{kuan}（款）{xiang}（项）" for kuan, xiang in _OTHER_KUAN if kuan not in text and xiang not in text]
    if not others:
        return
    inside: int | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            if "名词解释" in block.text:
                inside = block.level
                continue
            if inside is not None and block.level <= inside:
                inside = None
        line = block.location.line
        if inside is None or line is None or block.location.end_line not in (None, line):
            continue
        m = _GLOSSARY_ENTRY.search(lines[line - 1])
        if m:
            yield Target(line, _replace_span(m.start("kuan"), m.end("kuan"), others), f"line {line}: 款 {m['kuan']}")


def _replace_span(start: int, end: int, choices: list[str]) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        new = rng.choice(choices)
        return raw[:start] + new + raw[end:], f"{raw[start:end]} → {new}"

    return edit


# -- a sentence that stops where its figure belongs ---------------------------------------------

_STATED_FIGURE = regex.compile(
    r"(?:合计|总计|共计|金额|支出|收入|预算数|决算数|执行数|结余)(?:为|是|达到?)(?P<figure>\s*\d[\d,]*(?:\.\d+)?\s*万元)(?=[。；;，,])"
)


def cut_figures(doc: Document, lines: list[str]) -> Iterator[Target]:
    """An amount stated after 合计为/支出为… removed with its unit, the sentence going on at once (支出合计为。)."""
    for line, _ in text_lines(doc, (Paragraph,)):
        for m in _STATED_FIGURE.finditer(lines[line - 1]):
            yield Target(line, _cut_figure(m.start("figure"), m.end("figure")), f"line {line}: {m.group()[:16]}")


def _cut_figure(start: int, end: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:start] + raw[end:], f"「{raw[max(0, start - 6):end]}」 → 「{raw[max(0, start - 6):start]}」"

    return edit
