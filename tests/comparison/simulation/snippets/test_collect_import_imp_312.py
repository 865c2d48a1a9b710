"""A test module that imports a module removed in 3.12 at top level.

Real 3.12: the module fails to collect (ModuleNotFoundError), recorded once under the
file's node id, and its tests do not exist there.  3.8-3.11 without the plugin: every test
passes.
"""

import imp


def test_imp_is_usable():
    assert imp.PY_SOURCE == 1


def test_unrelated_arithmetic():
    assert 2 * 3 == 6
