"""Built-in rules, registered through the same ``budgetlint`` entry point as any rule pack.

Every module of the family packages (tables, cross, prose, ratios, text, structure, …) that defines
a ``Rule`` subclass with a code contributes it: adding a rule is adding its module, with no list to
keep in step.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from budgetlint.hookspecs import hookimpl
from budgetlint.rule import Rule


def _discover() -> list[type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj.__module__ == module.__name__ and obj.code:
                if obj.code in found:
                    raise TypeError(f"{obj.code} is defined twice: {found[obj.code].__module__} and {module.__name__}")
                found[obj.code] = obj
    return [found[code] for code in sorted(found)]


@hookimpl
def budgetlint_rules():
    return _discover()
