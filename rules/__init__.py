"""Built-in rules, registered through the same ``budgetlint`` entry point as any rule pack.

Every module of the family packages (tables, cross, prose, ratios, text, structure, …) that defines
a ``Rule`` subclass with a code contributes it: adding a rule is adding its module, with no list to
keep in step.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

from budgetlint.hookspecs import hookimpl
from budgetlint.rule import Rule
from budgetlint.sets import SetRule


@functools.lru_cache(maxsize=1)
def _discover() -> tuple[type[Rule], ...]:
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj.__module__ == module.__name__ and obj.code:
                if obj.code in found:
                    raise TypeError(f"{obj.code} is defined twice: {found[obj.code].__module__} and {module.__name__}")
                found[obj.code] = obj
    return tuple(found[code] for code in sorted(found))


@hookimpl
def budgetlint_rules():
    return [r for r in _discover() if not issubclass(r, SetRule)]


@hookimpl
def budgetlint_set_rules():
    return [r for r in _discover() if issubclass(r, SetRule)]
