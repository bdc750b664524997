"""docs/identities.md, the page the code cites for its identities and rounding, lists what the schemas hold."""

from __future__ import annotations

import pathlib

import regex

from budgetlint.recognise.schema import SCHEMAS

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "identities.md"


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _squash(text: str) -> str:
    return regex.sub(r"[\s`]", "", text)


def test_every_identity_and_condition_of_a_schema_is_on_the_page():
    page = _squash(_page())
    missing = []
    for schema in SCHEMAS.values():
        for ident in schema.identities:
            # the name, or its equation as the page writes it (keys joined by = and +)
            if _squash(ident.name) not in page and _squash(ident.name.split(" = ")[-1]) not in page:
                missing.append(f"{schema.kind}: identity {ident.name}")
        missing += [f"{schema.kind}: condition {c.name}" for c in schema.conditions if c.name not in page]
    assert not missing, "\n".join(missing)


def test_sections_cited_by_the_code_exist():
    headings = {line[3:].strip() for line in _page().splitlines() if line.startswith("## ")}
    cited = set()
    for path in [*(ROOT / "lint").rglob("*.py"), *(ROOT / "rules").rglob("*.py"), *(ROOT / "corpus").glob("*.py")]:
        for match in regex.finditer(r'docs/identities\.md, ((?:"[^"]+"(?:, )?)+)', path.read_text(encoding="utf-8")):
            cited.update(regex.findall(r'"([^"]+)"', match.group(1)))
    assert cited, "the code cites docs/identities.md sections"
    assert cited <= headings, f"cited but not on the page: {sorted(cited - headings)}"


def test_no_code_cites_a_file_outside_the_repository():
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in [*(ROOT / "lint").rglob("*.py"), *(ROOT / "rules").rglob("*.py")]
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if regex.search(r"DOMAIN(?:\.md)?\s*§", line)
    ]
    assert not offenders, offenders
