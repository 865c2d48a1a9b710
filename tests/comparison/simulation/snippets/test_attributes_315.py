"""Modules and attributes removed in Python 3.15 (present in 3.14).

Real 3.15: ModuleNotFoundError, AttributeError (ImportError for ``from module import
name``).  Real 3.12 to 3.14 (some warn): every test passes.  3.8-3.11 without the plugin:
every test passes.
"""

import glob
import http.server
import pathlib
import platform
import typing


def test_import_sre_parse():
    import sre_parse

    assert sre_parse.parse("a")


def test_from_sre_constants_import_name():
    from sre_constants import MAXREPEAT

    assert MAXREPEAT > 0


def test_glob_glob0(tmp_path):
    assert glob.glob0(str(tmp_path), "") == [""]


def test_http_server_CGIHTTPRequestHandler():
    assert issubclass(http.server.CGIHTTPRequestHandler, http.server.SimpleHTTPRequestHandler)


def test_PurePath_is_reserved():
    assert pathlib.PurePosixPath("a").is_reserved() is False


def test_platform_java_ver():
    assert len(platform.java_ver()) == 4


def test_typing_no_type_check_decorator():
    assert callable(typing.no_type_check_decorator)


def test_fallback_on_ImportError():
    try:
        import sre_compile
    except ImportError:
        sre_compile = None
    assert sre_compile is None or callable(sre_compile.compile)
