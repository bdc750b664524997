"""The Word reader: headings from styles and numbering, tables with merged cells, document order, draft locations,
and bad input (a damaged ZIP, a password, an old .doc, an empty or huge document) as one line in a batch."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from budgetlint.model import Heading, Paragraph, Table  # noqa: E402
from budgetlint.readers import ReadError, read_path  # noqa: E402
from budgetlint.readers.docx import read_docx  # noqa: E402

from sarif_validation import validate  # noqa: E402

NUMBERING = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    "</w:abstractNum>"
)


def _numbered(paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _merge_header(table) -> None:
    table.cell(0, 0).merge(table.cell(1, 1))  # 项目 over two rows and two columns
    table.cell(0, 2).merge(table.cell(0, 3))  # 本年收入 over two columns


def draft(wrong_total: bool = True) -> bytes:
    """A small 决算 draft: a styled heading, list-numbered headings, prose, a merged-header table with captions and a note."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    d.add_heading("第一部分 2024年度部门决算情况说明", level=1)
    first = d.add_paragraph("收入支出决算总体情况", style="Heading 2")
    _numbered(first, "90", 0)
    d.add_paragraph("2024年度收入总计100.00万元，支出总计100.00万元。")
    sub = d.add_paragraph("收入决算情况")
    _numbered(sub, "90", 1)
    d.add_paragraph("")  # an empty paragraph: counted in ¶ numbers, no block
    d.add_paragraph("本年收入合计100.00万元。")
    d.add_paragraph("收入决算表")
    d.add_paragraph("公开02表")
    d.add_paragraph("部门：岚江市测试局\t2024年度\t金额单位：万元")
    rows = [
        ["项目", "", "本年收入", ""],
        ["", "", "合计", "财政拨款收入"],
        ["合计", "", *(["100.00", "100.00"] if wrong_total else ["90.00", "90.00"])],
        ["201", "一般公共服务支出", "60.00", "60.00"],
        ["20101", "人大事务", "60.00", "60.00"],
        ["", "", "", ""],  # a blank row: no row at all
        ["202", "外交支出", "30.00", "30.00"],
        ["20201", "外交管理事务", "30.00", "30.00"],
    ]
    table = d.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    _merge_header(table)
    d.add_paragraph("注：本表反映部门本年度取得的各项收入情况。")
    second = d.add_paragraph("支出决算情况", style="Heading 2")
    _numbered(second, "90", 0)
    p = d.add_paragraph("本年支出合计")
    ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="x"><w:r><w:t>90.00万元。</w:t></w:r></w:ins>')
    dele = parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="x"><w:r><w:delText>80.00万元。</w:delText></w:r></w:del>')
    p._p.append(dele)
    p._p.append(ins)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_blocks_in_document_order_with_headings_from_styles_and_numbering():
    doc = read_docx(draft(), "draft.docx")
    kinds = [(type(b).__name__, b.text if not isinstance(b, Table) else b.display_name()) for b in doc.blocks]
    assert kinds == [
        ("Heading", "第一部分 2024年度部门决算情况说明"),
        ("Heading", "一、收入支出决算总体情况"),
        ("Paragraph", "2024年度收入总计100.00万元，支出总计100.00万元。"),
        ("Heading", "（一）收入决算情况"),
        ("Paragraph", "本年收入合计100.00万元。"),
        ("Table", "公开02表（收入决算表）"),
        ("Heading", "二、支出决算情况"),
        ("Paragraph", "本年支出合计90.00万元。"),  # the tracked insertion read, the deletion not
    ]
    h1, h2 = doc.blocks[0], doc.blocks[1]
    assert isinstance(h1, Heading) and h1.level == 1 and isinstance(h2, Heading) and h2.level == 2 and h2.numbering == "一、"
    assert doc.blocks[4].location.describe() == "draft.docx:¶6"  # the empty fifth paragraph counted
    assert doc.source == "docx"


def test_table_merged_cells_captions_and_note():
    doc = read_docx(draft(), "draft.docx")
    (table,) = doc.tables
    assert (table.marker, table.title, table.unit_name, table.year, table.amount_unit) == ("02", "收入决算表", "岚江市测试局", 2024, "万元")
    assert [c.text for c in table.notes] == ["注：本表反映部门本年度取得的各项收入情况。"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "", "本年收入", ""],
        ["", "", "合计", "财政拨款收入"],
        ["合计", "", "100.00", "100.00"],
        ["201", "一般公共服务支出", "60.00", "60.00"],
        ["20101", "人大事务", "60.00", "60.00"],
        ["202", "外交支出", "30.00", "30.00"],
        ["20201", "外交管理事务", "30.00", "30.00"],
    ]
    assert (table.rows[0][0].rowspan, table.rows[0][0].colspan) == (2, 2)
    assert (table.rows[0][2].rowspan, table.rows[0][2].colspan) == (1, 2)
    assert table.header_rows == 2
    assert table.column_headers[3] == ("本年收入", "财政拨款收入")
    cell = table.rows[5][2]
    assert cell.location.describe() == "draft.docx!表1!R7"  # Word's row 7: the blank row 6 is still counted
    assert cell.location.quote == "202 | 外交支出 | 30.00 | 30.00"


def test_findings_name_the_row_in_every_format(tmp_path, check):
    (tmp_path / "draft.docx").write_bytes(draft())
    text = check("draft.docx")
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert "draft.docx!表1!R3 「合计 | 100.00 | 100.00」: BL101 [error]" in text.stdout
    assert "    draft.docx!表1!R4 「201 | 一般公共服务支出 | 60.00 | 60.00」" in text.stdout
    data = json.loads(check("draft.docx", "--format", "json").stdout)
    finding, _ = [f for f in data["files"][0]["findings"] if f["code"] == "BL101"]
    assert finding["location"].items() >= {"path": "draft.docx", "table": 1, "row": 3, "quote": "合计 | 100.00 | 100.00"}.items()
    sarif = json.loads(check("draft.docx", "--format", "sarif").stdout)
    validate(sarif)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "BL101")
    location = result["locations"][0]
    assert location["physicalLocation"]["region"]["properties"] == {"table": 1, "row": 3}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "表1!R3"
    assert {r["physicalLocation"]["region"]["properties"]["row"] for r in result["relatedLocations"]} == {4, 7}
    html = check("draft.docx", "--format", "html").stdout
    assert "表1!R3</div>" in html and "<blockquote>合计 | " in html
    github = check("draft.docx", "--format", "github").stdout
    assert "(表1!R3)" in github and "line=" not in github
    csv = check("draft.docx", "--format", "csv").stdout
    assert csv.splitlines()[1].startswith("draft.docx,")


def test_a_clean_draft_has_no_finding(tmp_path, check):
    (tmp_path / "draft.docx").write_bytes(draft(wrong_total=False))
    done = check("draft.docx")
    assert done.returncode == 0, done.stdout


def test_a_word_document_under_another_name_is_read_by_its_content(tmp_path, check):
    (tmp_path / "draft.bin").write_bytes(draft())
    assert "BL101" in check("draft.bin").stdout
    assert isinstance(read_path("x.zip", draft()).blocks[0], Heading)


def _encrypted() -> bytes:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(draft())).encrypt("secret", out)
    return out.getvalue()


def _zip(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name.replace("__", "/").replace("_xml", ".xml"), data)
    return out.getvalue()


BAD = {
    "cut.docx": (lambda: draft()[:3000], "damaged Word document: the ZIP container cannot be read"),
    "garbled.docx": (lambda: _zip(**{"word__document_xml": b"<w:document><w:body>", "_Content_Types_xml": b"<Types/>"}),
                     "damaged Word document: its parts cannot be read"),
    "parts.docx": (lambda: _zip(**{"_Content_Types_xml": b"<Types/>"}), "not a Word document: the ZIP container has no word/document.xml"),
    "text.docx": (lambda: "收入决算表".encode(), "not a Word document (.docx is a ZIP container; this file is not one)"),
    "locked.docx": (_encrypted, "password-protected Word document: save a copy without the password and check that"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1536),
                "an old Word document (.doc): save it as .docx (or export it to PDF) and check that"),
    "zero.docx": (lambda: b"", "empty file"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_and_the_batch_goes_on(tmp_path, check, name):
    make, message = BAD[name]
    (tmp_path / name).write_bytes(make())
    (tmp_path / "good.docx").write_bytes(draft())
    done = check(name, "good.docx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [f"budgetlint: error: {name}: {message}"]
    assert "good.docx!表1!R3" in done.stdout


def test_an_empty_document_is_no_budget_document(tmp_path, check):
    out = io.BytesIO()
    docx.Document().save(out)
    doc = read_docx(out.getvalue(), "empty.docx")
    assert doc.blocks == ()
    (tmp_path / "empty.docx").write_bytes(out.getvalue())
    done = check("empty.docx")
    assert done.returncode == 2 and "no budget document recognised" in done.stderr and "Traceback" not in done.stderr


def test_a_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr("budgetlint.readers.docx.MAX_BYTES", 1000)
    with pytest.raises(ReadError, match=r"Word document too large: its text part unpacks to 0 MB"):
        read_docx(draft(), "big.docx")


def test_a_huge_document_is_read_in_bounded_time():
    """20,000 paragraphs and a 5,000-row table: read in seconds, every row there."""
    out = io.BytesIO()
    docx.Document().save(out)
    paragraphs = "".join(f"<w:p><w:r><w:t>第{i}段，本年支出合计{i}.00万元。</w:t></w:r></w:p>" for i in range(20000))
    rows = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{r}{c}.00</w:t></w:r></w:p></w:tc>" for c in range(3)) + "</w:tr>" for r in range(5000)
    )
    body = f'<w:document {nsdecls("w")}><w:body>{paragraphs}<w:p><w:r><w:t>支出决算表</w:t></w:r></w:p><w:tbl>{rows}</w:tbl></w:body></w:document>'
    huge = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, body.encode() if item.filename == "word/document.xml" else src.read(item))
    start = time.perf_counter()
    doc = read_docx(huge.getvalue(), "huge.docx")
    assert time.perf_counter() - start < 60
    assert len(doc.paragraphs) >= 20000 and doc.tables[0].n_rows == 5000
    assert doc.tables[0].rows[-1][0].location.describe() == "huge.docx!表1!R5000"


def test_a_restarted_list_counts_from_its_start_again():
    """A second list on the same definition continues (二、); one with a start override restarts (一、)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    ))
    for text, num in (("收入情况", "90"), ("支出情况", "91"), ("绩效情况", "92"), ("其他情况", "92")):
        _numbered(d.add_paragraph(text, style="Heading 2"), num, 0)
    out = io.BytesIO()
    d.save(out)
    assert [b.text for b in read_docx(out.getvalue(), "x.docx").blocks] == ["一、收入情况", "二、支出情况", "一、绩效情况", "二、其他情况"]


def test_damaged_parts_are_one_line_never_an_exception():
    """Attribute values garbled (spans, levels, sizes), cells dropped, text cut out of document, styles and numbering."""
    import random
    import re

    source = (Path(__file__).resolve().parents[1] / "corpus" / "juesuan-2024-shuoming-defects.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = zipfile.ZipFile(io.BytesIO(draft())).read("word/document.xml")  # merged cells, numbering
    rng = random.Random(7)
    for i in range(90):
        target = ("word/document.xml", "word/styles.xml", "word/numbering.xml")[i % 3]
        xml = parts[target].decode()
        if i % 2:
            xml = re.sub(r'w:val="(\d+)"', lambda m: f'w:val="{rng.choice([m.group(1), "x", "-1", "", "99999"])}"', xml)
        else:
            at = rng.randrange(len(xml))
            xml = xml[:at] + xml[at + rng.randrange(1, 60):]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name, data in parts.items():
                z.writestr(name, xml.encode() if name == target else data)
        try:
            read_docx(out.getvalue(), "fuzzed.docx")
        except ReadError as exc:
            assert str(exc) == "damaged Word document: its parts cannot be read"
