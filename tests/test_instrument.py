"""The instrumentation that sees uses no warning reports, on a made-up module."""

from __future__ import annotations

import builtins
import importlib
import sys
import types

import pytest

from pytest_removed_apis.catalog import _api
from pytest_removed_apis.instrument import AttributeWatch, ImportWatch, ParameterWatch

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


def test_import_watch_reports_imports_of_watched_modules_and_restores_hooks(fake, seen):
    before = (builtins.__import__, importlib.import_module)
    refreshed = []
    watch = ImportWatch(ENTRIES, report_into(seen), lambda: refreshed.append(1))
    watch.install()
    try:
        __import__(FAKE)
        importlib.import_module(FAKE)
        __import__("json", fromlist=["decoder"])
        importlib.import_module(".decoder", "json")
        assert watch.entry_for("os", ["path"]) is None
        assert watch.entry_for(f"{FAKE}.sub.deeper").id == f"{FAKE}.sub"
        assert watch.entry_for(f"{FAKE}.other").id == FAKE
        assert watch.entry_for(FAKE, ["sub"]).id == f"{FAKE}.sub"
    finally:
        watch.uninstall()
    watch.uninstall()  # twice is harmless
    assert (builtins.__import__, importlib.import_module) == before
    assert [api for api, _ in seen] == [FAKE, FAKE]
    assert len(refreshed) == 4


def test_parameter_watch_reports_removed_keywords_and_undoes_the_wrapping(fake, seen):
    before = (fake.function, vars(Legacy)["__init__"])
    watch = ParameterWatch(ENTRIES, report_into(seen))
    watch.refresh()
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
    watch = ParameterWatch(ENTRIES, report_into(seen))
    assert watch.refresh() is True
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

    watch = ParameterWatch(ENTRIES, report_into(seen))
    watch.refresh()
    try:
        thread = threading.Thread(target=fake.function, args=(1,), kwargs={"old": 2})
        thread.start()
        thread.join()
    finally:
        watch.uninstall()
    assert seen == []


def test_use_site_of_no_frame_is_none():
    from pytest_removed_apis.classify import use_site

    assert use_site(None) is None
