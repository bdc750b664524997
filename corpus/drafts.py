"""Word drafts of the corpus 决算: its 情况说明 as a .docx the way a drafter writes it, and its tables as text.

``juesuan-2024-shuoming.docx`` is the narrative of ``juesuan-2024`` (``generate.py``'s model, the same figures
and sentences): 第一部分 概况, 第二部分 情况说明 and 第三部分 名词解释, written in Word's own structure:
headings in the Heading 1–3 styles, 一、 and （一） printed by automatic numbering (not typed), body
paragraphs in the Normal style, justified, with a first-line indent.
``juesuan-2024-shuoming.txt`` is its extracted-text form, and ``juesuan-2024-biao.txt`` the document's
第四部分 (公开01–09表) alone: the table half of a draft, checked as one document with the Word half
(``budgetlint check --as-one juesuan-2024-shuoming.docx juesuan-2024-biao.txt``). The ``-defects`` files come
from ``juesuan-2024-defects`` (the same edits, DEFECTS.md there).

    python corpus/drafts.py            # writes the .docx and .txt files into corpus/
    python corpus/drafts.py --pdf DIR  # also renders the .docx to PDF in DIR with LibreOffice (tests do this)
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import generate as g

HERE = Path(__file__).resolve().parent
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# 一、 at level 0 and （一） at level 1, printed right before the heading text (no tab after the number)
NUMBERING = (
    f'<w:abstractNum {W_NS} w:abstractNumId="71"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>"
)
NUM_ID = "71"
_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def part(doc: g.Doc, first: str, last: str | None, name: str) -> g.Doc:
    """The blocks from the level-1 heading starting with ``first`` up to the one starting with ``last``."""
    blocks = doc.blocks
    i = next(k for k, b in enumerate(blocks) if isinstance(b, g.Heading) and b.level == 1 and b.text.startswith(first))
    j = next((k for k, b in enumerate(blocks) if isinstance(b, g.Heading) and b.level == 1 and last and b.text.startswith(last)), len(blocks))
    return g.Doc(name, doc.title, [b for b in blocks[i:j] if not isinstance(b, g.PageBreak)])


def render_draft(doc: g.Doc, path: Path) -> None:
    """The 情况说明 as a Word draft: heading styles, automatic numbering, Normal paragraphs."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = Document()
    props = d.core_properties
    props.title, props.author, props.last_modified_by = doc.title, g.DEPT, g.DEPT
    props.created = props.modified = datetime.datetime(2025, 6, 20, 9, 0, 0)
    props.revision = 1

    def fonts(style, name: str, size: float, bold: bool) -> None:
        style.font.name, style.font.size, style.font.bold = name, Pt(size), bold
        style.font.color.rgb = None
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = parse_xml(f"<w:rFonts {W_NS}/>")
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), name)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(theme), None)

    normal = d.styles["Normal"]
    fonts(normal, g.SERIF, 12, False)
    normal.element.get_or_add_rPr().append(parse_xml(f'<w:lang {W_NS} w:val="en-US" w:eastAsia="zh-CN"/>'))
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.alignment = 3  # justified, as official documents are set
    normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 22), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        style = d.styles[name]
        fonts(style, g.SANS, size, True)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(3 if size < 14 else 6)
        style.paragraph_format.keep_with_next = True
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{NUM_ID}"><w:abstractNumId w:val="71"/></w:num>'))

    counters = [0, 0]
    for i, b in enumerate(doc.blocks):
        if i == 0 and isinstance(b, g.Para) and b.text == doc.title:
            d.add_paragraph(b.text, style="Title").alignment = 1
            continue
        if isinstance(b, g.Heading):
            text = b.text
            p = d.add_paragraph(style=f"Heading {b.level}")
            if b.level == 1:
                p.alignment = 1  # centred
            elif (m := _PREFIX.match(text)) and _expected(counters, b.level) == m.group(0):
                text = text[m.end():]  # Word prints the number
                p._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {W_NS}><w:ilvl w:val="{b.level - 2}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))
                p.paragraph_format.first_line_indent = Pt(24)
            p.add_run(text)
        elif isinstance(b, g.Para):
            p = d.add_paragraph(b.text)
            if b.indent:
                p.paragraph_format.first_line_indent = Pt(24)
    d.save(str(path))


def render_workbook(doc: g.Doc, path: Path) -> None:
    """The tables as a workbook, a sheet per table as the templates lay them out (tests check it as one with the .docx).

    Captions in the rows above the table, amounts as numbers formatted ``#,##0.00``, merged heading cells merged.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for t in (b for b in doc.blocks if isinstance(b, g.Table)):
        sheet = book.create_sheet(t.title[:31])
        captions = [x for x in (t.title, t.marker, t.unit, t.year, t.money_unit) if x]
        for text in captions:
            sheet.append([text])
        top = len(captions)
        for r, row in enumerate(t.rows):
            values = []
            for c, text in enumerate(row):
                number = text.replace(",", "")
                amount = r >= t.header_rows and re.fullmatch(r"-?\d+\.\d{2}", number) and not t.col_keys[c].startswith("code")
                values.append(float(number) if amount else text or None)
            sheet.append(values)
            for c, value in enumerate(values):
                if isinstance(value, float):
                    sheet.cell(top + r + 1, c + 1).number_format = "#,##0.00"
        for r, c, rs, cs in t.merges:
            sheet.merge_cells(start_row=top + r + 1, start_column=c + 1, end_row=top + r + rs, end_column=c + cs)
        for note in t.notes:
            sheet.append([note])
    book.save(str(path))


def _expected(counters: list[int], level: int) -> str:
    """The label Word's numbering gives the next heading of ``level`` (2: 一、, 3: （一）)."""
    k = level - 2
    counters[k] += 1
    for deeper in range(k + 1, len(counters)):
        counters[deeper] = 0
    return f"{g.cn_number(counters[0])}、" if k == 0 else f"（{g.cn_number(counters[1])}）"


def documents() -> list[tuple[g.Doc, g.Doc]]:
    """(情况说明, 表) of the clean and the defects 决算."""
    clean = g.build_juesuan()
    defective = g.apply_edits(clean, g.defect_edits())
    out = []
    for doc, suffix in ((clean, ""), (defective, "-defects")):
        narrative = part(doc, "第一部分", "第四部分", f"juesuan-2024-shuoming{suffix}")
        narrative.blocks.insert(0, g.Para(doc.title, align="center", indent=False))  # the draft's title line
        out.append((narrative,
                    part(doc, "第四部分", None, f"juesuan-2024-biao{suffix}")))
    return out


def write(outdir: Path) -> list[Path]:
    written = []
    for shuoming, biao in documents():
        for doc in (shuoming, biao):
            path = outdir / f"{doc.name}.txt"
            path.write_text(g.render_text(doc), encoding="utf-8")
            written.append(path)
        path = outdir / f"{shuoming.name}.docx"
        render_draft(shuoming, path)
        written.append(path)
    return written


def render_pdfs(sources: list[Path], outdir: Path) -> list[Path]:
    """The .docx files as PDF, exported by LibreOffice headless as a publisher would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found: apt-get install libreoffice-writer fonts-noto-cjk")
    outdir = outdir.resolve()
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, sources)], check=True, capture_output=True, timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    pdfs = [outdir / f"{s.stem}.pdf" for s in sources]
    if missing := [p.name for p in pdfs if not p.exists()]:
        raise SystemExit(f"LibreOffice did not write {', '.join(missing)}")
    return pdfs


def script(description: str, write_all, suffix: str) -> int:
    """A corpus script's command line: write its files into --out (corpus/), and with --pdf DIR render those
    with ``suffix`` to PDF there (workbooks.py runs through this too)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE, help="output directory (default: corpus/)")
    parser.add_argument("--pdf", type=Path, metavar="DIR", help=f"also render the {suffix} files to PDF in DIR")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written = write_all(args.out)
    if args.pdf:
        args.pdf.mkdir(parents=True, exist_ok=True)
        written += render_pdfs([p for p in written if p.suffix == suffix], args.pdf)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def main() -> int:
    return script(__doc__, write, ".docx")


if __name__ == "__main__":
    sys.exit(main())
