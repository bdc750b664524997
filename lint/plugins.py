"""The plugin host: loads rule packs through pluggy and builds the rule registry."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from typing import Iterable

import pluggy
import regex

from . import hookspecs
from .rule import Rule

_CODE = regex.compile(r"^[A-Z]{1,4}\d{3}$")
BUILTIN_IO = "builtin-io"


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
    """A plugin manager with the built-in readers and reporters, every installed ``budgetlint``
    entry point and ``extra`` plugins."""
    from . import builtin_io

    pm = pluggy.PluginManager("budgetlint")
    pm.add_hookspecs(hookspecs)
    pm.register(builtin_io, name=BUILTIN_IO)
    for ep in _entry_points():
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken third-party package must be named, not crash us
            raise PluginError(f"plugin {_describe(ep)} failed to load: {type(exc).__name__}: {exc}") from None
        try:
            pm.register(plugin, name=ep.name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginError(f"plugin {_describe(ep)} cannot be registered: {exc}") from None
    for plugin in extra:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from None
    return pm


def _entry_points() -> list[importlib.metadata.EntryPoint]:
    return sorted(importlib.metadata.entry_points(group="budgetlint"), key=lambda ep: ep.name != "builtin")


def _describe(ep: importlib.metadata.EntryPoint) -> str:
    """``'xt' (entry point xt = xt_rules of package xt-rules 0.1)``: enough to find and uninstall it."""
    dist = getattr(ep, "dist", None)
    package = f" of package {dist.name} {dist.version}" if dist is not None else ""
    return f"{ep.name!r} (entry point {ep.name} = {ep.value}{package})"


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
    readers = _merged(pm, "budgetlint_readers", str.lower)
    reporters = _merged(pm, "budgetlint_reporters", str)
    ordered = tuple(sorted(rules.values(), key=lambda r: r.code))
    return Registry(ordered, readers, reporters)


def _merged(pm: pluggy.PluginManager, hook: str, key) -> dict:
    """One name -> callable mapping from every implementation of ``hook``; built-ins win a clash."""
    out: dict = {}
    impls = sorted(getattr(pm.hook, hook).get_hookimpls(), key=lambda i: pm.get_name(i.plugin) != BUILTIN_IO)
    for impl in impls:
        plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
        try:
            provided = impl.function() or {}
        except Exception as exc:
            raise PluginError(f"plugin {plugin_name!r} failed in {hook}: {type(exc).__name__}: {exc}") from None
        for name, func in provided.items():
            out.setdefault(key(name), func)
    return out


def _validate(rule: object, plugin: str) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise PluginError(f"plugin {plugin!r} returned {rule!r}, which is not a Rule subclass")
    if not _CODE.match(rule.code or ""):
        raise PluginError(f"plugin {plugin!r}: rule {rule.__name__} has no valid code (e.g. BL101), got {rule.code!r}")
    if not rule.name:
        raise PluginError(f"plugin {plugin!r}: rule {rule.code} has no name")


def load_registry(extra: Iterable[object] = ()) -> Registry:
    return build_registry(plugin_manager(extra))
