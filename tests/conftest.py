"""Shared fixtures: an isolated data directory, a frozen clock, and every store test
run over both backends (in memory and on disk), as TinyDB's own suite does."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

# The simulated Windows or macOS surface (SAMVERKAN_TEST_SURFACE), before the store is
# imported; its folder goes on PYTHONPATH so every Python the tests start gets it too.
SURFACE_DIR = Path(__file__).parent / "surface"
if os.environ.get("SAMVERKAN_TEST_SURFACE"):
    _spec = importlib.util.spec_from_file_location("samverkan_test_surface", SURFACE_DIR / "sitecustomize.py")
    _surface = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_surface)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SURFACE_DIR), os.environ.get("PYTHONPATH")]))

from store.repository import Repository  # noqa: E402
from store.text.i18n import set_language  # noqa: E402

FROZEN = pendulum.datetime(2026, 11, 23, 10, 0, tz="Europe/Stockholm")  # måndag, v. 48


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the user's real store or settings."""
    monkeypatch.setenv("SAMVERKAN_STORE", str(tmp_path / "default" / "samverkan.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # platformdirs on Windows (macOS follows the XDG variables above)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(tmp_path / "local-appdata"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(tmp_path / "appdata"))
    monkeypatch.delenv("SAMVERKAN_LANG", raising=False)
    set_language("sv")
    yield
    set_language("sv")


@pytest.fixture
def frozen() -> Iterator[pendulum.DateTime]:
    pendulum.travel_to(FROZEN, freeze=True)
    try:
        yield FROZEN
    finally:
        pendulum.travel_back()


@pytest.fixture(params=["memory", "file"])
def repo(request: pytest.FixtureRequest, tmp_path: Path, frozen) -> Iterator[Repository]:
    if request.param == "memory":
        repository = Repository.memory()
    else:
        repository = Repository(tmp_path / "store" / "samverkan.json", create=True)
    yield repository
    repository.close()


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return tmp_path / "store" / "samverkan.json"


@pytest.fixture
def demo_repo(tmp_path: Path, frozen) -> Iterator[Repository]:
    """The bundled demo data on disk, built for the frozen Monday 2026-11-23."""
    from store.demo.build import build_demo

    repository = Repository(tmp_path / "demo" / "samverkan.json", create=True)
    build_demo(repository, today=FROZEN.date())
    yield repository
    repository.close()


@pytest.fixture
def make_app(frozen):
    """``make_app(repo)`` → the app as the entry point builds it, with today frozen."""
    from tui.app import create_app

    def factory(repository: Repository):
        return create_app(repo=repository, today=FROZEN.date())

    return factory


@pytest.fixture
def demo_store(tmp_path: Path, frozen, capsys) -> Path:
    """The demo store made the way a user makes it: ``samverkan init --demo``."""
    from tui.cli.main import main

    path = tmp_path / "demo" / "samverkan.json"
    assert main(["init", "--demo", "--store", str(path)]) == 0
    assert str(path) in capsys.readouterr().out
    return path
