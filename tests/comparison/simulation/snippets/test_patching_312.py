"""Tests that patch removed names: monkeypatch, unittest.mock and plain assignment.

Real 3.12: a patch that may create the name (``raising=False``, ``create=True``, an entry in
``sys.modules``) works, and the name is gone again after the test; a patch that requires
the name to exist raises AttributeError.  The tests run in file order: each "... again"
test checks what the one before it left behind.  3.8-3.11 without the plugin: every test
passes.
"""

# ruff: noqa: PT009 - a removed unittest alias on purpose

import locale
import ssl
import sys
import types
import unittest
from unittest import mock


def fake_wrap_socket(sock, *args, **kwargs):
    return sock


def test_monkeypatch_setattr_raising_False_creates_the_name(monkeypatch):
    monkeypatch.setattr(ssl, "wrap_socket", fake_wrap_socket, raising=False)
    assert ssl.wrap_socket("socket") == "socket"


def test_the_patched_name_is_gone_again_from_312():
    assert hasattr(ssl, "wrap_socket") == (sys.version_info < (3, 12))
    assert getattr(ssl, "wrap_socket", None) is not fake_wrap_socket


def test_monkeypatch_setattr_requires_the_name(monkeypatch):
    monkeypatch.setattr(ssl, "wrap_socket", fake_wrap_socket)
    assert ssl.wrap_socket("socket") == "socket"


def test_monkeypatch_setattr_by_dotted_path_requires_the_name(monkeypatch):
    monkeypatch.setattr("ssl.match_hostname", lambda cert, hostname: None)
    assert ssl.match_hostname({}, "localhost") is None


def test_monkeypatch_delattr_raising_False(monkeypatch):
    monkeypatch.delattr(ssl, "match_hostname", raising=False)
    assert not hasattr(ssl, "match_hostname")


def test_the_deleted_name_is_back_again_only_before_312():
    assert hasattr(ssl, "match_hostname") == (sys.version_info < (3, 12))


def test_monkeypatch_delattr_requires_the_name(monkeypatch):
    monkeypatch.delattr(ssl, "RAND_pseudo_bytes")
    assert not hasattr(ssl, "RAND_pseudo_bytes")


def test_monkeypatch_setattr_raising_False_on_a_class_alias(monkeypatch):
    monkeypatch.setattr(
        unittest.TestCase, "assertEquals", unittest.TestCase.assertEqual, raising=False
    )
    unittest.TestCase().assertEquals(1, 1)


def test_the_class_alias_is_gone_again_from_312():
    assert hasattr(unittest.TestCase, "assertEquals") == (sys.version_info < (3, 12))


def test_monkeypatch_setitem_sys_modules_provides_the_module(monkeypatch):
    stand_in = types.ModuleType("imp")
    stand_in.PY_SOURCE = 1
    monkeypatch.setitem(sys.modules, "imp", stand_in)
    import imp

    assert imp is stand_in


def test_the_stand_in_module_is_gone_again():
    try:
        import imp
    except ImportError:
        imp = None
    assert (imp is None) == (sys.version_info >= (3, 12))
    assert imp is None or callable(imp.reload)


def test_mock_patch_by_dotted_path_requires_the_name():
    with mock.patch("ssl.wrap_socket") as patched:
        assert ssl.wrap_socket is patched


def test_mock_patch_object_create_True():
    with mock.patch.object(ssl, "RAND_pseudo_bytes", create=True) as patched:
        patched.return_value = (b"12345678", True)
        assert ssl.RAND_pseudo_bytes(8) == (b"12345678", True)


def test_mock_patch_dict_sys_modules_provides_the_module():
    stand_in = types.ModuleType("asyncore")
    with mock.patch.dict(sys.modules, {"asyncore": stand_in}):
        import asyncore

        assert asyncore is stand_in


def test_the_mock_patched_names_are_gone_again_from_312():
    assert hasattr(ssl, "RAND_pseudo_bytes") == (sys.version_info < (3, 12))
    try:
        import asyncore
    except ImportError:
        asyncore = None
    assert (asyncore is None) == (sys.version_info >= (3, 12))


def test_assigning_and_deleting_a_removed_name_by_hand():
    present = hasattr(locale, "format")
    original = getattr(locale, "format", None)
    locale.format = locale.format_string
    try:
        assert locale.format("%d", 5) == "5"
    finally:
        if present:
            locale.format = original
        else:
            del locale.format
    assert hasattr(locale, "format") == present == (sys.version_info < (3, 12))


def test_mock_patch_by_dotted_path_with_create_True():
    with mock.patch("ssl.wrap_socket", create=True) as patched:
        assert ssl.wrap_socket is patched
    assert hasattr(ssl, "wrap_socket") == (sys.version_info < (3, 12))


def test_mock_patch_dict_of_the_module_namespace():
    with mock.patch.dict(vars(ssl), {"_removed_apis_probe": 1}):
        assert ssl._removed_apis_probe == 1
    assert not hasattr(ssl, "_removed_apis_probe")
