"""The store and the command line on the module surface of Windows and of macOS.

Most of our users work on Windows, some on Macs: no ``fcntl``, ``os.pread``,
``os.pwrite``, ``os.fdatasync`` or ``os.getuid`` on Windows, no ``os.fdatasync`` on
macOS. This re-runs the store and command-line tests in two subprocesses at once,
each with ``SAMVERKAN_TEST_SURFACE`` set, which hides those names before the store is
imported (``tests/surface/sitecustomize.py``, also in every Python they start). What
this cannot show: Windows' own locking, its refusal to replace an open file and its
file names, and macOS's F_FULLFSYNC; those need the real systems (the CI workflow).

Run one surface by hand with
``SAMVERKAN_TEST_SURFACE=windows .venv/bin/python -m pytest --basetemp=/tmp/w tests/test_persistence.py``
(``--basetemp``: pytest's own temporary folder asks ``os.getuid`` otherwise).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
# Left out: the UI's tests (Pilot, the served app, its login and keys, the browser), what
# is about the installation rather than the platform's modules (wheel, lock file, import
# contracts, Ctrl-C sent to the installed command), and the crash test, whose 60 rounds
# of processes run once, here.
LEFT_OUT = ("test_tui_", "test_browser", "test_serve", "test_login", "test_keymap", "test_wheel",
            "test_dependencies", "test_architecture", "test_interrupt", "test_crash", "test_surfaces")


def store_and_cli_tests() -> list[str]:
    return sorted(str(p) for p in TESTS.glob("test_*.py") if not p.name.startswith(LEFT_OUT))


@pytest.mark.skipif(bool(os.environ.get("SAMVERKAN_TEST_SURFACE")), reason="already on a simulated surface")
def test_store_and_command_line_on_windows_and_macos_surfaces(tmp_path: Path) -> None:
    runs = {}
    for surface in ("windows", "macos"):
        env = {**os.environ, "SAMVERKAN_TEST_SURFACE": surface}
        runs[surface] = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / surface),
             *store_and_cli_tests()],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=TESTS.parent,
        )
    for surface, run in runs.items():
        out, _ = run.communicate(timeout=900)
        summary = out.strip().splitlines()[-1] if out.strip() else ""
        assert run.returncode == 0, f"{surface}:\n{out[-6000:]}"
        assert " passed" in summary and "failed" not in summary, summary
        # The surface was really in force (the one test it skips says why).
        assert "a simulated surface imports portalocker" in out, out[-2000:]
