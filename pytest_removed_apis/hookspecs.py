"""The hooks pytest-removed-apis offers to conftest files and plugins.

Implement one in a ``conftest.py`` or a plugin under the same name, taking any of its
arguments (by name).  Entries are made with :func:`pytest_removed_apis.removed_api`.
"""

from __future__ import annotations

from typing import Sequence

import pytest

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.findings import Finding


@pytest.hookspec
def pytest_removed_apis_add_entries(config: pytest.Config) -> Sequence[Entry] | None:
    """Add entries to the catalog: APIs that a library of yours (or one you depend on)
    removed, or standard-library APIs that the catalog lacks.

    Return a list of entries made with :func:`pytest_removed_apis.removed_api`, or ``None``
    to add nothing.  The results of all implementations are combined.  An added entry is
    like a catalogued one in every way: a use fails the test in default mode (its report
    reads "removed in mylib 2.0" and names the replacement), ``--simulate-312``, any
    ``--simulate-python`` and the ``simulate_python`` fixture hide it, and its id is
    accepted by ``@pytest.mark.allow_removed``, ``removed_apis_allow`` and
    ``--removed-apis-allow``.  ``--removed-apis-catalog`` lists it and the header line
    counts it.

    An entry whose ``removed_in`` names a library's release (``"mylib 2.0"``) does not
    depend on the running interpreter: it is watched on every Python version, never
    recorded as upcoming, and hidden by every simulation, even on a Python that needs
    nothing of the standard library hidden.  One with a Python release as ``removed_in``
    (``"3.12"``, ``"3.13"``, ``"3.14"``, ``"3.15"``) follows the Python releases as the
    catalog's own entries do.

    The hook is called once per run, while pytest configures it (and for
    ``--removed-apis-catalog``), after the conftest files pytest loads at start: the
    rootdir's, those of the directories named on the command line or in ``testpaths``, and
    of their ``test*`` subdirectories.  A ``conftest.py`` deeper in the tree is loaded
    during collection, after the catalog is settled: implement the hook in one of the
    former, or in a plugin.  Entries added here are watched and hidden from configuration
    on: a use while a conftest file is imported is not seen.

    A return that is not a sequence of entries, an entry whose id the catalog or another
    implementation already has, an entry of kind ``behaviour`` (it needs code of its own to
    be seen), a ``removed_in`` that is neither a Python release the catalog covers nor a
    library and its version, an empty ``replacement`` or ``doc_url``, or a ``warning`` that
    is not a valid regular expression stops the run with a usage error (exit code 4) that
    names the file or plugin it came from.

    :param config: the pytest config object.
    :return: the entries to add, or ``None``.
    """


@pytest.hookspec(firstresult=True)
def pytest_removed_apis_classify(
    message: str,
    category: type[Warning],
    filename: str,
    lineno: int,
    proposed: Sequence[Entry],
) -> Sequence[Entry] | None:
    """Decide which catalogued APIs, if any, a warning is about.

    Called for each warning shown while a test's setup, call or teardown runs, or while a
    test module is imported: every warning whose text is a catalogued warning text (those
    are shown whatever the warning filters say), and every other warning that the filters
    in force let through (pytest shows DeprecationWarning in tests unless told otherwise; a
    warning the filters ignore, or turn into an error, never reaches this hook).

    Return the entries the warning is about: each becomes a finding, with its status, at
    the use site (the first frame outside the standard library).  Return an empty list to
    say that the warning is about no removed API: it then goes to pytest's warnings summary
    like any other warning.  Return ``None`` to leave the decision to the next
    implementation, and in the end to the plugin's own classifier, whose answer is
    ``proposed``.  The first answer that is not ``None`` is used.

    When no conftest file or plugin implements this hook, warnings are classified without
    calling it.

    :param message: the text of the warning.
    :param category: its class, such as :class:`DeprecationWarning`.
    :param filename: the file that the warning is attributed to.
    :param lineno: the line in that file.
    :param proposed: the entries the plugin's own classifier found (possibly none).  A
        warning about an API that is seen as an attribute access or an import rather than
        by its warning proposes nothing: that use is recorded anyway.
    :return: a list of entries (from ``pytest_removed_apis.CATALOG``, from
        ``pytest_removed_apis.by_id()`` or added ones), an empty list, or ``None``.
    """


@pytest.hookspec
def pytest_removed_apis_finding(finding: Finding, config: pytest.Config) -> None:
    """Observe a finding: one use of a removed API in one phase of one test, or while a
    test module was imported.

    Called once per finding, on the controller process under pytest-xdist, as test
    reports arrive; collection-time findings once each.  Its ``status`` says what it did:
    ``"fail"``, ``"report"``, ``"allowed"`` or ``"upcoming"``.  The return value is
    ignored.

    :param finding: the finding.
    :param config: the pytest config object.
    """
