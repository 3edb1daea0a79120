"""store/ is the core: importable without Textual, proven in a clean interpreter;
its floors import only downwards (the import-linter contracts in pyproject.toml);
every message key exists in Swedish and English, and the store's own text needs
no UI to be loaded."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parents[1]


def store_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(store.__path__, prefix="store."))


def test_every_store_module_imports_without_textual() -> None:
    modules = store_modules()
    assert "store.persistence.journal" in modules and "store.repository" in modules
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


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert "Contracts: 3 kept, 0 broken" in result.stdout, result.stdout + result.stderr


def test_every_message_key_has_swedish_and_english() -> None:
    import tui  # noqa: F401  (adds the UI's text)
    from store.text.i18n import CATALOGUES

    sv, en = CATALOGUES["sv"], CATALOGUES["en"]
    assert set(sv) == set(en)
    assert all(sv[key].strip() and en[key].strip() for key in sv)


def test_the_store_finds_its_own_text_without_the_ui() -> None:
    """Every key written out in store code is in the store's catalogue, so a store
    error reads as a sentence even where no UI is loaded (a script, a test)."""
    code = (
        "import sys; from store.text.i18n import CATALOGUES; "
        "print('\\n'.join(sorted(CATALOGUES['sv']))); "
        "assert not any(m.startswith('tui') for m in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    store_keys = set(result.stdout.split())
    import tui  # noqa: F401
    from store.text.i18n import CATALOGUES

    literal = re.compile(r"""["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")
    # Keys made from a prefix: t(f"status.action.{status}"), t("export.report." + key).
    prefix = re.compile(r"""f["']([a-z_]+\.[a-z_.]*)\{|["']([a-z_]+\.[a-z_.]*\.)["']\s*\+""")
    missing = set()
    for path in (ROOT / "store").rglob("*.py"):
        if "messages" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for key in literal.findall(text):
            if key in CATALOGUES["sv"] and key not in store_keys:
                missing.add(f"{path.relative_to(ROOT)}: {key}")
        for found in prefix.findall(text):
            start = found[0] or found[1]
            for key in CATALOGUES["sv"]:
                if key.startswith(start) and key not in store_keys:
                    missing.add(f"{path.relative_to(ROOT)}: {key} (from {start}…)")
    assert not missing, sorted(missing)
