"""Rules ask the table schema by key; none carries its own pattern for a standard table's rows or columns.

The labels are taken from the schemas themselves (every key and every literal alias of their patterns),
so a label added to a schema is guarded from then on. Prose patterns that merely mention such a word
are listed in ``PROSE`` with the reason they are not table lookups.
"""

from __future__ import annotations

import ast
import pathlib

import regex

from budgetlint.recognise.schema import SCHEMAS

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCANNED = [
    *sorted((ROOT / "rules").rglob("*.py")), ROOT / "lint" / "crosscheck.py", ROOT / "lint" / "identities.py",
    # the prose-to-cell pairing of 决算 and 部门预算 figures asks the tables by key too
    ROOT / "lint" / "recognise" / "restated.py", ROOT / "lint" / "recognise" / "restated_budget.py",
]

# (file, the pattern's first characters): patterns run on sentences, not on a table's labels.
PROSE = {
    ("rules/text/wrong_year_in_text.py", "本部门|本单位|(?:本部门|本单位|部门|单位)?(?:财政拨款"):
        "the subject words a year in a sentence may refer to (财政拨款, 三公经费 …), searched in prose",
    ("rules/structure/table_year_unit.py", "(?:评价|所属|预算|报告)年度"):
        "the period a form states in its head (评价年度：2024), read as a caption, not a row or column",
    ("rules/structure/table_year_unit.py", "^(?:评价|所属)年度"):
        "the label cell of that period, beside its year",
    ("rules/tables/generic_total_row.py", "分值|得分|权重"):
        "words that mark a scored indicator grid among tables no standard kind was recognised for",
    ("lint/recognise/restated.py", "全年预算|调整"):
        "words of the 09表 note and of the prose that say which budget (年初 or adjusted) is meant",
    ("lint/recognise/restated_budget.py", "(?:预算|预算数)$"):
        "the role suffix taken off a prose label before its concept is looked up",
    ("lint/recognise/restated_budget.py", "涉及项目(?:预算)?资金$"):
        "the 绩效目标 sentence's label (涉及项目预算资金), whose table side is asked by key",
    ("rules/text/document_kind_wording.py", "(?:完成(?:年初|全年|调整后?)?预算"):
        "the completion rate a 决算 sentence states (完成年初预算的85.00%), searched in prose",
    ("rules/text/document_kind_wording.py", "(?:年初|全年|调整后?|追加)"):
        "the qualifier of a prose figure's label (年初预算, 全年预算): the rate's basis",
    ("rules/text/document_kind_wording.py", "^(?:支出)?预算(?:数|金额)?"):
        "a prose figure's bare label (预算数为), the executed figure worded as the budget's",
    ("rules/text/problem_contradicts_execution.py", "(?:完成(?:年初|全年|调整后?)?预算"):
        "the execution rate a project summary states (完成预算的100%), searched in prose",
    ("rules/sangong/change_sum.py", "^(?:预算|决算|支出|经费|预算数|决算数"):
        "the subject a 三公 change sentence may give (比上年预算增加): the figure printed just before it",
    ("rules/text/sentence_cut_off.py", "(?:(?:合计|总计|共计|金额|支出|收入|预算数"):
        "a label stating a figure (合计为, 完成预算的) at a sentence's end: a sentence cut before its figure",
    ("lint/recognise/restated_budget.py", "^(?:20\\d{2}年度?)?一般公共预算"):
        "the 编制说明 sentence's label (2025年一般公共预算基本支出), whose T8 合计 row is asked by key",
}
# (file, module-level name): a table of (prose label pattern, table key …) entries; the first item of each
# entry is searched in a sentence's label, the table side is asked by key.
PROSE_TABLES = {("lint/recognise/restated_budget.py", "_SHEET_FIGURES")}

_SYNTAX = regex.compile(r"[\^$|()*+?\[\]\\]")
_BARE = regex.compile(r"\(\?:|[\^$()*+?\[\]\\.]|\{\d*,?\d*\}")
_LABEL = regex.compile(r"[\p{Han}（）“”、]{2,}")
_ESCAPES = regex.compile(r"\\(?:p\{\w+\}|[A-Za-z])|\(\?P?<\w+>")
_WORDS = regex.compile(r"[A-Za-z]{3,}")
# Lookups that take a label pattern (semantic.py's own, below the schema): not for rules.
_PATTERN_LOOKUPS = {"row", "column", "columns", "value"}
_HAN = regex.compile(r"\p{Han}")
# Lookups that take schema keys: the string arguments must be keys of some schema.
_KEY_LOOKUPS = {"row_of": "rows", "col_of": "columns", "cols_of": "columns", "is_row": "rows"}


def _is_schema(node: ast.expr) -> bool:
    """``schema_of(kind)`` or ``x.schema``: a schema, whose ``row(key)`` / ``column(key)`` take keys."""
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", "") == "schema_of"
    return isinstance(node, ast.Attribute) and node.attr == "schema" or getattr(node, "id", "") == "schema"


def _bare(alternative: str) -> str:
    return _BARE.sub("", alternative)


def schema_labels() -> set[str]:
    """Every row/column key and every literal alias (a pattern's alternatives, regex syntax removed)."""
    out: set[str] = set()
    for s in SCHEMAS.values():
        for key, pattern in [*s.rows.items(), *((k, c.pattern) for k, c in s.columns.items())]:
            out.add(key)
            out.update(_bare(a) for a in pattern.split("|"))
    return {x for x in out if _LABEL.fullmatch(x) and "表头" not in x and "或" not in x} - {"非金额"}


IDENTITY_NAMES = {i.name for s in SCHEMAS.values() for i in s.identities}


def label_patterns(source: str, labels: set[str], prose_tables: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, text) of every string in ``source`` that is a pattern for a schema label.

    A pattern is a string with regex syntax outside docstrings, ``messages``, f-strings and identity names
    (anchors, messages and names name labels, they do not look them up). It is a label pattern when one of its alternatives
    contains a label of four or more characters, or at least half of its alternatives are labels.
    Any Chinese string given to a lookup that takes a pattern (``side.row("货物")``) counts too.
    """
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("Link", "Identity") and node.args:
            skip.add(id(node.args[0]))  # the identity's name, as messages print it
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id == "messages" and node.value is not None:
                skip.update(id(sub) for sub in ast.walk(node.value))
            if isinstance(target, ast.Name) and target.id in prose_tables and isinstance(node.value, ast.Tuple):
                skip.update(id(entry.elts[0]) for entry in node.value.elts if isinstance(entry, ast.Tuple) and entry.elts)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _PATTERN_LOOKUPS
            and not _is_schema(node.func.value)
        ):
            for arg in node.args:  # a label given to a lookup that takes a pattern is a pattern, syntax or not
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _HAN.search(arg.value):
                    found.append((arg.lineno, arg.value))
                    skip.add(id(arg))
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        text = node.value
        if text in IDENTITY_NAMES or not _SYNTAX.search(text) or _WORDS.search(_ESCAPES.sub("", text)):
            continue  # a name, plain text, or English words (message parts): not a pattern
        alternatives = [_bare(a) for a in text.split("|")]
        named = [a for a in alternatives if a in labels]
        long = any(len(label) >= 4 and label in a for label in labels for a in alternatives)
        if long or (named and 2 * len(named) >= len(alternatives)):
            found.append((node.lineno, text))
    return found


def test_no_rule_carries_a_label_pattern_of_a_standard_table():
    labels = schema_labels()
    offences = []
    for path in SCANNED:
        rel = path.relative_to(ROOT).as_posix()
        tables = {name for f, name in PROSE_TABLES if f == rel}
        for line, text in label_patterns(path.read_text(encoding="utf-8"), labels, tables):
            if not any(rel == f and text.startswith(start) for f, start in PROSE):
                offences.append(f"{rel}:{line}: {text[:60]!r}")
    assert not offences, "ask the schema by key instead (st.row_of / col_of / At):\n" + "\n".join(offences)


def test_every_prose_exemption_is_still_needed():
    labels = schema_labels()
    for (rel, start), reason in PROSE.items():
        texts = [t for _, t in label_patterns((ROOT / rel).read_text(encoding="utf-8"), labels)]
        assert any(t.startswith(start) for t in texts), f"{rel}: exemption no longer needed ({reason})"


def test_the_scan_catches_the_patterns_rules_used_to_carry():
    labels = schema_labels()
    planted = '''
TOTAL = r"^本年收入合计$|^合计$"
CARS = r"公务用车购置及运行(?:维护)?费?"
ROW = side.row("货物")
COL = st.column(r"^小计$|^合计$")
KEY = st.schema.column("非金额")
ABROAD = r"因公出国.*"
'''
    lines = sorted(line for line, _ in label_patterns(planted, labels))
    assert lines == [2, 3, 4, 5, 7]  # not KEY: a schema is asked by key
    fine = '''
"""A docstring may say 本年收入合计 = Σ income items (一、… 八、)."""
messages = {"k": {"zh": "「本年收入合计」为 {x}（{y}）"}}
ROW = st.row_of("本年收入合计", side)
ANCHOR = f"{kind}|收支总计|{col}"
SENTENCE = r"(\\d+(?:\\.\\d+)?)\\s*万元"
NOTE = " (年初预算, per its note)"
'''
    assert label_patterns(fine, labels) == []


def test_keys_asked_of_tables_exist_in_a_schema():
    """A literal key given to row_of / col_of / cols_of / is_row, or to a cross-table ``At``, is a schema key."""
    rows = {k for s in SCHEMAS.values() for k in s.rows}
    columns = {k for s in SCHEMAS.values() for k in s.columns}
    unknown = []
    for path in SCANNED:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in _KEY_LOOKUPS:
                known = rows if _KEY_LOOKUPS[name] == "rows" else columns
                unknown += [f"{path.name}:{node.lineno} {a}" for a in args if a.split("›")[0] not in known]
            elif name == "At" and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant):
                schema = SCHEMAS[node.args[0].value]
                row = node.args[1].value if isinstance(node.args[1], ast.Constant) else None
                if row is not None and row not in ("类", "码") and not all(p in schema.rows for p in row.split("›")):
                    unknown.append(f"{path.name}:{node.lineno} {schema.kind} row {row}")
                col = node.args[2] if len(node.args) > 2 else None
                if isinstance(col, ast.Constant) and col.value is not None and col.value not in schema.columns:
                    unknown.append(f"{path.name}:{node.lineno} {schema.kind} column {col.value}")
    assert not unknown, "\n".join(unknown)
