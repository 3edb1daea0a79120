"""constraints.txt is the lock: the exact versions the suite passes with, for every
runtime and test dependency on Linux, Windows and macOS, and every runtime dependency
installs from a wheel on Windows (win_amd64) and Apple silicon Macs (macosx_11_0_arm64),
so nobody there needs a compiler.

The other platforms' dependencies are worked out here from each wheel's own metadata
with the markers evaluated for that platform (pip evaluates them for this machine
only), and the wheels are fetched from the package index with `pip download
--platform`, which needs the index (and fills pip's cache for the next run).
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
PYTHON = "3.11"
PLATFORMS = {
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                  "platform_machine": "AMD64"},
    "macosx_11_0_arm64": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
                          "platform_machine": "arm64"},
}


def pins() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: '{line}' is not an exact pin (name==version)"
            found[canonicalize_name(name)] = version.strip()
    return found


def project_requirements() -> dict[str, list[Requirement]]:
    """{"runtime": [...], "test": [...]} from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"runtime": [Requirement(r) for r in project["dependencies"]],
            "test": [Requirement(r) for r in project["optional-dependencies"]["test"]]}


def wanted(requirement: Requirement, environment: dict[str, str], extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**environment, "extra": extra}) for extra in {"", *extras})


def closure(roots: list[Requirement], environment: dict[str, str], requires) -> tuple[set[str], set[str]]:
    """(every pinned name the roots need on that platform, the names without a pin).
    ``requires(name, version)`` gives a distribution's Requires-Dist lines, or None when
    its metadata is not at hand yet (such a name is returned but not followed)."""
    pinned = pins()
    todo = [(r, set()) for r in roots if wanted(r, environment, set())]
    needed: dict[str, set[str]] = {}
    unpinned = set()
    while todo:
        requirement, _ = todo.pop()
        name = canonicalize_name(requirement.name)
        if name not in pinned:
            unpinned.add(name)
            continue
        extras = set(requirement.extras)
        if name in needed and extras <= needed[name]:
            continue
        needed[name] = needed.get(name, set()) | extras
        lines = requires(name, pinned[name])
        for line in lines or []:
            dependency = Requirement(line)
            if wanted(dependency, environment, needed[name]):
                todo.append((dependency, set()))
    return set(needed), unpinned


def installed_requires(name: str, version: str) -> list[str] | None:
    try:
        distribution = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return None
    return distribution.requires or [] if distribution.version == version else None


def installed_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def test_every_installed_dependency_is_pinned_at_the_version_installed() -> None:
    pinned = pins()
    roots = [r for group in project_requirements().values() for r in group]
    needed, unpinned = closure(roots, default_environment(), installed_requires)
    assert not unpinned, f"needed here but not pinned in constraints.txt: {sorted(unpinned)}"
    differing = {name: (installed_version(name), pinned[name]) for name in sorted(needed)
                 if installed_requires(name, pinned[name]) is None}
    assert not differing, (
        "installed (first) differs from constraints.txt (second): " + ", ".join(
            f"{name} {have} / {pin}" for name, (have, pin) in differing.items())
        + " – install with: pip install -c constraints.txt -e '.[test]'"
    )


def download(tag: str, names: set[str], folder: Path) -> dict[str, str]:
    """Fetch each pinned wheel for ``tag``; {name: why not} for those that have none."""
    pinned = pins()
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
               "--platform", tag, "--python-version", PYTHON, "--implementation", "cp",
               "-d", str(folder)]
    result = subprocess.run([*command, *(f"{n}=={pinned[n]}" for n in sorted(names))],
                            capture_output=True, text=True)
    if result.returncode == 0:
        return {}
    failures = {}
    for name in sorted(names):  # one by one, to name every package without a wheel
        single = subprocess.run([*command, f"{name}=={pinned[name]}"], capture_output=True, text=True)
        if single.returncode:
            lines = [line for line in single.stderr.splitlines() if line.startswith("ERROR")]
            failures[name] = (lines[-1] if lines else single.stderr.strip()) or "pip download failed"
    return failures


def wheel_requires(folder: Path):
    def requires(name: str, version: str) -> list[str] | None:
        for wheel in folder.glob("*.whl"):
            stem = wheel.name.split("-")
            if canonicalize_name(stem[0]) == name and stem[1] == version:
                with zipfile.ZipFile(wheel) as archive:
                    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
                    headers = HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))
                return headers.get_all("Requires-Dist") or []
        return None

    return requires


@pytest.mark.parametrize("tag", PLATFORMS)
def test_every_runtime_dependency_has_a_wheel_for(tag: str, tmp_path: Path) -> None:
    environment = {**default_environment(), **PLATFORMS[tag], "python_version": PYTHON,
                   "python_full_version": f"{PYTHON}.0", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython"}
    groups = project_requirements()
    requires = wheel_requires(tmp_path)
    fetched: set[str] = set()
    no_wheel: dict[str, str] = {}
    while True:  # a round per level of the dependency tree: metadata comes with the wheels
        needed, unpinned = closure(groups["runtime"], environment, requires)
        assert not unpinned, f"needed on {tag} but not pinned in constraints.txt: {sorted(unpinned)}"
        new = needed - fetched - set(no_wheel)
        if not new:
            break
        no_wheel |= download(tag, new, tmp_path)
        fetched |= new - set(no_wheel)
    assert not no_wheel, f"runtime dependencies without a wheel for {tag} (Python {PYTHON}): " + "; ".join(
        f"{name}=={pins()[name]}: {why}" for name, why in sorted(no_wheel.items()))
    pure = sorted(w.name for w in tmp_path.glob("*.whl") if re.search(r"-none-any\.whl$", w.name))
    print(f"{tag}: {len(fetched)} wheels, {len(pure)} pure Python: {sorted(fetched)}")


def test_the_readme_ci_and_workflow_run_one_test_command_through_the_lock() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in setup.splitlines() if line.startswith(("python3 -m venv", "py -m venv"))]
    linux = [c for c in commands if c.startswith("python3")]
    windows = [c for c in commands if c.startswith("py -m")]
    assert len(linux) == len(windows) == 2, commands  # start the demo; run the suite
    assert all("pip install -q -c constraints.txt -e '.[test]'" in c for c in commands), commands
    assert linux[0].endswith("samverkan --demo") and linux[1].endswith("python -m pytest -q")
    assert windows[0].endswith("samverkan --demo") and windows[1].endswith("python -m pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert linux[1] in ci.splitlines(), ".ci/run must run the README's test command"
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert f"run: {linux[1]}" in workflow and f"run: {windows[1]}" in workflow
    for os_name in ("ubuntu-latest", "macos-latest", "windows-latest"):
        assert os_name in workflow
