"""The ``re`` group syntax that 3.12 refuses and older releases take: group names that are
not ASCII identifiers in bytes patterns, and group references that are not ASCII digits.

``GroupSyntax`` judges a compiled pattern or a replacement template the way 3.12's parser
does, as far as group names go, and keeps a bounded number of verdicts: ``re`` caches
patterns and templates itself, so the same few come back again and again.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Final, Pattern

# How the parser reads a pattern, as far as conditional groups go: an escape, a character
# class, a comment group, or a conditional group ``(?(name)...)`` with its name (group 1).
_SCAN: Final = r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?#(?:\\.|[^)\\])*\)|\(\?\(((?:\\.|[^)\\])*)\)"
_SCAN_VERBOSE: Final = _SCAN + r"|#[^\n]*"  # and comments
# How it reads a replacement template: an escape, or a group reference with its name.
_REFERENCES: Final = r"\\(?:g<((?:\\.|[^>\\])*)>|.)"
_VERDICTS: Final = 1024  # patterns and templates whose verdict is kept
_VERBOSE: Final = int(re.VERBOSE)  # an int: an operation on a flag enum costs microseconds


def _refused_name(name: str, text: bool) -> bool:
    """Whether 3.12 refuses a group name or number that older releases take: it wants ASCII
    digits or an identifier, an ASCII one in a bytes pattern or template."""
    if name.isdecimal() and name.isascii():
        return False
    return not (name.isidentifier() and (text or name.isascii()))


@functools.lru_cache(maxsize=None)  # compiled for the first pattern that needs it
def _compiled(scan: str) -> Pattern[str]:
    return re.compile(scan, re.DOTALL)


def _names(scan: Pattern[str], source: str | bytes) -> list[str]:
    decoded = source if isinstance(source, str) else source.decode("latin-1")
    return [name for name in (match.group(1) for match in scan.finditer(decoded)) if name]


class GroupSyntax:
    """Which patterns and templates use group syntax that 3.12 refuses, each decided once."""

    def __init__(self) -> None:
        self._verdicts: dict[tuple[object, ...], bool] = {}

    def _verdict(self, key: tuple[object, ...], decide: Callable[[], bool]) -> bool:
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) >= _VERDICTS:
                self._verdicts.clear()
            verdict = self._verdicts[key] = decide()
        return verdict

    def pattern_refused(self, compiled: Pattern[Any]) -> bool:
        """Non-ASCII group names in a bytes pattern, and references in conditional groups
        (``(?(+1)...)``) that are not ASCII digits."""
        source = compiled.pattern
        if isinstance(source, str):
            if "(?(" not in source:
                return False
        elif b"(?P" not in source and b"(?(" not in source:
            return False
        verbose = bool(compiled.flags & _VERBOSE)
        scan = _compiled(_SCAN_VERBOSE if verbose else _SCAN)

        def decide() -> bool:
            text = isinstance(source, str)
            if not (text or all(name.isascii() for name in compiled.groupindex)):
                return True
            return any(_refused_name(name, text) for name in _names(scan, source))

        return self._verdict((type(source), source, verbose), decide)

    def template_refused(self, template: object) -> bool:
        r"""Group references in a replacement template (``\g<+1>``) that are not ASCII
        digits or, in a bytes template, not ASCII identifiers."""
        if isinstance(template, str):
            if "\\g<" not in template:
                return False
        elif not isinstance(template, bytes) or b"\\g<" not in template:
            return False
        text = isinstance(template, str)
        return self._verdict(
            ("template", type(template), template),
            lambda: any(
                _refused_name(name, text) for name in _names(_compiled(_REFERENCES), template)
            ),
        )
