"""The snippets are not tests of this project: they are run in a pytester folder of their
own by tests/test_comparison.py (and by record.py), never collected by the project's suite."""

collect_ignore = ["snippets", "record.py"]
