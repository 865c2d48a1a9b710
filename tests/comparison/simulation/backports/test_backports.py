"""Removed modules that an installed distribution brings back.

Run in an environment with pyasyncore, pyasynchat, zombie-imp, standard-smtpd and setuptools
installed, and ``SETUPTOOLS_USE_DISTUTILS=local`` (``record.BACKPORTS``).  Real 3.12: each
import finds the installed copy in site-packages (setuptools' own copy for ``distutils``)
and works; what 3.12 removed from modules that are still in the standard library stays
removed.  On 3.8-3.11 without the plugin the standard library's copies come first on
``sys.path``, so the "comes from" tests fail there: these snippets are judged against real
3.12 only.
"""

import importlib
import os
import pkgutil
import ssl
import sysconfig


def _installed(module):
    """Whether ``module`` was loaded from this environment's site-packages."""
    purelib = os.path.realpath(sysconfig.get_paths()["purelib"])
    return os.path.realpath(module.__file__).startswith(purelib + os.sep)


def test_asyncore_comes_from_pyasyncore():
    import asyncore

    assert _installed(asyncore)


def test_asyncore_loop_runs_on_an_empty_map():
    from asyncore import loop

    assert loop(timeout=0, map={}, count=1) is None


def test_asynchat_comes_from_pyasynchat():
    import asynchat

    assert _installed(asynchat)


def test_asynchat_simple_producer():
    asynchat = importlib.import_module("asynchat")
    producer = asynchat.simple_producer(b"data", buffer_size=2)
    assert producer.more() == b"da"


def test_imp_comes_from_zombie_imp():
    import imp

    assert _installed(imp)


def test_imp_new_module():
    imp = __import__("imp")
    assert imp.new_module("made_by_imp").__name__ == "made_by_imp"


def test_smtpd_comes_from_standard_smtpd():
    import smtpd

    assert _installed(smtpd)


def test_smtpd_SMTPServer_is_a_class():
    from smtpd import SMTPServer

    assert isinstance(SMTPServer, type)


def test_distutils_comes_from_setuptools():
    import distutils

    assert "setuptools" in distutils.__file__


def test_distutils_version_compares():
    from distutils.version import LooseVersion

    assert LooseVersion("1.10") > LooseVersion("1.9")


def test_distutils_core_setup_is_callable():
    import distutils.core

    assert callable(distutils.core.setup)


def test_removed_attributes_stay_removed():
    assert not hasattr(ssl, "wrap_socket")
    assert not hasattr(pkgutil, "ImpImporter")
