"""Disclosure findings never carry the secret they found: not in text, JSON or SARIF, in any language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from budgetlint.rules.disclosure._secret import mask
from budgetlint.rules.disclosure.id_number import valid_id

SECRETS = {
    # Not the values of the rules' documentation examples: SARIF carries that documentation.
    "BL801": "15071824693",
    "BL802": "310104198506170032",
    "BL803": "622848097316205948137",
    "BL804": "172.20.31.147",
    "BL805": "Qw7!zx93Lk",
}
DOC = f"""某某局2024年度部门决算

经办人：李某，联系电话：{SECRETS["BL801"]}，身份证号 {SECRETS["BL802"]}。

开户行：某某银行某某支行，账号：{SECRETS["BL803"]}。

系统部署于 {SECRETS["BL804"]}，管理员初始密码：{SECRETS["BL805"]}，请及时修改。

项目负责人\t王某\t联系电话\t{SECRETS["BL801"][:10]}9
"""


def _fragments(secret: str) -> set[str]:
    """The secret and every run of 8 of its characters: a partial echo is an echo too."""
    plain = secret.replace(".", "")
    return {secret} | {plain[i : i + 8] for i in range(len(plain) - 7)}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("disclosure")
    (folder / "doc.txt").write_text(DOC, encoding="utf-8")
    out = {}
    for fmt in ("text", "json", "sarif"):
        for lang in ("zh", "en"):
            proc = subprocess.run(
                [sys.executable, "-m", "budgetlint", "check", "doc.txt", "--select", "BL8", "--format", fmt, "--lang", lang],
                capture_output=True, cwd=folder, timeout=120,
            )
            out[f"{fmt}-{lang}"] = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
    return out


def test_every_kind_is_found(outputs):
    for code in SECRETS:
        assert code in outputs["text-zh"], f"{code} did not report its secret:\n{outputs['text-zh']}"
    assert outputs["text-zh"].count("BL801") == 2


@pytest.mark.parametrize("code", sorted(SECRETS))
def test_no_output_echoes_the_secret(outputs, code):
    for name, text in outputs.items():
        for fragment in _fragments(SECRETS[code]):
            assert fragment not in text, f"{name} output echoes {code}'s secret ({fragment})"


def test_mask_keeps_only_the_ends():
    assert mask("13912345678") == "139******78"
    assert mask("12345") == "*****"


def test_identity_checksum():
    assert valid_id("11010519491231002X")  # the standard's own example
    assert valid_id(SECRETS["BL802"])
    assert not valid_id("110105194912310021")
