"""The installed package, not the source tree: a wheel built from this checkout and
installed into a fresh venv must build the same demo as the editable install.

Installed as a wheel (`pip install .`, pipx), `init --demo` once built a demo without a
single promise because the seed texts were not package data and nothing said so. The
wheel goes into a venv without pip and without its dependencies (`--no-deps`); those
come from this test run's own venv through a path line, so the test costs seconds and
no downloads beyond the build backend (from pip's cache).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"  # both demos as of one day, so the two stores must be equal
NOT_SOURCE = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__",
                                    "*.pyc", ".pytest_cache", ".hypothesis", "samverkan.json*")


def program(venv: Path, name: str) -> Path:
    """A venv's python or console script, where Windows and the rest put it."""
    return venv / "Scripts" / f"{name}.exe" if os.name == "nt" else venv / "bin" / name


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel_install(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel file, the venv it is installed in)."""
    work = tmp_path_factory.mktemp("wheel")
    # A copy, because setuptools leaves build/ behind, and a stale build/ puts deleted
    # files into the next wheel.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(source)], work)
    (wheel,) = (work / "dist").glob("samverkan-*.whl")
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    python = program(venv, "python")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)], work)
    # The dependencies are those of this run, appended after the venv's own packages; the
    # editable samverkan there stays out (a path line does not run that folder's .pth files).
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], work)
                .stdout.strip())
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "test_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return wheel, venv


def cli_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               PYTHONIOENCODING="utf-8")
    return env


def demo_outputs(samverkan: Path, folder: Path) -> dict[str, object]:
    """`init --demo` as of TODAY, then what `check` and `promises` say about it."""
    store = folder / "samverkan.json"
    env = cli_env(folder)
    run([str(samverkan), "init", "--demo", "--today", TODAY, "--store", str(store)], folder, env)
    check = json.loads(run([str(samverkan), "check", "--format", "json", "--store", str(store)], folder, env).stdout)
    promises = json.loads(run([str(samverkan), "promises", "--period", "2026", "--format", "json",
                               "--store", str(store)], folder, env).stdout)
    return {"counts": check["counts"], "promises": [(p["id"], p["text"]) for p in promises]}


def test_the_wheel_builds_the_same_demo_as_the_editable_install(wheel_install, tmp_path: Path) -> None:
    _, venv = wheel_install
    where = run([str(program(venv, "python")), "-c", "import store, tui; print(store.__file__, tui.__file__)"],
                tmp_path).stdout.split()
    assert all(Path(path).resolve().is_relative_to(venv.resolve()) for path in where), f"not the wheel's code: {where}"

    (tmp_path / "editable").mkdir()
    (tmp_path / "wheel").mkdir()
    editable = demo_outputs(program(Path(sys.prefix), "samverkan"), tmp_path / "editable")
    installed = demo_outputs(program(venv, "samverkan"), tmp_path / "wheel")
    print("editable:", json.dumps(editable["counts"]), "\nwheel:   ", json.dumps(installed["counts"]))
    assert installed == editable
    assert installed["counts"]["promises"] == 43 and installed["promises"]


def test_every_data_file_under_the_packages_is_in_the_wheel(wheel_install) -> None:
    wheel, _ = wheel_install
    shipped = set(zipfile.ZipFile(wheel).namelist())
    data = sorted(
        path.relative_to(ROOT).as_posix()
        for package in ("store", "tui")
        for path in (ROOT / package).rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    )
    assert data, "no data files found: the seed texts should be under store/demo/seeds/"
    missing = [name for name in data if name not in shipped]
    assert not missing, f"not in the wheel (add their pattern to [tool.setuptools.package-data]): {missing}"
