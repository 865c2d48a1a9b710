"""A module-level ``pytest.importorskip`` of a module removed in 3.13.

Real 3.13: the whole file is skipped at collection (one "skipped" under the file's node id).
Real 3.12 and 3.8-3.11 without the plugin: every test passes.
"""

import pytest

xdrlib = pytest.importorskip("xdrlib")


def test_xdrlib_packs_an_int():
    packer = xdrlib.Packer()
    packer.pack_int(1)
    assert packer.get_buffer() == b"\x00\x00\x00\x01"
