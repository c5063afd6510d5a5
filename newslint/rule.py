"""The public plugin API at its first path: ``newslint.rule`` is ``newslint.api.rule``."""
import sys

from newslint.api import rule as _module

sys.modules[__name__] = _module
