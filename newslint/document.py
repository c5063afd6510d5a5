"""The public plugin API at its first path: ``newslint.document`` is ``newslint.model.document``."""
import sys

from newslint.model import document as _module

sys.modules[__name__] = _module
