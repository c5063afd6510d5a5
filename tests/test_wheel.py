"""The built wheel ships the rule packs and works outside the source tree."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_rule_packs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0 and "No module named build" in proc.stderr:
        pytest.fail("the 'build' package is missing from the test extra")
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("newslint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(p.name for p in (ROOT / "rules").glob("*.toml"))
    assert packs, "rules/ has no packs"
    for pack in packs:
        assert f"newslint/rules/{pack}" in names
    for data in (ROOT / "rules").rglob("*"):
        if data.is_file():
            assert "newslint/rules/" + data.relative_to(ROOT / "rules").as_posix() in names
    # The packs load from the installed location, not from the source checkout.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    code = ("import newslint.api.packs as p; d = p.builtin_pack_dir(); "
            "assert d.is_dir() and 'site' in str(d), d; print(len(list(d.glob('*.toml'))))")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) == len(packs)
