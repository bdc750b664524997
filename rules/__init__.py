"""Built-in rules, registered through the same ``budgetlint`` entry point as any rule pack."""

from budgetlint.hookspecs import hookimpl

from .tables.code_hierarchy import CodeHierarchySum


@hookimpl
def budgetlint_rules():
    return [CodeHierarchySum]
