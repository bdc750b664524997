"""The plugin host: loads rule packs through pluggy and builds the rule registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pluggy
import regex

from . import hookspecs
from .rule import Rule

_CODE = regex.compile(r"^[A-Z]{1,4}\d{3}$")


class PluginError(Exception):
    """A plugin that cannot be loaded or whose rules are malformed; names the plugin."""


@dataclass(frozen=True)
class Registry:
    rules: tuple[type[Rule], ...]
    readers: dict
    reporters: dict

    def by_code(self) -> dict[str, type[Rule]]:
        return {r.code: r for r in self.rules}


def plugin_manager(extra: Iterable[object] = ()) -> pluggy.PluginManager:
    """A plugin manager with every installed ``budgetlint`` entry point and ``extra`` plugins."""
    pm = pluggy.PluginManager("budgetlint")
    pm.add_hookspecs(hookspecs)
    try:
        pm.load_setuptools_entrypoints("budgetlint")
    except Exception as exc:  # a broken third-party package must be named, not crash us
        raise PluginError(f"cannot load a budgetlint plugin: {type(exc).__name__}: {exc}") from None
    for plugin in extra:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from None
    return pm


def build_registry(pm: pluggy.PluginManager) -> Registry:
    rules: dict[str, type[Rule]] = {}
    impls = [*pm.hook.budgetlint_rules.get_hookimpls(), *pm.hook.budgetlint_set_rules.get_hookimpls()]
    for impl in impls:
        plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
        try:
            provided = impl.function() or []
        except Exception as exc:
            raise PluginError(f"plugin {plugin_name!r} failed in {impl.function.__name__}: {exc}") from None
        for rule in provided:
            _validate(rule, plugin_name)
            if rule.code in rules:
                raise PluginError(
                    f"rule code {rule.code} is defined twice: by {rules[rule.code].origin!r} and by {plugin_name!r}"
                )
            rule.origin = "builtin" if plugin_name == "builtin" else plugin_name
            rules[rule.code] = rule
    readers: dict = {}
    for result in pm.hook.budgetlint_readers():
        for suffix, reader in (result or {}).items():
            readers.setdefault(suffix.lower(), reader)
    reporters: dict = {}
    for result in pm.hook.budgetlint_reporters():
        for name, reporter in (result or {}).items():
            reporters.setdefault(name, reporter)
    ordered = tuple(sorted(rules.values(), key=lambda r: r.code))
    return Registry(ordered, readers, reporters)


def _validate(rule: object, plugin: str) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise PluginError(f"plugin {plugin!r} returned {rule!r}, which is not a Rule subclass")
    if not _CODE.match(rule.code or ""):
        raise PluginError(f"plugin {plugin!r}: rule {rule.__name__} has no valid code (e.g. BL101), got {rule.code!r}")
    if not rule.name:
        raise PluginError(f"plugin {plugin!r}: rule {rule.code} has no name")


def load_registry(extra: Iterable[object] = ()) -> Registry:
    return build_registry(plugin_manager(extra))
