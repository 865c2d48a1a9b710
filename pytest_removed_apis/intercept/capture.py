"""Records the uses of catalogued APIs made while a test (by phase), a collection step or
the first conftest files run.

Only the catalogued warnings are forced through: one ``always`` filter whose message
matches the catalog's warning texts (``classify.WarningTexts``) goes first, so neither an
``ignore`` filter, ``-W``, ``PYTHONWARNINGS`` nor an earlier ``once`` can hide a use.  Every other
warning meets exactly the filters it would meet without the plugin, and a warning that
shows up but is not about a catalogued API is handed, untouched, to whatever
``warnings.showwarning`` was in place (pytest's own recorder), so pytest's warnings summary
reads as it would without us.
"""

from __future__ import annotations

import functools
import linecache
import os
import sys
import warnings
from contextlib import contextmanager
from types import FrameType
from typing import (
    AbstractSet,
    Any,
    Callable,
    Final,
    Iterator,
    Optional,
    Protocol,
    Sequence,
    TextIO,
    Tuple,
)

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.findings import Finding, Phase, Status
from pytest_removed_apis.intercept.broken import BrokenModules, Cause, executing
from pytest_removed_apis.intercept.classify import (
    Classifier,
    Origins,
    Providers,
    imported_by_library,
    use_site,
    warning_site,
)
from pytest_removed_apis.settings import Settings

_filters_mutated: Callable[[], None] = warnings._filters_mutated  # type: ignore[attr-defined]
"""What ``filterwarnings`` calls after changing the filters (3.8 to 3.13 alike)."""


class OnUse(Protocol):
    """Called with the entry and the use site (file, line) of every use seen, and for the
    import of a broken module, that module's cause."""

    def __call__(
        self, entry: Entry, filename: str, lineno: int, cause: Cause | None = None
    ) -> None: ...


Reclassify = Callable[[str, "type[Warning]", str, int, Sequence[Entry]], Sequence[Entry]]
"""Has the last word on a warning: (message, category, filename, lineno, the entries the
classifier proposes) -> the entries it is about (the ``pytest_removed_apis_classify``
hook)."""


class Watch:
    """The filter and the ``showwarning`` hook; between ``start(on_use)`` and ``stop`` (a
    test, a collection step), every warning shown goes through ``show``.

    No ``catch_warnings``: the filter goes first in whatever list is in place (pytest's
    copy for the test) and comes out again, and ``showwarning`` is put back, so that what
    the code watched did to the filters stays as it would without the plugin."""

    def __init__(self, classifier: Classifier) -> None:
        self.classifier = classifier
        # No texts: no filter at all.  The filter is what ``filterwarnings("always",
        # message=...)`` would insert for the union of the texts, made once: each start
        # puts it first again without compiling (or importing) anything.
        texts = classifier.texts
        self._filter = ("always", texts, Warning, None, 0) if texts else None
        self._on_use: OnUse | None = None
        self._reclassify: Reclassify | None = None
        self._passed_on: Callable[..., None] = warnings.showwarning
        self._show = self.show  # bound once: each start installs the same object

    def start(self, on_use: OnUse, reclassify: Reclassify | None = None) -> _Saved:
        """Watch until ``stop`` is given what this returns (starts and stops nest)."""
        saved = (warnings.showwarning, self._on_use, self._reclassify, self._passed_on)
        if self._filter is not None:
            warnings.filters.insert(0, self._filter)  # type: ignore[attr-defined]
            _filters_mutated()
        self._on_use, self._reclassify, self._passed_on = on_use, reclassify, saved[0]
        warnings.showwarning = self._show
        return saved

    def stop(self, saved: _Saved) -> None:
        warnings.showwarning, self._on_use, self._reclassify, self._passed_on = saved
        if self._on_use is None:  # a hook kept past the end passes on to the one it replaced
            self._passed_on = saved[0]
        if self._filter is not None:
            filters: Any = warnings.filters
            if filters and filters[0] is self._filter:
                del filters[0]
            elif self._filter in filters:  # the phase put filters of its own before it
                filters.remove(self._filter)
            _filters_mutated()

    def release(self) -> None:
        """Let go of the lists that still hold the filter, for the end of the run.

        The C part of ``warnings`` keeps the filters list it read for the last warning
        shown.  When that warning came inside ``pytest.warns`` or ``catch_warnings`` in a
        test, the list is a copy that still holds the filter, and nothing else refers to
        it: it keeps the filter, and what it reaches, alive until the interpreter clears
        its state, long after the modules, where one more collection of the whole heap
        costs about as much as the plugin's work for a thousand fast tests.  One ignored
        warning makes the C part read the list in place (``ignore`` records nothing)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.warn("pytest-removed-apis: end of the watch", UserWarning, stacklevel=1)

    @contextmanager
    def watching(self, on_use: OnUse, reclassify: Reclassify | None = None) -> Iterator[None]:
        saved = self.start(on_use, reclassify)
        try:
            yield
        finally:
            self.stop(saved)

    def show(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        on_use = self._on_use
        if on_use is None:  # a showwarning kept after its recording is over
            self._passed_on(message, category, filename, lineno, file, line)
            return
        frame = sys._getframe(1)
        text = str(message)
        if self._reclassify is None and not self.classifier.may_be_about(text, category.__name__):
            filename, lineno = warning_site(frame, filename, lineno)  # no use: pass it on
            self._passed_on(message, category, filename, lineno, file, line)
            return
        site = use_site(frame)
        source = linecache.getline(*site) if site else ""
        entries = [
            entry
            for entry in self.classifier.entries_for_warning(text, category.__name__, source)
            if entry.kind != "module" or not imported_by_library(frame, entry.module)
        ]
        if self._reclassify is not None:
            entries = list(self._reclassify(text, category, filename, lineno, entries))
        if not entries:
            filename, lineno = warning_site(frame, filename, lineno)
            self._passed_on(message, category, filename, lineno, file, line)
        if site is not None:
            for entry in entries:
                on_use(entry, site[0], site[1])


_Saved = Tuple[Callable[..., None], Optional[OnUse], Optional[Reclassify], Callable[..., None]]


Started = Tuple[Optional[OnUse], _Saved]

_PHASES: Final = ("setup", "call", "teardown")


class _Named(Protocol):
    @property
    def nodeid(self) -> str: ...


def current_phase() -> Phase | None:
    """The phase of a test that runs now, as pytest says in ``PYTEST_CURRENT_TEST``."""
    phase = os.environ.get("PYTEST_CURRENT_TEST", "").rpartition(" (")[2][:-1]
    return phase if phase in _PHASES else None  # type: ignore[return-value]


Guard = Callable[[str, int, Entry, "Cause | None"], bool]
"""Whether the use at (file, line) is code the target release never runs (for the import
of a broken module, the module's cause)."""


def raised(
    filename: str, lineno: int, entry: Entry, cause: Cause | None = None
) -> tuple[str, str]:
    """What the target release raises for a use of the entry at filename:lineno, and the
    name the guards look for there (the last part of the API's name); for an import of a
    module broken by ``cause``, what the use in that module raised, and the module's name."""
    if cause is not None:
        return cause.raises, cause.module.rpartition(".")[2]
    raises = entry.raises or "Exception"
    if entry.kind == "module":
        return raises, entry.module
    if linecache.getline(filename, lineno).lstrip().startswith("from "):
        raises = "ImportError"
    name = entry.aspect if entry.kind == "parameter" and entry.aspect else entry.name
    return raises, name.rsplit(".", 1)[-1]


def unreachable(
    filename: str, lineno: int, entry: Entry, target: tuple[int, int], cause: Cause | None = None
) -> bool:
    """Whether the target release never runs this use (a version guard, a fallback, a
    feature check): then it is not a use at all.  An import of a module broken by
    ``cause`` raises what the use in that module raised."""
    return caught(filename, lineno, target, *raised(filename, lineno, entry, cause))


def caught(filename: str, lineno: int, target: tuple[int, int], raises: str, name: str) -> bool:
    """Whether the code at filename:lineno is one the target never runs, or catches what
    it raises there."""
    from pytest_removed_apis import guards  # a parser of source: imported for a first use

    return guards.unreachable_on(filename, lineno, target, raises, name) is not None


class Recorder:
    """Turns the uses seen while recording into findings, with their status."""

    def __init__(
        self,
        settings: Settings,
        classifier: Classifier,
        origins: Origins,
        guard: Guard,
        rootdir: str,
        reclassifier: Callable[[], Reclassify | None] = lambda: None,
        on_finding: Callable[[], None] | None = None,
    ) -> None:
        """``reclassifier`` is asked at the start of each recording for what has the last
        word on its warnings (``None``: the classifier alone); ``on_finding`` is called
        after each finding."""
        self.settings = settings
        self.on_finding = on_finding
        self.wider: Callable[[], object | None] = lambda: None
        """The fixture of a scope wider than a test whose setup runs now, if any."""
        self.scoped: dict[object, list[Finding]] = {}
        """The findings made while such a fixture was set up, by fixture: on the newer
        release it fails, and pytest fails the setup of every test that uses it."""
        self.reclassifier = reclassifier
        self.rootdir = os.path.join(os.path.realpath(rootdir), "")
        self._active: OnUse | None = None
        self.watch = Watch(classifier)
        self.origins = origins
        self.providers = Providers()
        self.guard = guard
        self.broken = BrokenModules(self.chained)

    def status(self, entry: Entry, origin: str | None, allowed: AbstractSet[str] | None) -> Status:
        if allowed is None or entry.id in allowed or entry.id in self.settings.allowed:
            return "allowed"
        if self.settings.is_upcoming(entry):
            return "upcoming"
        if self.settings.mode == "report":
            return "report"
        if origin is not None and self.settings.third_party == "report":
            return "report"
        return "fail"

    def start(
        self, phase: Phase, nodeid: str, allowed: AbstractSet[str] | None
    ) -> tuple[list[Finding], Started]:
        """Record the findings of one phase from now on (``allowed=None`` allows every
        API): the list they go to, and what ``stop`` needs."""
        found: list[Finding] = []
        return found, self._start({phase: found}, phase, nodeid, allowed)

    def start_test(
        self, test: _Named, allowed: AbstractSet[str] | None
    ) -> tuple[dict[Phase, list[Finding]], Started]:
        """Record the findings of one test (its ``nodeid`` read for a first finding) from
        now on, by the phase pytest says is running (``PYTEST_CURRENT_TEST``); a use while
        no phase runs is none."""
        found: dict[Phase, list[Finding]] = {}
        return found, self._start(found, None, test, allowed)

    def _start(
        self,
        found: dict[Phase, list[Finding]],
        phase: Phase | None,
        test: str | _Named,
        allowed: AbstractSet[str] | None,
    ) -> Started:
        if self.broken.pending:
            self.broken.settle()
        on_use = functools.partial(self._use, found, phase, test, allowed, set())
        saved = (self._active, self.watch.start(on_use, self.reclassifier()))
        self._active = on_use
        return saved

    def stop(self, saved: Started) -> None:
        self._active, watched = saved
        self.watch.stop(watched)

    @contextmanager
    def recording(
        self, phase: Phase, nodeid: str, allowed: AbstractSet[str] | None
    ) -> Iterator[list[Finding]]:
        """``start`` and ``stop`` around a block."""
        found, saved = self.start(phase, nodeid, allowed)
        try:
            yield found
        finally:
            self.stop(saved)

    def _use(
        self,
        found: dict[Phase, list[Finding]],
        phase: Phase | None,
        test: str | _Named,
        allowed: AbstractSet[str] | None,
        seen: set[tuple[str, str, str, int] | None],
        entry: Entry,
        filename: str,
        lineno: int,
        cause: Cause | None = None,
    ) -> None:
        if phase is None:
            phase = current_phase()
            if phase is None:
                return
        key = (phase, entry.id, filename, lineno)
        # One finding per cause and phase: the import of a broken module that its first
        # importer makes next (``from package import module``), or a second import of a
        # module broken by the same use, would fail no sooner on the target.
        root = (phase, entry.id, cause.site, 0) if cause is not None else None
        if key in seen or self.guard(filename, lineno, entry, cause):
            return
        if (
            cause is None
            and entry.kind == "module"
            and entry.removed_by_python
            and self.providers.provide(entry.module)
        ):
            return
        seen.add(key)
        shown = self._shown(filename)
        origin = self.origins.of(filename) if cause is None else cause.origin
        if (
            entry.raises
            and not self.settings.is_upcoming(entry)
            and self._break(entry, filename, lineno, shown, origin, cause)
        ):
            return
        if root in seen:  # the modules it breaks are marked; one finding is enough
            return
        seen.add(root or (phase, entry.id, f"{shown}:{lineno}", 0))
        finding = Finding.of(
            entry,
            filename=shown,
            lineno=lineno,
            phase=phase,
            nodeid=test if isinstance(test, str) else test.nodeid,
            status=self.status(entry, origin, allowed),
            origin=origin,
            via=None if cause is None else " -> ".join(cause.chain),
            cause=None if cause is None else cause.site,
        )
        found.setdefault(phase, []).append(finding)
        if phase == "setup":
            fixture = self.wider()
            if fixture is not None:
                self.scoped.setdefault(fixture, []).append(finding)
        if self.on_finding is not None:
            self.on_finding()

    def _shown(self, filename: str) -> str:
        """A file name as findings show it: relative to the root directory, if inside it."""
        real = os.path.realpath(filename)
        return real[len(self.rootdir) :] if real.startswith(self.rootdir) else filename

    def _break(
        self,
        entry: Entry,
        filename: str,
        lineno: int,
        shown: str,
        origin: str | None,
        cause: Cause | None,
    ) -> bool:
        """Mark the modules whose import the use at filename:lineno makes fail on the
        target: broken from now on, for every later importer.  Whether an importer catches
        the failure (``try: import legacy / except ImportError:``), so that the use itself
        fails nothing."""
        frame: FrameType | None = sys._getframe(2)
        while frame is not None and (
            frame.f_lineno != lineno or frame.f_code.co_filename != filename
        ):
            frame = frame.f_back
        raises, name = raised(filename, lineno, entry, cause)
        if cause is None:
            cause = Cause(entry, f"{shown}:{lineno}", raises, origin, ())
        target = self.settings.target_version
        failing = executing(
            frame, lambda file, line, last: caught(file, line, target, raises, last), name
        )
        if failing.modules:
            self.broken.mark(failing.modules, cause, failing.fallback)
        return failing.handled

    def break_when_imported(self, name: str, entry: Entry, filename: str, lineno: int) -> None:
        """The module ``name``, about to be imported, is broken by the use at
        filename:lineno (no finder finds it on the target): from its import on."""
        shown = f"{self._shown(filename)}:{lineno}"
        raises = entry.raises or "ModuleNotFoundError"
        self.broken.note_binding(name)
        origin = self.origins.of(filename)
        self.broken.pending[name] = Cause(entry, shown, raises, origin, (name,))

    def notify(self, entry: Entry, filename: str, lineno: int) -> None:
        """A use seen by instrumentation rather than a warning."""
        if self._active is not None:
            self._active(entry, filename, lineno)

    def chained(self, cause: Cause, filename: str, lineno: int) -> None:
        """An import of a module broken by ``cause``, made at filename:lineno."""
        if self._active is not None:
            self._active(cause.entry, filename, lineno, cause)
