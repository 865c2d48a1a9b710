"""The instrumentation that sees uses no warning reports, on a made-up module and on the
removed behaviours the older releases keep silently."""

from __future__ import annotations

import builtins
import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import pprint
import re
import sys
import types

import pytest

from pytest_removed_apis.catalog import by_id
from pytest_removed_apis.catalog.entry import _api
from pytest_removed_apis.intercept import group_syntax
from pytest_removed_apis.intercept.behaviours import Behaviours
from pytest_removed_apis.intercept.imports import ImportWatch
from pytest_removed_apis.intercept.names import AttributeWatch
from pytest_removed_apis.intercept.policy import Record

FAKE = "removed_apis_fake"


class Legacy:
    def __init__(self, value=None, old=None):
        self.value = value

    def method(self):
        return "method"

    @property
    def prop(self):
        return self.__dict__.get("_prop", "prop")

    @prop.setter
    def prop(self, value):
        self.__dict__["_prop"] = value

    @prop.deleter
    def prop(self):
        self.__dict__.pop("_prop", None)


class Child(Legacy):
    pass


def function(value, old=None):
    return value


ENTRIES = [
    _api(FAKE, "module", None, "3.12", "Nothing."),
    _api(f"{FAKE}.sub", "module", None, "3.12", "Nothing."),
    _api(f"{FAKE}:function", "function", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Legacy.method", "method", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Child.method", "method", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Legacy.prop", "attribute", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Missing.thing", "attribute", None, "3.12", "Nothing."),
    _api(f"{FAKE}:function.attribute", "attribute", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Legacy.nothing", "attribute", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Legacy.__getattr__", "method", None, "3.12", "Nothing."),
    _api(f"{FAKE}:Legacy", "parameter", None, "3.12", "Nothing.", aspect="old"),
    _api(f"{FAKE}:function", "parameter", None, "3.12", "Nothing.", aspect="old"),
    _api(f"{FAKE}:Child", "parameter", None, "3.12", "Nothing.", aspect="old"),
    _api(f"{FAKE}:absent", "parameter", None, "3.12", "Nothing.", aspect="old"),
]


@pytest.fixture
def fake(monkeypatch):
    module = types.ModuleType(FAKE)
    module.Legacy, module.Child, module.function = Legacy, Child, function
    monkeypatch.setitem(sys.modules, FAKE, module)
    return module


@pytest.fixture
def seen():
    return []


def report_into(seen):
    return lambda entry, filename, lineno: seen.append((entry.id, lineno))


def recording(entries, seen):
    """The interceptor of parameters and behaviours, under default mode's policy."""
    return Behaviours(entries, Record(report_into(seen)))


def test_attribute_watch_reports_accesses_and_undoes_everything(fake, seen):
    before = (type(fake), dict(vars(Legacy)))
    watch = AttributeWatch(ENTRIES, report_into(seen))
    watch.refresh()
    watch.refresh()  # nothing new: a no-op
    assert fake.function(1) == 1
    assert Legacy().method() == "method"
    instance = Legacy()
    instance.prop = "set"
    assert instance.prop == "set"
    del instance.prop
    assert instance.prop == "prop"
    assert [api for api, _ in seen] == [
        f"{FAKE}.function",
        f"{FAKE}.Legacy.method",  # Child inherits it: one watch per class attribute
        f"{FAKE}.Legacy.prop",
        f"{FAKE}.Legacy.prop",
    ]
    watch.uninstall()
    assert (type(fake), dict(vars(Legacy))) == before


def test_attribute_watch_skips_modules_still_importing_and_empty_slots(monkeypatch, seen):
    half = types.ModuleType(FAKE)
    half.__spec__ = types.SimpleNamespace(_initializing=True)
    monkeypatch.setitem(sys.modules, FAKE, half)
    watch = AttributeWatch(ENTRIES, report_into(seen))
    assert watch.refresh() is True  # left for later: still importing
    assert type(half) is types.ModuleType
    monkeypatch.setitem(sys.modules, FAKE, None)
    watch.refresh()
    watch.uninstall()


def test_attribute_watch_ignores_what_the_standard_library_reads_for_itself(fake, seen):
    import inspect

    watch = AttributeWatch(ENTRIES, report_into(seen))
    watch.refresh()
    try:
        inspect.getattr_static(fake, "Legacy")
        dict(inspect.getmembers(fake.Legacy))  # the library reads every member itself
        assert seen == []
        getattr(fake, "function")  # noqa: B009 - a direct use
        assert seen
    finally:
        watch.uninstall()


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """FAKE as a package on disk, with a submodule ``sub`` and one that fails to import;
    none of them imported yet, and none left imported afterwards."""
    package = tmp_path / FAKE
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "sub.py").write_text("VALUE = 1\n")
    (package / "broken.py").write_text("raise RuntimeError('broken')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in [name for name in sys.modules if name.partition(".")[0] == FAKE]:
        del sys.modules[name]


def test_import_watch_reports_first_imports_once_the_module_has_run(fake_package, seen):
    before = (builtins.__import__, importlib.import_module, list(sys.meta_path))
    refreshed, expected = [], []
    watch = ImportWatch(
        ENTRIES,
        report_into(seen),
        lambda: refreshed.append(len(seen)),
        lambda name, entry: expected.append((name, entry.id)),
    )
    watch.install()
    try:
        assert builtins.__import__ is before[0]  # no import statement pays for the watch
        line = sys._getframe().f_lineno + 1
        import removed_apis_fake.sub  # noqa: F401

        with pytest.raises(RuntimeError, match="broken"):
            __import__(f"{FAKE}.broken")
        with pytest.raises(ModuleNotFoundError):
            import removed_apis_fake.nowhere  # noqa: F401 - no module, so no use
        module = importlib.import_module(FAKE)  # imported already: the wrapper reports it
        importlib.import_module(".decoder", "json")
        assert type(module.__spec__) is importlib.machinery.ModuleSpec  # ordinary again
        assert watch.entry_for("os", ["path"]) is None
        assert watch.entry_for(f"{FAKE}.sub.deeper").id == f"{FAKE}.sub"
        assert watch.entry_for(f"{FAKE}.other").id == FAKE
        assert watch.entry_for(FAKE, ["sub"]).id == f"{FAKE}.sub"
        watch.imported(ENTRIES[0], None)  # no frame outside the import system: no use
    finally:
        watch.uninstall()
    watch.uninstall()  # twice is harmless
    watch.announce(FAKE, ENTRIES[0], sys._getframe())  # an import that ends afterwards
    assert (builtins.__import__, importlib.import_module, sys.meta_path) == before
    assert seen == [(FAKE, line), (f"{FAKE}.sub", line), (FAKE, line + 6)]
    assert expected == [
        (FAKE, FAKE),
        (f"{FAKE}.sub", f"{FAKE}.sub"),
        (f"{FAKE}.broken", FAKE),
        (f"{FAKE}.nowhere", FAKE),
    ]
    # Each module is announced after its report; the broken one with none; import_module.
    assert refreshed == [1, 2, 2, 3, 3]


class OldStyleFinder:
    """A meta-path finder of the past: ``find_module`` only."""

    def find_module(self, name, path=None):
        return None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="3.12 dropped find_module()")
@pytest.mark.filterwarnings("ignore:OldStyleFinder.find_spec:ImportWarning")
def test_an_import_behind_an_old_style_finder_is_reported_at_once(fake_package, seen):
    watch = ImportWatch(ENTRIES, report_into(seen), lambda: None)
    watch.install()
    sys.meta_path.insert(1, OldStyleFinder())
    try:
        line = sys._getframe().f_lineno + 1
        import removed_apis_fake.sub  # noqa: F401

        module_spec = sys.modules[f"{FAKE}.sub"].__spec__
    finally:
        del sys.meta_path[1]
        watch.uninstall()
    assert type(module_spec) is importlib.machinery.ModuleSpec
    assert seen == [(FAKE, line), (f"{FAKE}.sub", line)]
    assert watch.finder.find_spec(FAKE) is None  # no longer on sys.meta_path: finds nothing


def test_a_module_watched_twice_reports_to_each_watch_the_users_line(fake, seen):
    # Two runs, one inside the other (pytester): the outer watch's accessor is the user's
    # line, not the inner watch's attribute hook.
    outer, inner = [], []
    watches = [
        AttributeWatch(ENTRIES, report_into(outer)),
        AttributeWatch(ENTRIES, report_into(inner)),
    ]
    for watch in watches:
        watch.refresh()
    try:
        line = sys._getframe().f_lineno + 1
        import removed_apis_fake  # noqa: F401

        fake.function(1)
    finally:
        for watch in reversed(watches):
            watch.uninstall()
    assert outer == inner == [(FAKE, line), (f"{FAKE}.function", line + 2)]


def test_an_import_of_a_module_imported_already_is_seen_in_its_spec_read(fake, seen):
    watch = AttributeWatch(ENTRIES, report_into(seen))
    watch.refresh()
    try:
        line = sys._getframe().f_lineno + 1
        import removed_apis_fake  # noqa: F401

        __import__(FAKE)
        assert fake.__spec__ is None  # read, not imported: no use
        getattr(fake, "__spec__")  # noqa: B009 - an explicit read by a call
    finally:
        watch.uninstall()
    assert seen == [(FAKE, line), (FAKE, line + 2), (FAKE, line + 4)]


def test_parameter_watch_reports_removed_keywords_and_undoes_the_wrapping(fake, seen):
    before = (fake.function, vars(Legacy)["__init__"])
    watch = recording(ENTRIES, seen)
    watch.install()
    fake.function(1)
    fake.function(1, old=2)
    fake.Legacy(old=1)
    fake.Legacy(value=1)
    assert [api for api, _ in seen] == [f"{FAKE}.function:old", f"{FAKE}.Legacy:old"]
    watch.uninstall()
    assert (fake.function, vars(Legacy)["__init__"]) == before


def test_parameter_watch_waits_for_a_module_still_importing(monkeypatch, seen):
    half = types.ModuleType(FAKE)
    half.__spec__ = types.SimpleNamespace(_initializing=True)
    monkeypatch.setitem(sys.modules, FAKE, half)
    watch = recording(ENTRIES, seen)
    assert watch.install() is True
    assert watch._pending


def test_a_library_helper_reaching_a_name_the_user_wrote_is_the_users_use(fake, seen):
    import string

    watch = AttributeWatch(ENTRIES, report_into(seen))
    watch.refresh()
    try:
        string.Formatter().format("{0.function}", fake)  # string.py does the getattr
    finally:
        watch.uninstall()
    assert [api for api, _ in seen] == [f"{FAKE}.function"]


class Slotted:
    __slots__ = ("function",)


def test_an_object_that_cannot_change_class_is_left_alone(monkeypatch, seen):
    odd = Slotted()
    odd.function = function
    monkeypatch.setitem(sys.modules, FAKE, odd)
    watch = AttributeWatch(ENTRIES, report_into(seen))
    watch.refresh()
    assert type(odd) is Slotted
    watch.uninstall()


def test_a_call_with_no_user_frame_on_the_stack_is_not_reported(fake, seen):
    import threading

    watch = recording(ENTRIES, seen)
    watch.install()
    try:
        thread = threading.Thread(target=fake.function, args=(1,), kwargs={"old": 2})
        thread.start()
        thread.join()
    finally:
        watch.uninstall()
    assert seen == []


def test_use_site_of_no_frame_is_none():
    from pytest_removed_apis.intercept.classify import use_site

    assert use_site(None) is None


def test_find_spec_of_a_watched_module_is_reported_when_it_finds_the_module(fake, seen):
    fake.__spec__ = importlib.machinery.ModuleSpec(FAKE, None)
    before = importlib.util.find_spec
    watch = ImportWatch(ENTRIES, report_into(seen), lambda: None)
    watch.install()
    try:
        assert importlib.util.find_spec(FAKE) is fake.__spec__
        assert importlib.util.find_spec("removed_apis_nowhere") is None
        assert importlib.util.find_spec(".decoder", "json") is not None
        assert importlib.util.find_spec("json") is not None
    finally:
        watch.uninstall()
    assert importlib.util.find_spec is before
    assert [api for api, _ in seen] == [FAKE]


# The re group syntax 3.12 refuses, and the dict interface of entry_points().

before_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the newer release refuses the use itself"
)
GROUP_SYNTAX = by_id("re:group-reference-syntax")
DICT_INTERFACE = by_id("importlib.metadata.entry_points:dict-interface")
RE_HOOKS = ("_compile", "_subx", "_expand")


@before_312
@pytest.mark.filterwarnings("ignore:bad character in group name:DeprecationWarning")
def test_group_syntax_the_newer_release_refuses_is_reported_at_every_use(seen):
    before = [vars(re)[name] for name in RE_HOOKS]
    watch = recording([GROUP_SYNTAX], seen)
    watch.install()
    try:
        re.sub("(a)", r"\g<+1>", "a")
        re.sub("(a)", r"\g<+1>", "a")  # re has cached the template: seen all the same
        re.compile("(a)").subn(r"\g< 1>", "a")
        re.sub("(a)", "\\g<\u0661>", "a")  # a digit, but not an ASCII one
        re.sub(b"(a)", rb"\g<+1>", b"a")
        re.match("(a)", "a").expand(r"\g<+1>")
        re.compile(b"(?P<\xe9>a)")
        re.compile(b"(?P<\xe9>a)")
        re.compile("(a)(?(+1)b|c)")
        re.compile("(?x)(a) (?(+1)b|c)")
        assert len(seen) == 10
        re.compile("(?P<\xe9>a)(?P=\xe9)")  # any identifier names a group of a str pattern
        re.compile(b"(?P<n>a)(?(n)b|c)(?(1)b|c)")
        re.compile(r"(a)[(?(+1)]\(?( 1)(?#(?(+1)")  # a class, an escape, a comment
        re.compile("(a) # (?(+1)\n", re.VERBOSE)
        re.sub("(?P<n>a)", r"\g<n>\g<1>\\g<+1>", "a")
        re.sub("(a)", lambda match: "b", "a")
        re.match("(a)", "a").expand(r"\1")
        assert len(seen) == 10
    finally:
        watch.uninstall()
    assert [vars(re)[name] for name in RE_HOOKS] == before
    assert {api for api, _ in seen} == {GROUP_SYNTAX.id}


def test_group_syntax_verdicts_are_kept_for_a_bounded_number_of_values(monkeypatch):
    monkeypatch.setattr(group_syntax, "_VERDICTS", 2)
    syntax = group_syntax.GroupSyntax()
    templates = ["\\g<+1>", "\\g<1>", "\\g<+1>", "\\g<+1>", b"\\g<\xe9>", "\\g<\xe9>", "\\1"]
    refused = [syntax.template_refused(template) for template in templates]
    assert refused == [True, False, True, True, True, False, False]
    assert syntax.template_refused(bytearray(b"\\g<+1>")) is False  # no template of re's
    assert len(syntax._verdicts) <= 2


@pytest.mark.skipif(sys.version_info >= (3, 10), reason="a plain dict before 3.10 only")
def test_the_plain_dict_of_entry_points_reports_each_use_of_its_dict_interface(seen):
    before = importlib.metadata.entry_points
    watch = recording([DICT_INTERFACE], seen)
    watch.install()
    try:
        eps = importlib.metadata.entry_points()
        assert isinstance(eps, dict)
        assert len(eps) == len(before())
        assert seen == []
        assert "pytest11" in eps
        assert eps["pytest11"] == eps.get("pytest11")
        assert list(eps) == list(eps.keys())
        assert list(eps.values()) == [value for _, value in eps.items()]
        assert len(seen) == 7
        pprint.pformat(eps)  # the standard library reads it itself
        assert len(seen) == 7
    finally:
        watch.uninstall()
    assert importlib.metadata.entry_points is before
    assert {api for api, _ in seen} == {DICT_INTERFACE.id}


@pytest.mark.skipif(
    not (3, 10) <= sys.version_info < (3, 12), reason="SelectableGroups is 3.10's and 3.11's"
)
def test_items_of_selectable_groups_is_reported_as_its_warning_methods_are(seen):
    groups = importlib.metadata.SelectableGroups
    before = dict(vars(groups))
    watch = recording([DICT_INTERFACE], seen)
    watch.install()
    try:
        assert dict(importlib.metadata.entry_points().items())
    finally:
        watch.uninstall()
    assert dict(vars(groups)) == before
    assert [api for api, _ in seen] == [DICT_INTERFACE.id]


def hooked():
    """What default mode wraps, to compare before and after a run."""
    groups = getattr(importlib.metadata, "SelectableGroups", dict)
    return (
        [vars(re).get(name) for name in RE_HOOKS],
        importlib.util.find_spec,
        importlib.metadata.entry_points,
        dict(vars(groups)),
    )


@before_312
def test_the_behaviour_wrappers_are_removed_after_the_run(project):
    before = hooked()
    project.makepyfile(
        test_wrapped="""
        import importlib.util, re

        def test_wrapped():
            assert re._compile.__wrapped__
            assert type(importlib.util.find_spec.__self__).__name__ == "ImportHook"
        """
    )
    project.inline_run().assertoutcome(passed=1)
    assert hooked() == before


FIND_SPEC = """
import importlib.util, sys, unittest

def test_asserts_that_it_is_found():
    assert importlib.util.find_spec("imp") is not None

def test_asserts_what_each_release_finds():
    assert (importlib.util.find_spec("imp") is None) == (sys.version_info >= (3, 12))

def test_checks_before_using():
    if importlib.util.find_spec("imp") is None:
        return
    assert sys.version_info < (3, 12)

def test_checks_a_computed_name():
    for name in ["json", "asyncore"]:
        if importlib.util.find_spec(name) is not None:
            assert name

class TestUnittest(unittest.TestCase):
    def test_asserts_that_it_is_found(self):
        self.assertIsNotNone(importlib.util.find_spec("asynchat"))
"""


@before_312
def test_find_spec_of_a_removed_module_is_a_use_only_where_the_newer_release_fails(project):
    project.makepyfile(test_find_spec=FIND_SPEC)
    reprec = project.inline_run("-W", "ignore")
    failed = {rep.nodeid.split("::", 1)[1] for rep in reprec.getreports() if rep.failed}
    assert failed == {
        "test_asserts_that_it_is_found",
        "TestUnittest::test_asserts_that_it_is_found",
    }


GROUP_SYNTAX_TESTS = r"""
import re

def test_signed_reference():
    assert re.sub("(a)", r"\g<+1>", "a") == "a"

def test_signed_reference_again():
    assert re.sub("(a)", r"\g<+1>", "a") == "a"

def test_bytes_group_name():
    assert re.compile(b"(?P<\xe9>a)").match(b"a")

def test_conditional_reference():
    assert re.match("(a)(?(+1)b|c)", "ab")

def test_expand():
    assert re.match("(a)", "a").expand(r"\g<+1>") == "a"

def test_what_the_newer_release_takes():
    assert re.sub("(?P<n>a)", r"\g<n>\g<1>\\g<+1>", "a") == r"aa\g<+1>"
    assert re.compile("(?P<\xe9>a)(?(1)b|c)").match("ab")
"""


@before_312
def test_group_syntax_is_a_use_at_every_use_on_every_release(project):
    project.makepyfile(test_group_syntax=GROUP_SYNTAX_TESTS)
    reprec = project.inline_run("-W", "ignore")
    reports = [rep for rep in reprec.getreports() if rep.when == "call"]
    failed = {rep.nodeid.split("::")[1]: rep.removed_apis for rep in reports if rep.failed}
    assert sorted(failed) == [
        "test_bytes_group_name",
        "test_conditional_reference",
        "test_expand",
        "test_signed_reference",
        "test_signed_reference_again",
    ]
    # One finding each, also on 3.11, whose warning reports the first use again.
    assert {len(findings) for findings in failed.values()} == {1}


ENTRY_POINTS_TESTS = """
import importlib.metadata, sys

def test_dict_interface():
    assert importlib.metadata.entry_points()["pytest11"]

def test_items():
    assert dict(importlib.metadata.entry_points().items())

def test_select_or_dict_interface():
    eps = importlib.metadata.entry_points()
    if hasattr(eps, "select"):
        plugins = eps.select(group="pytest11")
    else:
        plugins = eps.get("pytest11", ())
    assert plugins

def test_version_branch():
    if sys.version_info >= (3, 10):
        plugins = importlib.metadata.entry_points(group="pytest11")
    else:
        plugins = importlib.metadata.entry_points()["pytest11"]
    assert plugins
"""


@before_312
def test_the_dict_interface_of_entry_points_is_a_use_unless_checked_first(project):
    project.makepyfile(test_entry_points=ENTRY_POINTS_TESTS)
    reprec = project.inline_run("-W", "ignore")
    failed = {rep.nodeid.split("::")[1] for rep in reprec.getreports() if rep.failed}
    assert failed == {"test_dict_interface", "test_items"}


def test_an_import_made_for_the_test_runner_itself_is_no_use(seen):
    """``mock.patch("imp.reload")`` called by the runner's own code, no test around it."""
    import os
    import unittest

    import _pytest

    watch = ImportWatch([by_id("imp")], report_into(seen), lambda: None)
    namespace = {"watch": watch, "entry": by_id("imp"), "sys": sys}
    mock_file = os.path.join(os.path.dirname(unittest.__file__), "mock.py")
    runner_file = os.path.join(os.path.dirname(_pytest.__file__), "runner_like.py")
    exec(
        compile("def patch():\n    watch.imported(entry, sys._getframe())\n", mock_file, "exec"),
        namespace,
    )
    exec(compile("def run():\n    patch()\n", runner_file, "exec"), namespace)
    namespace["run"]()
    assert seen == []


# The hooks every interceptor shares: imports, and the reads of a module.


def test_the_import_hook_serves_every_finder_and_goes_with_the_last():
    from pytest_removed_apis.intercept import imports

    class Finder(imports.HookedFinder):
        pass

    assert Finder().find_spec("json") is None  # a finder that finds nothing itself
    meta_path, functions = list(sys.meta_path), (importlib.import_module, importlib.util.find_spec)
    first, second = Finder(), Finder()
    imports.hook_imports(first)
    imports.hook_imports(second, first=True)
    hook = sys.meta_path[0]
    try:
        assert isinstance(hook, imports.ImportHook)
        assert hook.finders == [second, first]
        assert importlib.import_module("json") is sys.modules["json"]
        sys.meta_path.remove(hook)  # a test took it off: found through the wrapper
        imports.hook_first(first)
        assert sys.meta_path[0] is hook
        assert hook.finders == [first, second]
    finally:
        imports.unhook_imports(first)
        imports.unhook_imports(second)
    assert (sys.meta_path, (importlib.import_module, importlib.util.find_spec)) == (
        meta_path,
        functions,
    )
    imports.unhook_imports(first)  # no hook any more: nothing to do
    imports.hook_first(first)  # none to put first: a new one
    try:
        assert sys.meta_path[0].finders == [first]
    finally:
        imports.unhook_imports(first)
    assert sys.meta_path == meta_path


def test_a_read_hook_on_an_object_whose_class_cannot_change_is_none():
    from pytest_removed_apis.intercept import reads

    odd = Slotted()
    assert reads.watch(odd, ["function"], after=lambda *read: None) is None
    assert reads.filter_dir(odd, sorted) is None
    module = types.ModuleType("removed_apis_listed")
    module.a, module.b = 1, 2
    undo = reads.filter_dir(module, lambda names: [n for n in names if n != "a"])
    assert "a" not in dir(module)
    assert "b" in dir(module)
    undo()
    undo()  # twice: nothing more to take off
    assert type(module) is types.ModuleType
    assert "a" in dir(module)


def test_the_list_interface_alone_leaves_entry_points_as_it_is(seen):
    before = importlib.metadata.entry_points
    watch = recording([by_id("importlib.metadata.EntryPoints:list-interface")], seen)
    watch.install()
    try:
        assert importlib.metadata.entry_points is before  # its warning tells of a use
    finally:
        watch.uninstall()


def test_a_member_of_another_enum_in_an_enum_class_is_no_use(seen):
    import enum

    class Color(enum.Enum):
        RED = 1

    class Other(enum.Enum):
        RED = 1

    watch = recording([by_id("enum.EnumMeta.__contains__:non-member")], seen)
    watch.install()
    try:
        assert (Other.RED in Color) is False  # no TypeError on any release
    finally:
        watch.uninstall()
    assert seen == []


def test_a_read_hook_answers_as_the_module_type_would():
    from pytest_removed_apis.intercept import reads

    class Flavoured(types.ModuleType):
        flavour = "plain"  # an attribute of the type, not of the module

    module = Flavoured("removed_apis_flavoured")
    module.function = len
    seen: list[str] = []
    undo_function = reads.watch(module, ["function"], after=lambda m, a, v, f: seen.append(a))
    with pytest.raises(AttributeError):  # read on the type: the original type has no such name
        type(module).function  # noqa: B018
    module.function = abs  # written through to the namespace
    assert (module.function, seen) == (abs, ["function"])
    del module.function
    with pytest.raises(AttributeError):
        del module.function
    module.function = len
    undo_flavour = reads.watch(module, ["flavour"], after=lambda m, a, v, f: seen.append(a))
    assert module.flavour == "plain"  # every read hooked now: the type's attribute answers
    assert seen[-1] == "flavour"
    undo_flavour()
    undo_function()
    assert type(module) is Flavoured


def test_an_inert_read_hook_reads_through(monkeypatch):
    from pytest_removed_apis.intercept import reads

    module = types.ModuleType("removed_apis_inert")
    module.a, module.b = 1, 2
    undo_a = reads.watch(module, ["a"], after=lambda *read: None)
    undo_b = reads.watch(module, ["b"], after=lambda *read: None)
    undo_a()  # the descriptor of "a" stays while "b" keeps the hook on
    assert module.a == 1
    undo_b()
    assert type(module) is types.ModuleType
