"""quick_init: the model's frozen classes keep what dataclasses gives them (defaults, equality, hash, pickling)."""

import dataclasses
import pickle
from decimal import Decimal

import pytest

from budgetlint.amounts import Number
from budgetlint.frozen import quick_init
from budgetlint.model import Cell, Location, SpannedCell


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class One:
    x: int


def test_fields_defaults_and_equality_as_dataclasses_makes_them():
    loc = Location("a.pdf", page=3, bbox=(1.0, 2.0, 3.0, 4.0))
    assert (loc.path, loc.line, loc.page, loc.bbox, loc.quote) == ("a.pdf", None, 3, (1.0, 2.0, 3.0, 4.0), None)
    same = Location("a.pdf", None, None, 3, (1.0, 2.0, 3.0, 4.0))
    assert loc == same and hash(loc) == hash(same)
    cell = Cell("12.5", 1, 2, loc)
    assert (cell.number, cell.rowspan, cell.colspan) == (None, 1, 1)
    assert dataclasses.replace(cell, rowspan=2) == Cell("12.5", 1, 2, loc, None, 2)
    with pytest.raises(TypeError):
        Location()  # path is required


def test_a_cell_stores_a_span_only_when_it_spans():
    loc = Location("a.pdf", page=1)
    plain, merged = Cell("合计", 0, 0, loc), Cell("收入", 0, 1, loc, None, 1, 3)
    assert type(plain) is Cell and type(merged) is SpannedCell and isinstance(merged, Cell)
    assert (plain.rowspan, plain.colspan, merged.rowspan, merged.colspan) == (1, 1, 1, 3)
    assert plain.__sizeof__() < merged.__sizeof__()
    assert dataclasses.replace(merged, colspan=2) == Cell("收入", 0, 1, loc, None, 1, 2)
    assert pickle.loads(pickle.dumps(merged)) == merged and pickle.loads(pickle.dumps(plain)) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        merged.colspan = 1  # type: ignore[misc]


def test_still_frozen_and_picklable():
    number = Number(value=Decimal("1.50"), decimals=2, text="1.50")
    with pytest.raises(dataclasses.FrozenInstanceError):
        number.text = "2"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(number)) == number
    # pickled as the class and its field values, restored through the quick __init__ (no per-field setattr)
    assert number.__reduce__() == (Number, (Decimal("1.50"), 2, "1.50", False, None, False))
    loc = Location("a.pdf", page=3, bbox=(1.0, 2.0, 3.0, 4.0))
    again = pickle.loads(pickle.dumps(loc, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == loc and again.bbox == (1.0, 2.0, 3.0, 4.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.page = 4  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(One(5))) == One(5)


def test_refuses_classes_it_cannot_speed_up():
    @dataclasses.dataclass
    class Plain:
        x: int

    with pytest.raises(TypeError):
        quick_init(Plain)

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        xs: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        quick_init(WithFactory)
