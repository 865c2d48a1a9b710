"""Interception: finding each use of a removed API where it happens.

One interceptor per kind of use finds the use and its site and hands it to a policy
(``policy.py``): ``Record`` for default mode, ``Refuse`` for the simulation.  Removed
keyword parameters (``parameters.py``) and removed behaviours (``behaviours.py``) are
intercepted this way.
"""
