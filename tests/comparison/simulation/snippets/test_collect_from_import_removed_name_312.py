"""A test module that imports a name removed in 3.12 at top level.

Real 3.12: the module fails to collect (ImportError: cannot import name), recorded once
under the file's node id.  3.8-3.11 without the plugin: every test passes.
"""

from configparser import SafeConfigParser


def test_SafeConfigParser_reads_a_string():
    parser = SafeConfigParser()
    parser.read_string("[section]\nkey = value\n")
    assert parser.get("section", "key") == "value"
