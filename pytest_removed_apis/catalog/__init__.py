"""The catalog: one frozen record per standard-library API removed in Python 3.12 or 3.13.

What is an entry
    Every Python-level API that exists in CPython 3.11 and is gone, or no longer behaves the
    old way, in 3.12, and every one that exists in 3.12 and is gone in 3.13.  The list starts
    from the "Removed" sections of What's New in Python 3.12 and 3.13 and is completed by a
    mechanical comparison of the real interpreters (``tools/stdlib_surface.py``, and
    ``tools/surface/reachable.py`` for what only importing shows); the test suite proves
    every entry present on the releases before its removal and absent from the release
    that removed it.

    That includes the test packages a package carried (``unittest.test``, ``ctypes.test``:
    3.12 moved them into ``test``, and projects import their helpers), and a removed API
    under each spelling the older release offered (``unittest.makeSuite`` and
    ``unittest.loader.makeSuite``, ``sqlite3.enable_shared_cache`` and
    ``sqlite3.dbapi2.enable_shared_cache``): each spelling is an entry of its own, since
    the plugin watches a name where it is read.

What is not an entry
    * A submodule of a removed package: ``distutils.core`` goes with ``distutils``.  The
      package's entry covers all of its submodules (see :meth:`Entry.covers_module`).
    * A member of a removed module or class: it goes with its owner.
    * An incidental name that was never API: a module's own imports showing up as its
      attributes (``import os`` in ``imp`` makes ``imp.os``; ``from x import y`` makes a
      foreign object an attribute, as ``pathlib.S_ISDIR`` was ``stat.S_ISDIR`` until 3.13),
      unless the name is in the module's ``__all__`` or is documented as part of the module;
      and the variable of a module-level loop left behind as an attribute (``dis.spec_op``
      and ``dis.specialized`` in 3.11 and 3.12).
    * CPython's own ``test`` package: it is "meant for internal use by Python only".
    * A name moved behind a module ``__getattr__``: still reachable, so not removed
      (``ast.Num`` in 3.12).
    * A group of methods that CPython removed as one interface, with one warning for all
      of them, is one ``behaviour`` entry (the list methods of
      ``importlib.metadata.EntryPoints``).
    * Private names (a leading underscore), unless documented (``unittest._TextTestResult``).

Ids are stable: the dotted name for names, ``<dotted name>:<aspect>`` for a removed
keyword parameter or a removed behaviour.

Added entries
    A project or a plugin adds entries through the ``pytest_removed_apis_add_entries`` hook,
    each made with :func:`removed_api`, typically for its own library's removals
    (``removed_in="mylib 2.0"``).  Such a library entry does not follow the Python releases:
    it is watched on every interpreter and hidden by every simulation (see
    :meth:`Entry.exists_on` and :meth:`Entry.removed_by`).  :func:`added_entry_problem` says
    what is wrong with one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Iterable, Literal, Tuple

Kind = Literal[
    "module", "function", "class", "method", "attribute", "alias", "parameter", "behaviour"
]
KINDS: Final[tuple[Kind, ...]] = (
    "module",
    "function",
    "class",
    "method",
    "attribute",
    "alias",
    "parameter",
    "behaviour",
)
Release = Literal["3.12", "3.13"]
Availability = Literal["unix", "windows", "macos"]
RELEASES: Final[tuple[Release, ...]] = ("3.12", "3.13")
ADDABLE_KINDS: Final[tuple[Kind, ...]] = KINDS[:-1]
"""The kinds an added entry may have: a ``behaviour`` needs code of its own to be seen."""

_WHATSNEW: Final = "https://docs.python.org/3/whatsnew/{release}.html#{anchor}"
_LIBRARY: Final = "https://docs.python.org/{release}/library/{page}.html"


@dataclass(frozen=True)
class Entry:
    """One removed API.

    ``module`` is the importable module that owned the API and ``qualname`` the path inside
    it (empty for a module entry, and for a behaviour of the module as a whole).  ``aspect``
    names the keyword parameter of a ``parameter`` entry or the removed behaviour of a
    ``behaviour`` entry.  ``deprecated_in`` is ``None`` for an API removed without a
    deprecation period.

    ``warning`` is a regular expression, matched at the start of the message
    (:func:`re.match`), for the DeprecationWarning (or PendingDeprecationWarning) CPython
    emits when the API is used; ``warns_from`` is the first release from 3.8 on that emits
    it.  Both are ``None`` where no release before the removal warns.  Several entries share
    one text (``Please use assertEqual instead.`` is emitted for ``assertEquals`` and
    ``failUnlessEqual``): the text alone does not always tell which API was used.

    ``raises`` names the exception the release that removed the API raises for a use
    (``ModuleNotFoundError`` for a module, ``AttributeError`` for a name, ``TypeError`` for a
    keyword parameter, the new exception of a behaviour), or is ``None`` for a behaviour
    that changed without raising.

    ``availability`` is ``None`` for an API every platform has, otherwise the only platform
    that has it.  ``added_in`` is ``None`` for an API that 3.8 already had, otherwise the
    first release that had it.

    ``removed_in`` is one of ``RELEASES`` for an API a Python release removed.  An entry
    added for a library (``removed_api()``) names that library's release instead
    (``"mylib 2.0"``): see ``removed_by_python``.
    """

    __slots__ = (
        "id",
        "module",
        "qualname",
        "kind",
        "deprecated_in",
        "removed_in",
        "replacement",
        "doc_url",
        "warning",
        "warns_from",
        "aspect",
        "raises",
        "availability",
        "added_in",
    )

    id: str
    module: str
    qualname: str
    kind: Kind
    deprecated_in: str | None
    removed_in: str
    replacement: str
    doc_url: str
    warning: str | None
    warns_from: str | None
    aspect: str | None
    raises: str | None
    availability: Availability | None
    added_in: str | None

    @property
    def name(self) -> str:
        """The dotted name: ``imp``, ``unittest.TestCase.assertEquals``."""
        return f"{self.module}.{self.qualname}" if self.qualname else self.module

    @property
    def removed_version(self) -> tuple[int, int]:
        """The Python release that removed it, as a tuple (a Python entry's only)."""
        return version_tuple(self.removed_in)

    @property
    def removed_by_python(self) -> bool:
        """Whether a Python release removed it; otherwise a library's release did, and the
        entry is independent of the interpreter: present on each, gone on each simulated
        or targeted release."""
        return self.removed_in in RELEASES

    @property
    def removal(self) -> str:
        """What removed it, for a sentence: ``Python 3.12``, ``mylib 2.0``."""
        return removal_text(self.removed_in)

    def exists_on(self, running: tuple[int, int]) -> bool:
        """Whether the running interpreter (``(3, 11)``) still has it.  A library's entry:
        always, since upgrading the interpreter does not upgrade the library."""
        return not self.removed_by_python or self.removed_version > running

    def removed_by(self, release: tuple[int, int]) -> bool:
        """Whether moving to ``release`` (the target, or the simulated release) loses it: that
        release or an earlier one removed it.  A library's entry: always, since a migration
        or a simulation stands for the upgraded library too."""
        return not self.removed_by_python or self.removed_version <= release

    def covers_module(self, module_name: str) -> bool:
        """Whether importing ``module_name`` uses this (module) entry."""
        return self.kind == "module" and (
            module_name == self.module or module_name.startswith(self.module + ".")
        )


def version_tuple(release: str) -> tuple[int, int]:
    """``"3.12"`` -> ``(3, 12)``."""
    major, minor = release.split(".")
    return int(major), int(minor)


def removal_text(removed_in: str) -> str:
    """The release that removed an API, for a sentence ("removed in ..."): ``Python 3.12``
    for a Python release, a library's release (``mylib 2.0``) as it is."""
    return f"Python {removed_in}" if removed_in in RELEASES else removed_in


def removals_text(removed_in: Iterable[str]) -> str:
    """Several releases for one sentence: ``Python 3.12 and 3.13 and mylib 2.0``."""
    values = set(removed_in)
    python = [release for release in RELEASES if release in values]
    parts = [f"Python {' and '.join(python)}"] if python else []
    return " and ".join(parts + sorted(values - set(python)))


Warns = Tuple[str, str]  # noqa: UP006 - evaluated at run time on 3.8
"""``(first release that warns, regular expression for the text)``."""


_REMOVED_ANCHOR: Final[dict[Release, str]] = {
    "3.12": "removed",
    "3.13": "removed-modules-and-apis",
}


def _whatsnew(release: Release) -> str:
    return _WHATSNEW.format(release=release, anchor=_REMOVED_ANCHOR[release])


class _Derived:
    """Marker: derive ``raises`` from the kind."""


_DERIVED: Final = _Derived()
_RAISES: Final[dict[Kind, str | None]] = {
    "module": "ModuleNotFoundError",
    "function": "AttributeError",
    "class": "AttributeError",
    "method": "AttributeError",
    "attribute": "AttributeError",
    "alias": "AttributeError",
    "parameter": "TypeError",
    "behaviour": None,
}


def _api(
    target: str,
    kind: Kind,
    deprecated_in: str | None,
    removed_in: Release,
    replacement: str,
    *,
    aspect: str | None = None,
    raises: str | None | _Derived = _DERIVED,
    warns: Warns | None = None,
    doc_url: str | None = None,
    availability: Availability | None = None,
    added_in: str | None = None,
) -> Entry:
    """One entry.  ``target`` is ``"module"`` or ``"module:qualname"``; ``aspect`` names the
    keyword parameter or the behaviour of a ``parameter`` or ``behaviour`` entry."""
    entry_id, module, qualname = _names(target, aspect)
    if doc_url is None:
        page_release = "3.11" if removed_in == "3.12" else "3.12"
        doc_url = (
            _LIBRARY.format(release=page_release, page=module)
            if kind == "module"
            else _whatsnew(removed_in)
        )
    return Entry(
        id=entry_id,
        module=module,
        qualname=qualname,
        kind=kind,
        deprecated_in=deprecated_in,
        removed_in=removed_in,
        replacement=replacement,
        doc_url=doc_url,
        warning=warns[1] if warns else None,
        warns_from=warns[0] if warns else None,
        aspect=aspect,
        raises=_RAISES[kind] if isinstance(raises, _Derived) else raises,
        availability=availability,
        added_in=added_in,
    )


def _names(target: str, aspect: str | None) -> tuple[str, str, str]:
    """``"module:qualname"`` -> (id, module, qualname); the id is the dotted name, with
    ``:aspect`` after it for a parameter or a behaviour."""
    module, _, qualname = target.partition(":")
    name = f"{module}.{qualname}" if qualname else module
    return (f"{name}:{aspect}" if aspect else name), module, qualname


def removed_api(
    target: str,
    kind: Kind,
    *,
    removed_in: str,
    replacement: str,
    doc_url: str,
    deprecated_in: str | None = None,
    warning: str | None = None,
    aspect: str | None = None,
    raises: str | None = None,
) -> Entry:
    """A catalog entry for ``pytest_removed_apis_add_entries``: an API a library removed
    (or a standard-library one the catalog lacks).

    ``target`` is ``"package.module"`` for a ``module`` entry, else ``"module:qualname"``
    (``"mylib:old_helper"``, ``"mylib:Client.old_method"``).  ``kind`` is one of
    ``module``, ``function``, ``class``, ``method``, ``attribute``, ``alias`` and
    ``parameter``; a ``parameter`` entry names the removed keyword in ``aspect``
    (``removed_api("mylib:connect", "parameter", aspect="timeout_ms", ...)``).  The id of
    the entry, which ``allow_removed`` and ``removed_apis_allow`` accept, is the dotted
    name (``mylib.old_helper``), followed by ``:aspect`` for a parameter.

    ``removed_in`` is the library's release that removed the API, with the library's name
    (``"mylib 2.0"``), or ``"3.12"`` or ``"3.13"`` for a standard-library API.
    ``replacement`` says what to use instead and ``doc_url`` links the documentation; every
    finding shows both.  ``warning`` is a regular expression matched at the start of the
    text of the DeprecationWarning the API emits, if it emits one.  ``raises`` is the name
    of the exception a use raises once the API is gone (``None``: ``ModuleNotFoundError``
    for a module, ``TypeError`` for a parameter, ``AttributeError`` for the rest).

    Nothing is checked here: the plugin checks each entry a hook returns and stops the run
    with a usage error naming the hook's file when one is malformed.
    """
    entry_id, module, qualname = _names(target, aspect)
    return Entry(
        id=entry_id,
        module=module,
        qualname=qualname,
        kind=kind,
        deprecated_in=deprecated_in,
        removed_in=removed_in,
        replacement=replacement,
        doc_url=doc_url,
        warning=warning,
        warns_from=None,
        aspect=aspect,
        raises=_RAISES.get(kind) if raises is None else raises,
        availability=None,
        added_in=None,
    )


# Patterns, compiled (and cached by re) only when a hook adds entries.
_LIBRARY_RELEASE: Final = r"(?P<name>[A-Za-z][\w.-]*) v?\d[\w.+!-]*"
_DOTTED: Final = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"


def added_entry_problem(entry: Entry) -> str | None:
    """What is wrong with an entry a hook added, as the end of a sentence that starts "it"
    (what, and what would be valid); ``None`` when nothing is."""
    if entry.kind not in ADDABLE_KINDS:
        return (
            f"has the kind {entry.kind!r}, which cannot be added (a behaviour needs code of "
            f"its own to be seen); use one of: {', '.join(ADDABLE_KINDS)}"
        )
    shape = _target_problem(entry)
    if shape is not None:
        return shape
    return _text_problem(entry)


def _target_problem(entry: Entry) -> str | None:
    if not isinstance(entry.module, str) or not re.fullmatch(_DOTTED, entry.module):
        return f"names the module {entry.module!r}; use a dotted module name such as 'mylib.sub'"
    if entry.kind == "module":
        if entry.qualname:
            return (
                f"is a module entry with the member {entry.qualname!r}; a module entry's "
                f"target is the module's dotted name alone ('{entry.module}.{entry.qualname}')"
            )
    elif not isinstance(entry.qualname, str) or not re.fullmatch(_DOTTED, entry.qualname):
        return (
            f"is a {entry.kind} entry without a valid member name ({entry.qualname!r}); "
            f"write its target as 'module:qualname' ('{entry.module}:name')"
        )
    if entry.kind == "parameter":
        if not isinstance(entry.aspect, str) or not entry.aspect.isidentifier():
            return (
                f"is a parameter entry whose removed keyword ({entry.aspect!r}) is no "
                "identifier; pass it as aspect='keyword'"
            )
    elif entry.aspect is not None:
        return (
            f"has the aspect {entry.aspect!r}, which only a parameter entry takes (the "
            "removed keyword); leave it out"
        )
    expected = f"{entry.name}:{entry.aspect}" if entry.aspect else entry.name
    if entry.id != expected:
        return f"has the id {entry.id!r}, which is not its target's; make it with removed_api()"
    return None


def _text_problem(entry: Entry) -> str | None:
    removed_in = entry.removed_in
    library = re.fullmatch(_LIBRARY_RELEASE, removed_in) if isinstance(removed_in, str) else None
    if removed_in not in RELEASES and (
        library is None or library.group("name").lower() == "python"
    ):
        return (
            f"has removed_in={removed_in!r}; use a library and its release, such as "
            f"'mylib 2.0', or a Python release the catalog covers ({', '.join(RELEASES)})"
        )
    for field in ("replacement", "doc_url"):
        value = getattr(entry, field)
        if not isinstance(value, str) or not value.strip():
            return (
                f"has an empty {field}; every finding shows it, so say what to use "
                "instead and link the documentation"
            )
    if entry.warning is not None:
        if not isinstance(entry.warning, str) or not entry.warning:
            return (
                f"has the warning {entry.warning!r}; give a regular expression for the text "
                "of the DeprecationWarning the API emits, or None when it emits none"
            )
        try:
            re.compile(entry.warning)
        except re.error as error:
            return (
                f"has a warning that is no valid regular expression ({error}): {entry.warning!r}"
            )
    return None


_ENTRIES: tuple[Entry, ...] = (
    # Removed in Python 3.12.
    _api(
        "base64:test",
        "function",
        None,
        "3.12",
        "Use python -m base64 on the command line, or base64.encodebytes() and decodebytes() in code.",
    ),
    _api(
        "dis:hasnargs",
        "attribute",
        None,
        "3.12",
        "Drop the check: the list had been empty since Python 3.6.",
    ),
    _api(
        "importlib.metadata:Deprecated",
        "class",
        None,
        "3.12",
        "Nothing replaces it: it was the helper behind the deprecated dict interface of entry_points(); use entry_points(group=...).",
        added_in="3.10",
    ),
    _api(
        "importlib.metadata:DeprecatedList",
        "class",
        None,
        "3.12",
        "Treat EntryPoints as an immutable sequence, or copy it with list(eps).",
        added_in="3.10",
    ),
    _api(
        "importlib.metadata:SelectableGroups",
        "class",
        "3.10",
        "3.12",
        "Call entry_points(group=...) or entry_points().select(group=...); the result is an EntryPoints.",
        added_in="3.10",
    ),
    _api(
        "multiprocessing.connection:CHALLENGE",
        "attribute",
        None,
        "3.12",
        "Nothing public replaces it: the authentication handshake's message prefixes are internal; use Client(..., authkey=...) and Listener(..., authkey=...).",
    ),
    _api(
        "multiprocessing.connection:FAILURE",
        "attribute",
        None,
        "3.12",
        "Nothing public replaces it: the authentication handshake's message prefixes are internal; use Client(..., authkey=...) and Listener(..., authkey=...).",
    ),
    _api(
        "multiprocessing.connection:WELCOME",
        "attribute",
        None,
        "3.12",
        "Nothing public replaces it: the authentication handshake's message prefixes are internal; use Client(..., authkey=...) and Listener(..., authkey=...).",
    ),
    _api(
        "opcode:hasnargs",
        "attribute",
        None,
        "3.12",
        "Drop the check: the list had been empty since Python 3.6.",
    ),
    _api(
        "pickle:PyStringMap",
        "attribute",
        None,
        "3.12",
        "Drop the check: PyStringMap was a Jython type and always None on CPython.",
    ),
    _api(
        "unittest:load_tests",
        "function",
        None,
        "3.12",
        "Nothing replaces it: it loaded unittest's own test suite, which moved to test.test_unittest.",
    ),
    _api(
        "zipfile:FastLookup",
        "class",
        None,
        "3.12",
        "Use zipfile.Path, which does its own name lookup.",
    ),
    _api(
        "sre_parse:expand_template",
        "function",
        "3.11",
        "3.12",
        "Use match.expand(template) or re.sub() (sre_parse itself is deprecated: use re).",
        doc_url="https://docs.python.org/3.12/library/re.html#re.Match.expand",
    ),
    _api(
        "ctypes.test",
        "module",
        None,
        "3.12",
        "Nothing replaces it: CPython's own ctypes tests moved to test.test_ctypes, which is not for reuse; copy the helper you need (need_symbol(name) is unittest.skipUnless(hasattr(ctypes, name), ...)).",
        doc_url="https://docs.python.org/3.12/whatsnew/changelog.html#python-3-12-0-alpha-1",
    ),
    _api(
        "lib2to3.tests",
        "module",
        None,
        "3.12",
        "Nothing replaces it: lib2to3's own tests moved to test.test_lib2to3, which is not for reuse (and lib2to3 itself is gone in 3.13); use parso, LibCST or fissix.",
        doc_url="https://docs.python.org/3.12/whatsnew/changelog.html#python-3-12-0-alpha-1",
    ),
    _api(
        "tkinter.test",
        "module",
        None,
        "3.12",
        "Nothing replaces it: tkinter's own tests moved to test.test_tkinter and test.test_ttk, which are not for reuse; copy the helper you need (AbstractTkTest, requires_tcl, ...) into your project.",
        doc_url="https://docs.python.org/3.12/whatsnew/changelog.html#python-3-12-0-alpha-1",
    ),
    _api(
        "unittest.test",
        "module",
        None,
        "3.12",
        "Nothing replaces it: unittest's own tests moved to test.test_unittest, which is not for reuse; copy the helper you need (LoggingResult, ...) into your project.",
        doc_url="https://docs.python.org/3.12/whatsnew/changelog.html#python-3-12-0-alpha-1",
    ),
    _api(
        "_pyio:OpenWrapper",
        "class",
        "3.10",
        "3.12",
        "Use _pyio.open() or the built-in open().",
        warns=("3.10", r"OpenWrapper is deprecated, use open instead"),
    ),
    _api(
        "asynchat",
        "module",
        "3.6",
        "3.12",
        "Use asyncio streams or protocols instead.",
        warns=("3.10", r"The asynchat module is deprecated"),
    ),
    _api(
        "asyncore",
        "module",
        "3.6",
        "3.12",
        "Use asyncio (event loop, transports and protocols) instead.",
        warns=("3.10", r"The asyncore module is deprecated"),
    ),
    _api(
        "configparser:ParsingError",
        "parameter",
        "3.2",
        "3.12",
        "Pass source= instead of filename=.",
        aspect="filename",
    ),
    _api(
        "configparser:ParsingError.filename",
        "attribute",
        "3.2",
        "3.12",
        "Use the source attribute.",
        warns=("3.8", r"The 'filename' attribute will be removed in"),
    ),
    _api(
        "configparser:RawConfigParser.readfp",
        "method",
        "3.2",
        "3.12",
        "Use read_file() (e.g. parser.read_file(fp)).",
        warns=(
            "3.8",
            r"This method will be removed in (?:future versions|Python 3\.12)\.\s+Use 'parser\.read_file\(\)' instead",
        ),
    ),
    _api(
        "configparser:SafeConfigParser",
        "class",
        "3.2",
        "3.12",
        "Use configparser.ConfigParser.",
        warns=("3.8", r"The SafeConfigParser class has been renamed to ConfigParser"),
    ),
    _api(
        "distutils",
        "module",
        "3.10",
        "3.12",
        "Use setuptools (it ships its own distutils), packaging.version for LooseVersion/StrictVersion, sysconfig for paths and shutil/subprocess for the utilities; see PEP 632.",
        warns=("3.10", r"The distutils package is deprecated"),
    ),
    _api(
        "enum:EnumMeta.__contains__",
        "behaviour",
        "3.10",
        "3.12",
        "Expect True or False for a non-member (True for the value of a member); do not rely on TypeError.",
        warns=("3.10", r"in 3\.12 __contains__ will no longer raise TypeError"),
        doc_url="https://docs.python.org/3.12/library/enum.html#enum.EnumType.__contains__",
        aspect="non-member",
        raises=None,
    ),
    _api(
        "enum:EnumMeta.__getattr__",
        "method",
        None,
        "3.12",
        "Access members as attributes (Color.RED) or by name (Color['RED']); do not call EnumMeta.__getattr__ directly.",
    ),
    _api(
        "ftplib:FTP_TLS",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="certfile",
    ),
    _api(
        "ftplib:FTP_TLS",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="keyfile",
    ),
    _api(
        "ftplib:FTP_TLS.ssl_version",
        "attribute",
        None,
        "3.12",
        "Configure the protocol on an ssl.SSLContext and pass it as context=.",
    ),
    _api(
        "gzip:GzipFile.filename",
        "attribute",
        "2.6",
        "3.12",
        "Use the name attribute.",
        warns=("3.8", r"use the name attribute"),
    ),
    _api(
        "http.client:HTTPSConnection",
        "parameter",
        "3.6",
        "3.12",
        "Configure an ssl.SSLContext (load_cert_chain(), check_hostname) and pass it as context=.",
        warns=("3.8", r"key_file, cert_file and check_hostname are deprecated"),
        aspect="cert_file",
    ),
    _api(
        "http.client:HTTPSConnection",
        "parameter",
        "3.6",
        "3.12",
        "Configure an ssl.SSLContext (load_cert_chain(), check_hostname) and pass it as context=.",
        warns=("3.8", r"key_file, cert_file and check_hostname are deprecated"),
        aspect="check_hostname",
    ),
    _api(
        "http.client:HTTPSConnection",
        "parameter",
        "3.6",
        "3.12",
        "Configure an ssl.SSLContext (load_cert_chain(), check_hostname) and pass it as context=.",
        warns=("3.8", r"key_file, cert_file and check_hostname are deprecated"),
        aspect="key_file",
    ),
    _api(
        "imaplib:IMAP4_SSL",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as ssl_context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom ssl_context instead"),
        aspect="certfile",
    ),
    _api(
        "imaplib:IMAP4_SSL",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as ssl_context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom ssl_context instead"),
        aspect="keyfile",
    ),
    _api(
        "imp",
        "module",
        "3.4",
        "3.12",
        "Use importlib: importlib.util.find_spec() for find_module(), importlib.import_module() for load_module(), importlib.reload() for reload(), importlib.util.spec_from_file_location() with module_from_spec() for load_source(), types.ModuleType for new_module().",
        warns=("3.8", r"the imp module is deprecated in favour of importlib"),
    ),
    _api(
        "importlib",
        "behaviour",
        "3.4",
        "3.12",
        "Give custom meta-path / path-entry finders a find_spec() method (return importlib.util.spec_from_loader(name, loader)).",
        aspect="find_module-fallback",
        raises="ModuleNotFoundError",
    ),
    _api(
        "importlib",
        "behaviour",
        "3.4",
        "3.12",
        "Set module.__spec__ (repr uses the spec); don't rely on loader.module_repr().",
        aspect="module_repr-support",
        raises=None,
    ),
    _api(
        "importlib.abc:Finder",
        "class",
        "3.3",
        "3.12",
        "Subclass importlib.abc.MetaPathFinder or importlib.abc.PathEntryFinder and implement find_spec().",
        warns=("3.10", r"the Finder ABC is deprecated"),
    ),
    _api(
        "importlib.abc:Loader.module_repr",
        "method",
        "3.4",
        "3.12",
        "Drop it; module reprs are computed from module.__spec__.",
        warns=("3.10", r"importlib\.abc\.Loader\.module_repr\(\) is deprecated"),
    ),
    _api(
        "importlib.abc:MetaPathFinder.find_module",
        "method",
        "3.4",
        "3.12",
        "Implement and call find_spec(fullname, path, target=None).",
        warns=("3.8", r"MetaPathFinder\.find_module\(\) is deprecated"),
    ),
    _api(
        "importlib.abc:PathEntryFinder.find_loader",
        "method",
        "3.4",
        "3.12",
        "Implement and call find_spec(fullname, target=None).",
        warns=("3.8", r"PathEntryFinder\.find_loader\(\) is deprecated"),
    ),
    _api(
        "importlib.abc:PathEntryFinder.find_module",
        "method",
        "3.4",
        "3.12",
        "Implement and call find_spec(fullname, target=None).",
        warns=(
            "3.10",
            r"find_module\(\) is deprecated and slated for removal in Python 3\.12; use find_spec\(\) instead",
        ),
    ),
    _api(
        "importlib.machinery:BuiltinImporter.find_module",
        "method",
        "3.4",
        "3.12",
        "Use BuiltinImporter.find_spec() (or importlib.util.find_spec()).",
        warns=("3.10", r"BuiltinImporter\.find_module\(\) is deprecated"),
    ),
    _api(
        "importlib.machinery:BuiltinImporter.module_repr",
        "method",
        "3.4",
        "3.12",
        "Use repr(module); reprs come from module.__spec__.",
        warns=("3.10", r"BuiltinImporter\.module_repr\(\) is deprecated"),
    ),
    _api(
        "importlib.machinery:FileFinder.find_loader",
        "method",
        "3.4",
        "3.12",
        "Use FileFinder.find_spec().",
        warns=("3.10", r"FileFinder\.find_loader\(\) is deprecated"),
    ),
    _api(
        "importlib.machinery:FileFinder.find_module",
        "method",
        "3.4",
        "3.12",
        "Use FileFinder.find_spec().",
        warns=(
            "3.10",
            r"find_module\(\) is deprecated and slated for removal in Python 3\.12; use find_spec\(\) instead",
        ),
    ),
    _api(
        "importlib.machinery:FrozenImporter.find_module",
        "method",
        "3.4",
        "3.12",
        "Use FrozenImporter.find_spec() (or importlib.util.find_spec()).",
        warns=("3.10", r"FrozenImporter\.find_module\(\) is deprecated"),
    ),
    _api(
        "importlib.machinery:FrozenImporter.module_repr",
        "method",
        "3.4",
        "3.12",
        "Use repr(module); reprs come from module.__spec__.",
        warns=("3.10", r"FrozenImporter\.module_repr\(\) is deprecated"),
    ),
    _api(
        "importlib.machinery:NamespaceLoader.module_repr",
        "method",
        "3.4",
        "3.12",
        "Use repr(module); reprs come from module.__spec__.",
        warns=("3.11", r"NamespaceLoader\.module_repr\(\) is deprecated"),
        added_in="3.11",
    ),
    _api(
        "importlib.machinery:PathFinder.find_module",
        "method",
        "3.4",
        "3.12",
        "Use PathFinder.find_spec() (or importlib.util.find_spec()).",
        warns=("3.10", r"PathFinder\.find_module\(\) is deprecated"),
    ),
    _api(
        "importlib.machinery:WindowsRegistryFinder.find_module",
        "method",
        "3.4",
        "3.12",
        "Use WindowsRegistryFinder.find_spec().",
        warns=("3.10", r"WindowsRegistryFinder\.find_module\(\) is deprecated"),
    ),
    _api(
        "importlib.metadata:EntryPoints",
        "behaviour",
        "3.10",
        "3.12",
        "Treat EntryPoints as an immutable sequence; cast with list(eps) before mutating.",
        warns=("3.10", r"EntryPoints list interface is deprecated"),
        doc_url="https://docs.python.org/3.12/library/importlib.metadata.html#entry-points",
        added_in="3.10",
        aspect="list-interface",
        raises="AttributeError",
    ),
    _api(
        "importlib.metadata:EntryPoints",
        "behaviour",
        "3.10",
        "3.12",
        "Select entry points by name (eps['name'], eps.select(name=...)), or cast with tuple(eps) to index them.",
        warns=("3.10", r"Accessing entry points by index is deprecated"),
        doc_url="https://docs.python.org/3.12/library/importlib.metadata.html#entry-points",
        aspect="index-access",
        raises="KeyError",
    ),
    _api(
        "importlib.metadata:entry_points",
        "behaviour",
        "3.10",
        "3.12",
        "Call entry_points(group='name') (or entry_points().select(group='name')) instead of indexing the result like a dict.",
        warns=("3.10", r"SelectableGroups dict interface is deprecated"),
        doc_url="https://docs.python.org/3.12/library/importlib.metadata.html#entry-points",
        aspect="dict-interface",
        raises="AttributeError",
    ),
    _api(
        "importlib.util:module_for_loader",
        "function",
        "3.4",
        "3.12",
        "Implement exec_module() on the loader (PEP 451) instead of decorating load_module().",
        warns=("3.8", r"The import system now takes care of this automatically"),
    ),
    _api(
        "importlib.util:set_loader",
        "function",
        "3.4",
        "3.12",
        "Implement exec_module(); the import system sets __loader__ from the spec.",
        warns=("3.8", r"The import system now takes care of this automatically"),
    ),
    _api(
        "importlib.util:set_package",
        "function",
        "3.4",
        "3.12",
        "Implement exec_module(); the import system sets __package__ from the spec.",
        warns=("3.8", r"The import system now takes care of this automatically"),
    ),
    _api(
        "importlib:find_loader",
        "function",
        "3.4",
        "3.12",
        "Use importlib.util.find_spec().",
        warns=(
            "3.8",
            r"Deprecated since Python 3\.4(?:\. Use| and slated for removal in Python 3\.12; use) importlib\.util\.find_spec\(\) instead",
        ),
    ),
    _api(
        "io:OpenWrapper",
        "class",
        "3.10",
        "3.12",
        "Use the built-in open() (io.open).",
        warns=("3.10", r"OpenWrapper is deprecated, use open instead"),
    ),
    _api(
        "locale:format",
        "function",
        "3.7",
        "3.12",
        "Use locale.format_string().",
        warns=(
            "3.8",
            r"This method will be removed in a future version of Python\. Use 'locale\.format_string\(\)' instead",
        ),
    ),
    _api(
        "os",
        "behaviour",
        "3.6",
        "3.12",
        "Convert to bytes first (bytes(path)) or use str paths.",
        warns=("3.8", r"\w+: \w+ should be string, bytes.*, not \w+"),
        doc_url="https://docs.python.org/3/whatsnew/3.12.html#changes-in-the-python-api",
        aspect="bytes-like-path",
        raises="TypeError",
    ),
    _api(
        "pathlib:Path.link_to",
        "method",
        "3.10",
        "3.12",
        "Use target.hardlink_to(source) (argument order is reversed).",
        warns=("3.10", r"pathlib\.Path\.link_to\(\) is deprecated"),
        doc_url="https://docs.python.org/3.11/whatsnew/3.11.html#pending-removal-in-python-3-12",
    ),
    _api(
        "pkgutil:ImpImporter",
        "class",
        "3.3",
        "3.12",
        "Use importlib's finders (importlib.machinery.FileFinder / importlib.util.find_spec()).",
        warns=("3.8", r"This emulation is deprecated"),
    ),
    _api(
        "pkgutil:ImpLoader",
        "class",
        "3.3",
        "3.12",
        "Use importlib loaders (importlib.machinery.SourceFileLoader etc.) via importlib.util.spec_from_file_location().",
        warns=("3.8", r"This emulation is deprecated"),
    ),
    _api(
        "poplib:POP3_SSL",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="certfile",
    ),
    _api(
        "poplib:POP3_SSL",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="keyfile",
    ),
    _api(
        "random:randrange",
        "behaviour",
        "3.10",
        "3.12",
        "Pass ints: randrange(int(x)) or randrange(10) instead of randrange(10.0).",
        warns=("3.10", r"non-integer arguments to randrange\(\) have been deprecated"),
        doc_url="https://docs.python.org/3/whatsnew/3.12.html#changes-in-the-python-api",
        aspect="integral-float",
        raises="TypeError",
    ),
    _api(
        "random:randrange",
        "behaviour",
        "3.10",
        "3.12",
        "Pass ints; catch TypeError (not ValueError) for non-integer input.",
        warns=("3.10", r"randrange\(\) will raise TypeError in the future"),
        doc_url="https://docs.python.org/3/whatsnew/3.12.html#changes-in-the-python-api",
        aspect="non-integer",
        raises="TypeError",
    ),
    _api(
        "re",
        "behaviour",
        "3.11",
        "3.12",
        "Use ASCII digits without a sign for numeric group references (\\g<1>) and ASCII identifiers for group names in bytes patterns.",
        warns=("3.11", r"bad character in group name .* at position \d+"),
        doc_url="https://docs.python.org/3/whatsnew/3.12.html#changes-in-the-python-api",
        aspect="group-reference-syntax",
        raises="re.error",
    ),
    _api(
        "shlex:split",
        "behaviour",
        "3.9",
        "3.12",
        "Pass the string explicitly, e.g. shlex.split(sys.stdin.read()).",
        warns=("3.9", r"Passing None for 's' to shlex\.split\(\) is deprecated"),
        doc_url="https://docs.python.org/3/whatsnew/3.12.html#changes-in-the-python-api",
        aspect="None",
        raises="ValueError",
    ),
    _api(
        "smtpd",
        "module",
        "3.6",
        "3.12",
        "Use the asyncio-based aiosmtpd package from PyPI.",
        warns=("3.10", r"The smtpd module is deprecated"),
    ),
    _api(
        "smtplib:SMTP.starttls",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="certfile",
    ),
    _api(
        "smtplib:SMTP.starttls",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="keyfile",
    ),
    _api(
        "smtplib:SMTP_SSL",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="certfile",
    ),
    _api(
        "smtplib:SMTP_SSL",
        "parameter",
        "3.6",
        "3.12",
        "Build an ssl.SSLContext, call ctx.load_cert_chain(certfile, keyfile) and pass it as context=.",
        warns=("3.8", r"keyfile and certfile are deprecated, use a custom context instead"),
        aspect="keyfile",
    ),
    _api(
        "sqlite3:OptimizedUnicode",
        "alias",
        "3.10",
        "3.12",
        "Use str (the default text_factory).",
        warns=("3.10", r"\s*OptimizedUnicode is deprecated"),
    ),
    _api(
        "sqlite3:enable_shared_cache",
        "function",
        "3.10",
        "3.12",
        "Open the database in URI mode with the cache=shared query parameter.",
        warns=("3.10", r"enable_shared_cache is deprecated"),
    ),
    _api(
        "sqlite3.dbapi2:enable_shared_cache",
        "function",
        "3.10",
        "3.12",
        "Open the database in URI mode with the cache=shared query parameter.",
        warns=("3.10", r"enable_shared_cache is deprecated"),
    ),
    _api(
        "ssl:RAND_pseudo_bytes",
        "function",
        "3.6",
        "3.12",
        "Use os.urandom() or ssl.RAND_bytes().",
        warns=("3.10", r"ssl\.RAND_pseudo_bytes\(\) is deprecated"),
    ),
    _api(
        "ssl:match_hostname",
        "function",
        "3.7",
        "3.12",
        "Let OpenSSL check the hostname: use an SSLContext with check_hostname=True and pass server_hostname to wrap_socket().",
        warns=("3.10", r"ssl\.match_hostname\(\) is deprecated"),
    ),
    _api(
        "ssl:wrap_socket",
        "function",
        "3.7",
        "3.12",
        "Create an ssl.SSLContext (e.g. ssl.create_default_context()) and call its wrap_socket() method.",
        warns=("3.10", r"ssl\.wrap_socket\(\) is deprecated"),
    ),
    _api(
        "unittest:TestCase.assertAlmostEquals",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertAlmostEqual() instead.",
        warns=("3.8", r"Please use assertAlmostEqual instead\."),
    ),
    _api(
        "unittest:TestCase.assertDictContainsSubset",
        "method",
        "3.2",
        "3.12",
        "Compare explicitly: self.assertEqual(dictionary, {**dictionary, **subset}), or assert the keys you care about.",
        warns=("3.8", r"assertDictContainsSubset is deprecated"),
    ),
    _api(
        "unittest:TestCase.assertEquals",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertEqual() instead.",
        warns=("3.8", r"Please use assertEqual instead\."),
    ),
    _api(
        "unittest:TestCase.assertNotAlmostEquals",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertNotAlmostEqual() instead.",
        warns=("3.8", r"Please use assertNotAlmostEqual instead\."),
    ),
    _api(
        "unittest:TestCase.assertNotEquals",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertNotEqual() instead.",
        warns=("3.8", r"Please use assertNotEqual instead\."),
    ),
    _api(
        "unittest:TestCase.assertNotRegexpMatches",
        "alias",
        "3.5",
        "3.12",
        "Use self.assertNotRegex() instead.",
        warns=("3.8", r"Please use assertNotRegex instead\."),
    ),
    _api(
        "unittest:TestCase.assertRaisesRegexp",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertRaisesRegex() instead.",
        warns=("3.8", r"Please use assertRaisesRegex instead\."),
    ),
    _api(
        "unittest:TestCase.assertRegexpMatches",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertRegex() instead.",
        warns=("3.8", r"Please use assertRegex instead\."),
    ),
    _api(
        "unittest:TestCase.assert_",
        "alias",
        "3.2",
        "3.12",
        "Use self.assertTrue() instead.",
        warns=("3.8", r"Please use assertTrue instead\."),
    ),
    _api(
        "unittest:TestCase.failIf",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertFalse() instead.",
        warns=("3.8", r"Please use assertFalse instead\."),
    ),
    _api(
        "unittest:TestCase.failIfAlmostEqual",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertNotAlmostEqual() instead.",
        warns=("3.8", r"Please use assertNotAlmostEqual instead\."),
    ),
    _api(
        "unittest:TestCase.failIfEqual",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertNotEqual() instead.",
        warns=("3.8", r"Please use assertNotEqual instead\."),
    ),
    _api(
        "unittest:TestCase.failUnless",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertTrue() instead.",
        warns=("3.8", r"Please use assertTrue instead\."),
    ),
    _api(
        "unittest:TestCase.failUnlessAlmostEqual",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertAlmostEqual() instead.",
        warns=("3.8", r"Please use assertAlmostEqual instead\."),
    ),
    _api(
        "unittest:TestCase.failUnlessEqual",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertEqual() instead.",
        warns=("3.8", r"Please use assertEqual instead\."),
    ),
    _api(
        "unittest:TestCase.failUnlessRaises",
        "alias",
        "3.1",
        "3.12",
        "Use self.assertRaises() instead.",
        warns=("3.8", r"Please use assertRaises instead\."),
    ),
    _api(
        "unittest:TestLoader.loadTestsFromModule",
        "parameter",
        "3.5",
        "3.12",
        "Drop the argument: it has been ignored since 3.5 and load_tests is always honoured.",
        warns=("3.8", r"use_load_tests is deprecated and ignored"),
        aspect="use_load_tests",
    ),
    _api(
        "unittest:_TextTestResult",
        "alias",
        "3.2",
        "3.12",
        "Use unittest.TextTestResult.",
    ),
    _api(
        "webbrowser:Galeon",
        "class",
        None,
        "3.12",
        "Use webbrowser.get() or webbrowser.open() with a browser that is still supported.",
    ),
    _api(
        "webbrowser:Grail",
        "class",
        None,
        "3.12",
        "Use webbrowser.get() or webbrowser.open() with a browser that is still supported.",
    ),
    _api(
        "webbrowser:Netscape",
        "class",
        None,
        "3.12",
        "Use webbrowser.get() or webbrowser.open() with a browser that is still supported.",
    ),
    _api(
        "zipimport:zipimporter.find_loader",
        "method",
        "3.10",
        "3.12",
        "Use zipimporter.find_spec().",
        warns=("3.10", r"zipimporter\.find_loader\(\) is deprecated"),
    ),
    _api(
        "zipimport:zipimporter.find_module",
        "method",
        "3.10",
        "3.12",
        "Use zipimporter.find_spec().",
        warns=("3.10", r"zipimporter\.find_module\(\) is deprecated"),
    ),
    # Removed in Python 3.13.
    _api(
        "dis:FORMAT_VALUE",
        "attribute",
        None,
        "3.13",
        "Use dis.opmap.get('FORMAT_VALUE'): 3.13 replaced the instruction with CONVERT_VALUE and FORMAT_SIMPLE.",
    ),
    _api(
        "dis:FORMAT_VALUE_CONVERTERS",
        "attribute",
        None,
        "3.13",
        "Read Instruction.argrepr from dis.get_instructions() instead of decoding the argument.",
    ),
    _api(
        "dis:MAKE_FUNCTION",
        "attribute",
        None,
        "3.13",
        "Use dis.opmap['MAKE_FUNCTION'].",
    ),
    _api(
        "dis:MAKE_FUNCTION_FLAGS",
        "attribute",
        None,
        "3.13",
        "Read Instruction.argrepr from dis.get_instructions() instead of decoding the flags.",
    ),
    _api(
        "importlib.metadata:DeprecatedTuple",
        "class",
        "3.11",
        "3.13",
        "Access EntryPoint members by name (ep.name, ep.value, ep.group).",
        added_in="3.11",
    ),
    _api(
        "importlib.resources:Resource",
        "alias",
        None,
        "3.13",
        "Annotate resource names as str.",
    ),
    _api(
        "opcode:oplists",
        "attribute",
        None,
        "3.13",
        "Use the documented collections of the dis module (dis.hasarg, dis.hasconst, ...).",
        added_in="3.12",
    ),
    _api(
        "pdb:Pdb.execRcLines",
        "method",
        None,
        "3.13",
        "Nothing public replaces it: put commands in .pdbrc, or pass them with python -m pdb -c.",
    ),
    _api(
        "re:RegexFlag.TEMPLATE",
        "attribute",
        "3.11",
        "3.13",
        "Drop the flag.",
        warns=("3.11", r"The re\.TEMPLATE/re\.T flag is deprecated"),
    ),
    _api(
        "sre_compile:SRE_FLAG_TEMPLATE",
        "attribute",
        "3.11",
        "3.13",
        "Drop the flag (sre_compile itself is deprecated: use re).",
    ),
    _api(
        "sre_constants:SRE_FLAG_TEMPLATE",
        "attribute",
        "3.11",
        "3.13",
        "Drop the flag (sre_constants itself is deprecated: use re).",
    ),
    _api(
        "sre_parse:SRE_FLAG_TEMPLATE",
        "attribute",
        "3.11",
        "3.13",
        "Drop the flag (sre_parse itself is deprecated: use re).",
    ),
    _api(
        "token:ASYNC",
        "attribute",
        None,
        "3.13",
        "Drop it: async and await have been ordinary NAME tokens since Python 3.7.",
    ),
    _api(
        "token:AWAIT",
        "attribute",
        None,
        "3.13",
        "Drop it: async and await have been ordinary NAME tokens since Python 3.7.",
    ),
    _api(
        "tokenize:ASYNC",
        "attribute",
        None,
        "3.13",
        "Drop it: async and await have been ordinary NAME tokens since Python 3.7.",
    ),
    _api(
        "tokenize:AWAIT",
        "attribute",
        None,
        "3.13",
        "Drop it: async and await have been ordinary NAME tokens since Python 3.7.",
    ),
    _api(
        "tokenize:StopTokenizing",
        "class",
        None,
        "3.13",
        "Drop it: tokenize never raised it; catch tokenize.TokenError for bad input.",
    ),
    _api(
        "aifc",
        "module",
        "3.11",
        "3.13",
        "Use a third-party audio library (e.g. soundfile, pydub) or the wave module for WAV.",
        warns=("3.11", r"'aifc' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "audioop",
        "module",
        "3.11",
        "3.13",
        "Use a third-party package such as audioop-lts or numpy-based processing.",
        warns=("3.11", r"'audioop' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "builtins:classmethod",
        "behaviour",
        "3.11",
        "3.13",
        "Do not stack @classmethod on @property or another descriptor; use a plain classmethod, a metaclass property, or the wrapped function's __wrapped__.",
        added_in="3.9",
        aspect="descriptor-chaining",
        raises=None,
    ),
    _api(
        "cgi",
        "module",
        "3.11",
        "3.13",
        "Use urllib.parse.parse_qsl()/parse_qs() for query strings and email.message or the multipart package for form bodies.",
        warns=("3.11", r"'cgi' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "cgitb",
        "module",
        "3.11",
        "3.13",
        "Use the traceback module (or faulthandler) for error reports.",
        warns=("3.11", r"'cgitb' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "chunk",
        "module",
        "3.11",
        "3.13",
        "Read IFF chunks manually with struct (or use a third-party audio library).",
        warns=("3.11", r"'chunk' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "configparser:LegacyInterpolation",
        "class",
        "3.2",
        "3.13",
        "Use configparser.BasicInterpolation or ExtendedInterpolation.",
        warns=("3.11", r"LegacyInterpolation has been deprecated"),
    ),
    _api(
        "crypt",
        "module",
        "3.11",
        "3.13",
        "Use hashlib for hashing, or bcrypt / passlib / argon2-cffi / legacycrypt from PyPI for password hashing.",
        warns=("3.11", r"'crypt' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "imghdr",
        "module",
        "3.11",
        "3.13",
        "Use filetype, puremagic or python-magic from PyPI (e.g. puremagic.what()).",
        warns=("3.11", r"'imghdr' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "importlib.metadata:EntryPoint",
        "behaviour",
        "3.11",
        "3.13",
        "Use the name, value and group attributes instead of ep[0], ep[1], ep[2].",
        warns=("3.11", r"EntryPoint tuple interface is deprecated"),
        aspect="tuple-access",
        raises="TypeError",
    ),
    _api(
        "lib2to3",
        "module",
        "3.11",
        "3.13",
        "Use a maintained fork such as parso, LibCST or fissix; 2to3 itself is gone.",
        warns=("3.9", r"lib2to3 package is deprecated"),
        doc_url="https://docs.python.org/3.12/library/2to3.html#module-lib2to3",
    ),
    _api(
        "locale:resetlocale",
        "function",
        "3.11",
        "3.13",
        "Use locale.setlocale(locale.LC_ALL, '').",
        warns=("3.11", r'Use locale\.setlocale\(locale\.LC_ALL, ""\) instead'),
    ),
    _api(
        "mailcap",
        "module",
        "3.11",
        "3.13",
        "Use the mimetypes module.",
        warns=("3.11", r"The mailcap module is deprecated"),
    ),
    _api(
        "msilib",
        "module",
        "3.11",
        "3.13",
        "No stdlib replacement; use a third-party MSI tool (e.g. WiX).",
        availability="windows",
    ),
    _api(
        "nis",
        "module",
        "3.11",
        "3.13",
        "No stdlib replacement; query NIS via external tools or a third-party library.",
        warns=("3.11", r"'nis' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "nntplib",
        "module",
        "3.11",
        "3.13",
        "Use the pynntp package from PyPI.",
        warns=("3.11", r"'nntplib' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "opcode:ENABLE_SPECIALIZATION",
        "attribute",
        None,
        "3.13",
        "Nothing public replaces it: it was an internal flag of the 3.12 interpreter (3.13 keeps it as _opcode.ENABLE_SPECIALIZATION).",
        added_in="3.12",
    ),
    _api(
        "opcode:MAX_PSEUDO_OPCODE",
        "attribute",
        None,
        "3.13",
        "Nothing public replaces it: pseudo-instructions are compiler internals; use the documented opcode collections of the dis module.",
        added_in="3.12",
    ),
    _api(
        "opcode:MIN_PSEUDO_OPCODE",
        "attribute",
        None,
        "3.13",
        "Nothing public replaces it: pseudo-instructions are compiler internals; use the documented opcode collections of the dis module.",
        added_in="3.12",
    ),
    _api(
        "opcode:is_pseudo",
        "function",
        None,
        "3.13",
        "Nothing public replaces it: pseudo-instructions are compiler internals; use the documented opcode collections of the dis module.",
        added_in="3.12",
    ),
    _api(
        "ossaudiodev",
        "module",
        "3.11",
        "3.13",
        "Use pygame, pyaudio or another third-party audio library.",
        warns=("3.11", r"'ossaudiodev' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "pathlib:Path",
        "behaviour",
        "3.9",
        "3.13",
        "Do not use Path objects in a with statement (it was a no-op since 3.9); just use the path.",
        warns=("3.11", r"pathlib\.Path\.__enter__\(\) is deprecated"),
        aspect="context-manager",
        raises="TypeError",
    ),
    _api(
        "pipes",
        "module",
        "3.11",
        "3.13",
        "Use subprocess (and shlex.quote() instead of pipes.quote()).",
        warns=("3.11", r"'pipes' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "re:T",
        "alias",
        "3.11",
        "3.13",
        "Drop the flag.",
        warns=("3.11", r"The re\.TEMPLATE/re\.T flag is deprecated"),
    ),
    _api(
        "re:TEMPLATE",
        "attribute",
        "3.11",
        "3.13",
        "Drop the flag.",
        warns=("3.11", r"The re\.TEMPLATE/re\.T flag is deprecated"),
    ),
    _api(
        "re:template",
        "function",
        "3.11",
        "3.13",
        "Use re.compile().",
        warns=("3.11", r"The re\.template\(\) function is deprecated"),
    ),
    _api(
        "sndhdr",
        "module",
        "3.11",
        "3.13",
        "Use filetype, puremagic or python-magic from PyPI.",
        warns=("3.11", r"'sndhdr' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "spwd",
        "module",
        "3.11",
        "3.13",
        "Use the python-pam package from PyPI.",
        warns=("3.11", r"'spwd' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "sunau",
        "module",
        "3.11",
        "3.13",
        "Use a third-party audio library (e.g. soundfile).",
        warns=("3.11", r"'sunau' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "telnetlib",
        "module",
        "3.11",
        "3.13",
        "Use telnetlib3 or Exscript from PyPI.",
        warns=("3.11", r"'telnetlib' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "tkinter.tix",
        "module",
        "3.6",
        "3.13",
        "Use tkinter.ttk widgets (Tix is unmaintained).",
        warns=("3.10", r"The Tix Tk extension is unmaintained"),
    ),
    _api(
        "turtle:RawTurtle.settiltangle",
        "method",
        "3.1",
        "3.13",
        "Use tiltangle(angle).",
        warns=("3.11", r"'turtle\.RawTurtle\.settiltangle\(\)' is deprecated"),
    ),
    _api(
        "turtle:settiltangle",
        "function",
        "3.1",
        "3.13",
        "Use turtle.tiltangle(angle).",
        warns=("3.11", r"'turtle\.RawTurtle\.settiltangle\(\)' is deprecated"),
    ),
    _api(
        "types:FrameType.clear",
        "behaviour",
        None,
        "3.13",
        "Close the generator or coroutine (gen.close()) instead of clearing its suspended frame.",
        aspect="suspended-frame",
        raises="RuntimeError",
    ),
    _api(
        "typing.io",
        "module",
        "3.8",
        "3.13",
        "Import IO, TextIO and BinaryIO directly from typing.",
        warns=("3.11", r"typing\.io is deprecated"),
    ),
    _api(
        "typing.re",
        "module",
        "3.8",
        "3.13",
        "Import Pattern and Match from typing (or use re.Pattern / re.Match).",
        warns=("3.11", r"typing\.re is deprecated"),
    ),
    _api(
        "typing:TypedDict",
        "behaviour",
        "3.11",
        "3.13",
        "Use the class syntax or TypedDict('Name', {'x': int}).",
        warns=("3.11", r"The kwargs-based syntax for TypedDict definitions is deprecated"),
        aspect="keyword-arguments",
        raises="TypeError",
    ),
    _api(
        "unittest:TestProgram.usageExit",
        "method",
        "3.11",
        "3.13",
        "Print your own usage text and call sys.exit(2).",
        warns=("3.11", r"TestProgram\.usageExit\(\) is deprecated"),
    ),
    _api(
        "unittest:findTestCases",
        "function",
        "3.11",
        "3.13",
        "Use unittest.TestLoader().loadTestsFromModule(module).",
        warns=("3.11", r"unittest\.findTestCases\(\) is deprecated"),
    ),
    _api(
        "unittest:getTestCaseNames",
        "function",
        "3.11",
        "3.13",
        "Use unittest.TestLoader().getTestCaseNames(TestCaseClass).",
        warns=("3.11", r"unittest\.getTestCaseNames\(\) is deprecated"),
    ),
    _api(
        "unittest:makeSuite",
        "function",
        "3.11",
        "3.13",
        "Use unittest.TestLoader().loadTestsFromTestCase(TestCaseClass).",
        warns=("3.11", r"unittest\.makeSuite\(\) is deprecated"),
    ),
    _api(
        "urllib.request:urlopen",
        "parameter",
        "3.6",
        "3.13",
        "Pass context=ssl.create_default_context(cafile=..., capath=...) instead.",
        warns=("3.8", r"cafile, capath and cadefault are deprecated"),
        aspect="cadefault",
    ),
    _api(
        "urllib.request:urlopen",
        "parameter",
        "3.6",
        "3.13",
        "Pass context=ssl.create_default_context(cafile=..., capath=...) instead.",
        warns=("3.8", r"cafile, capath and cadefault are deprecated"),
        aspect="cafile",
    ),
    _api(
        "urllib.request:urlopen",
        "parameter",
        "3.6",
        "3.13",
        "Pass context=ssl.create_default_context(cafile=..., capath=...) instead.",
        warns=("3.8", r"cafile, capath and cadefault are deprecated"),
        aspect="capath",
    ),
    _api(
        "unittest.loader:findTestCases",
        "function",
        "3.11",
        "3.13",
        "Use unittest.TestLoader().loadTestsFromModule(module).",
        warns=("3.11", r"unittest\.findTestCases\(\) is deprecated"),
    ),
    _api(
        "unittest.loader:getTestCaseNames",
        "function",
        "3.11",
        "3.13",
        "Use unittest.TestLoader().getTestCaseNames(TestCaseClass).",
        warns=("3.11", r"unittest\.getTestCaseNames\(\) is deprecated"),
    ),
    _api(
        "unittest.loader:makeSuite",
        "function",
        "3.11",
        "3.13",
        "Use unittest.TestLoader().loadTestsFromTestCase(TestCaseClass).",
        warns=("3.11", r"unittest\.makeSuite\(\) is deprecated"),
    ),
    _api(
        "uu",
        "module",
        "3.11",
        "3.13",
        "Use base64 (e.g. base64.b64encode()) instead of uuencoding.",
        warns=("3.11", r"'uu' is deprecated and slated for removal in Python 3\.13"),
    ),
    _api(
        "webbrowser:MacOSX",
        "class",
        "3.11",
        "3.13",
        "Use webbrowser.MacOSXOSAScript.",
        warns=("3.11", r"MacOSX is deprecated in 3\.11"),
        availability="macos",
    ),
    _api(
        "xdrlib",
        "module",
        "3.11",
        "3.13",
        "Use struct or a third-party XDR library.",
        warns=("3.11", r"'xdrlib' is deprecated and slated for removal in Python 3\.13"),
    ),
)


CATALOG: Final[tuple[Entry, ...]] = tuple(sorted(_ENTRIES, key=lambda entry: entry.id))
_BY_ID: Final[dict[str, Entry]] = {entry.id: entry for entry in CATALOG}


def by_id(entry_id: str) -> Entry:
    """The entry with this id; ``KeyError`` when there is none."""
    return _BY_ID[entry_id]
