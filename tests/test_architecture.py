"""store/ is the core: importable without Textual, proven in a clean interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parents[1]


def store_modules() -> list[str]:
    return sorted(
        f"store.{info.name}" for info in pkgutil.walk_packages(store.__path__) if not info.ispkg
    ) + ["store.messages"]


def test_every_store_module_imports_without_textual() -> None:
    modules = store_modules()
    assert "store.persistence" in modules and "store.repository" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'tui')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_import_linter_contract_holds() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert "Contracts: 1 kept, 0 broken" in result.stdout, result.stdout + result.stderr


def test_every_message_key_has_swedish_and_english() -> None:
    from store.messages import EN, SV

    assert set(SV) == set(EN)
    assert all(SV[key].strip() and EN[key].strip() for key in SV)
