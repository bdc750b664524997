"""The table schemas: checked once, and the lookups rules make by key (rows, columns, either orientation)."""

from __future__ import annotations

import pytest

from budgetlint.readers.text import read_text
from budgetlint.recognise import recognise
from budgetlint.recognise.schema import SCHEMAS, Column, Identity, SchemaError, TableSchema, schema_of, validate
from budgetlint.recognise.standard_tables import KINDS

VERTICAL = """财政拨款“三公”经费支出决算表
公开09表
金额单位：万元
项 目\t预算数\t决算数
合 计\t302.38\t311.40
1、因公出国(境)费\t270.00\t297.31
2、公务接待费\t4.40\t4.32
3、公务用车购置及运行费\t27.98\t9.77
其中：（1）公务用车运行维护费\t10.00\t9.77
（2）公务用车购置费\t17.98\t
"""
HORIZONTAL = """财政拨款“三公”经费支出决算表
公开09表
金额单位：万元
预算数\t\t\t\t\t\t决算数\t\t\t\t\t
合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
12.00\t5.00\t6.00\t\t6.00\t1.00\t11.50\t5.00\t6.50\t\t6.00\t0.50
"""
SPENDING = """支出预算总表
金额单位：元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t3000.00\t2000.00\t1000.00
201\t一般公共服务支出\t3000.00\t2000.00\t1000.00
"""


def _rec(text: str):
    return read_text(text.encode("utf-8"), "t.txt").derive(recognise)


def test_every_kind_has_a_schema_and_the_schemas_are_valid():
    assert {k.id for k in KINDS} == set(SCHEMAS)
    validate(SCHEMAS)


@pytest.mark.parametrize(
    "schema, message",
    [
        (TableSchema("X1", "x", rows={"合计": "合计"}, identities=(Identity("i", "合计", ("出国",)),)), "names '出国'"),
        (TableSchema("X1", "x", rows={"合计": "合计("}), "does not compile"),
        (TableSchema("X1", "x", columns={"合计": Column("^合计$")}, identities=(Identity("i", "合计", ("合计",), over="diagonal"),)), "over 'diagonal'"),
    ],
)
def test_a_bad_schema_is_one_clear_error(schema, message):
    with pytest.raises(SchemaError, match=message):
        validate({"X1": schema})


def test_unknown_keys_are_errors_not_silent_misses():
    with pytest.raises(SchemaError, match="JS09 has no row '公务招待费'"):
        schema_of("JS09").row("公务招待费")
    with pytest.raises(SchemaError, match="no schema for table kind"):
        schema_of("JS99")


def test_the_same_question_in_both_layouts():
    rec_v, rec_h = _rec(VERTICAL), _rec(HORIZONTAL)
    (_, cell) = rec_v.cell("JS09", "公务接待费", "决算数")
    assert cell.text == "4.32"
    assert rec_v.cell("JS09", "因公出国（境）费", "预算数")[1].text == "270.00"  # half-width brackets printed
    assert rec_v.cell("JS09", "公务用车购置费", "决算数")[1].text == ""
    assert rec_h.cell("JS09", "公务接待费", "决算数")[1].text == "0.50"
    assert rec_h.cell("JS09", "公务用车购置及运行费", "预算数")[1].text == "6.00"
    assert rec_h.cell("JS09", "合计", "决算数")[1].text == "11.50"


def test_rows_columns_and_sub_rows_by_key():
    st = _rec(VERTICAL).first("JS09")
    assert st.row_label(st.row_of("公务用车运行维护费")) == "公务用车运行维护费"
    assert st.row_of("公务用车购置及运行费›公务用车购置费") == st.row_of("公务用车购置费")
    assert st.is_row("合计", "合计") and not st.is_row("合计", "公务接待费")
    ys3 = _rec(SPENDING).first("YS3")
    assert ys3.cell(ys3.total_row(), ys3.col_of("项目支出")).text == "1000.00"
    assert _rec(SPENDING).cell("YS3", "合计", "项目支出")[1].text == "1000.00"
