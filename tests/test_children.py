"""Python processes a test starts are watched, and simulated, as the test process is.

``CHILDREN`` starts interpreters that use removed APIs; ``REAL_312`` is what real CPython
3.12.1 (and 3.13.0) does with it (``-p no:removed_apis``).  Before 3.12, default mode and
simulation must each end every test as real 3.12 does: the child fails there, and so does
the test that waits for it.
"""

from __future__ import annotations

import sys

import judged
import pytest
from judged import Outcomes

BEFORE_312 = sys.version_info < (3, 12)

CHILDREN = {
    "test_children.py": """
        import subprocess
        import sys


        def test_a_child_imports_a_removed_module():
            result = subprocess.run([sys.executable, "-c", "import imp"], capture_output=True)
            assert result.returncode == 0, result.stderr


        def test_a_child_with_an_environment_of_its_own_uses_a_removed_name():
            code = "import locale; print(locale.format('%d', 1))"
            subprocess.run([sys.executable, "-c", code], check=True, env={"PATH": "/usr/bin"})


        def test_a_child_that_uses_nothing_removed():
            subprocess.run([sys.executable, "-c", "import importlib"], check=True)


        def test_a_child_that_falls_back():
            code = "try:\\n    import imp\\nexcept ImportError:\\n    imp = None"
            subprocess.run([sys.executable, "-c", code], check=True)
        """,
}

REAL_312: Outcomes = {
    "test_children.py::test_a_child_imports_a_removed_module": "failed",
    "test_children.py::test_a_child_with_an_environment_of_its_own_uses_a_removed_name": "failed",
    "test_children.py::test_a_child_that_uses_nothing_removed": "passed",
    "test_children.py::test_a_child_that_falls_back": "passed",
}


@pytest.mark.skipif(BEFORE_312, reason="real 3.12 or later is the judge")
def test_the_outcomes_are_those_of_the_real_release(pytester: pytest.Pytester) -> None:
    outcomes, _ = judged.run(pytester, CHILDREN, "-p", "no:removed_apis")
    assert outcomes == REAL_312


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
@pytest.mark.parametrize("mode", [(), ("--simulate-312",)], ids=["default", "simulate"])
def test_a_child_fails_its_test_as_on_the_real_release(
    pytester: pytest.Pytester, mode: tuple[str, ...]
) -> None:
    outcomes, result = judged.run(pytester, CHILDREN, "-p", "removed_apis", *mode)
    assert outcomes == REAL_312
    if not mode:  # default mode: the child's use, on the test that started it
        result.stdout.fnmatch_lines(
            [
                "    used at <string>:1 during call of "
                "test_children.py::test_a_child_imports_a_removed_module",
            ]
        )


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_a_child_allowed_by_the_marker_of_its_test_passes(pytester: pytest.Pytester) -> None:
    project = {
        "test_allowed.py": """
            import subprocess
            import sys

            import pytest


            @pytest.mark.allow_removed("imp")
            def test_allowed():
                subprocess.run([sys.executable, "-c", "import imp"], check=True)
            """
    }
    for mode in ((), ("--simulate-312",)):
        outcomes, _ = judged.run(pytester, project, "-p", "removed_apis", *mode)
        assert outcomes == {"test_allowed.py::test_allowed": "passed"}


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_a_child_that_is_a_pytest_run_is_watched_by_its_own_plugin(
    pytester: pytest.Pytester,
) -> None:
    project = {
        "inner/test_inner.py": """
            import locale


            def test_inner():
                assert locale.format("%d", 1) == "1"
            """,
        "test_outer.py": """
            import os
            import subprocess
            import sys


            def test_outer():
                inner = os.path.join(os.path.dirname(__file__), "inner")
                command = [sys.executable, "-m", "pytest", "-p", "removed_apis", inner]
                result = subprocess.run(command, capture_output=True, text=True)
                assert result.returncode == 1, result.stdout
                assert "uses APIs removed in Python 3.12: locale.format" in result.stdout
            """,
    }
    outcomes, _ = judged.run(pytester, project, "-p", "removed_apis", "test_outer.py")
    assert outcomes == {"test_outer.py::test_outer": "passed"}


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_a_child_is_simulated_and_not_watched_when_the_watch_is_off(
    pytester: pytest.Pytester,
) -> None:
    outcomes, _ = judged.run(
        pytester, CHILDREN, "-p", "removed_apis", "--simulate-312", "--removed-apis=off"
    )
    assert outcomes == REAL_312
