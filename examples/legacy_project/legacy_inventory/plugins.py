"""Loading site-specific hook files (``on_stock_change(sku, quantity)``)."""
import os
import sys

try:
    import imp
except ImportError:  # Python 3.12+: imp is gone, fall back to importlib
    imp = None
    import importlib.util


def load_plugin(path, name=None):
    if name is None:
        name = "inventory_plugin_" + os.path.splitext(os.path.basename(path))[0]
    if imp is not None:
        return imp.load_source(name, path)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def collect_hooks(paths):
    hooks = []
    for path in paths:
        module = load_plugin(path)
        hook = getattr(module, "on_stock_change", None)
        if hook is not None:
            hooks.append(hook)
    return hooks
