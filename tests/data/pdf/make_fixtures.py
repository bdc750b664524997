"""Writes the PDF fixtures of tests/test_pdf_reader.py; run it after changing them and commit its outputs.

    .venv/bin/python tests/data/pdf/make_fixtures.py

Figures and wording are made up. ``stitched.pdf`` is a four-page 部门预算 excerpt whose 收入预算总表
runs over three pages (its heading repeated on page 2, the 合计 row alone on page 3), drawn the way
WPS draws spreadsheets (rulings as thin filled rectangles, numbers right-aligned, merged heading
cells), with the producer quirks the reader must undo: a number drawn in two pieces, another with its
decimal point drawn last, a title drawn twice for a bold look, running headers and page numbers, and a
paragraph broken across a page. ``stitched.txt`` is the same document as a PDF-to-text tool prints it.

``two_sided.pdf`` is a portrait 部门决算 page the way Word exports it: the 基本支出决算表 printed
two-sided, each side's 经济分类 code split over 类 and 款 cells (款 numbers partly without their
leading zero), rulings stroked as lines; on page 2 a heading and a paragraph that were edited after
export, so the text layer holds them after the text printed below them.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 842, 595  # A4 landscape, as the Shanghai tables are printed
LEFT, RIGHT = 60, 780
CJK, LATIN = "china-s", "helv"
BODY = 10.5
ROW = 22
XS = [LEFT, 100, 140, 180, 400, 530, 660, RIGHT]  # 类 款 项 名称 合计 财政拨款收入 其他收入
FIXED_DATE = "D:20250101000000+08'00'"

HEADER = [  # (row, rowspan, first column, last column + 1, text)
    (0, 1, 0, 4, "项目"),
    (0, 1, 4, 7, "收入预算"),
    (1, 1, 0, 3, "功能分类科目编码"),
    (1, 2, 3, 4, "功能分类科目名称"),
    (1, 2, 4, 5, "合计"),
    (1, 2, 5, 6, "财政拨款收入"),
    (1, 2, 6, 7, "其他收入"),
    (2, 1, 0, 1, "类"),
    (2, 1, 1, 2, "款"),
    (2, 1, 2, 3, "项"),
]
PAGE1_ROWS = [
    ["201", "", "", "一般公共服务支出", "1,234,567.89", "1,234,481.54", "86.35"],
    ["201", "03", "", "政府办公厅（室）及相关机构事务", "1,234,567.89", "1,234,481.54", "86.35"],
    ["201", "03", "01", "行政运行", "1,000,000.00", "1,000,000.00", ""],
    ["201", "03", "02", "一般行政管理事务", "234,567.89", "234,481.54", "86.35"],
]
PAGE2_ROWS = [
    ["208", "", "", "社会保障和就业支出", "96,282,213.44", "96,282,213.44", "0.00"],
    ["208", "05", "", "行政事业单位养老支出", "96,282,213.44", "96,282,213.44", "0.00"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "96,282,213.44", "96,282,213.44", "0.00"],
]
TOTAL = ["合计", "97,516,781.33", "97,516,694.98", "86.35"]

RUNNING_HEADER = "示例区某某局2025年部门预算"
INTRO = (
    "2025年，示例区某某局收入预算9751.68万元，其中：财政拨款收入9751.67万元，比2024年预算增加120.50万元；"
    "其他收入0.01万元。支出预算9751.68万元，主要用于保障机构正常运转和完成各项业务工作，"
    "其中基本支出和项目支出均按照预算编制要求据实安排。"
)
NOTE = "注：本表金额单位为元，合计含其他收入。"
CLOSING_HEADING = "二、其他相关情况说明"
CLOSING = (
    "本部门2025年政府采购预算120.00万元，其中：政府采购货物预算20.00万元、政府采购工程预算0.00万元、"
    "政府采购服务预算100.00万元。本部门面向中小企业预留政府采购项目预算金额100.00万元，"
    "其中预留给小型和微型企业的政府采购项目预算为60.00万元，以上资金均按照规定程序执行并接受监督，"
    "执行中如有调整将按程序报批后公开说明。"
)


class Writer:
    """A few drawing helpers on one document; rulings drawn as thin filled rectangles (WPS style)."""

    def __init__(self) -> None:
        self.doc = pymupdf.open()
        self.latin = pymupdf.Font(LATIN)

    def page(self, number: int) -> pymupdf.Page:
        page = self.doc.new_page(width=WIDTH, height=HEIGHT)
        self.text(page, LEFT, 30, RUNNING_HEADER, 9)
        self.centred(page, WIDTH / 2, HEIGHT - 18, f"- {number} -", 9, LATIN)
        return page

    def text(self, page, x, baseline, s, size=BODY, font=CJK) -> None:
        page.insert_text((x, baseline), s, fontname=font, fontsize=size)

    def width(self, s: str, size: float, font: str) -> float:
        if font == CJK:  # the built-in CJK font is not embedded: every glyph advances one em
            return len(s) * size
        return self.latin.text_length(s, size)

    def centred(self, page, x, baseline, s, size=BODY, font=CJK) -> None:
        self.text(page, x - self.width(s, size, font) / 2, baseline, s, size, font)

    def rule(self, page, x0, y0, x1, y1) -> None:
        """A ruling as WPS draws it: a black rectangle 0.6 pt thick."""
        if y0 == y1:
            rect = pymupdf.Rect(x0 - 0.3, y0 - 0.3, x1 + 0.3, y0 + 0.3)
        else:
            rect = pymupdf.Rect(x0 - 0.3, y0 - 0.3, x0 + 0.3, y1 + 0.3)
        page.draw_rect(rect, color=None, fill=(0, 0, 0), width=0)

    def cell(self, page, top, row, rowspan, c0, c1, text, *, number=False) -> None:
        x0, x1 = XS[c0], XS[c1]
        y0, y1 = top + row * ROW, top + (row + rowspan) * ROW
        for a, b in (((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))):
            self.rule(page, *a, *b)
        baseline = (y0 + y1) / 2 + BODY * 0.35
        if not text:
            return
        if number:
            self.number(page, x1 - 4, baseline, text)
        elif c1 - c0 > 1 or row < 3:
            self.centred(page, (x0 + x1) / 2, baseline, text)
        else:
            self.text(page, x0 + 4, baseline, text)

    def number(self, page, right, baseline, text) -> None:
        """Right-aligned figures, drawn in the pieces some producers emit."""
        start = right - self.width(text, BODY, LATIN)
        if text == "86.35":  # the decimal point drawn after the digits around it
            self.text(page, start, baseline, "86", BODY, LATIN)
            self.text(page, start + self.width("86.", BODY, LATIN), baseline, "35", BODY, LATIN)
            self.text(page, start + self.width("86", BODY, LATIN), baseline, ".", BODY, LATIN)
        elif "." in text and len(text) > 10:  # integer part and decimals in two text objects
            whole, frac = text.split(".")
            self.text(page, start, baseline, whole, BODY, LATIN)
            self.text(page, start + self.width(whole, BODY, LATIN), baseline, "." + frac, BODY, LATIN)
        else:
            self.text(page, start, baseline, text, BODY, LATIN)

    def header(self, page, top) -> float:
        for row, rowspan, c0, c1, text in HEADER:
            self.cell(page, top, row, rowspan, c0, c1, text)
        return top + 3 * ROW

    def body_rows(self, page, top, rows) -> float:
        for i, values in enumerate(rows):
            for c, text in enumerate(values):
                self.cell(page, top, i, 1, c, c + 1, text, number=c >= 4)
        return top + len(rows) * ROW

    def total_row(self, page, top) -> float:
        self.cell(page, top, 0, 1, 0, 4, TOTAL[0])
        for c, text in enumerate(TOTAL[1:], start=4):
            self.cell(page, top, 0, 1, c, c + 1, text, number=True)
        return top + ROW

    def paragraph(self, page, top, text, *, indent=True, until=None) -> tuple[float, str]:
        """Lay out text in lines over the text width; return the next top and what did not fit."""
        y, x = top, LEFT + (2 * BODY if indent else 0)
        line = ""
        pitch = BODY * 1.6
        while text:
            ch = text[0]
            if x + self.width(line + ch, BODY, CJK) > RIGHT:
                self.text(page, x, y + BODY, line)
                y, x, line = y + pitch, LEFT, ""
                if until is not None and y + BODY > until:
                    return y, text
                continue
            line += ch
            text = text[1:]
        if line:
            self.text(page, x, y + BODY, line)
            y += pitch
        return y, ""

    def save(self, name: str, **options) -> bytes:
        self.doc.set_metadata({"creator": "budgetlint fixtures", "creationDate": FIXED_DATE, "modDate": FIXED_DATE})
        for page in self.doc:
            page.clean_contents()  # one content stream per page, not one per drawing call
        data = self.doc.tobytes(garbage=3, deflate=True, no_new_id=True, **options)
        (HERE / name).write_bytes(data)
        return data


def stitched() -> bytes:
    w = Writer()
    page = w.page(1)
    w.text(page, LEFT, 70, "一、部门预算编制说明", 12)
    y, _ = w.paragraph(page, 82, INTRO)
    title = "2025年部门收入预算总表"
    for dx in (0, 0.25):  # a bold look by printing the title twice, slightly offset
        w.centred(page, WIDTH / 2 + dx, y + 30, title, 16)
    w.text(page, LEFT, y + 50, "编制部门：示例区某某局")
    w.text(page, RIGHT - w.width("单位：元", BODY, CJK), y + 50, "单位：元")
    w.body_rows(page, w.header(page, y + 58), PAGE1_ROWS)

    page = w.page(2)
    w.body_rows(page, w.header(page, 60), PAGE2_ROWS)

    page = w.page(3)
    y = w.total_row(page, 60)
    w.text(page, LEFT, y + 16, NOTE)
    w.text(page, LEFT, HEIGHT - 110, CLOSING_HEADING, 12)
    _, rest = w.paragraph(page, HEIGHT - 100, CLOSING, until=HEIGHT - 60)

    page = w.page(4)
    w.paragraph(page, 60, rest, indent=False)
    return w.save("stitched.pdf")


def stitched_text() -> None:
    """The same document as extracted text: one line per paragraph, table rows tab-separated."""
    grid = [["项目", "", "", "", "收入预算", "", ""], ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "其他收入"], ["类", "款", "项", "", "", "", ""]]
    lines = ["一、部门预算编制说明", INTRO, "2025年部门收入预算总表", "编制部门：示例区某某局", "单位：元"]
    lines += ["\t".join(r) for r in grid + PAGE1_ROWS]
    lines += [""] + ["\t".join(r) for r in grid + PAGE2_ROWS]
    lines += ["", "\t".join([TOTAL[0], "", "", "", *TOTAL[1:]]), NOTE, CLOSING_HEADING, CLOSING]
    (HERE / "stitched.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


OPEN_TITLE = "2025年部门支出预算总表"
OPEN_HEADING = ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"]
OPEN_ROWS = [
    ["201", "一般公共服务支出", "1,300.50", "1,000.25", "300.25"],
    ["20103", "政府办公厅（室）及相关机构事务", "1,300.50", "1,000.25", "300.25"],
    ["2010301", "行政运行", "1,000.25", "1,000.25", "0.00"],
    ["2010302", "一般行政管理事务", "300.25", "", "300.25"],
    ["合计", "", "1,300.50", "1,000.25", "300.25"],
]
OPEN_XS = [LEFT, 170, 470, 580, 680]  # left edge of each column; figures end 8 pt before the next edge


def open_table() -> None:
    """A three-line table (rules above, under the heading and below; no vertical rulings), then
    a paragraph between two such rules that must stay text."""
    w = Writer()
    page = w.page(1)
    w.centred(page, WIDTH / 2, 70, OPEN_TITLE, 16)
    w.text(page, RIGHT - w.width("单位：元", BODY, CJK), 92, "单位：元")
    top = 100
    w.rule(page, LEFT, top, RIGHT, top)
    rights = [*OPEN_XS[1:], RIGHT]
    for c, text in enumerate(OPEN_HEADING):
        w.centred(page, (OPEN_XS[c] + rights[c]) / 2, top + ROW / 2 + BODY * 0.35, text)
    w.rule(page, LEFT, top + ROW, RIGHT, top + ROW)
    for r, values in enumerate(OPEN_ROWS, start=1):
        baseline = top + r * ROW + ROW / 2 + BODY * 0.35
        for c, text in enumerate(values):
            if c >= 2 and text:
                w.number(page, rights[c] - 8, baseline, text)
            elif text:
                w.text(page, OPEN_XS[c] + 4, baseline, text, BODY, LATIN if text.isdigit() else CJK)
    bottom = top + (len(OPEN_ROWS) + 1) * ROW
    w.rule(page, LEFT, bottom, RIGHT, bottom)
    w.text(page, LEFT, bottom + 16, "注：本表金额单位为元。")
    w.rule(page, LEFT, 400, RIGHT, 400)
    w.paragraph(page, 410, INTRO)
    w.rule(page, LEFT, 480, RIGHT, 480)
    w.save("open_table.pdf")


TS_WIDTH, TS_HEIGHT = 595, 842  # A4 portrait, as the 决算 are printed
TS_XS = [50, 80, 105, 215, 285, 315, 340, 470, 545]  # 类 款 科目名称 决算数 | 类 款 科目名称 决算数
TS_TITLE = "一般公共预算财政拨款基本支出决算表"
TS_ROWS = [
    ["301", "", "工资福利支出", "300.00", "302", "", "商品和服务支出", "50.00"],
    ["301", "01", "基本工资", "100.00", "302", "01", "办公费", "20.00"],
    ["301", "2", "津贴补贴", "150.00", "302", "11", "差旅费", "30.00"],
    ["301", "07", "绩效工资", "50.00", "310", "", "资本性支出", "8.00"],
    ["303", "", "对个人和家庭的补助", "12.00", "310", "2", "办公设备购置", "8.00"],
    ["303", "02", "退休费", "12.00", "", "", "", ""],
]
TS_TOTAL = ["人员经费合计", "312.00", "公用经费合计", "58.00"]
TS_HEADING = "六、一般公共预算财政拨款基本支出决算情况说明"
TS_PARAGRAPH = (
    "本部门本年度一般公共预算财政拨款基本支出370.00万元，其中：人员经费312.00万元，主要包括基本工资、津贴补贴、"
    "绩效工资和退休费；公用经费58.00万元，主要包括办公费、差旅费和办公设备购置。"
)
TS_CLOSING = "七、财政拨款“三公”经费支出决算情况说明"


def two_sided() -> None:
    w = Writer()
    page = w.doc.new_page(width=TS_WIDTH, height=TS_HEIGHT)
    xs, row, size = TS_XS, 20, 9

    def line(x0, y0, x1, y1):
        page.draw_line((x0, y0), (x1, y1), color=(0, 0, 0), width=0.5)

    def cell(top, r, rowspan, c0, c1, text, align="left"):
        x0, x1, y0, y1 = xs[c0], xs[c1], top + r * row, top + (r + rowspan) * row
        for a, b in (((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))):
            line(*a, *b)
        if not text:
            return
        font = LATIN if text.replace(",", "").replace(".", "").isdigit() else CJK
        baseline = (y0 + y1) / 2 + size * 0.35
        if align == "right":
            start = x1 - 3 - w.width(text, size, font)
        elif align == "centre":
            start = (x0 + x1 - w.width(text, size, font)) / 2
        else:
            start = x0 + 3
        w.text(page, start, baseline, text, size, font)

    w.centred(page, TS_WIDTH / 2, 70, TS_TITLE, 14)
    w.text(page, xs[-1] - w.width("公开06表", size, CJK), 90, "公开06表", size)
    w.text(page, xs[0], 104, "部门：示例区某某局", size)
    w.text(page, xs[-1] - w.width("金额单位：万元", size, CJK), 104, "金额单位：万元", size)
    top = 110
    for side in (0, 4):
        cell(top, 0, 1, side, side + 2, "科目编码", "centre")
        cell(top, 0, 2, side + 2, side + 3, "科目名称", "centre")
        cell(top, 0, 2, side + 3, side + 4, "决算数", "centre")
        cell(top, 1, 1, side, side + 1, "类", "centre")
        cell(top, 1, 1, side + 1, side + 2, "款", "centre")
    top += 2 * row
    for r, values in enumerate(TS_ROWS):
        for c, text in enumerate(values):
            cell(top, r, 1, c, c + 1, text, "right" if c in (3, 7) else "centre" if c in (0, 1, 4, 5) else "left")
    r = len(TS_ROWS)
    cell(top, r, 1, 0, 3, TS_TOTAL[0], "centre")
    cell(top, r, 1, 3, 4, TS_TOTAL[1], "right")
    cell(top, r, 1, 4, 7, TS_TOTAL[2], "centre")
    cell(top, r, 1, 7, 8, TS_TOTAL[3], "right")
    w.text(page, xs[0], top + (r + 1) * row + 16, "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", size)

    page = w.doc.new_page(width=TS_WIDTH, height=TS_HEIGHT)
    # The closing heading comes first in the text layer; the heading and paragraph above it were
    # edited after export and come last, as Word writes them.
    w.text(page, xs[0], 200, TS_CLOSING, 12)
    text, y, x = TS_PARAGRAPH, 130, xs[0] + 24
    while text:
        fits = max(k for k in range(1, len(text) + 1) if x + w.width(text[:k], 12, CJK) <= xs[-1])
        w.text(page, x, y, text[:fits], 12)
        text, y, x = text[fits:], y + 20, xs[0]
    w.text(page, xs[0], 100, TS_HEADING, 12)
    w.save("two_sided.pdf")


def scanned() -> None:
    """Page 1 has text; page 2 is only an image, as a scanner makes it."""
    w = Writer()
    page = w.page(1)
    w.paragraph(page, 60, INTRO)
    page = w.doc.new_page(width=WIDTH, height=HEIGHT)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 84, 60), False)
    pix.clear_with(230)
    page.insert_image(page.rect, pixmap=pix)
    w.save("scanned.pdf")


def encrypted() -> None:
    """Readable only with the user password; AES salts are random, so its bytes differ on every run."""
    w = Writer()
    w.paragraph(w.page(1), 60, INTRO)
    w.save("encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")


def truncated(whole: bytes) -> None:
    """The stitched document cut off after 60% of its bytes, as an interrupted download leaves it."""
    (HERE / "truncated.pdf").write_bytes(whole[: int(len(whole) * 0.6)])


if __name__ == "__main__":
    data = stitched()
    stitched_text()
    open_table()
    two_sided()
    scanned()
    encrypted()
    truncated(data)
    for path in sorted(HERE.glob("*.pdf")):
        print(f"{path.name}: {path.stat().st_size} bytes")
