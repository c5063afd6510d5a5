"""Every rule's documented bad example triggers it and its good example does not."""
from __future__ import annotations

import pytest

from newslint.testing import registry, run_example

METAS = sorted(registry().metas.values(), key=lambda m: m.code)


@pytest.mark.parametrize("meta", METAS, ids=[m.code for m in METAS])
def test_bad_example_is_flagged(meta):
    assert run_example(meta, meta.bad), f"{meta.code} does not flag its own bad example"


@pytest.mark.parametrize("meta", METAS, ids=[m.code for m in METAS])
def test_good_example_is_clean(meta):
    assert run_example(meta, meta.good) == []


@pytest.mark.parametrize("meta", METAS, ids=[m.code for m in METAS])
def test_metadata_is_complete(meta):
    assert meta.code[:3] == {"repetition": "NL1", "spin": "NL2", "names": "NL3", "boilerplate": "NL4",
                             "encoding": "NL5", "spelling": "NL6", "suppression": "NL9"}[meta.category]
    assert meta.name == meta.name.lower() and " " not in meta.name
    assert meta.summary and meta.what and meta.why
    assert f"({meta.code})" in meta.explain()


def test_codes_and_names_are_unique():
    names = [m.name for m in METAS]
    assert len(names) == len(set(names))
