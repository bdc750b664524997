"""Golden outputs of every output format for one fixed run (tests/data/formats/), kept by tests/goldens.py --update.

The run covers what a format must carry: a text document with one wrong cell (one finding, its broken
identities as related locations), rates with a fall and a zero base (an info finding saying why it is
lower), a finding suppressed in the configuration, an empty file (unreadable), and a corpus PDF (page
locations). Machine-specific parts (the folder's file URI, the version) are replaced by placeholders.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMATS_DIR = REPO / "tests" / "data" / "formats"
EXTENSIONS = {
    "text": "txt", "grouped": "txt", "json": "json", "json-lines": "jsonl", "sarif": "json",
    "github": "txt", "gitlab": "json", "junit": "xml", "csv": "csv", "html": "html",
}

TABLE = """收入决算表
公开02表
金额单位：万元
科目编码\t科目名称\t本年收入合计\t财政拨款收入\t其他收入
合计\t\t158.03\t158.03\t
210\t卫生健康支出\t158.03\t158.03\t
21011\t行政事业单位医疗\t159.03\t158.03\t
2101101\t行政单位医疗\t158.03\t158.03\t
"""
RATES = """某某中心2025年单位预算

一般公共预算支出功能分类预算表
单位：万元
功能分类科目编码\t功能分类科目名称\t合计
221\t住房保障支出\t170.00
22102\t住房改革支出\t170.00
2210203\t购房补贴\t170.00
205\t教育支出\t8.00
20599\t其他教育支出\t8.00
2059999\t其他教育支出\t8.00
合计\t\t178.00

1. 住房保障支出（类）住房改革支出（款）购房补贴（项）170.00万元。上年预算执行数为200.00万元，本年预算安排170.00万元，比上年预算执行数减少5.00%。

2. 教育支出（类）其他教育支出（款）其他教育支出（项）8.00万元。上年预算执行数为0.00万元，本年预算安排8.00万元，比上年预算执行数增加100.00%。
"""
SUPPRESSED = TABLE.replace("合计\t\t158.03\t158.03\t", "合计\t\t160.03\t158.03\t")
CONFIG = """select = ["BL101", "BL103", "BL404", "BL601", "BL603", "BL605", "BL608", "BL609"]

[[suppress]]
rule = "BL103"
path = "docs/suppressed.txt"
line = 5
reason = "the publisher's own correction sheet gives 160.03"
"""


def make_tree(root: Path) -> list[str]:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "table.txt").write_text(TABLE, encoding="utf-8")
    (docs / "rates.txt").write_text(RATES, encoding="utf-8")
    (docs / "suppressed.txt").write_text(SUPPRESSED, encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    shutil.copy(REPO / "corpus" / "zhengti-zipingjia-2024-defects.pdf", docs / "evaluation.pdf")
    (root / "budgetlint.toml").write_text(CONFIG, encoding="utf-8")
    return ["docs"]


def render_all(root: Path, lang: str = "zh") -> dict[str, str]:
    """Every built-in format of one run from ``root`` (the working directory is restored)."""
    from budgetlint import __version__
    from budgetlint.config import Resolver
    from budgetlint.engine import Linter
    from budgetlint.plugins import load_registry
    from budgetlint.reporters import BUILTIN, render

    here = os.getcwd()
    os.chdir(root)
    try:
        registry = load_registry()
        report = Linter(registry, resolver=Resolver(None, known=[r.code for r in registry.rules])).run(make_tree(root))
        out = {name: render(BUILTIN[name], report, lang) for name in EXTENSIONS}
    finally:
        os.chdir(here)
    uri = root.resolve().as_uri()
    out = {name: text.replace(uri, "file:///ROOT").replace(f'"{__version__}"', '"VERSION"') for name, text in out.items()}
    # the report's page crops are PNGs whose bytes depend on the renderer's version: compared by presence
    out["html"] = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,…", out["html"])
    return out


def golden_path(name: str) -> Path:
    return FORMATS_DIR / f"report.{name}.{EXTENSIONS[name]}"


def update() -> None:
    FORMATS_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in render_all(Path(tmp)).items():
            golden_path(name).write_text(text, encoding="utf-8")
            print(f"{golden_path(name).relative_to(REPO)}: {len(text)} characters")
