"""Rule codes that moved: an old code keeps working wherever a code is named, as its new code.

Modelled on ruff's rule redirects. When a rule moves to another family and so changes code, add one
line ``"OLD": "NEW"`` to :data:`REDIRECTS` (and nothing else): configuration (``select``, ``ignore``,
``extend-select``, ``[severity]``, ``[per-file-ignores]``), ``--select/--ignore/--extend-select`` and
``budgetlint explain OLD`` then accept the old code, and the user is told once where it went. A test
checks that every target is a registered rule and that no old code is still a rule of its own; the
README lists every redirect (a test keeps that list complete).

Only whole codes redirect: a prefix (``BL1``) selects the codes that start with it today.
"""

from __future__ import annotations

from typing import Iterable, Mapping

#: old code → new code. Keep it sorted; never remove a line (old configurations live for years).
REDIRECTS: dict[str, str] = {
    "BL108": "BL501",  # sangong-sum moved to the 三公 family
    "BL205": "BL502",  # sangong-below-economic-line moved to the 三公 family
}


def redirect(code: str, table: Mapping[str, str] | None = None) -> str:
    """The code that ``code`` stands for today (itself when it never moved; chains are followed)."""
    table = REDIRECTS if table is None else table
    seen = {code}
    while code in table:
        code = table[code]
        if code in seen:  # a cycle is a data error; stop rather than loop
            break
        seen.add(code)
    return code


def redirect_all(codes: Iterable[str], moved: list[tuple[str, str]] | None = None) -> list[str]:
    """``codes`` with every old code replaced by its new one; each replacement is appended to ``moved``."""
    out = []
    for code in codes:
        new = redirect(code)
        if new != code and moved is not None and (code, new) not in moved:
            moved.append((code, new))
        out.append(new)
    return out


def notice(old: str, new: str, lang: str = "en") -> str:
    """The one-line notice shown when a configuration or command line names a moved code."""
    if lang == "zh":
        return f"规则 {old} 已改为 {new}，请在配置中改用 {new}"
    return f"rule {old} has been renamed to {new}; use {new} instead"
