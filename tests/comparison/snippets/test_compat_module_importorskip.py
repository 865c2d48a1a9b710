"""A module-level importorskip of a removed module.

3.12: the whole file is skipped at collection: recorded as one "skipped" under the file's
node id, and neither test below exists there.
"""

import pytest

asyncore = pytest.importorskip("asyncore")


def test_asyncore_loop_is_callable():
    assert callable(asyncore.loop)


def test_asyncore_dispatcher_is_a_class():
    assert isinstance(asyncore.dispatcher, type)
