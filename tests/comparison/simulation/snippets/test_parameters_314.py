"""Keyword parameters removed in Python 3.14 (present in 3.13).

Real 3.14: TypeError.  Real 3.13 and 3.12 (they warn): every test passes.  3.8-3.11 without
the plugin: every test passes.
"""

import email.utils


def test_localtime_isdst():
    assert email.utils.localtime(isdst=-1).tzinfo is not None


def test_localtime_isdst_in_a_keyword_dict():
    options = {"isdst": -1}
    assert email.utils.localtime(**options).tzinfo is not None


def test_removed_keyword_caught_as_TypeError_falls_back():
    try:
        moment = email.utils.localtime(isdst=-1)
    except TypeError:
        moment = email.utils.localtime()
    assert moment.tzinfo is not None
