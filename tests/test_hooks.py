"""The plugin's own hooks: pytest_removed_apis_add_entries (a library's removals, detected
and simulated like the standard library's), pytest_removed_apis_classify, and the usage
errors a malformed catalog extension gets."""

from __future__ import annotations

import builtins
import os
import re
import sys
import textwrap

import pytest

from pytest_removed_apis import CATALOG, RELEASES, Entry, by_id, removed_api
from pytest_removed_apis.catalog import added_entry_problem, version_tuple
from pytest_removed_apis.scan import Scanner

BEFORE_312 = sys.version_info < (3, 12)

MYLIB = '''
"""mylib 1.x: old_helper, oldmod, Client.old_method and connect(timeout_ms=) are gone in 2.0."""


def old_helper():
    return "old"


def new_helper():
    return "new"


def connect(host, timeout=None, timeout_ms=None):
    return host, timeout, timeout_ms


class Client:
    def old_method(self):
        return "old"

    def new_method(self):
        return "new"
'''

DOCS = "https://mylib.example.org/changes/2.0.html"

ENTRIES = f"""
from pytest_removed_apis import removed_api

DOCS = {DOCS!r}
MYLIB_ENTRIES = [
    removed_api(
        "mylib:old_helper",
        "function",
        removed_in="mylib 2.0",
        deprecated_in="mylib 1.4",
        replacement="Use mylib.new_helper().",
        doc_url=DOCS,
    ),
    removed_api(
        "mylib.oldmod",
        "module",
        removed_in="mylib 2.0",
        replacement="Import VALUE from mylib.",
        doc_url=DOCS,
        warning=r"mylib\\.oldmod is deprecated",
    ),
    removed_api(
        "mylib:connect",
        "parameter",
        aspect="timeout_ms",
        removed_in="mylib 2.0",
        replacement="Pass timeout= in seconds.",
        doc_url=DOCS,
    ),
    removed_api(
        "mylib:Client.old_method",
        "method",
        removed_in="mylib 2.0",
        replacement="Use Client.new_method().",
        doc_url=DOCS,
    ),
]
"""

CONFTEST = (
    ENTRIES
    + """

def pytest_removed_apis_add_entries(config):
    return MYLIB_ENTRIES
"""
)

USES = """
import mylib


def test_helper():
    assert mylib.old_helper() == "old"


def test_oldmod():
    import mylib.oldmod

    assert mylib.oldmod.VALUE == 1


def test_connect():
    assert mylib.connect("db", timeout_ms=5)


def test_method():
    assert mylib.Client().old_method() == "old"


def test_clean():
    assert mylib.new_helper() == "new"
    assert mylib.connect("db", timeout=1)
    assert mylib.Client().new_method() == "new"
"""


@pytest.fixture
def mylib(project):
    """A project with a ``mylib`` package and a conftest.py adding its removals."""
    project.mkpydir("mylib")
    project.path.joinpath("mylib", "__init__.py").write_text(MYLIB)
    project.path.joinpath("mylib", "oldmod.py").write_text("VALUE = 1\n")
    project.makeconftest(CONFTEST)
    return project


def statuses(reprec, name):
    return {f["api"]: f["status"] for f in reprec.matchreport(name).removed_apis}


# -- pytest_removed_apis_add_entries: default mode -----------------------------------


def test_added_entries_fail_the_tests_that_use_them_on_any_python(mylib):
    before = builtins.__import__
    mylib.makepyfile(test_app=USES)
    result = mylib.runpytest()
    result.assert_outcomes(failed=4, passed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ test_helper _*",
            "uses APIs removed in mylib 2.0: mylib.old_helper",
            "  mylib.old_helper (function, removed in mylib 2.0)",
            "    used at test_app.py:5 during call of test_app.py::test_helper",
            "    use instead: Use mylib.new_helper().",
            f"    docs: {DOCS}",
        ]
    )
    result.stdout.fnmatch_lines(["*mylib.oldmod (module, removed in mylib 2.0)"])
    result.stdout.fnmatch_lines(["*mylib.connect:timeout_ms (parameter, removed in mylib 2.0)"])
    result.stdout.fnmatch_lines(["*mylib.Client.old_method (method, removed in mylib 2.0)"])
    result.stdout.fnmatch_lines(["test_app.py RRRR.", "REMOVED-API test_app.py::test_helper*"])
    assert builtins.__import__ is before


def test_added_entries_carry_their_release_in_the_junit_properties(mylib):
    mylib.makepyfile(test_app=USES)
    reprec = mylib.inline_run()
    reprec.assertoutcome(failed=4, passed=1)
    report = reprec.matchreport("test_helper")
    assert report.removed_apis[0]["removed_in"] == "mylib 2.0"
    assert report.removed_apis[0]["status"] == "fail"
    assert (
        "removed_api",
        "mylib.old_helper: function removed in mylib 2.0, used at test_app.py:5 (fail)",
    ) in report.user_properties


def test_the_catalog_listing_and_the_header_include_added_entries(mylib):
    result = mylib.runpytest("--removed-apis-catalog")
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            "removed in Python 3.13 (*",
            "*",
            "removed in mylib 2.0 (4 APIs)",
            "  mylib.Client.old_method  [method, deprecated in None]",
            "      use instead: Use Client.new_method().",
            f"      docs: {DOCS}",
        ]
    )
    mylib.makepyfile("def test_ok(): pass")
    result = mylib.runpytest()
    result.stdout.fnmatch_lines(
        [f"removed-apis: catalog of {len(CATALOG) + 4} APIs (*, 4 removed in mylib 2.0); mode:*"]
    )


def test_a_library_entry_is_never_upcoming_whatever_the_target(mylib):
    mylib.makepyfile(test_app="import mylib\n\ndef test_helper():\n    mylib.old_helper()\n")
    reprec = mylib.inline_run("--removed-apis-target", "3.13")
    reprec.assertoutcome(failed=1)
    assert statuses(reprec, "test_helper") == {"mylib.old_helper": "fail"}


def test_the_allow_removed_marker_accepts_an_added_id(mylib):
    mylib.makepyfile(
        test_app="""
        import mylib, pytest

        @pytest.mark.allow_removed("mylib.old_helper")
        def test_helper():
            mylib.old_helper()
            mylib.Client().old_method()
        """
    )
    reprec = mylib.inline_run()
    reprec.assertoutcome(failed=1)
    assert statuses(reprec, "test_helper") == {
        "mylib.old_helper": "allowed",
        "mylib.Client.old_method": "fail",
    }


@pytest.mark.parametrize(
    "where",
    ["ini", "command line"],
)
def test_the_allow_list_accepts_added_ids_and_module_prefixes(mylib, where):
    mylib.makepyfile(test_app=USES)
    if where == "ini":
        mylib.makefile(
            ".ini",
            pytest="[pytest]\naddopts = -p removed_apis -p no:cacheprovider\n"
            "removed_apis_allow =\n    mylib.old_helper\n    mylib.oldmod\n",
        )
        args = []
    else:
        args = ["--removed-apis-allow", "mylib"]
    reprec = mylib.inline_run(*args)
    assert statuses(reprec, "test_helper") == {"mylib.old_helper": "allowed"}
    assert statuses(reprec, "test_oldmod") == {"mylib.oldmod": "allowed"}
    expected = "allowed" if where == "command line" else "fail"
    assert statuses(reprec, "test_method") == {"mylib.Client.old_method": expected}


def test_an_unknown_name_suggests_added_ids(mylib):
    mylib.makepyfile(
        test_app="""
        import pytest

        @pytest.mark.allow_removed("mylib.old_helpr")
        def test_x():
            pass
        """
    )
    result = mylib.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*'mylib.old_helpr' in @pytest.mark.allow_removed*"])
    result.stderr.fnmatch_lines(["*did you mean 'mylib.old_helper'*"])


def test_mode_off_watches_added_entries_no_more_than_the_catalog(mylib):
    mylib.makepyfile(test_app=USES)
    mylib.runpytest("--removed-apis=off").assert_outcomes(passed=5)


def test_the_static_scan_finds_library_entries_for_any_target():
    entry = removed_api(
        "mylib:old_helper", "function", removed_in="mylib 2.0", replacement="x", doc_url="y"
    )
    source = "import mylib\nmylib.old_helper()\n"
    for target in ("3.12", "3.13"):
        uses = Scanner(target, [*CATALOG, entry]).source(source)
        assert [(use.line, use.entry.id) for use in uses] == [(2, "mylib.old_helper")]


# -- pytest_removed_apis_add_entries: simulation (the import system: in a subprocess) ---

SIMULATED = """
import importlib.util, platform, sys
import pytest
import mylib


def test_removed_function_is_gone():
    with pytest.raises(AttributeError, match="module 'mylib' has no attribute 'old_helper'"):
        mylib.old_helper()
    assert not hasattr(mylib, "old_helper")
    with pytest.raises(ImportError, match="cannot import name 'old_helper'"):
        from mylib import old_helper


def test_removed_module_is_gone():
    with pytest.raises(ModuleNotFoundError) as caught:
        import mylib.oldmod
    assert caught.value.name == "mylib.oldmod"
    assert importlib.util.find_spec("mylib.oldmod") is None


def test_removed_keyword_and_method_are_gone():
    with pytest.raises(TypeError, match="unexpected keyword argument 'timeout_ms'"):
        mylib.connect("db", timeout_ms=5)
    assert mylib.connect("db", timeout=1) == ("db", 1, None)
    with pytest.raises(AttributeError, match="'Client' object has no attribute 'old_method'"):
        mylib.Client().old_method()


@pytest.mark.allow_removed("mylib.old_helper")
def test_an_allowed_entry_is_visible_again():
    assert mylib.old_helper() == "old"


def test_the_version_seen_is_the_newer_of_both():
    assert sys.version_info[:2] == max((3, 12), platform.sys.version_info[:2])


def test_a_use_fails_as_the_upgraded_library_would():
    mylib.old_helper()
"""


def test_added_entries_are_hidden_under_simulation_on_any_python(mylib):
    mylib.makepyfile(test_simulated=SIMULATED)
    result = mylib.runpytest_subprocess("--simulate-312")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*simulating Python 3.12 on Python *: * removed APIs hidden *",
            "REMOVED-API test_simulated.py::test_a_use_fails_as_the_upgraded_library_would*",
        ]
    )
    result.stdout.fnmatch_lines(["*mylib.old_helper (function, removed in mylib 2.0)"])


def test_a_library_module_imported_by_a_conftest_is_hidden_after_it(mylib):
    mylib.makeconftest(CONFTEST + "\nimport mylib.oldmod\n")
    mylib.makepyfile(
        test_late="""
        import sys, pytest

        def test_hidden():
            assert "mylib.oldmod" not in sys.modules
            with pytest.raises(ModuleNotFoundError):
                import mylib.oldmod
        """
    )
    mylib.runpytest_subprocess("--simulate-312").assert_outcomes(passed=1)


def test_the_simulate_python_fixture_hides_added_entries(mylib):
    mylib.makepyfile(
        test_fixture="""
        import pytest
        import mylib

        def test_simulated(simulate_python):
            assert not hasattr(mylib, "old_helper")
            with pytest.raises(ModuleNotFoundError):
                __import__("mylib.oldmod")

        def test_plain():
            assert mylib.old_helper() == "old"
        """
    )
    mylib.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=1, failed=1)


def test_an_entry_for_a_callable_the_library_lacks_changes_nothing(mylib):
    mylib.makeconftest(
        CONFTEST
        + """
MYLIB_ENTRIES += [
    removed_api("mylib:gone", "parameter", aspect="x", removed_in="mylib 2.0",
                replacement="r", doc_url=DOCS),
    removed_api("mylib:Nowhere.method", "parameter", aspect="x", removed_in="mylib 2.0",
                replacement="r", doc_url=DOCS),
]
"""
    )
    mylib.makepyfile(
        test_app="import mylib\n\ndef test_ok():\n    assert mylib.new_helper() == 'new'\n"
    )
    mylib.runpytest_subprocess("--simulate-312").assert_outcomes(passed=1)
    mylib.runpytest().assert_outcomes(passed=1)


# -- bad returns: one usage error, naming where it came from ---------------------------


def _bad(project, returned, *, imports=""):
    project.makeconftest(
        f"""
import dataclasses
from pytest_removed_apis import by_id, removed_api
{imports}

def entry(target="mylib:old_helper", kind="function", **fields):
    values = dict(removed_in="mylib 2.0", replacement="Use new_helper().", doc_url="u")
    values.update(fields)
    return removed_api(target, kind, **values)


def pytest_removed_apis_add_entries(config):
    return {returned}
"""
    )
    project.makepyfile("def test_ok(): pass")


_NEWEST = version_tuple(RELEASES[-1])
UNCOVERED = f"{_NEWEST[0]}.{_NEWEST[1] + 1}"
"""A Python release after the newest the catalog covers."""

BAD_RETURNS = {
    "a-dict": (
        "{'x': 1}",
        "returned {'x': 1} (of type dict); return a list of entries made with "
        "pytest_removed_apis.removed_api(), or None",
    ),
    "a-string": ("'mylib.old_helper'", "returned 'mylib.old_helper' (of type str); *"),
    "not-an-entry": (
        "[entry(), 'imp']",
        "returned 'imp' (of type str) among its entries; return only entries made with "
        "pytest_removed_apis.removed_api()",
    ),
    "a-catalog-id": (
        "[entry('imp', 'module', removed_in='3.12')]",
        "returned the entry 'imp', which the catalog already has; give an added entry an id "
        "of its own*",
    ),
    "twice": ("[entry(), entry()]", "returned the entry 'mylib.old_helper' more than once; *"),
    "a-behaviour": (
        "[entry(kind='behaviour', aspect='x')]",
        "returned the entry 'mylib.old_helper:x': it has the kind 'behaviour', which cannot "
        "be added (*); use one of: module, function, class, method, attribute, alias, "
        "parameter",
    ),
    "an-unknown-kind": ("[entry(kind='thing')]", "*it has the kind 'thing', which cannot*"),
    "a-python-release-not-covered": (
        f"[entry(removed_in={UNCOVERED!r})]",
        f"*it has removed_in={UNCOVERED!r}; use a library and its release, such as 'mylib 2.0', "
        f"or a Python release the catalog covers ({', '.join(RELEASES)})",
    ),
    "python-by-name": ("[entry(removed_in='Python 3.14')]", "*removed_in='Python 3.14'; *"),
    "no-release": ("[entry(removed_in='')]", "*it has removed_in=''; *"),
    "a-bad-warning": (
        "[entry(warning='mylib(')]",
        "*it has a warning that is no valid regular expression (*): 'mylib('",
    ),
    "an-empty-warning": ("[entry(warning='')]", "*it has the warning ''; give a regular*"),
    "no-replacement": ("[entry(replacement=' ')]", "*it has an empty replacement; *"),
    "no-doc-url": ("[entry(doc_url='')]", "*it has an empty doc_url; *"),
    "a-module-with-a-member": (
        "[entry('mylib:oldmod', 'module')]",
        "*it is a module entry with the member 'oldmod'; a module entry's target is the "
        "module's dotted name alone ('mylib.oldmod')",
    ),
    "a-function-without-a-member": (
        "[entry('mylib.old_helper')]",
        "*it is a function entry without a valid member name (''); write its target as "
        "'module:qualname' ('mylib.old_helper:name')",
    ),
    "a-bad-module": ("[entry('my lib:x')]", "*it names the module 'my lib'; use a dotted*"),
    "a-parameter-without-keyword": (
        "[entry('mylib:connect', 'parameter')]",
        "*it is a parameter entry whose removed keyword (None) is no identifier; pass it as "
        "aspect='keyword'",
    ),
    "an-aspect-elsewhere": (
        "[entry(aspect='x')]",
        "*it has the aspect 'x', which only a parameter entry takes *",
    ),
    "a-foreign-id": (
        "[dataclasses.replace(entry(), id='helper')]",
        "*returned the entry 'helper': it has the id 'helper', which is not its target's; "
        "make it with removed_api()",
    ),
}


@pytest.mark.parametrize(("returned", "message"), BAD_RETURNS.values(), ids=BAD_RETURNS)
def test_a_bad_return_is_a_usage_error_naming_the_conftest(project, returned, message):
    _bad(project, returned)
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [f"ERROR: pytest_removed_apis_add_entries in conftest.py {message}"]
    )
    assert "Traceback" not in result.stderr.str()


def test_a_bad_return_stops_the_catalog_listing_too(project):
    _bad(project, "[entry(kind='behaviour')]")
    result = project.runpytest("--removed-apis-catalog")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: pytest_removed_apis_add_entries in conftest.py *"])
    assert "Traceback" not in result.stderr.str()


def test_an_id_two_conftests_add_names_both(project):
    _bad(project, "[entry()]")
    project.mkdir("tests")
    project.path.joinpath("tests", "conftest.py").write_text(
        textwrap.dedent(
            """
            from pytest_removed_apis import removed_api

            def pytest_removed_apis_add_entries():
                return [removed_api("mylib:old_helper", "function", removed_in="mylib 3.0",
                                    replacement="r", doc_url="u")]
            """
        )
    )
    project.path.joinpath("tests", "test_x.py").write_text("def test_ok(): pass\n")
    result = project.runpytest("tests")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: pytest_removed_apis_add_entries in conftest.py returned the entry "
            "'mylib.old_helper' as pytest_removed_apis_add_entries in "
            f"tests{os.sep}conftest.py did; an id can be added once only"
        ]
    )


def test_a_bad_return_from_a_plugin_names_the_plugin(project):
    class Extension:
        def pytest_removed_apis_add_entries(self):
            return [None]

    project.makepyfile("def test_ok(): pass")
    result = project.runpytest(plugins=[Extension()])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: pytest_removed_apis_add_entries in the plugin '*' "
            "(*test_hooks.*Extension) returned None (of type NoneType) among its entries; *"
        ]
    )


def test_a_bad_return_from_a_plugin_module_names_its_file(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("site")
    elsewhere.joinpath("mylib_plugin.py").write_text(
        "def pytest_removed_apis_add_entries(config):\n    return 42\n"
    )
    project.syspathinsert(elsewhere)
    project.makepyfile("def test_ok(): pass")
    result = project.runpytest("-p", "mylib_plugin")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    plugin_file = elsewhere.joinpath("mylib_plugin.py")
    result.stderr.fnmatch_lines(
        [f"ERROR: pytest_removed_apis_add_entries in {plugin_file} returned 42 (of type int); *"]
    )


def test_a_hook_wrapper_is_refused(project):
    project.makeconftest(
        """
        import pytest

        @pytest.hookimpl(wrapper=True)
        def pytest_removed_apis_add_entries(config):
            return (yield)
        """
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: pytest_removed_apis_add_entries in conftest.py is a hook wrapper; make it a "
            "plain hook that returns a list of entries"
        ]
    )


def test_none_and_an_empty_list_add_nothing(project):
    project.makeconftest(
        """
        def pytest_removed_apis_add_entries(config):
            return None
        """
    )
    project.makepyfile("def test_ok(): pass")
    result = project.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"removed-apis: catalog of {len(CATALOG)} APIs *"])


def test_problems_of_good_entries_are_none():
    made = [
        removed_api(
            "mylib.oldmod", "module", removed_in="mylib 2.0", replacement="r", doc_url="u"
        ),
        removed_api(
            "mylib:connect",
            "parameter",
            aspect="timeout_ms",
            removed_in="mylib-core v2.0.1",
            replacement="r",
            doc_url="u",
            warning=r"timeout_ms is deprecated",
        ),
        removed_api("ssl:RAND_foo", "function", removed_in="3.12", replacement="r", doc_url="u"),
    ]
    assert [added_entry_problem(entry) for entry in made] == [None, None, None]
    assert [entry.raises for entry in made] == [
        "ModuleNotFoundError",
        "TypeError",
        "AttributeError",
    ]
    assert [entry.removed_by_python for entry in made] == [False, False, True]
    assert made[1].id == "mylib.connect:timeout_ms"
    assert made[0].removal == "mylib 2.0"
    assert made[2].removal == "Python 3.12"


# -- pytest_removed_apis_classify ------------------------------------------------------

CLAIMING = """
import pytest
from pytest_removed_apis import by_id

CLAIMED = {claimed!r}


def pytest_removed_apis_classify(message, category, filename, lineno, proposed):
    if message.startswith("frobnicate() is deprecated"):
        assert category is DeprecationWarning and filename.endswith("test_claim.py")
        assert lineno == 4 and list(proposed) == []
        return [entry for entry in config_entries() if entry.id == CLAIMED]
    return None


def config_entries():
    import pytest_removed_apis

    return pytest_removed_apis.CATALOG + tuple(MYLIB_ENTRIES)
"""


@pytest.mark.parametrize(
    "claimed",
    ["unittest.TestCase.assertEquals", "mylib.old_helper"],
)
def test_the_classify_hook_can_claim_an_ordinary_warning(mylib, claimed):
    mylib.makeconftest(CONFTEST + CLAIMING.format(claimed=claimed))
    mylib.makepyfile(
        test_claim="""
        import warnings

        def test_frobnicate():
            warnings.warn("frobnicate() is deprecated", DeprecationWarning)

        def test_other():
            warnings.warn("something else is deprecated", DeprecationWarning)
        """
    )
    result = mylib.runpytest("-rw")
    result.assert_outcomes(failed=1, passed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [f"*uses APIs removed in *: {claimed}", "*used at test_claim.py:4 during call*"]
    )
    result.stdout.fnmatch_lines(["*something else is deprecated*"])
    result.stdout.no_fnmatch_line("*frobnicate() is deprecated*")


IMP_TEXT = "the imp module is deprecated in favour of importlib; see the docs"
MYLIB_TEXT = "mylib.oldmod is deprecated; import VALUE from mylib"

DISCLAIMING = """

def pytest_removed_apis_classify(message, proposed):
    if {disclaim} and message.startswith({text!r}):
        assert [entry.id for entry in proposed] == [{api!r}]
        return []
    return None
"""


@pytest.mark.parametrize(
    ("text", "api"),
    [
        pytest.param(
            IMP_TEXT, "imp", marks=pytest.mark.skipif(not BEFORE_312, reason="imp is gone")
        ),
        (MYLIB_TEXT, "mylib.oldmod"),
    ],
)
@pytest.mark.parametrize("disclaim", [True, False])
def test_the_classify_hook_can_disclaim_a_catalogued_warning(mylib, text, api, disclaim):
    assert re.match(by_id(api).warning if api == "imp" else r"mylib\.oldmod is deprecated", text)
    mylib.makeconftest(CONFTEST + DISCLAIMING.format(disclaim=disclaim, text=text, api=api))
    mylib.makepyfile(
        test_disclaim=f"""
        import warnings

        def test_warns():
            warnings.warn({text!r}, DeprecationWarning)
        """
    )
    result = mylib.runpytest("-rw")
    if disclaim:
        result.assert_outcomes(passed=1, warnings=1)
        result.stdout.fnmatch_lines([f"*DeprecationWarning: {text}"])
    else:
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines([f"*uses APIs removed in *: {api}"])


@pytest.mark.parametrize("answer", ["'imp'", "[42]", "42"])
def test_a_bad_classify_answer_says_what_is_valid(mylib, answer):
    mylib.makeconftest(
        CONFTEST
        + f"""
def pytest_removed_apis_classify(message):
    return {answer}
"""
    )
    mylib.makepyfile(
        test_bad="import warnings\n\ndef test_w():\n    warnings.warn('x', DeprecationWarning)\n"
    )
    result = mylib.runpytest()
    result.assert_outcomes(failed=1)
    shown = answer.replace("[", "[[]")  # fnmatch: a literal bracket
    result.stdout.fnmatch_lines(
        [
            f"E *TypeError: pytest_removed_apis_classify returned {shown} for the warning 'x'; "
            "return a list of catalog entries, an empty list or None"
        ]
    )


def test_without_implementations_capture_does_not_call_the_classify_hook(mylib):
    mylib.makepyfile(
        test_fast="""
        import pytest
        from pytest_removed_apis import plugin

        def test_bypassed(request):
            assert plugin._reclassifier(request.config) is None

        def test_used(request):
            request.config.pluginmanager.register(Answer(), "answer")
            try:
                assert plugin._reclassifier(request.config) is not None
            finally:
                request.config.pluginmanager.unregister(name="answer")

        class Answer:
            def pytest_removed_apis_classify(self):
                return None
        """
    )
    mylib.runpytest().assert_outcomes(passed=2)


@pytest.mark.skipif(not BEFORE_312, reason="the catalogued APIs are gone on this interpreter")
def test_hooks_that_add_nothing_and_have_no_opinion_change_nothing(project):
    project.makepyfile(
        test_uses="""
        import locale, unittest, warnings

        def test_uses():
            locale.format("%d", 1)
            unittest.TestCase("run").assertEquals(1, 1)

        def test_other_warning():
            warnings.warn("not catalogued", DeprecationWarning)
        """
    )
    plain = project.runpytest("-rw", "-p", "no:randomly")
    project.makeconftest(
        """
        def pytest_removed_apis_add_entries(config):
            return []

        def pytest_removed_apis_classify(message, category, filename, lineno, proposed):
            return None
        """
    )
    hooked = project.runpytest("-rw", "-p", "no:randomly")
    hooked.assert_outcomes(failed=1, passed=1, warnings=3)

    def shown(result):
        return [re.sub(r" in [\d.]+s", "", line) for line in result.outlines]

    assert shown(hooked) == shown(plain)


def test_an_entry_is_a_public_name():
    import pytest_removed_apis

    assert {"Entry", "Finding", "removed_api"} <= set(pytest_removed_apis.__all__)
    assert isinstance(
        removed_api("m", "module", removed_in="m 1", replacement="r", doc_url="u"), Entry
    )
