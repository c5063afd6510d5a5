"""The public plugin API at its first path: ``newslint.diagnostic`` is ``newslint.model.diagnostic``."""
import sys

from newslint.model import diagnostic as _module

sys.modules[__name__] = _module
