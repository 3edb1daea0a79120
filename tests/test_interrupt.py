"""Ctrl-C at any moment of a command's start says one sentence or nothing, never
Python's traceback of whatever was being imported (the ``samverkan`` command itself,
as a person runs it; only POSIX can send it SIGINT from here)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / ("samverkan.exe" if os.name == "nt" else "samverkan")

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="SIGINT cannot be sent to a console program from here"),
    pytest.mark.skipif(not SCRIPT.exists(), reason="the samverkan command is not installed beside this Python"),
]


def before_our_handler(traceback: str) -> bool:
    """Whether the interrupt landed in Python's own start, the installer's wrapper or
    the ``import signal`` that our handler needs, i.e. before any handler of ours could be."""
    lines = traceback.splitlines()
    ours = [n for n, line in enumerate(lines)
            if any(f"{os.sep}{package}{os.sep}" in line for package in ("tui", "store"))]
    return all(f"tui{os.sep}__init__.py" in lines[n] and lines[n + 1].strip() == "import signal" for n in ours)


def test_ctrl_c_while_the_command_loads_shows_no_traceback(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    subprocess.run([str(SCRIPT), "--store", str(store), "init"], check=True, capture_output=True)
    seen = []
    for delay in (0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.13, 0.16, 0.2):
        process = subprocess.Popen([str(SCRIPT), "--store", str(store), "check"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        if "Traceback" in err and before_our_handler(err):
            continue
        seen.append(delay)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (delay, err)
        assert process.returncode in (0, 2), (delay, process.returncode, err)
    assert seen  # at least some interrupts landed in the program itself


def test_ctrl_c_during_init_leaves_the_users_files_and_no_half_store(tmp_path: Path) -> None:
    for n, delay in enumerate((0.05, 0.1, 0.15, 0.2, 0.3, 0.4)):
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / "s.json.bak").write_text("mine")
        (folder / "s.json-notes.txt").write_text("mine too")
        process = subprocess.Popen([str(SCRIPT), "--store", str(folder / "s.json"), "init", "--demo"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err or before_our_handler(err), (delay, err)
        assert (folder / "s.json.bak").read_text() == "mine"
        assert (folder / "s.json-notes.txt").read_text() == "mine too"
        if (folder / "s.json").exists():  # finished before the interrupt: a whole store
            check = subprocess.run([str(SCRIPT), "--store", str(folder / "s.json"), "check"],
                                   capture_output=True, text=True)
            assert check.returncode == 0, (delay, check.stderr)
        else:
            assert sorted(p.name for p in folder.iterdir()) == ["s.json-notes.txt", "s.json.bak"], delay
