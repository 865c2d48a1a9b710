"""The simulation snippets are not tests of this project.

``snippets/`` and ``backports/`` are run in a pytester folder of their own by
tests/test_simulation_comparison.py (and by ../record.py), beside the comparison snippets;
the project's own suite never collects them.
"""

collect_ignore = ["snippets", "backports"]
