"""store/ is the core: importable without Textual, proven in a clean interpreter;
its floors import only downwards (the import-linter contracts in pyproject.toml);
every message key exists in Swedish and English, and the store's own text needs
no UI to be loaded."""

from __future__ import annotations

import importlib
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
    from store.text.i18n import load_all_messages

    sv, en = load_all_messages()["sv"], load_all_messages()["en"]
    assert set(sv) == set(en)
    assert all(sv[key].strip() and en[key].strip() for key in sv)


def _keys_loaded_by(code: str) -> set[str]:
    """The catalogue's Swedish keys after ``code`` (imports) in a clean interpreter."""
    code += "; from store.text.i18n import CATALOGUES; print('\\n'.join(sorted(CATALOGUES['sv'])))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


_LITERAL = re.compile(r"""["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")
# Keys made from a prefix: t(f"status.action.{status}"), t("export.report." + key).
_PREFIX = re.compile(r"""f["']([a-z_]+\.[a-z_.]*)\{|["']([a-z_]+\.[a-z_.]*\.)["']\s*\+""")


def _keys_named_but_not_in(paths: list[Path], present: set[str]) -> list[str]:
    """Keys of the whole catalogue that code in ``paths`` names, written out or as the
    start of a key it completes, and that ``present`` lacks."""
    every: set[str] = set()  # every area's keys, whether or not anything loads it
    for package in ("store.text.messages", "tui.messages"):
        for info in pkgutil.iter_modules([str(ROOT.joinpath(*package.split(".")))]):
            every |= importlib.import_module(f"{package}.{info.name}").SV.keys()
    missing = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for key in _LITERAL.findall(text):
            if key in every and key not in present:
                missing.add(f"{path.relative_to(ROOT)}: {key}")
        for found in _PREFIX.findall(text):
            start = found[0] or found[1]
            for key in every:
                if key.startswith(start) and key not in present:
                    missing.add(f"{path.relative_to(ROOT)}: {key} (from {start}…)")
    return sorted(missing)


def test_the_store_finds_its_own_text_without_the_ui() -> None:
    """Every key written out in store code is in the store's catalogue, so a store
    error reads as a sentence even where no UI is loaded (a script, a test)."""
    store_keys = _keys_loaded_by("import sys, store.text.i18n; assert not any(m.startswith('tui') for m in sys.modules)")
    paths = [path for path in (ROOT / "store").rglob("*.py") if "messages" not in path.parts]
    assert not _keys_named_but_not_in(paths, store_keys)


def test_the_command_line_finds_its_text_without_the_screens() -> None:
    """Every key the command line's code names is in an area loaded at once, so no
    command builds the text of every screen it never shows. (``app.py`` opens the app,
    which loads every area anyway.)"""
    at_once = _keys_loaded_by("import sys, tui; assert 'tui.messages.tui_review' not in sys.modules")
    paths = [path for path in (ROOT / "tui" / "cli").glob("*.py") if path.name != "app.py"]
    assert not _keys_named_but_not_in(paths, at_once)


def test_a_screen_text_asked_for_outside_the_app_is_found() -> None:
    """The screens' areas load on the first key not yet in the catalogue: a command
    (or script) that asks for one gets the sentence, never the bare key."""
    code = ("import sys, tui; from store.text.i18n import set_language, t; "
            "assert 'tui.messages.tui_review' not in sys.modules; "
            "print(t('review.key.back')); set_language('en'); print(t('review.key.back'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["Tillbaka", "Back"]
