"""APIs removed in Python 3.15, not 3.14 or earlier.

3.12 to 3.14: every test passes (the APIs are there, most warn).  3.15: every test fails.
They pin that a comparison with an earlier release does not fail a test for a removal that
release has not made.
"""

import pathlib
import platform


def test_import_sre_compile():
    import sre_compile

    assert callable(sre_compile.compile)


def test_PurePath_is_reserved():
    assert pathlib.PurePosixPath("a").is_reserved() is False


def test_platform_java_ver():
    assert len(platform.java_ver()) == 4
