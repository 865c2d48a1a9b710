"""Guards: code that the target release never runs, or that checks for the API first."""

from __future__ import annotations

import linecache
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_removed_apis import guards
from pytest_removed_apis.guards import unreachable_on

MARKER = "# use"


def write(tmp_path: Path, source: str, name: str = "module.py") -> tuple[str, int]:
    """Write the source; return its file name and the line carrying ``# use``."""
    path = tmp_path / name
    text = textwrap.dedent(source)
    path.write_text(text, encoding="utf-8")
    linecache.checkcache(str(path))
    lineno = next(n for n, line in enumerate(text.splitlines(), 1) if MARKER in line)
    return str(path), lineno


def why(tmp_path, source, target=(3, 12), raises="ModuleNotFoundError", name="imp"):
    filename, lineno = write(tmp_path, source)
    return unreachable_on(filename, lineno, target, raises, name)


# Version guards.


def test_import_outside_any_guard_is_a_use(tmp_path):
    assert why(tmp_path, "import imp  # use\n") is None


def test_import_inside_version_guard_below_312_is_not_a_use(tmp_path):
    source = """\
        import sys
        if sys.version_info < (3, 12):
            import imp  # use
        """
    assert why(tmp_path, source) == "inside `if sys.version_info < (3, 12)`"


def test_import_inside_version_guard_from_312_on_is_a_use(tmp_path):
    source = """\
        import sys
        if sys.version_info >= (3, 12):
            import imp  # use
        """
    assert why(tmp_path, source) is None


def test_guard_below_313_hides_code_from_a_313_target_only(tmp_path):
    source = """\
        import sys
        if sys.version_info < (3, 13):
            import telnetlib  # use
        """
    assert why(tmp_path, source, target=(3, 13), name="telnetlib") is not None
    assert why(tmp_path, source, target=(3, 12), name="telnetlib") is None


# What each test is on 3.12: True, False, or None when it cannot be known.
TESTS_ON_312 = [
    ("sys.version_info < (3, 12)", False),
    ("sys.version_info <= (3, 11)", False),
    ("sys.version_info <= (3, 12)", False),
    ("sys.version_info > (3, 11)", True),
    ("sys.version_info >= (3, 13)", False),
    ("sys.version_info == (3, 12)", False),
    ("sys.version_info != (3, 12)", True),
    ("sys.version_info < (3,)", False),
    ("sys.version_info < (4,)", True),
    ("sys.version_info < (3, 11, 4)", False),
    ("sys.version_info >= (3, 12, 1)", None),
    ("sys.version_info[:2] == (3, 11)", False),
    ("sys.version_info[:2] != (3, 12)", False),
    ("sys.version_info[:2] <= (3, 12)", True),
    ("sys.version_info[:2] < (3, 12, 0)", True),
    ("sys.version_info[:1] == (3,)", True),
    ("sys.version_info[:3] < (3, 11, 4)", False),
    ("sys.version_info[:3] >= (3, 12, 1)", None),
    ("sys.version_info[0] == 2", False),
    ("sys.version_info[1] < 12", False),
    ("sys.version_info[2] > 0", None),
    ("sys.version_info[-1] == 0", None),
    ("sys.version_info[1:] == (12,)", None),
    ("sys.version_info[:n] == (3, 12)", None),
    ("sys.version_info.major < 3", False),
    ("sys.version_info.minor < 12", False),
    ("sys.version_info.micro < 5", None),
    ("sys.version_info.releaselevel == 'final'", None),
    ("(3, 12) > sys.version_info", False),
    ("(3, 12) <= sys.version_info", True),
    ("(3, 8) <= sys.version_info < (3, 12)", False),
    ("(3, 8) <= sys.version_info < version()", None),
    ("sys.version_info in [(3, 11)]", None),
    ("(3, 11) < (3, 12)", True),
    ("sys.version_info < 3", None),
    ("sys.version_info == sys.version_info", None),
    ("sys.platform == 'win32'", None),
    ("True", True),
    ("0", False),
    ("version() < (3, 12)", None),
]


@pytest.mark.parametrize(("test", "value"), TESTS_ON_312, ids=[t for t, _ in TESTS_ON_312])
def test_version_test_decides_which_branch_runs_on_312(tmp_path, test, value):
    body = f"import sys\nif {test}:\n    import imp  # use\n"
    orelse = f"import sys\nif {test}:\n    pass\nelse:\n    import imp  # use\n"
    assert (why(tmp_path, body) is not None) == (value is False)
    assert (why(tmp_path, orelse) is not None) == (value is True)


@pytest.mark.parametrize(
    "prelude",
    [
        "from sys import version_info\nif version_info < (3, 12):",
        "from sys import version_info as vi\nif vi[:2] < (3, 12):",
        "import sys as _sys\nif _sys.version_info < (3, 12):",
        "import os, sys as system\nif system.version_info.minor < 12:",
    ],
)
def test_aliases_of_sys_and_version_info_are_recognised(tmp_path, prelude):
    assert why(tmp_path, prelude + "\n    import imp  # use\n") is not None


def test_version_info_imported_relatively_is_not_sys(tmp_path):
    source = "from . import sys\nfrom .sys import version_info\nif version_info < (3, 12):\n"
    assert why(tmp_path, source + "    import imp  # use\n") is None


@pytest.mark.parametrize(
    ("test", "value"),
    [
        ("not sys.version_info >= (3, 12)", False),
        ("not unknown()", None),
        ("sys.version_info < (3, 12) and unknown()", False),
        ("unknown() and sys.version_info >= (3, 12)", None),
        ("sys.version_info >= (3, 12) and sys.version_info < (4,)", True),
        ("sys.version_info < (3, 12) or unknown()", None),
        ("sys.version_info >= (3, 12) or unknown()", True),
        ("sys.version_info < (3, 10) or sys.version_info < (3, 11)", False),
    ],
)
def test_not_and_or_follow_three_valued_logic(tmp_path, test, value):
    body = f"import sys\nif {test}:\n    import imp  # use\n"
    orelse = f"import sys\nif {test}:\n    pass\nelse:\n    import imp  # use\n"
    assert (why(tmp_path, body) is not None) == (value is False)
    assert (why(tmp_path, orelse) is not None) == (value is True)


def test_every_branch_of_an_elif_chain_after_a_true_test_is_not_a_use(tmp_path):
    head = "import sys\nif sys.version_info >= (3, 12):\n    pass\n"
    elif_ = head + "elif unknown():\n    import imp  # use\n"
    else_ = head + "elif unknown():\n    pass\nelse:\n    import imp  # use\n"
    assert why(tmp_path, elif_) == "inside the `else` of `if sys.version_info >= (3, 12)`"
    assert why(tmp_path, else_) is not None


def test_elif_test_true_on_312_hides_only_the_else(tmp_path):
    head = "import sys\nif unknown():\n    pass\nelif sys.version_info >= (3, 12):\n"
    assert why(tmp_path, head + "    import imp  # use\n") is None
    assert why(tmp_path, head + "    pass\nelse:\n    import imp  # use\n") is not None


def test_conditional_expression_runs_only_the_branch_312_takes(tmp_path):
    taken = "import sys\nm = imp.new if sys.version_info < (3, 12) else None  # use\n"
    skipped = "import sys\nm = None if sys.version_info < (3, 12) else imp.new  # use\n"
    both = "import sys\nm = imp.a if sys.version_info >= (3, 12) else imp.b  # use\n"
    assert why(tmp_path, taken, raises="AttributeError") == (
        "inside `... if sys.version_info < (3, 12) else ...`"
    )
    assert why(tmp_path, skipped, raises="AttributeError") is None
    assert why(tmp_path, both, raises="AttributeError") is None


def test_operand_after_a_false_and_is_not_a_use(tmp_path):
    source = "import sys\nok = sys.version_info < (3, 12) and imp.reload  # use\n"
    assert why(tmp_path, source) == "after `sys.version_info < (3, 12) and`"


def test_operand_after_a_true_or_is_not_a_use(tmp_path):
    source = "import sys\nok = sys.version_info >= (3, 12) or imp.reload  # use\n"
    assert why(tmp_path, source) == "after `sys.version_info >= (3, 12) or`"


def test_one_line_guard_hides_its_body_but_not_its_test(tmp_path):
    body = "import sys\nif sys.version_info < (3, 12): import imp  # use\n"
    test = "import sys\nif imp.x or sys.version_info < (3, 12): pass  # use\n"
    assert why(tmp_path, body) is not None
    assert why(tmp_path, test, raises="AttributeError") is None


def test_guard_around_a_function_hides_its_body(tmp_path):
    source = """\
        import sys
        if sys.version_info < (3, 12):
            def load():
                return imp.load_source("m", "m.py")  # use
        """
    assert why(tmp_path, source, raises="AttributeError") is not None


def test_long_test_is_shortened_in_the_reason(tmp_path):
    source = "import sys\nif sys.version_info < (3, 12) and a_rather_long_name_for_a_check():\n"
    reason = why(tmp_path, source + "    import imp  # use\n")
    assert reason == "inside `if sys.version_info < (3, 12) and a_rather_long_name_for_a_c...`"


def test_unknown_test_is_not_a_guard(tmp_path):
    source = "import sys\nif os.environ.get('OLD'):\n    import imp  # use\n"
    assert why(tmp_path, source) is None


# Module constants.


def test_module_constant_from_a_version_test_is_recognised(tmp_path):
    source = """\
        import sys
        PY312 = sys.version_info >= (3, 12)
        if not PY312:
            import imp  # use
        """
    assert why(tmp_path, source) == "inside `if not PY312`"


@pytest.mark.parametrize(
    "constants",
    [
        "PY312: bool = sys.version_info >= (3, 12)",
        "PY311 = sys.version_info < (3, 12)\nPY312 = not PY311",
        "VERSION = sys.version_info[:2]\nPY312 = VERSION >= (3, 12)",
    ],
)
def test_annotated_and_derived_module_constants_are_recognised(tmp_path, constants):
    source = f"import sys\n{constants}\nif PY312:\n    pass\nelse:\n    import imp  # use\n"
    assert why(tmp_path, source) is not None


@pytest.mark.parametrize(
    "constants",
    [
        "PY312 = sys.version_info >= (3, 12)\nPY312 = False",
        "def f():\n    global PY312\n    PY312 = sys.version_info >= (3, 12)",
        "for PY312 in (True, False):\n    pass",
        "PY312 = OTHER = sys.version_info >= (3, 12)",
        "PY312, OTHER = sys.version_info >= (3, 12), 1",
        "PY312 = PY312",
        "PY312 = LATER\nLATER = PY312",
        "PY312 = sys.version_info >= (3, 12)\nclass PY312:\n    pass",
        "PY312 = sys.version_info >= (3, 12)\nfrom compat import PY312",
        "PY312: bool",
        "PY312 = sys.version_info >= (3, 12)\nasync def PY312():\n    pass",
    ],
)
def test_names_bound_more_than_once_or_in_a_cycle_are_unknown(tmp_path, constants):
    source = f"import sys\n{constants}\nif PY312:\n    pass\nelse:\n    import imp  # use\n"
    assert why(tmp_path, source) is None


def test_module_constant_set_to_a_literal_is_a_setting_not_a_guard(tmp_path):
    source = "DEBUG = False\nif DEBUG:\n    import imp  # use\n"
    assert why(tmp_path, source) is None


# Type checking.


@pytest.mark.parametrize(
    "prelude",
    [
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:",
        "import typing\nif typing.TYPE_CHECKING:",
    ],
)
def test_type_checking_block_is_only_for_type_checkers(tmp_path, prelude):
    assert why(tmp_path, prelude + "\n    import imp  # use\n") == (
        "only for type checkers (inside `if TYPE_CHECKING`)"
    )


def test_else_of_type_checking_block_is_a_use(tmp_path):
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n"
    assert why(tmp_path, source + "    import imp  # use\n") is None


def test_else_of_not_type_checking_is_not_a_use(tmp_path):
    source = "from typing import TYPE_CHECKING\nif not TYPE_CHECKING:\n    pass\nelse:\n"
    assert why(tmp_path, source + "    import imp  # use\n") is not None


# try/except fallbacks.

FALLBACK = """\
    try:
        import imp  # use
    except {handler}:
        imp = None
    """


@pytest.mark.parametrize(
    ("handler", "caught"),
    [
        ("ModuleNotFoundError", True),
        ("ImportError", True),
        ("Exception", True),
        ("BaseException", True),
        ("(OSError, ImportError)", True),
        ("(KeyError, (ValueError, Exception))", True),
        ("OSError", False),
        ("AttributeError", False),
        ("(KeyError, ValueError)", False),
        ("errors.ImportError", False),
        ("NotABuiltinError", False),
        ("len", False),
    ],
)
def test_try_catches_module_not_found_through_the_builtin_hierarchy(tmp_path, handler, caught):
    assert (why(tmp_path, FALLBACK.format(handler=handler)) is not None) is caught


def test_bare_except_catches_everything(tmp_path):
    source = "try:\n    import imp  # use\nexcept:\n    imp = None\n"
    assert why(tmp_path, source) == (
        "in a try whose `except:` handles the ModuleNotFoundError 3.12 raises"
    )


def test_fallback_reason_names_the_handler_and_the_release(tmp_path):
    assert why(tmp_path, FALLBACK.format(handler="ImportError"), target=(3, 13)) == (
        "in a try whose `except ImportError` handles the ModuleNotFoundError 3.13 raises"
    )


def test_from_import_of_a_removed_name_is_not_caught_by_module_not_found(tmp_path):
    source = """\
        try:
            from ssl import wrap_socket  # use
        except {}:
            wrap_socket = None
        """
    caught = why(tmp_path, source.format("ImportError"), raises="ImportError", name="wrap_socket")
    missed = why(
        tmp_path, source.format("ModuleNotFoundError"), raises="ImportError", name="wrap_socket"
    )
    assert caught is not None
    assert missed is None


@pytest.mark.parametrize(
    ("handler", "caught"),
    [("AttributeError", True), ("(TypeError, AttributeError)", True), ("LookupError", False)],
)
def test_try_catches_attribute_error(tmp_path, handler, caught):
    source = f"try:\n    eq = case.assertEquals  # use\nexcept {handler}:\n    eq = None\n"
    found = why(tmp_path, source, raises="AttributeError", name="assertEquals")
    assert (found is not None) is caught


def test_try_catches_type_error_for_a_removed_keyword(tmp_path):
    source = """\
        try:
            ssl.wrap_socket(sock, keyfile=key)  # use
        except TypeError:
            pass
        """
    assert why(tmp_path, source, raises="TypeError", name="keyfile") is not None


def test_unknown_exception_name_is_caught_only_by_base_exception_or_bare_except(tmp_path):
    for handler, caught in [("Exception", False), ("BaseException", True)]:
        source = FALLBACK.format(handler=handler)
        assert (why(tmp_path, source, raises="SomeError") is not None) is caught


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    pass\nexcept ImportError:\n    import imp  # use\n",
        "try:\n    pass\nexcept ImportError:\n    pass\nelse:\n    import imp  # use\n",
        "try:\n    pass\nexcept ImportError:\n    pass\nfinally:\n    import imp  # use\n",
        "try:\n    import imp  # use\nfinally:\n    pass\n",
    ],
    ids=["handler", "else", "finally", "no-handler"],
)
def test_use_outside_the_try_body_is_a_use(tmp_path, source):
    assert why(tmp_path, source) is None


def test_handler_that_only_reraises_does_not_handle(tmp_path):
    source = "try:\n    import imp  # use\nexcept ImportError:\n    raise\n"
    assert why(tmp_path, source) is None


def test_handler_that_skips_some_cases_and_then_reraises_does_not_handle(tmp_path):
    source = """\
        try:
            __import__("six.moves." + name)  # use
        except ImportError:
            if name == "winreg":
                pytest.skip("Windows only module")
            raise
        """
    assert why(tmp_path, source) is None


def test_any_enclosing_try_qualifies_while_the_line_is_in_its_body(tmp_path):
    inner = """\
        try:
            try:
                import imp  # use
            except KeyError:
                pass
        except ImportError:
            pass
        """
    handler = """\
        try:
            try:
                pass
            except KeyError:
                import imp  # use
        except ImportError:
            pass
        """
    outer_handler = """\
        try:
            pass
        except ImportError:
            try:
                import imp  # use
            except KeyError:
                pass
        """
    assert why(tmp_path, inner) is not None
    assert why(tmp_path, handler) is not None
    assert why(tmp_path, outer_handler) is None


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    def load():\n        return imp.x  # use\nexcept Exception:\n    pass\n",
        "try:\n    load = lambda: imp.reload  # use\nexcept Exception:\n    pass\n",
        "try:\n    g = (imp.x for m in ms)  # use\nexcept Exception:\n    pass\n",
        "try:\n    g = (m for m in ms if imp.x)  # use\nexcept Exception:\n    pass\n",
    ],
    ids=["function", "lambda", "generator", "generator-condition"],
)
def test_try_does_not_cover_code_that_runs_later(tmp_path, source):
    assert why(tmp_path, source, raises="AttributeError") is None


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    @deco(imp.x)  # use\n    def load(): pass\nexcept AttributeError:\n    pass\n",
        "try:\n    g = (m for m in imp.x)  # use\nexcept AttributeError:\n    pass\n",
        "try:\n    class C:\n        r = imp.x  # use\nexcept AttributeError:\n    pass\n",
        "def f():\n    try:\n        import imp  # use\n    except Exception:\n        pass\n",
    ],
    ids=["decorator", "first-iterable", "class-body", "try-inside-function"],
)
def test_try_covers_code_that_runs_at_once(tmp_path, source):
    assert why(tmp_path, source, raises="AttributeError") is not None


def test_with_suppress_is_a_fallback(tmp_path):
    use = "\n    import imp  # use\n"
    suppressed = "import contextlib\nwith contextlib.suppress(ImportError):" + use
    named = "from contextlib import suppress\nwith suppress(KeyError, Exception):" + use
    other = "import contextlib\nwith contextlib.suppress(KeyError):" + use
    opened = "with open(path) as f, lock:" + use
    assert why(tmp_path, suppressed) == (
        "inside `with suppress(...)`, which suppresses the ModuleNotFoundError"
    )
    assert why(tmp_path, named) is not None
    assert why(tmp_path, other) is None
    assert why(tmp_path, opened) is None


@pytest.mark.skipif(sys.version_info < (3, 11), reason="except* is new in 3.11")
def test_except_star_is_a_fallback(tmp_path):
    source = "try:\n    import imp  # use\nexcept* ImportError:\n    pass\n"
    assert why(tmp_path, source) is not None


# Feature checks.


@pytest.mark.parametrize(
    "check",
    [
        "hasattr(ssl, 'wrap_socket')",
        'getattr(ssl, "wrap_socket", None)',
        "'wrap_socket' in dir(ssl)",
        "'wrap_socket' not in dir(ssl)",
    ],
)
def test_attribute_feature_checks_are_not_uses(tmp_path, check):
    source = f"ok = {check}  # use\n"
    found = why(tmp_path, source, raises="AttributeError", name="wrap_socket")
    assert found == f"feature check {check}"


@pytest.mark.parametrize(
    "check",
    [
        "getattr(ssl, 'wrap_socket')",
        "getattr(ssl, name, 'wrap_socket')",
        "hasattr(ssl, wrap_socket)",
        "hasattr(ssl, 'wrap_socket', extra=1)",
        "'wrap_socket' in vars(ssl)",
        "'wrap_socket' in ssl.__dict__",
        "ssl.wrap_socket == dir(ssl)",
    ],
)
def test_attribute_lookups_that_are_not_feature_checks_are_uses(tmp_path, check):
    source = f"ok = {check}  # use\n"
    assert why(tmp_path, source, raises="AttributeError", name="wrap_socket") is None


@pytest.mark.parametrize(
    ("check", "name"),
    [
        ("importlib.util.find_spec('imp')", "imp"),
        ("find_spec('imp')", "imp"),
        ("importlib.util.find_spec('tkinter.tix')", "tkinter.tix"),
    ],
)
def test_find_spec_is_a_feature_check_for_modules(tmp_path, check, name):
    found = why(tmp_path, f"ok = {check} is not None  # use\n", name=name)
    assert found == f"feature check {check}"


def test_find_spec_of_a_submodule_of_a_removed_package_is_a_use(tmp_path):
    # It imports the package first, which fails on the newer release.
    source = "ok = importlib.util.find_spec('distutils.core') is not None  # use\n"
    assert why(tmp_path, source, name="distutils") is None


def test_feature_check_for_another_failure_is_a_use(tmp_path):
    source = "ok = hasattr(ssl, 'imp')  # use\n"
    assert why(tmp_path, source, raises="ModuleNotFoundError") is None
    assert why(tmp_path, "ok = find_spec('imp')  # use\n", raises="AttributeError") is None


def test_feature_check_and_a_real_use_on_one_line_is_a_use(tmp_path):
    source = "print(hasattr(ssl, 'wrap_socket'), ssl.wrap_socket)  # use\n"
    assert why(tmp_path, source, raises="AttributeError", name="wrap_socket") is None


def test_body_of_an_if_feature_check_is_not_a_use(tmp_path):
    source = "if hasattr(ssl, 'wrap_socket'):\n    ssl.wrap_socket(sock)  # use\n"
    reason = why(tmp_path, source, raises="AttributeError", name="wrap_socket")
    assert reason == "inside `if hasattr(ssl, 'wrap_socket')`"


def test_else_of_a_negated_feature_check_is_not_a_use(tmp_path):
    source = (
        "import importlib.util\n"
        "if importlib.util.find_spec('imp') is None:\n    pass\nelse:\n    import imp  # use\n"
    )
    assert why(tmp_path, source) is not None


def test_feature_check_for_another_name_guards_nothing(tmp_path):
    source = "if hasattr(ssl, 'SSLContext'):\n    ssl.wrap_socket(sock)  # use\n"
    assert why(tmp_path, source, raises="AttributeError", name="wrap_socket") is None


@pytest.mark.parametrize(
    "exit_statement",
    ["return", "raise ImportError", "pytest.skip('gone')", "self.skipTest('gone')"],
)
def test_code_after_an_early_exit_for_the_release_is_not_a_use(tmp_path, exit_statement):
    source = (
        "def test():\n"
        "    if not hasattr(locale, 'format'):\n"
        f"        {exit_statement}\n"
        "    locale.format('%d', 1)  # use\n"
    )
    assert why(tmp_path, source, raises="AttributeError", name="format") is not None


def test_code_after_an_if_that_does_not_always_leave_is_a_use(tmp_path):
    source = (
        "def test():\n"
        "    if not hasattr(locale, 'format'):\n"
        "        print('gone')\n"
        "    locale.format('%d', 1)  # use\n"
    )
    assert why(tmp_path, source, raises="AttributeError", name="format") is None


@pytest.mark.parametrize(
    "decorator",
    [
        "@pytest.mark.skipif(sys.version_info >= (3, 12), reason='gone')",
        "@pytest.mark.skipif('sys.version_info >= (3, 12)')",
        "@unittest.skipIf(sys.version_info >= (3, 12), 'gone')",
        "@unittest.skipUnless(hasattr(unittest.TestCase, 'assertEquals'), 'gone')",
    ],
)
def test_body_of_a_test_skipped_on_the_release_is_not_a_use(tmp_path, decorator):
    name = "assertEquals" if "assertEquals" in decorator else "imp"
    source = f"{decorator}\ndef test():\n    import imp; self.assertEquals  # use\n"
    raises = "AttributeError" if name == "assertEquals" else "ModuleNotFoundError"
    assert why(tmp_path, source, raises=raises, name=name) is not None


def test_class_skipped_on_the_release_guards_its_methods(tmp_path):
    source = (
        "@unittest.skipIf(sys.version_info >= (3, 12), 'gone')\n"
        "class Legacy(unittest.TestCase):\n"
        "    def test(self):\n"
        "        import imp  # use\n"
    )
    assert why(tmp_path, source) is not None


def test_test_skipped_before_the_release_is_a_use(tmp_path):
    source = (
        "@pytest.mark.skipif(sys.version_info < (3, 12), reason='x')\n"
        "def test():\n    import imp  # use\n"
    )
    assert why(tmp_path, source) is None


def test_import_by_string_is_a_use(tmp_path):
    source = "m = importlib.import_module('imp')  # use\n"
    assert why(tmp_path, source) is None


# Assertions on feature checks, and checks for what replaced an API.

# (an assertion on a feature check, the exception the release raises for the use, API name)
FAILING_ASSERTIONS = [
    ("assert importlib.util.find_spec('imp') is not None", "ModuleNotFoundError", "imp"),
    ("assert importlib.util.find_spec('asyncore')", "ModuleNotFoundError", "asyncore"),
    ("assert hasattr(ssl, 'wrap_socket')", "AttributeError", "wrap_socket"),
    ("assert 'wrap_socket' in dir(ssl)", "AttributeError", "wrap_socket"),
    ("assert getattr(ssl, 'wrap_socket', None) is not None", "AttributeError", "wrap_socket"),
    (
        "assert hasattr(ssl, 'wrap_socket') and hasattr(ssl, 'SSLContext')",
        "AttributeError",
        "wrap_socket",
    ),
    ("case.assertTrue(hasattr(ssl, 'wrap_socket'))", "AttributeError", "wrap_socket"),
    ("case.assertFalse(importlib.util.find_spec('imp') is None)", "ModuleNotFoundError", "imp"),
    ("case.assertIsNotNone(importlib.util.find_spec('imp'))", "ModuleNotFoundError", "imp"),
]
PASSING_ASSERTIONS = [
    ("assert importlib.util.find_spec('imp') is None", "ModuleNotFoundError", "imp"),
    ("assert not hasattr(ssl, 'wrap_socket')", "AttributeError", "wrap_socket"),
    ("assert 'wrap_socket' not in dir(ssl)", "AttributeError", "wrap_socket"),
    (
        "assert hasattr(ssl, 'wrap_socket') or sys.version_info >= (3, 12)",
        "AttributeError",
        "wrap_socket",
    ),
    ("case.assertFalse(hasattr(ssl, 'wrap_socket'))", "AttributeError", "wrap_socket"),
    ("case.assertIsNone(importlib.util.find_spec('imp'))", "ModuleNotFoundError", "imp"),
    ("case.assertTrue(importlib.util.find_spec('imp') is None)", "ModuleNotFoundError", "imp"),
]
# What cannot be decided stays a feature check: it is not known to fail.
UNDECIDED_ASSERTIONS = [
    (
        "assert (importlib.util.find_spec('imp') is None) == (sys.version_info >= (3, 12))",
        "ModuleNotFoundError",
        "imp",
    ),
    ("assert hasattr(ssl, 'wrap_socket') == expected", "AttributeError", "wrap_socket"),
]
ASSERTION_PRELUDE = "import importlib.util, ssl, sys, unittest\ncase = unittest.TestCase()\n"


@pytest.mark.parametrize(("assertion", "raises", "name"), FAILING_ASSERTIONS)
def test_an_assertion_that_a_feature_check_finds_the_api_is_a_use(
    tmp_path, assertion, raises, name
):
    source = f"{ASSERTION_PRELUDE}{assertion}  # use\n"
    assert why(tmp_path, source, raises=raises, name=name) is None


@pytest.mark.parametrize(
    ("assertion", "raises", "name"), PASSING_ASSERTIONS + UNDECIDED_ASSERTIONS
)
def test_an_assertion_that_holds_on_the_release_keeps_its_feature_check(
    tmp_path, assertion, raises, name
):
    source = f"{ASSERTION_PRELUDE}{assertion}  # use\n"
    assert why(tmp_path, source, raises=raises, name=name).startswith("feature check ")


def test_a_failing_assertion_in_code_the_release_never_runs_is_not_a_use(tmp_path):
    source = (
        "import importlib.util, sys\nif sys.version_info < (3, 12):\n"
        "    assert importlib.util.find_spec('imp') is not None  # use\n"
    )
    assert why(tmp_path, source) == "inside `if sys.version_info < (3, 12)`"


def test_an_assertion_elsewhere_in_the_file_does_not_make_a_check_a_use(tmp_path):
    source = "assert True\nok = hasattr(ssl, 'wrap_socket')  # use\nassert ok\n"
    found = why(tmp_path, source, raises="AttributeError", name="wrap_socket")
    assert found == "feature check hasattr(ssl, 'wrap_socket')"


def test_find_spec_of_a_name_computed_at_run_time_is_a_feature_check(tmp_path):
    source = "for name in names:\n    if importlib.util.find_spec(name):  # use\n        pass\n"
    assert why(tmp_path, source) == "feature check importlib.util.find_spec(name)"


def test_find_spec_of_a_computed_name_guards_what_it_decides(tmp_path):
    source = "m = importlib.import_module(n) if importlib.util.find_spec(n) else None  # use\n"
    assert why(tmp_path, source) == "feature check importlib.util.find_spec(n)"


def test_find_spec_of_a_computed_name_beside_an_import_leaves_the_import_a_use(tmp_path):
    source = "import imp; spec = importlib.util.find_spec(name)  # use\n"
    assert why(tmp_path, source) is None


def test_find_spec_of_a_computed_name_is_no_feature_check_for_an_attribute(tmp_path):
    source = "spec = importlib.util.find_spec(name); ssl.wrap_socket  # use\n"
    assert why(tmp_path, source, raises="AttributeError", name="wrap_socket") is None


def test_else_of_a_not_in_dir_check_is_not_a_use(tmp_path):
    source = (
        "if 'format' not in dir(locale):\n    pass\nelse:\n    locale.format('%d', 1)  # use\n"
    )
    reason = why(tmp_path, source, raises="AttributeError", name="format")
    assert reason == "inside the `else` of `if 'format' not in dir(locale)`"


ENTRY_POINTS_CHECKS = [
    "hasattr(eps, 'select')",
    "getattr(eps, 'select', None) is not None",
    "'groups' in dir(eps)",
    "getattr(eps, 'names', None)",
]


@pytest.mark.parametrize("check", ENTRY_POINTS_CHECKS)
def test_a_check_for_select_guards_the_dict_interface_of_entry_points(tmp_path, check):
    source = (
        "eps = importlib.metadata.entry_points()\n"
        f"if {check}:\n    scripts = eps.select(group='console_scripts')\n"
        "else:\n    scripts = eps.get('console_scripts', [])  # use\n"
    )
    reason = why(tmp_path, source, raises="AttributeError", name="entry_points")
    assert reason == f"inside the `else` of `if {check}`"


def test_a_check_for_select_does_not_guard_its_own_body(tmp_path):
    source = "if not hasattr(eps, 'select'):\n    pass\nelse:\n    eps['console_scripts']  # use\n"
    assert why(tmp_path, source, raises="AttributeError", name="entry_points") is None


def test_a_check_for_select_guards_nothing_but_entry_points(tmp_path):
    source = "if hasattr(eps, 'select'):\n    pass\nelse:\n    import imp  # use\n"
    assert why(tmp_path, source) is None


# Where the use is on the line, and reading the file.


def test_keyword_on_a_later_line_of_a_guarded_call_is_found_at_the_call(tmp_path):
    source = """\
        try:
            ssl.wrap_socket(  # use
                sock,
                keyfile=key,
            )
        except TypeError:
            pass
        """
    assert why(tmp_path, source, raises="TypeError", name="keyfile") is not None
    unguarded = "ssl.wrap_socket(  # use\n    sock,\n    keyfile=key,\n)\n"
    assert why(tmp_path, unguarded, raises="TypeError", name="keyfile") is None


def test_multi_line_import_mentions_the_name_on_every_line(tmp_path):
    source = """\
        import sys
        if sys.version_info < (3, 12):
            from imp import (
                reload,  # use
            )
        """
    assert why(tmp_path, source, raises="ImportError", name="reload") is not None


def test_behaviour_without_a_name_on_the_line_uses_every_place_on_it(tmp_path):
    guarded = "import sys\nif sys.version_info < (3, 12):\n    eps['x']  # use\n"
    one_line = "import sys\nif ready(): eps['x']  # use\n"
    unguarded = "eps['x']  # use\n"
    assert why(tmp_path, guarded, raises="DeprecationWarning", name="EntryPoints") is not None
    assert why(tmp_path, one_line, raises="DeprecationWarning", name="EntryPoints") is None
    assert why(tmp_path, unguarded, raises="DeprecationWarning", name="EntryPoints") is None


def test_line_without_code_is_not_guarded(tmp_path):
    filename, _ = write(tmp_path, "import sys\n\n# use\n")
    assert unreachable_on(filename, 2, (3, 12), "ModuleNotFoundError", "imp") is None
    assert unreachable_on(filename, 99, (3, 12), "ModuleNotFoundError", "imp") is None


def test_file_that_does_not_parse_is_not_guarded(tmp_path):
    source = "import sys\nif sys.version_info < (3, 12):\n    import imp  # use\n    def (:\n"
    assert why(tmp_path, source) is None


def test_file_with_null_bytes_is_not_guarded(tmp_path):
    path = tmp_path / "nul.py"
    path.write_bytes(b"if False:\n    import imp\x00\n")
    assert unreachable_on(str(path), 2, (3, 12), "ModuleNotFoundError", "imp") is None


def test_missing_file_is_not_guarded(tmp_path):
    missing = str(tmp_path / "missing.py")
    assert unreachable_on(missing, 1, (3, 12), "ModuleNotFoundError", "imp") is None


def test_undecodable_file_is_not_guarded(tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes(b"if False:\n    import imp  # \xff\xfe\n")
    assert unreachable_on(str(path), 2, (3, 12), "ModuleNotFoundError", "imp") is None


def test_linecache_failure_is_not_guarded(monkeypatch):
    def broken(filename, module_globals=None):
        raise SyntaxError("unknown encoding: nonsense")

    monkeypatch.setattr(linecache, "getlines", broken)
    assert unreachable_on("anything.py", 1, (3, 12), "ModuleNotFoundError", "imp") is None


def test_source_warnings_do_not_escape(tmp_path):
    source = "import sys\nif sys.version_info < (3, 12):\n    import imp  # use\nx = '\\d'\n"
    assert why(tmp_path, source) is not None  # the suite turns warnings into errors


def test_changed_source_is_parsed_again(tmp_path):
    guarded = "import sys\nif sys.version_info < (3, 12):\n    import imp  # use\n"
    unguarded = "import sys\nif sys.version_info >= (3, 12):\n    import imp  # use\n"
    assert why(tmp_path, guarded) is not None
    assert why(tmp_path, unguarded) is None
    assert guards._index.cache_info().currsize >= 2


# The real interpreters agree.

INTERPRETERS = {
    (3, 12): Path("/root/.pyenv/versions/3.12.1/bin/python"),
    (3, 13): Path("/root/.pyenv/versions/3.13.0/bin/python"),
}

# (target, source with a ``# use`` line, exception the release raises, API name)
REAL = [
    ((3, 12), "import imp  # use\n", "ModuleNotFoundError", "imp"),
    (
        (3, 12),
        "import sys\nif sys.version_info < (3, 12):\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "import sys\nif sys.version_info >= (3, 12):\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "import sys\nif sys.version_info <= (3, 12):\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "import sys\nif sys.version_info == (3, 12):\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "import sys\nif sys.version_info[:2] == (3, 12):\n    pass\n"
        "else:\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "try:\n    import imp  # use\nexcept ImportError:\n    imp = None\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "try:\n    import imp  # use\nexcept AttributeError:\n    imp = None\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "try:\n    from ssl import wrap_socket  # use\nexcept ModuleNotFoundError:\n    pass\n",
        "ImportError",
        "wrap_socket",
    ),
    (
        (3, 12),
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "import sys\nPY312 = sys.version_info >= (3, 12)\nif not PY312:\n    import imp  # use\n",
        "ModuleNotFoundError",
        "imp",
    ),
    (
        (3, 12),
        "import sys, unittest\n"
        "eq = unittest.TestCase.assertEquals if sys.version_info < (3, 12) else None  # use\n",
        "AttributeError",
        "assertEquals",
    ),
    (
        (3, 12),
        "import unittest\neq = unittest.TestCase.assertEquals  # use\n",
        "AttributeError",
        "assertEquals",
    ),
    (
        (3, 12),
        "import unittest\nok = hasattr(unittest.TestCase, 'assertEquals')  # use\n",
        "AttributeError",
        "assertEquals",
    ),
    (
        (3, 12),
        "import unittest\neq = getattr(unittest.TestCase, 'assertEquals')  # use\n",
        "AttributeError",
        "assertEquals",
    ),
    (
        (3, 13),
        "import sys\nif sys.version_info < (3, 13):\n    import telnetlib  # use\n",
        "ModuleNotFoundError",
        "telnetlib",
    ),
    (
        (3, 13),
        "import sys\nif sys.version_info < (3, 12):\n    pass\n"
        "else:\n    import telnetlib  # use\n",
        "ModuleNotFoundError",
        "telnetlib",
    ),
    (
        (3, 12),
        "import ssl\nif hasattr(ssl, 'wrap_socket'):\n    ssl.wrap_socket  # use\n",
        "AttributeError",
        "wrap_socket",
    ),
    (
        (3, 12),
        "import locale\ndef f():\n    if not hasattr(locale, 'format'):\n        return\n"
        "    locale.format('%d', 1)  # use\nf()\n",
        "AttributeError",
        "format",
    ),
    (
        (3, 12),
        "import locale\ndef f():\n    if not hasattr(locale, 'format'):\n        pass\n"
        "    locale.format('%d', 1)  # use\nf()\n",
        "AttributeError",
        "format",
    ),
]


REAL += [
    (
        (3, 12),
        "import importlib.util\nif importlib.util.find_spec('distutils.core'):  # use\n    pass\n",
        "ModuleNotFoundError",
        "distutils",
    ),
    (
        (3, 13),
        "import importlib.util\nif importlib.util.find_spec('tkinter.tix'):  # use\n    pass\n",
        "ModuleNotFoundError",
        "tkinter.tix",
    ),
    (
        (3, 12),
        "import importlib.metadata\neps = importlib.metadata.entry_points()\n"
        "if hasattr(eps, 'select'):\n    scripts = eps.select(group='console_scripts')\n"
        "else:\n    scripts = eps.get('console_scripts', [])  # use\n",
        "AttributeError",
        "entry_points",
    ),
    (
        (3, 12),
        "import importlib.metadata\neps = importlib.metadata.entry_points()\n"
        "scripts = eps.get('console_scripts', [])  # use\n",
        "AttributeError",
        "entry_points",
    ),
    (
        (3, 12),
        "import importlib.metadata, sys\nif sys.version_info >= (3, 10):\n"
        "    scripts = importlib.metadata.entry_points(group='console_scripts')\n"
        "else:\n    scripts = importlib.metadata.entry_points()['console_scripts']  # use\n",
        "AttributeError",
        "entry_points",
    ),
]


@pytest.mark.parametrize(("target", "source", "raises", "name"), REAL)
def test_not_a_use_exactly_when_the_real_release_runs_the_code_without_failing(
    tmp_path, target, source, raises, name
):
    interpreter = INTERPRETERS[target]
    if not interpreter.exists():
        pytest.skip(f"no Python {target[0]}.{target[1]} at {interpreter}")
    filename, lineno = write(tmp_path, source)
    run = subprocess.run(
        [str(interpreter), "-I", "-S", filename], capture_output=True, text=True, check=False
    )
    if run.returncode:
        assert run.stderr.splitlines()[-1].startswith(raises)
    assert (unreachable_on(filename, lineno, target, raises, name) is not None) == (
        run.returncode == 0
    )


def test_find_spec_is_none_branch_guards_its_else(tmp_path):
    source = (
        "import importlib.util\n"
        "if importlib.util.find_spec('imp') is None:\n    import importlib as imp\n"
        "else:\n    import imp  # use\n"
    )
    assert why(tmp_path, source) is not None


@pytest.mark.parametrize(
    "decorator",
    ["@pytest.mark.skipif\n", "@pytest.mark.skipif('sys.version_info >=')\n", "@other(1)\n"],
    ids=["no-condition", "bad-condition-string", "not-a-skip"],
)
def test_skip_decorators_that_cannot_be_read_guard_nothing(tmp_path, decorator):
    source = f"{decorator}def test():\n    import imp  # use\n"
    assert why(tmp_path, source) is None


def test_find_spec_is_not_none_branch_guards_its_body(tmp_path):
    source = (
        "import importlib.util\n"
        "if importlib.util.find_spec('imp') is not None:\n    import imp  # use\n"
    )
    assert why(tmp_path, source) is not None


def test_skipif_without_a_condition_guards_nothing(tmp_path):
    source = "@pytest.mark.skipif()\ndef test():\n    import imp  # use\n"
    assert why(tmp_path, source) is None


def test_a_none_comparison_that_is_no_feature_check_guards_nothing(tmp_path):
    source = "if settings is not None:\n    import imp  # use\n"
    assert why(tmp_path, source) is None


@pytest.mark.parametrize(("assertion", "raises", "name"), FAILING_ASSERTIONS + PASSING_ASSERTIONS)
def test_an_assertion_on_a_feature_check_is_a_use_exactly_when_it_fails_on_the_real_release(
    tmp_path, assertion, raises, name
):
    interpreter = INTERPRETERS[(3, 12)]
    if not interpreter.exists():
        pytest.skip(f"no Python 3.12 at {interpreter}")
    filename, lineno = write(tmp_path, f"{ASSERTION_PRELUDE}{assertion}  # use\n")
    run = subprocess.run(
        [str(interpreter), "-I", "-S", filename], capture_output=True, text=True, check=False
    )
    if run.returncode:
        assert run.stderr.splitlines()[-1].startswith("AssertionError")
    assert (unreachable_on(filename, lineno, (3, 12), raises, name) is None) == bool(
        run.returncode
    )


# Annotations: evaluated when the definition runs before 3.14, when asked for from 3.14 on.

ANNOTATED = {
    "parameter": "def f(x: ast.Num = None): pass  # use\n",
    "return": "def f() -> ast.Num: pass  # use\n",
    "async return": "async def f() -> ast.Num: pass  # use\n",
    "keyword-only": "def f(*, x: ast.Num = None): pass  # use\n",
    "star args": "def f(*args: ast.Num, **kwargs: ast.Num): pass  # use\n",
    "class variable": "class C:\n    x: ast.Num = None  # use\n",
    "module variable": "x: ast.Num = None  # use\n",
}


@pytest.mark.parametrize("source", ANNOTATED.values(), ids=list(ANNOTATED))
def test_a_name_in_an_annotation_is_no_use_from_314_on(tmp_path, source):
    def reason(target):
        return why(tmp_path, source, target, "AttributeError", "Num")

    assert reason((3, 13)) is None
    assert reason((3, 14)) == guards._DEFERRED
    filename, lineno = write(tmp_path, source)
    assert guards.in_annotation(filename, lineno, "Num")
    assert guards.annotations_deferred((3, 14))
    assert not guards.annotations_deferred((3, 13))


@pytest.mark.parametrize(
    "source",
    [
        "def f(x: ast.Num = ast.Num(1)): pass  # use\n",  # the default runs
        "x: ast.Num = ast.Num(1)  # use\n",  # the value is assigned
        "def f(x: int = 0): return ast.Num  # use\n",
        "f = lambda x: ast.Num  # use\n",
    ],
)
def test_a_name_outside_annotations_on_the_line_is_a_use_on_314(tmp_path, source):
    assert why(tmp_path, source, (3, 14), "AttributeError", "Num") is None
    filename, lineno = write(tmp_path, source)
    assert not guards.in_annotation(filename, lineno, "Num")


def test_in_annotation_of_a_file_that_cannot_be_read_is_false(tmp_path):
    assert not guards.in_annotation(str(tmp_path / "missing.py"), 1, "Num")
