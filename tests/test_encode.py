"""Indented JSON written by orjson is the text the standard library writes, or the standard library writes it."""

import dataclasses
import json
from decimal import Decimal

import pytest

from budgetlint.reporters.encode import indented


@dataclasses.dataclass
class Point:
    x: int


class Name(str):
    pass


CASES = [
    {"a": [], "b": {}, "c": [1, {"d": ()}], "e": None, "f": True, "g": "上海市普陀区 “引号” \\ \" \t\n\x1f\u2028"},
    [0.0, -0.0, 1.5, 123.45, 1e15, 1e16, 1.234e17, 0.0001, 0.1 + 0.2, 5e-324, 1.7976931348623157e308],
    [1e-05, 2.5e-07],  # orjson would print 0.00001; Python prints 1e-05
    [2**63, 2**64, -(2**70)],  # beyond 64 bits: orjson refuses
    ["\ud800"],  # a lone surrogate: orjson refuses
    {1: "a", 2: "b"},  # keys that are not strings
    {"value": Decimal("12.50"), "when": {1, 2} and "set"},  # through default=str
    [Point(3)],  # a dataclass goes to default, as the standard library sends it
    [Name("部门"), "0.00001 in a string"],
]


@pytest.mark.parametrize("value", CASES)
def test_same_text_as_the_standard_library(value):
    assert indented(value, default=str) == json.dumps(value, ensure_ascii=False, indent=2, default=str)


def test_without_default_an_unknown_type_is_an_error_as_in_the_standard_library():
    with pytest.raises(TypeError):
        indented({"x": Decimal("1")})


def test_not_a_number_is_written_as_json_null():
    assert indented([float("nan"), float("inf")]) == "[\n  null,\n  null\n]"
