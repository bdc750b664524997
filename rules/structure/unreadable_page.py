"""BL901: a page without a text layer (a scanned image), on which nothing could be checked."""

from __future__ import annotations

import re
from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.rule import Context, Rule


_NOT_TEXT = re.compile(r"text layer is not readable text \((\d+%)")
_BY_OCR = "read by OCR"


class PageWithoutText(Rule):
    """A page that is only an image, so nothing printed on it was checked.

    ## What it does
    Reports each page the PDF reader found without a text layer: a scanned or photographed
    page, or one whose text was turned into outlines; and each page whose text layer is not
    text (more than a fifth of its characters are replacement, private-use or unassigned
    ones: a font embedded without its encoding), which is not linted either, so garbled
    figures make no findings. The reader records such pages as notices; this rule makes
    them visible in the report as warnings: the document is not checked there. A PDF none of
    whose pages has a text layer is not reported page by page: nothing of it can be checked, and
    the run says so in one line (exit 2), unless the ``ocr`` extra is installed to read it.

    With the ``ocr`` extra installed (and ``BUDGETLINT_OCR`` not ``0``) such a page is read by
    OCR and checked like the others; this rule then notes it at ``info`` ("page N was read by
    OCR"), and every finding located on that page says so too (``ocr: true`` in its evidence).

    ## Why is this bad?
    Figures on an image take part in no check: a table scanned from a signed paper copy can
    contradict every other table and the linter stays silent. A clean report on a document
    with such pages says less than it seems to.

    ## Example
    A 30-page 部门决算 whose pages 12–14 (公开03–05表) were scanned from the stamped copy:
    three findings, one per page, and no table checks for those tables.

    ## Use instead
    Publish the tables as text (export the spreadsheet to PDF), or add an OCR text layer
    and check that its figures match the image.
    """

    code = "BL901"
    name = "page-without-text"
    severity = Severity.WARNING
    uses = ()
    lowered = {"ocr": {"zh": "该页已经 OCR 识读并检查，仅作提示", "en": "the page was read by OCR and checked; a note only"}}
    messages = {
        "ocr": {
            "zh": "第 {page} 页没有可用的文字层（扫描图像），已经 OCR 识读并检查；该页的数字请对照原图核对",
            "en": "page {page} has no usable text layer (a scanned image); it was read by OCR and checked: "
                  "check its figures against the image",
        },
        "no-text": {
            "zh": "第 {page} 页没有文字层（可能是扫描图像），该页内容未检查",
            "en": "page {page} has no text layer (a scanned image?); nothing on it was checked",
        },
        "not-text": {
            "zh": "第 {page} 页的文字层无法识读（{share} 的字符为替换、私用区或未分配字符，可能缺少字体编码），该页内容未检查",
            "en": "page {page}'s text layer is not readable text ({share} of its characters are replacement, private-use "
                  "or unassigned ones; a font without its encoding?); nothing on it was checked",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for text, location in doc.notices:
            if location.page is None:
                continue
            if _BY_OCR in text:
                yield self.finding("ocr", location, anchor=f"page|{location.page}", severity=Severity.INFO,
                                   evidence={"ocr": True}, page=location.page)
            elif "no text layer" in text:
                yield self.finding("no-text", location, anchor=f"page|{location.page}", page=location.page)
            elif m := _NOT_TEXT.search(text):
                yield self.finding("not-text", location, anchor=f"page|{location.page}", page=location.page, share=m.group(1))
