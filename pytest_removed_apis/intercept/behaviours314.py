"""The behaviours Python 3.14 removed, as ``behaviours.BEHAVIOURS`` installs them: asyncio's
implicit event loop, nested argparse groups, ``ast.NodeVisitor``'s legacy visit methods,
pathlib's keyword and extra arguments, ``typing.ForwardRef``'s positional arguments, and the
renamed keywords of ``url2pathname()`` and ``os.path.splitroot()``.  Each function wraps, in
the imported module, what shows the removed form, and hands a use to the policy through
``Behaviours.use``."""

from __future__ import annotations

import functools
import io
import pickle
import sys
import threading
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Any, Callable, Final

from pytest_removed_apis.intercept.classify import is_library

if TYPE_CHECKING:
    from pytest_removed_apis.intercept.behaviours import Behaviours


LOOP_FUNCTION: Final = "asyncio.get_event_loop:implicit-loop-creation"
LOOP_METHOD: Final = "asyncio.DefaultEventLoopPolicy.get_event_loop:implicit-loop-creation"


def no_implicit_event_loop(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's policy no longer makes a loop when the main thread has none and none was ever
    set: ``get_event_loop()`` raises ``RuntimeError`` (3.12 and 3.13 warn, older releases
    make the loop silently).  The policy's method is where the loop is made;
    ``asyncio.get_event_loop`` (C code that calls it) is wrapped too, to tell its uses from
    the method's own.  The standard library's own calls are left alone: 3.14 changed them
    its own way (3.8's ``asyncio.Queue()`` asked for the loop, 3.14's does not)."""

    events = module.events
    base = events.BaseDefaultEventLoopPolicy
    original_method = vars(base)["get_event_loop"]
    original_function = module.get_event_loop

    def implicit(policy: Any, frame: FrameType) -> bool:
        local = policy._local
        return (
            local._loop is None
            and not local._set_called
            and threading.current_thread() is threading.main_thread()
            and not is_library(frame.f_code.co_filename)
        )

    def make(policy: Any, entry_id: str, frame: FrameType) -> None:
        name = threading.current_thread().name
        error = RuntimeError(f"There is no current event loop in thread {name!r}.")
        if behaviours.use(entry_id, error, frame):
            # Recorded: the loop is made as before, without the warning of 3.12, which
            # would name both entries (its text and the line cannot tell them apart).
            policy.set_event_loop(policy.new_event_loop())

    @functools.wraps(original_function)
    def get_event_loop() -> Any:
        frame = sys._getframe(1)
        if events._get_running_loop() is None:
            policy = events.get_event_loop_policy()
            if isinstance(policy, base) and implicit(policy, frame):
                make(policy, LOOP_FUNCTION, frame)
        return original_function()

    @functools.wraps(original_method)
    def get_event_loop_of_policy(self: Any) -> Any:
        frame = sys._getframe(1)  # this package's own, when asyncio.get_event_loop called
        if implicit(self, frame):
            make(self, LOOP_METHOD, frame)
        return original_method(self)

    behaviours.patch(module, "get_event_loop", get_event_loop)
    behaviours.patch(events, "get_event_loop", get_event_loop)
    behaviours.patch(base, "get_event_loop", get_event_loop_of_policy)


_NESTED_GROUPS: Final = (
    ("_ArgumentGroup", "add_argument_group", "argparse:nested-argument-groups", "argument"),
    (
        "_MutuallyExclusiveGroup",
        "add_mutually_exclusive_group",
        "argparse:nested-mutually-exclusive-groups",
        "mutually exclusive",
    ),
)


def no_nested_groups(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14 refuses an argument group made in a group, and a mutually exclusive group made
    in a mutually exclusive group, with ``ValueError`` (3.11 to 3.13 warn, older releases
    take both silently, through the methods groups inherit from the parser's base)."""
    for owner_name, name, entry_id, what in _NESTED_GROUPS:
        owner = getattr(module, owner_name)
        original = getattr(owner, name)
        message = f"{what} groups cannot be nested"
        behaviours.patch(owner, name, _refusing_nested(behaviours, original, entry_id, message))


def _refusing_nested(
    behaviours: Behaviours, original: Any, entry_id: str, message: str
) -> Callable[..., Any]:
    @functools.wraps(original)
    def nested(self: Any, *args: Any, **kwargs: Any) -> Any:
        behaviours.use(entry_id, ValueError(message), sys._getframe(1))
        return original(self, *args, **kwargs)

    return nested


LEGACY_VISITORS: Final = "ast.NodeVisitor:legacy-visit-methods"


def no_legacy_visitors(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's ``NodeVisitor`` has no ``visit_Constant`` of its own, which called the
    ``visit_Num``, ``visit_Str``, ... a visitor defines for a constant (every release from
    3.8 warns, and default mode reads the warning): the constant goes to
    ``generic_visit``.  Refused only: ``visit`` is wrapped."""
    base = module.NodeVisitor
    constant = module.Constant
    type_names = module._const_node_type_names
    original = vars(base)["visit"]

    def legacy(visitor: Any, node: Any) -> bool:
        mro = type(visitor).__mro__
        if next(owner for owner in mro if "visit_Constant" in vars(owner)) is not base:
            return False  # the visitor's own visit_Constant: 3.14 calls it
        value = node.value
        name = type_names.get(type(value))
        if name is None:
            name = next((n for kind, n in type_names.items() if isinstance(value, kind)), None)
        return name is not None and hasattr(visitor, f"visit_{name}")

    @functools.wraps(original)
    def visit(self: Any, node: Any) -> Any:
        if type(node) is constant and legacy(self, node) and behaviours.taken(LEGACY_VISITORS):
            return self.generic_visit(node)
        return original(self, node)

    behaviours.patch(base, "visit", visit)


PATH_KEYWORDS: Final = "pathlib.Path:keyword-arguments"


def strict_path_arguments(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's ``Path()`` takes no keyword arguments, and ``relative_to()`` and
    ``is_relative_to()`` one path only (3.12 and 3.13 warn, older releases take them
    silently): ``Path.__init__`` (``__new__`` before 3.12) and the two methods are
    wrapped."""
    path, pure = module.Path, module.PurePath
    maker = "__init__" if "__init__" in vars(path) else "__new__"
    original_maker = getattr(path, maker)

    @functools.wraps(original_maker)
    def make(cls_or_self: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs:
            keyword = next(iter(kwargs))
            message = f"PurePath.__init__() got an unexpected keyword argument {keyword!r}"
            behaviours.use(PATH_KEYWORDS, TypeError(message), sys._getframe(1))
        return original_maker(cls_or_self, *args, **kwargs)

    behaviours.patch(path, maker, staticmethod(make) if maker == "__new__" else make)
    for name in ("relative_to", "is_relative_to"):
        if name in vars(pure):  # is_relative_to() is new in 3.9
            behaviours.patch(pure, name, _one_other_path(behaviours, vars(pure)[name]))


def _one_other_path(behaviours: Behaviours, original: Any) -> Callable[..., Any]:
    name = original.__name__
    entry_id = f"pathlib.PurePath.{name}:extra-arguments"

    @functools.wraps(original)
    def relative(self: Any, *others: Any, **kwargs: Any) -> Any:
        frame = sys._getframe(1)
        # 3.9 to 3.11's is_relative_to() passes its paths on to relative_to() itself.
        if len(others) > 1 and not is_library(frame.f_code.co_filename):
            error = _two_positional(f"PurePath.{name}", len(others) + 1, len(kwargs))
            behaviours.use(entry_id, error, frame)  # a keyword: walk_up= (3.12 and 3.13)
        return original(self, *others, **kwargs)

    return relative


def _two_positional(name: str, positional: int, keywords: int) -> TypeError:
    """What 3.14 says of a call with more than two positional arguments (``self`` counted)
    to a method that takes two, and the given number of keyword-only arguments."""
    given = str(positional)
    if keywords:
        plural = "" if keywords == 1 else "s"
        given += f" positional arguments (and {keywords} keyword-only argument{plural})"
    return TypeError(f"{name}() takes 2 positional arguments but {given} were given")


FORWARD_REF: Final = "typing.ForwardRef:positional-arguments"


def keyword_forward_ref(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's ``ForwardRef`` takes its argument by position and the others (``is_argument``,
    ``module``, ``is_class``) by keyword only; no older release warns of it.
    ``ForwardRef.__init__`` is wrapped (the standard library's own calls pass them by
    keyword)."""
    owner = module.ForwardRef
    original = vars(owner)["__init__"]

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > 1:
            error = _two_positional("ForwardRef.__init__", len(args) + 1, len(kwargs))
            behaviours.use(FORWARD_REF, error, sys._getframe(1))
        original(self, *args, **kwargs)

    behaviours.patch(owner, "__init__", __init__)


URL2PATHNAME: Final = "urllib.request.url2pathname:pathname-keyword"


def renamed_url_keyword(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's ``url2pathname()`` names its argument ``url``, as Windows' did already:
    ``pathname=`` is a ``TypeError``, of which no older release warns."""
    original = module.url2pathname
    message = "url2pathname() got an unexpected keyword argument 'pathname'"
    renamed = _renamed_keyword(behaviours, original, "pathname", URL2PATHNAME, message)
    behaviours.patch(module, "url2pathname", renamed)


SPLITROOT: Final = "posixpath.splitroot:path-keyword"


def renamed_path_keyword(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's ``splitroot()`` names its argument ``p``: ``path=`` is a ``TypeError``, of which
    no older release warns.  Only 3.13's (C code) took ``path=``: 3.12's, new then, took
    ``p=``, as does the Python code of a build without it."""
    original = getattr(module, "splitroot", None)
    if "path" not in (getattr(original, "__text_signature__", None) or ""):
        return
    message = "_path_splitroot_ex() missing required argument 'p' (pos 1)"
    renamed = _renamed_keyword(behaviours, original, "path", SPLITROOT, message)
    behaviours.patch(module, "splitroot", renamed)


def _renamed_keyword(
    behaviours: Behaviours, original: Any, keyword: str, entry_id: str, message: str
) -> Callable[..., Any]:
    @functools.wraps(original)
    def renamed(*args: Any, **kwargs: Any) -> Any:
        if keyword in kwargs:
            behaviours.use(entry_id, TypeError(message), sys._getframe(1))
        return original(*args, **kwargs)

    return renamed


ITERTOOLS_PICKLE: Final = "itertools:copy-deepcopy-pickle"


def no_iterator_pickling(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14's itertools objects can no longer be copied, deep-copied or pickled (``TypeError:
    cannot pickle 'itertools.count' object``; 3.12 and 3.13 warn, older releases do it
    silently); ``tee`` objects keep ``copy.copy()``.  ``copy`` and ``pickle`` both ask
    ``copyreg.dispatch_table`` before an object's own ``__reduce__``: a reducer there for
    each itertools type that has one sees every use."""
    import copyreg

    table = copyreg.dispatch_table

    def reduce(obj: Any) -> Any:
        kind = type(obj)
        error = TypeError(f"cannot pickle '{kind.__module__}.{kind.__qualname__}' object")
        behaviours.use(ITERTOOLS_PICKLE, error, sys._getframe(1))
        return obj.__reduce__()

    for kind in _reducible_iterators(module):
        if kind not in table:
            table[kind] = reduce
            behaviours._undo.append(functools.partial(_forget, table, kind, reduce))


def _reducible_iterators(module: ModuleType) -> list[type]:
    kinds = [value for value in vars(module).values() if isinstance(value, type)]
    kinds += [type(module.tee([])[0]), type(next(module.groupby([0]))[1])]
    return [kind for kind in kinds if "__reduce__" in vars(kind)]


def _forget(table: dict[Any, Any], kind: type, reducer: Any) -> None:
    if table.get(kind) is reducer:
        del table[kind]


TAR_EXTRACTALL: Final = "tarfile.TarFile.extractall:default-filter"
TAR_EXTRACT: Final = "tarfile.TarFile.extract:default-filter"


def data_filter_by_default(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14 extracts a tar archive through the ``data`` filter when the call names none:
    a member outside the destination, an absolute or outside link, a device file is refused
    (``tarfile.FilterError``), where 3.12 and 3.13 warn at every such call and older
    releases extract it as it is.  ``TarFile._get_filter_function``, which ``extract()``
    and ``extractall()`` ask, is wrapped: refused, it gives the ``data`` filter; recorded,
    a filter that reports the first member the ``data`` filter would refuse (a member it
    only changes, its mode bits or owner, is no use)."""
    owner = module.TarFile
    original = vars(owner)["_get_filter_function"]
    data_filter, filter_error = module.data_filter, module.FilterError

    @functools.wraps(original)
    def _get_filter_function(self: Any, filter: Any) -> Any:  # noqa: A002 - the original's
        given = original(self, filter)
        caller = sys._getframe(1)
        entry_id = TAR_EXTRACT if caller.f_code.co_name == "extract" else TAR_EXTRACTALL
        if filter is not None or self.extraction_filter is not None:
            return given
        if behaviours.refuses:
            return data_filter if behaviours.taken(entry_id) else given
        reported: list[BaseException] = []

        def checked(member: Any, path: str) -> Any:
            if not reported:
                try:
                    data_filter(member, path)
                except filter_error as error:
                    reported.append(error)
                    behaviours.use(entry_id, error, caller)
            return given(member, path)

        return checked

    behaviours.patch(owner, "_get_filter_function", _get_filter_function)


START_METHOD: Final = "multiprocessing:fork-default-start-method"


def forkserver_by_default(behaviours: Behaviours, module: ModuleType) -> None:
    """3.14 starts a process on Linux with the ``forkserver`` method unless the code chose
    one, where older releases fork, silently: the process object (its target, its
    arguments) must then be pickled.  While no start method has been chosen, the default
    context becomes a context of its own of the same kind, so that a choice the code makes
    later (``set_start_method``, ``get_context("fork")``) is told apart, and
    ``multiprocessing.Process._Popen`` sees each start by default: refused, the process
    starts through the fork server, and a pickling error is 3.14's ``PicklingError``;
    recorded, a process object that could not be sent to a fork server is a use.  Pools
    and executors, which ask for the default context themselves, start through the fork
    server when refused, and are not looked at when recorded."""
    context = module.context
    default, concrete = context._default_context, context._concrete_contexts
    if not sys.platform.startswith("linux"):  # pragma: no cover - spawn already elsewhere
        return
    if default._actual_context is not None:
        return  # chosen already, or by default before the plugin came: not told apart
    fork = concrete["fork"]
    implicit = type(concrete["forkserver" if behaviours.refuses else "fork"])()
    original_popen = vars(context.Process)["_Popen"].__func__

    def _Popen(process_obj: Any) -> Any:  # noqa: N802 - the original's name
        if default.get_context() is not implicit:
            return original_popen(process_obj)
        frame = sys._getframe(1)
        if not behaviours.refuses:
            error = _not_sent_to_a_fork_server(process_obj)
            if error is not None:
                behaviours.use(START_METHOD, error, frame)
            return implicit.Process._Popen(process_obj)
        if behaviours.taken(START_METHOD) is None:  # allowed: the old way
            return fork.Process._Popen(process_obj)
        try:
            return implicit.Process._Popen(process_obj)
        except Exception as error:
            refused = _as_on_314(error)
            if refused is not None:
                behaviours.use(START_METHOD, refused, frame)
            raise

    original = default._default_context
    default._default_context = implicit
    behaviours.patch(context.Process, "_Popen", staticmethod(_Popen))

    def undo() -> None:
        if default._actual_context is implicit:  # used, never chosen: as it was
            default._actual_context = None
        default._default_context = original

    behaviours._undo.append(undo)


def _as_on_314(error: BaseException) -> BaseException | None:
    """What 3.14 raises for a pickling failure (``None``: the error is not one): a local
    object is a ``PicklingError`` there, an ``AttributeError`` before."""
    text = str(error)
    if isinstance(error, AttributeError) and text.startswith(
        ("Can't pickle local object", "Can't get local object")
    ):
        return pickle.PicklingError(text)
    if isinstance(error, pickle.PicklingError) or (
        isinstance(error, TypeError) and text.startswith("cannot pickle")
    ):
        return error
    return None


def _not_sent_to_a_fork_server(process_obj: Any) -> BaseException | None:
    """What 3.14 raises pickling the process for a fork server, as its ``Popen`` pickles it
    (``None``: it pickles, or fails only because a lock was made for fork, as 3.14 would
    not have made it)."""
    from multiprocessing import context, popen_forkserver, reduction, spawn

    popen = object.__new__(popen_forkserver.Popen)
    vars(popen)["_fds"] = []  # what its __init__ would start with
    context.set_spawning_popen(popen)
    try:
        buffer = io.BytesIO()
        reduction.dump(spawn.get_preparation_data(process_obj._name), buffer)
        reduction.dump(process_obj, buffer)
    except RuntimeError as error:  # 3.14 makes the lock for the fork server: it is sent
        return None if "SemLock created in a fork context" in str(error) else error
    except Exception as error:
        return _as_on_314(error) or error
    finally:
        context.set_spawning_popen(None)
    return None
