"""Reorder rules shipped as source text in the database, imported by name.

The finder below predates PEP 451: it only has find_module()/load_module().
Python 3.12 no longer calls find_module() on meta-path finders.
"""
import importlib
import sys
import types


class VirtualModuleFinder(object):
    def __init__(self, sources):
        self.sources = dict(sources)

    def find_module(self, fullname, path=None):
        if fullname in self.sources:
            return self
        return None

    def load_module(self, fullname):
        if fullname in sys.modules:
            return sys.modules[fullname]
        module = types.ModuleType(fullname)
        module.__file__ = "<virtual %s>" % fullname
        module.__loader__ = self
        sys.modules[fullname] = module
        try:
            exec(compile(self.sources[fullname], module.__file__, "exec"), module.__dict__)
        except Exception:
            del sys.modules[fullname]
            raise
        return module

    def install(self):
        sys.meta_path.insert(0, self)

    def uninstall(self):
        if self in sys.meta_path:
            sys.meta_path.remove(self)


def import_rules(name, source):
    finder = VirtualModuleFinder({name: source})
    finder.install()
    try:
        return importlib.import_module(name)
    finally:
        finder.uninstall()
