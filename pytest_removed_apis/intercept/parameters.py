"""Removed keyword parameters: the callable that took the keyword (a class's ``__init__``,
a method, a module function) is wrapped in place while intercepted.

CPython warns only for some values (``keyfile=None`` is silent), and not at all for others
(``configparser.ParsingError(filename=...)``); 3.12 rejects the parameter itself, passed by
keyword or by position.  A call that passes it is a use: reported (``Record``) or refused
with the ``TypeError`` the newer release raises (``Refuse``).
"""

from __future__ import annotations

import functools
import inspect
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Mapping

from pytest_removed_apis.catalog import Entry

if TYPE_CHECKING:
    from pytest_removed_apis.intercept.behaviours import Behaviours


def intercept(
    behaviours: Behaviours, module: ModuleType, qualname: str, entries: list[Entry]
) -> None:
    """Wrap the callable ``qualname`` of ``module`` for its removed parameters ``entries``."""
    *path, name = qualname.split(".")
    owner: Any = module
    for part in path:
        owner = getattr(owner, part, None)
    if isinstance(getattr(owner, name, None), type):
        owner, name = getattr(owner, name), "__init__"
    original = vars(owner).get(name) if hasattr(owner, "__dict__") else None
    if original is None or not callable(original):
        return  # not there (an entry added for a library): nothing to intercept
    removed = {entry.aspect: entry.id for entry in entries if entry.aspect}
    positions = _positions(original, removed)
    label = f"{owner.__name__}.{name}" if isinstance(owner, type) else name

    @functools.wraps(original)
    def intercepted(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        for keyword, entry_id in removed.items():
            if keyword in kwargs:
                message = f"{label}() got an unexpected keyword argument {keyword!r}"
            else:
                position = positions.get(keyword)
                if position is None or len(args) <= position:
                    continue
                message = f"{label}() takes at most {position} positional arguments"
            behaviours.use(entry_id, TypeError(message), sys._getframe(1))
        return original(*args, **kwargs)

    behaviours.patch(owner, name, intercepted)


def _positions(function: Callable[..., Any], removed: Mapping[str, str]) -> dict[str, int]:
    """Where each removed parameter sits among the positional ones (``self`` counted); a
    keyword that only ``*args`` took is removed from the first surplus position on."""
    parameters = list(inspect.signature(function).parameters.values())
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    names = [p.name for p in positional]
    surplus = any(p.kind == p.VAR_POSITIONAL for p in parameters)
    positions = {}
    for keyword in removed:
        if keyword in names:
            positions[keyword] = names.index(keyword)
        elif surplus:
            positions[keyword] = len(names)
    return positions
