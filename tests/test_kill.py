"""kill -9 during ``--fix`` (issue 22): no torn file, no orphaned worker, nothing left behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

# Distinct paragraphs: one fixing run finishes the job (a repeated paragraph's later copies have an
# unsafe fix, so a run that starts from a half-fixed file would end elsewhere than one from scratch).
PARAGRAPH = ("The finance\u200b minister resigned on day {} after parliament rejected her budget for the "
             "second time this year, officials said.\u200b\n\n")
DIRTY = "".join(PARAGRAPH.format(day) for day in range(1, 26)) + "Related posts\n"


def make(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:04d}.md").write_text(DIRTY, encoding="utf-8")


def newslint(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newslint", "check", ".", "--fix", "--no-cache", *args],
                            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def fixed_text(tmp_path: Path) -> bytes:
    make(tmp_path / "reference", 1)
    subprocess.run([sys.executable, "-m", "newslint", "check", ".", "--fix", "--no-cache"], cwd=tmp_path / "reference",
                   capture_output=True, timeout=120)
    return (tmp_path / "reference" / "a0000.md").read_bytes()


def wait_for_a_change(folder: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    original = DIRTY.encode()
    while time.monotonic() < deadline:
        if any(p.read_bytes() != original for p in folder.glob("*.md")):
            return
        time.sleep(0.02)
    pytest.fail("newslint changed nothing in time")


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_kill_9_during_fix_leaves_no_torn_file(tmp_path, delay):
    want = fixed_text(tmp_path)
    folder = tmp_path / "run"
    make(folder, 60)
    proc = newslint(folder, "-j", "1")
    wait_for_a_change(folder)
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    contents = {p.read_bytes() for p in folder.glob("*.md")}
    assert contents <= {DIRTY.encode(), want}  # each file whole: before or after, never between
    # The next run removes what the kill left and finishes the job.
    subprocess.run([sys.executable, "-m", "newslint", "check", ".", "--fix", "--no-cache"], cwd=folder,
                   capture_output=True, timeout=300)
    assert not list(folder.glob(".*newslint-tmp"))
    assert {p.read_bytes() for p in folder.glob("*.md")} == {want}


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path, how):
    folder = tmp_path / "run"
    make(folder, 240)
    proc = newslint(folder, "-j", "2")
    wait_for_a_change(folder)
    os.kill(proc.pid, how)  # the parent only: the workers must follow it on their own
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)  # anyone left in the run's process group?
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("worker processes outlived their parent")
    changed = sum(p.read_bytes() != DIRTY.encode() for p in folder.glob("*.md"))
    time.sleep(0.5)
    assert sum(p.read_bytes() != DIRTY.encode() for p in folder.glob("*.md")) == changed
    assert changed < 240
