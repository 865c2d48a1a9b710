"""A test module that imports a module removed in 3.13 at top level.

Real 3.13: the module fails to collect (ModuleNotFoundError).  Real 3.12 and 3.8-3.11
without the plugin: every test passes.
"""

import telnetlib


def test_telnetlib_port():
    assert telnetlib.TELNET_PORT == 23
