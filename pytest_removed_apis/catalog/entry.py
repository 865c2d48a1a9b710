"""The catalog's record type: ``Entry``, the helpers that make one, and the checks of an
entry a project adds.  What an entry is, the package's docstring says."""

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
Release = Literal["3.12", "3.13", "3.14", "3.15"]
Availability = Literal["unix", "windows", "macos"]
RELEASES: Final[tuple[Release, ...]] = ("3.12", "3.13", "3.14", "3.15")
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
    "3.14": "removed",
    "3.15": "removed",
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
        major, minor = version_tuple(removed_in)
        doc_url = (
            _LIBRARY.format(release=f"{major}.{minor - 1}", page=module)
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
    (``"mylib 2.0"``), or one of ``RELEASES`` (``"3.12"``) for a standard-library API.
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
