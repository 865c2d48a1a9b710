"""Pure pieces: warning classification, findings on the wire, origins and providers."""

from __future__ import annotations

import sys

import pytest

from pytest_removed_apis import CATALOG, by_id
from pytest_removed_apis.findings import Finding, from_wire, to_wire
from pytest_removed_apis.intercept.classify import Classifier, Origins, Providers, _top_levels

CLASSIFIER = Classifier(CATALOG)


def ids(entries):
    return [entry.id for entry in entries]


def test_a_shared_warning_text_is_told_apart_by_the_source_line():
    text = "Please use assertEqual instead."
    line = "        self.failUnlessEqual(a, b)\n"
    assert ids(CLASSIFIER.entries_for_warning(text, "DeprecationWarning", line)) == [
        "unittest.TestCase.failUnlessEqual"
    ]


def test_a_shared_text_with_no_name_on_the_line_gives_one_entry():
    text = "Please use assertEqual instead."
    found = CLASSIFIER.entries_for_warning(text, "DeprecationWarning", "check(a, b)\n")
    assert len(found) == 1


def test_keyword_parameters_are_told_apart_by_keyword_and_callable():
    text = "keyfile and certfile are deprecated, use a custom context instead"
    line = "conn = smtplib.SMTP_SSL(host, keyfile=key, certfile=cert)\n"
    assert ids(CLASSIFIER.entries_for_warning(text, "DeprecationWarning", line)) == [
        "smtplib.SMTP_SSL:certfile",
        "smtplib.SMTP_SSL:keyfile",
    ]


def test_the_import_warning_of_the_find_module_fallback_is_not_a_finding_by_itself():
    # 3.10 and 3.11 warn whenever such a finder is asked, found or not: instrument.py
    # reports the fallback only when it actually found the module.
    text = "MyFinder.find_spec() not found; falling back to find_module()"
    assert CLASSIFIER.entries_for_warning(text, "ImportWarning", "") == []


def test_other_categories_and_texts_are_not_about_removed_apis():
    assert CLASSIFIER.entries_for_warning("use the name attribute", "UserWarning", "") == []
    assert CLASSIFIER.entries_for_warning("not ours", "DeprecationWarning", "") == []


def test_the_wire_format_holds_only_builtins_and_round_trips():
    finding = Finding.of(
        by_id("imp"),
        filename="tests/test_x.py",
        lineno=3,
        phase="collect",
        nodeid="tests/test_x.py",
        status="fail",
        origin=None,
    )
    wire = to_wire(finding)
    assert all(type(value) in (str, int, bool, type(None)) for value in wire.values())
    assert from_wire(wire) == finding
    with pytest.raises(KeyError):
        from_wire({"api": "imp"})


def test_top_levels_come_from_top_level_txt_or_the_recorded_files():
    assert _top_levels("alpha\n\nbeta\n", []) == {"alpha", "beta"}
    files = ["gamma/__init__.py", "delta.py", "gamma-1.0.dist-info/RECORD", "x.pth"]
    assert _top_levels(None, files) == {"gamma", "delta"}


def test_providers_see_a_backport_outside_the_standard_library(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "asynchat.py").write_text("")
    providers = Providers()
    assert providers.provide("smtpd") is False
    monkeypatch.syspath_prepend(str(site))
    assert Providers().provide("asynchat") is True


def test_origins_of_a_file_outside_any_site_folder_is_none(tmp_path):
    assert Origins().of(str(tmp_path / "mine.py")) is None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="needs the 3.12 removals present")
def test_origins_fall_back_to_the_folder_name_for_an_unknown_distribution(tmp_path):
    path = tmp_path / "site-packages" / "nodist" / "__init__.py"
    assert Origins().of(str(path)) == "nodist"


def test_a_module_warning_raised_outside_that_modules_body_is_the_callers():
    from pytest_removed_apis.intercept.classify import imported_by_library

    assert imported_by_library(sys._getframe(), "imp") is False
    assert imported_by_library(None, "imp") is False


def test_a_watch_with_no_warning_texts_changes_no_filter():
    import warnings

    from pytest_removed_apis.intercept.capture import Watch

    watch = Watch(Classifier([by_id("ftplib.FTP_TLS.ssl_version")]))  # warns on no release
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = list(warnings.filters)
        with watch.watching(lambda *use: None):
            assert warnings.filters == before


# -- warning texts found by their first characters, judged against ``re`` ------------------

TEXT_PATTERNS = [
    *(entry.warning for entry in CATALOG if entry.warning),
    r"plain text, with a dot\. and (?:a group)",
    r"abc|Plainly different",
    r"(?:x)|ab",
    r"ab[|]c is deprecated",
    r"ab[]|]cdefg",
    r"ab[^|]cdefg is deprecated",
    r"ab\|cdefgh is deprecated",
    r"abcdef?ghij",
    r"abcdefg*h",
    r"abcdef{2}g",
    r"abc\d+ is deprecated",
    r"abcdefg\'s thing",
    r"résumé() is deprecated",
    r"Ünïcode start",
    r"(?i)Case Free start",
]
MESSAGES = [
    "plain text, with a dot. and a group",
    "PLAIN TEXT, WITH A DOT. AND A GROUP and more",
    "Plainly different",
    "ab",
    "x",
    "ab|c is deprecated",
    "ab]cdefg",
    "ab|cdefgh is deprecated",
    "abcdeghij",
    "abcdefghij",
    "abcdefh",
    "abcdeffg",
    "abc12 is deprecated",
    "abcdefg's thing",
    "résumé() is deprecated",
    "RÉSUMÉ() IS DEPRECATED",
    "Ünïcode start",
    "case free START",
    "anything at all",
    "",
]


def _sample_messages():
    """Each text written out (escapes removed where that is all there is to it), in other
    case and cut short, besides the hand-made messages."""
    import re

    out = list(MESSAGES)
    for entry in CATALOG:
        if entry.warning:
            plain = re.sub(r"\\(.)", r"\1", entry.warning)
            out += [plain, plain.upper(), plain.lower(), plain + " and more", plain[:-3]]
    return out


@pytest.mark.parametrize("pattern", TEXT_PATTERNS)
def test_warning_texts_find_what_re_matches(pattern):
    import dataclasses
    import re

    from pytest_removed_apis.intercept.classify import WarningTexts

    entry = dataclasses.replace(by_id("imp"), warning=pattern)
    texts = WarningTexts([entry])
    for message in _sample_messages():
        expected = re.compile(pattern).match(message) is not None
        assert (texts.entries(message) == [entry]) is expected, message
        # The filter's question: the pattern filterwarnings(message=...) would compile.
        assert texts.match(message) is (re.compile(pattern, re.I).match(message) is not None)


def test_the_catalog_texts_together_answer_as_their_union():
    import re

    from pytest_removed_apis.intercept.classify import WarningTexts

    with_text = [entry for entry in CATALOG if entry.warning]
    texts = WarningTexts(with_text)
    union = re.compile("|".join(f"(?:{entry.warning})" for entry in with_text), re.I)
    each = [(re.compile(entry.warning), entry) for entry in with_text]
    for message in _sample_messages():
        assert texts.match(message) is (union.match(message) is not None), message
        assert texts.entries(message) == [e for p, e in each if p.match(message)], message


@pytest.mark.parametrize(
    ("pattern", "start", "literal"),
    [
        (r"The imp module is deprecated", "The imp module is deprecated", True),
        (r"Python 3\.12", "Python 3.12", True),
        (r"a\d", "a", False),
        (r"abc?d", "ab", False),
        (r"a|b", "", False),
        (r"(a|b)c", "", False),
        (r"[|]abc", "", False),
        (r"[^|]abc", "", False),
        ("abc\\", "abc", False),  # a lone backslash at the end
        (r"ümlaut", "", False),
    ],
)
def test_the_plain_start_of_a_pattern(pattern, start, literal):
    from pytest_removed_apis.intercept.classify import literal_start

    assert literal_start(pattern) == (start, literal)


def test_a_watch_takes_its_filter_out_behind_filters_put_before_it_and_passes_on_after():
    import warnings

    from pytest_removed_apis.intercept.capture import Watch

    watch = Watch(Classifier([by_id("imp")]))
    shown = []
    with warnings.catch_warnings():
        warnings.showwarning = lambda *args: shown.append(args[0])
        before = list(warnings.filters)
        with watch.watching(lambda *use: None):
            warnings.simplefilter("ignore", UserWarning)  # goes before the watch's filter
            kept = warnings.showwarning
        assert warnings.filters[1:] == before  # the watch's filter out, the new one kept
        assert warnings.filters[0][0] == "ignore"
        kept("after the recording", UserWarning, "x.py", 1)  # a hook kept past its stop
    assert [str(message) for message in shown] == ["after the recording"]


def test_watches_nest_and_the_outer_one_records_again_after_the_inner():
    import warnings

    from pytest_removed_apis.intercept.capture import Watch

    watch = Watch(Classifier([by_id("imp")]))
    outer, inner = [], []
    text = "the imp module is deprecated in favour of importlib"
    with warnings.catch_warnings(), watch.watching(lambda *use: outer.append(use)):
        with watch.watching(lambda *use: inner.append(use)):
            warnings.warn(text, DeprecationWarning, stacklevel=1)
        warnings.warn(text, DeprecationWarning, stacklevel=1)
    assert len(inner) == 1
    assert len(outer) == 1


def test_a_watch_whose_filter_the_code_took_away_stops_all_the_same():
    import warnings

    from pytest_removed_apis.intercept.capture import Watch

    watch = Watch(Classifier([by_id("imp")]))
    with warnings.catch_warnings():
        with watch.watching(lambda *use: None):
            warnings.resetwarnings()  # every filter gone, the watch's too
        assert warnings.filters == []
