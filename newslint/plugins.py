"""Load plugins: the built-ins first, then the ``newslint`` entry-point group."""
from __future__ import annotations

import os
from functools import lru_cache

import pluggy

from newslint import hookspecs

DISABLE_ENV = "NEWSLINT_NO_PLUGINS"


@lru_cache(maxsize=2)
def plugin_manager(load_entry_points: bool | None = None) -> pluggy.PluginManager:
    """The process-wide plugin manager.

    Entry points are skipped when ``NEWSLINT_NO_PLUGINS`` is set (the test suite sets it so that
    it is hermetic) or when ``load_entry_points`` is False.
    """
    from newslint import builtin

    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="newslint.builtin")
    if load_entry_points is None:
        load_entry_points = not os.environ.get(DISABLE_ENV)
    if load_entry_points:
        pm.load_setuptools_entrypoints("newslint")
    return pm
