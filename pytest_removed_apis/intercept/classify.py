"""Pure decisions: which catalogued APIs a warning is about, and where a use happened.

Nothing here knows pytest.  ``entries_for_warning`` maps a warning to catalog entries (the
text alone is sometimes shared by several APIs: the source line of the use tells them
apart); ``use_site`` finds the first frame outside the standard library and this package;
``Origins`` names the installed distribution that holds a file.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import linecache
import os
import re
import sys
from types import FrameType
from typing import Final, Iterable, Literal, Pattern

from pytest_removed_apis.catalog import Entry

DEPRECATIONS: Final = ("DeprecationWarning", "PendingDeprecationWarning")


class Classifier:
    """Which of a set of entries a warning is about, by the entries' warning texts."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.texts = WarningTexts(self.entries)

    def may_be_about(self, message: str, category: str) -> bool:
        """Whether a warning may be about one of the entries (its source line decides
        only between entries): the question asked of every warning, answered cheaply."""
        return category in DEPRECATIONS and bool(self.texts.entries(message))

    def entries_for_warning(self, message: str, category: str, line: str) -> list[Entry]:
        """The entries a warning is about; empty when it is about none of them."""
        if category not in DEPRECATIONS:
            return []
        matched = self.texts.entries(message)
        if len(matched) < 2:
            return matched
        named = [entry for entry in matched if _named_in(entry, line)]
        if len(named) > 1:  # strptime(): time's, datetime's or date's
            named = [entry for entry in named if _named_with_owner(entry, line)] or named[:1]
        return named or matched[:1]


_KEY: Final = 6
"""How many first characters of a warning its candidate texts are looked up by."""
_SPECIAL: Final = frozenset(".^$*+?{}[]|()\\")
_PLAIN: Final = re.compile(r"(?:[^.^$*+?{}\[\]|()\\]|\\[.^$*+?{}\[\]|()\\])*")
_ESCAPED: Final = re.compile(r"\\(.)")


def literal_start(pattern: str) -> tuple[str, bool]:
    """The ASCII text every match of ``pattern`` begins with (lower and upper case as
    written), and whether the pattern is that text alone.  Conservative: a pattern with an
    alternative at its top level begins with nothing."""
    if _top_level_alternative(pattern):
        return "", False
    if pattern.isascii() and _PLAIN.fullmatch(pattern):  # the usual text: plain and escaped
        return _ESCAPED.sub(r"\1", pattern), True
    start: list[str] = []
    index = 0
    while True:  # not plain: a special or a non-ASCII character comes, and ends the start
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and pattern[index + 1] in _SPECIAL:
            char, index = pattern[index + 1], index + 1  # an escaped special character
        elif char in _SPECIAL or not char.isascii():
            if char in "*+?{" and start:
                start.pop()  # the character before is optional or repeated
            return "".join(start), False
        start.append(char)
        index += 1


def _top_level_alternative(pattern: str) -> bool:
    if "|" not in pattern:
        return False
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                index += 1  # a first ] is a member of the class
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


class _Text:
    """One entry's warning text: a plain text is compared, any other pattern compiled when
    a warning first begins like it."""

    __slots__ = ("entry", "start", "literal", "_compiled")

    def __init__(self, entry: Entry, pattern: str) -> None:
        self.entry = entry
        self.start, self.literal = literal_start(pattern)
        self._compiled: dict[int, Pattern[str]] = {}

    def matches(self, message: str, flags: int) -> bool:
        if self.literal:
            if flags:
                return message[: len(self.start)].lower() == self.start.lower()
            return message.startswith(self.start)
        compiled = self._compiled.get(flags)
        if compiled is None:
            compiled = self._compiled[flags] = re.compile(self.entry.warning or "", flags)
        return compiled.match(message) is not None


class WarningTexts:
    """The warning texts of a set of entries, found by a warning's first characters: their
    cost per warning does not grow with the catalog, and no regular expression is compiled
    before a warning begins like one that needs it.

    ``match`` answers as the pattern ``filterwarnings(message=...)`` would compile from
    all the texts (case-insensitive), so the object stands in a warnings filter."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_start: dict[str, list[_Text]] = {}
        self._anywhere: list[_Text] = []  # no plain start of _KEY characters
        for entry in entries:
            if entry.warning:
                text = _Text(entry, entry.warning)
                if len(text.start) >= _KEY:
                    self._by_start.setdefault(text.start[:_KEY].lower(), []).append(text)
                else:
                    self._anywhere.append(text)

    def __bool__(self) -> bool:
        return bool(self._by_start or self._anywhere)

    def _candidates(self, message: str) -> list[_Text]:
        found = self._by_start.get(message[:_KEY].lower())
        return [*found, *self._anywhere] if found else self._anywhere

    def entries(self, message: str) -> list[Entry]:
        """The entries whose text matches the start of the warning (case as written)."""
        return [text.entry for text in self._candidates(message) if text.matches(message, 0)]

    def match(self, message: str) -> bool:
        return any(text.matches(message, re.I) for text in self._candidates(message))


def _named_in(entry: Entry, line: str) -> bool:
    """Whether the source line spells the API (its last name, and its keyword if any)."""
    last = (entry.qualname or entry.module).rsplit(".", 1)[-1]
    if entry.aspect is not None and entry.kind == "parameter":
        return re.search(rf"\b{re.escape(entry.aspect)}\s*=", line) is not None and (
            re.search(rf"\b{re.escape(last)}\b", line) is not None
        )
    return re.search(rf"\b{re.escape(last)}\b", line) is not None


def _named_with_owner(entry: Entry, line: str) -> bool:
    """Whether the source line spells the API with what holds it (``time.strptime``)."""
    owner, last = f"{entry.module}.{entry.qualname}".rstrip(".").rsplit(".", 2)[-2:]
    return re.search(rf"\b{re.escape(owner)}\.{re.escape(last)}\b", line) is not None


@functools.lru_cache(maxsize=None)  # read when first asked: sysconfig is slow to answer
def _library_roots() -> tuple[str, ...]:
    import sysconfig

    paths = sysconfig.get_paths()
    roots = {os.path.normcase(os.path.realpath(paths[key])) for key in ("stdlib", "platstdlib")}
    return tuple(sorted(roots))


@functools.lru_cache(maxsize=None)
def _runner_roots() -> tuple[str, ...]:
    """pytest's and pluggy's folders, found without importing them."""
    roots = []
    for name in ("_pytest", "pytest", "pluggy"):
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            roots.append(os.path.normcase(os.path.realpath(location)))
    return tuple(roots)


_PACKAGE: Final = os.path.normcase(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
SITE_DIRS: Final = ("site-packages", "dist-packages")
_IMPORT_WRAPPERS: Final = frozenset(
    os.path.join(os.path.dirname(__file__), name) for name in ("imports.py", "simulate.py")
)
"""The files of the plugin's import wrappers (``importlib.import_module``, and the
simulation's ``builtins.__import__``): between an import statement and the import system,
a frame of theirs stands where the statement's own would be."""


_ON_BEHALF: Final = tuple(
    os.sep + os.path.join(*parts)
    for parts in (
        ("unittest", "mock.py"),  # mock.patch("imp.reload")
        ("pkgutil.py",),  # pkgutil.resolve_name("imp:reload")
        ("pydoc.py",),  # pydoc.locate("imp")
        ("logging", "config.py"),  # "()": "imp.reload" in a dictConfig
        ("unittest", "loader.py"),  # loadTestsFromName("imp")
    )
)


@functools.lru_cache(maxsize=256)
def imports_on_behalf(filename: str) -> bool:
    """Standard-library code that imports what its caller names in a string: the import
    is its caller's (on the newer release it fails for the caller)."""
    return filename.endswith(_ON_BEHALF) and is_library(filename)


def behalf_site(frame: FrameType | None) -> tuple[str, int] | None:
    """Where the caller of code that imports on its behalf named what to import: the first
    frame outside the standard library, or, when that is the test runner (a test decorated
    with ``@mock.patch("imp.reload")``, patched as pytest calls it), the decorated function
    that ``unittest.mock`` holds."""
    decorated: tuple[str, int] | None = None
    while frame is not None and not is_runner(frame.f_code.co_filename):
        filename = frame.f_code.co_filename
        if not is_library(filename):
            return filename, frame.f_lineno
        if decorated is None and imports_on_behalf(filename):
            code = getattr(frame.f_locals.get("func"), "__code__", None)
            if code is not None:
                decorated = code.co_filename, code.co_firstlineno
        frame = frame.f_back
    return decorated


@functools.lru_cache(maxsize=4096)  # asked for the same few files, frame after frame
def is_library(filename: str) -> bool:
    """Standard-library code (or this package): never the place a user wrote a use."""
    if filename.startswith("<frozen") or filename.startswith("<string>"):
        return filename.startswith("<frozen")
    path = os.path.normcase(os.path.realpath(filename))
    if path.startswith(_PACKAGE + os.sep):
        return True
    for root in _library_roots():
        if path.startswith(root + os.sep):
            rest = path[len(root) + 1 :].split(os.sep)
            return not any(part in SITE_DIRS for part in rest)
    return False


def library_object(obj: object) -> bool:
    """Whether an object's class is the standard library's (frozen and built-in count):
    3.12 updated the library's own objects too (3.8's zipimporter falls back to
    ``find_module()``, 3.12's has ``find_spec()``)."""
    return library_class(type(obj))


def library_class(kind: type) -> bool:
    """Whether a class is the standard library's (frozen and built-in count).  A class
    whose module has no file and is neither built-in nor frozen (made by ``exec``, or in
    ``python -c``) is the user's."""
    name = kind.__module__
    module = sys.modules.get(name)
    filename = getattr(module, "__file__", None)
    if isinstance(filename, str):
        return is_library(filename)
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    return origin in ("built-in", "frozen") or name in sys.builtin_module_names


def is_library_dir(entry: object) -> bool:
    """Whether a ``sys.path`` entry is a folder of the standard library's."""
    return isinstance(entry, str) and bool(entry) and is_library(os.path.join(entry, "x"))


@functools.lru_cache(maxsize=4096)
def is_runner(filename: str) -> bool:
    """pytest's or pluggy's own code: its introspection of test classes is not a use."""
    path = os.path.normcase(os.path.realpath(filename))
    return any(path.startswith(root + os.sep) for root in _runner_roots())


def users(filename: str) -> bool:
    """Whether code in this file is the user's: neither the standard library's nor the
    test runner's."""
    return not is_library(filename) and not is_runner(filename)


def use_site(frame: FrameType | None) -> tuple[str, int] | None:
    """The file and line of the first frame, walking outwards, that is not library code;
    ``None`` when that frame belongs to the test runner itself."""
    while frame is not None:
        filename = frame.f_code.co_filename
        # The runner first: it is no library, and pytest's own look at test classes need
        # not read the interpreter's configuration (sysconfig) to be told apart.
        if is_runner(filename):
            return None
        if not is_library(filename):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None


Whose = Literal["user", "runner", "library"]


def whose_read(frame: FrameType, name: str) -> Whose:
    """Whose read of a removed name the code in ``frame`` makes, the one answer both
    policies act on: ``"user"`` (the project's code or a distribution's), ``"runner"``
    (pytest's or pluggy's own, such as its look at test classes), or ``"library"`` (the
    standard library reaching the name for its own purposes, which the newer release does
    its own way).  The standard library reaching it on the user's behalf is the user's: the
    user's line that led there spells the name (``mock.patch.object(ssl, "wrap_socket")``,
    ``string.Formatter().format("{0.wrap_socket}", ssl)``).  The hooks on reads
    (``reads.py``) pass the frame of the code that reads; this package's other code is the
    library's."""
    filename = frame.f_code.co_filename
    if is_runner(filename):
        return "runner"
    if not is_library(filename):
        return "user"
    site = use_site(frame)
    return "user" if site is not None and name in linecache.getline(*site) else "library"


def imported_by_library(frame: FrameType | None, module: str) -> bool:
    """Whether the module whose body is running in the stack was imported by library code
    (asynchat importing asyncore): the user's import is the one to report, not this one."""
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == module:
            importer = past_import_machinery(frame.f_back)
            return importer is not None and is_library(importer.f_code.co_filename)
        frame = frame.f_back
    return False


def past_import_machinery(frame: FrameType | None) -> FrameType | None:
    """The first frame, walking outwards, of neither the import system nor the plugin's
    import wrappers: the import statement."""
    while frame is not None and (
        frame.f_code.co_filename.startswith("<frozen")
        or frame.f_code.co_filename in _IMPORT_WRAPPERS
    ):
        frame = frame.f_back
    return frame


def warning_site(frame: FrameType | None, filename: str, lineno: int) -> tuple[str, int]:
    """Where a warning belongs: where it was issued, unless that is a frame of the plugin's
    import wrappers (a module warning about itself as it is imported, ``stacklevel=2``),
    which only stands for the import statement that called it."""
    if filename not in _IMPORT_WRAPPERS:
        return filename, lineno
    while frame is not None and frame.f_code.co_filename not in _IMPORT_WRAPPERS:
        frame = frame.f_back
    importer = past_import_machinery(frame)
    return (importer.f_code.co_filename, importer.f_lineno) if importer else (filename, lineno)


class Providers:
    """Whether something outside the standard library provides a module name.

    setuptools' ``distutils`` (through its ``.pth`` hook) and backports such as
    ``pyasyncore`` or ``standard-imghdr`` make a removed module importable on the newer
    release; an import of such a name is no use of a removed API.
    """

    def __init__(self) -> None:
        self._known: dict[str, bool] = {}

    def provide(self, module_name: str) -> bool:
        top = module_name.partition(".")[0]
        known = self._known.get(top)
        if known is None:
            known = self._known[top] = _provided(top)
        return known


def _provided(top: str) -> bool:
    loaded = sys.modules.get(top)
    filename = getattr(loaded, "__file__", None)
    if isinstance(filename, str) and not is_library(filename):
        return True
    paths = [path for path in sys.path if path and not is_library_dir(path)]
    return importlib.machinery.PathFinder.find_spec(top, paths) is not None


class Origins:
    """Which installed distribution holds a file (``None`` for the project's own code)."""

    def __init__(self) -> None:
        self._by_top_level: dict[str, str] | None = None

    def of(self, filename: str) -> str | None:
        parts = os.path.normcase(os.path.realpath(filename)).split(os.sep)
        for index, part in enumerate(parts[:-1]):
            if part in SITE_DIRS:
                top = parts[index + 1]
                top = top[:-3] if top.endswith(".py") else top
                return self._distributions().get(top, top)
        return None

    def _distributions(self) -> dict[str, str]:
        if self._by_top_level is None:
            from importlib.metadata import distributions

            found: dict[str, str] = {}
            for dist in distributions():
                label = f"{dist.metadata['Name']} {dist.version}"
                for top in _top_levels(dist.read_text("top_level.txt"), dist.files or ()):
                    found.setdefault(top, label)
            self._by_top_level = found
        return self._by_top_level


def _top_levels(top_level_txt: str | None, files: Iterable[object]) -> set[str]:
    if top_level_txt:
        return {line.strip() for line in top_level_txt.splitlines() if line.strip()}
    tops = set()
    for file in files:
        first = str(file).replace("\\", "/").split("/", 1)[0]
        if first and not first.endswith((".dist-info", ".egg-info", ".data", ".pth")):
            tops.add(first[:-3] if first.endswith(".py") else first)
    return tops
