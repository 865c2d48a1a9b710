"""A project module that is not a test module: a compatibility shim of the usual kind.

Its version checks are project code, so they see the simulated release like the tests do.
"""

# ruff: noqa: UP035 - pipes.quote is what 3.8-3.12 code imports

import sys

__all__ = ["PY312", "PY313", "QUOTE_FROM", "SUFFIXES_FROM", "all_suffixes", "quote"]

PY312 = sys.version_info >= (3, 12)
PY313 = sys.version_info >= (3, 13)

if sys.version_info >= (3, 12):
    from importlib.machinery import all_suffixes

    SUFFIXES_FROM = "importlib"
else:
    import imp

    def all_suffixes():
        return [suffix for suffix, _mode, _kind in imp.get_suffixes()]

    SUFFIXES_FROM = "imp"

if sys.version_info >= (3, 13):
    from shlex import quote

    QUOTE_FROM = "shlex"
else:
    from pipes import quote

    QUOTE_FROM = "pipes"
