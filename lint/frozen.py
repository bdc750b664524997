"""A quicker ``__init__`` for the frozen, slotted dataclasses a document is made of.

The ``__init__`` dataclasses writes for a frozen class stores each field with
``object.__setattr__(self, "name", value)``: a call that looks the attribute up by name for every field.
A PDF's reading makes hundreds of thousands of locations, cells and numbers, and those calls were a
twentieth of a whole run. ``quick_init`` gives the class an ``__init__`` that stores each field through
its slot's own descriptor instead — the same values, the same signature and defaults, about twice as
fast — and leaves the class frozen (assigning a field afterwards still raises ``FrozenInstanceError``).

It also pickles the instance as its class and field values (``__reduce__``), which unpickling passes to that
``__init__``: the state dataclasses gives a slotted class is restored by one ``object.__setattr__`` call per
field, and a batch's main process unpickles every worker's figures (four times the cost of dumping them).
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import TypeVar

C = TypeVar("C", bound=type)


def quick_init(cls: C) -> C:
    """Replace the generated ``__init__`` of a frozen, slotted dataclass (fields with plain defaults only)."""
    fields = dataclasses.fields(cls)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if not (params.frozen and "__slots__" in cls.__dict__) or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} is not a frozen, slotted dataclass without __post_init__")
    namespace: dict[str, object] = {}
    args, body = [], []
    for k, f in enumerate(fields):
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"quick_init: {cls.__name__}.{f.name} is not a plain positional field")
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            namespace[f"_default_{k}"] = f.default
            args.append(f"{f.name}=_default_{k}")
        owner = next(c for c in cls.__mro__ if f.name in c.__dict__)  # a base class's field: its slot is there
        namespace[f"_set_{k}"] = owner.__dict__[f.name].__set__  # the slot's member descriptor
        body.append(f"    _set_{k}(self, {f.name})")
    source = f"def __init__(self, {', '.join(args)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, namespace)  # noqa: S102 - source built above from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__doc__ = cls.__init__.__doc__  # type: ignore[misc]
    cls.__init__ = init  # type: ignore[misc]
    values = attrgetter(*(f.name for f in fields)) if len(fields) > 1 else (lambda obj: (getattr(obj, fields[0].name),))
    if fields:
        cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[method-assign]
    return cls
