"""User settings (the language, how the minutes show empty agenda items) in a small
JSON file in the platform's config folder."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing costs every command-line call ~3 ms
if TYPE_CHECKING:
    from typing import Any

APP = "samverkan"


def _xdg(variable: str, fallback: str) -> Path:
    # Linux only: the XDG Base Directory rule as platformdirs applies it there (a test
    # holds them equal). Importing platformdirs costs every command-line call 3-8 ms
    # (`samverkan actions --open`, 10 runs: median 63-68 ms without it, 71-73 with).
    base = os.environ.get(variable, "").strip() or os.path.expanduser(fallback)
    return Path(base) / APP


def data_dir() -> Path:
    if sys.platform.startswith("linux"):
        return _xdg("XDG_DATA_HOME", "~/.local/share")
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    if sys.platform.startswith("linux"):
        return _xdg("XDG_CONFIG_HOME", "~/.config")
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def default_store_path() -> Path:
    """``--store`` beats ``SAMVERKAN_STORE`` beats the platform's data folder."""
    env = os.environ.get("SAMVERKAN_STORE")
    if env:
        return Path(env).expanduser()
    return data_dir() / "samverkan.json"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or unreadable settings fall back to Swedish defaults
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> Path:
    """Merge ``changes`` into the settings file, atomically, readable by the user only
    (in a folder made 0700), whatever the umask."""
    from store.persistence import fileio

    path = settings_path()
    fileio.make_private_dir(path.parent)
    data = {**load(), **changes}
    return fileio.atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def empty_items() -> str:
    """How the minutes show an agenda item with nothing under it: "mark" (the default,
    "Inget att anteckna.") or "omit"."""
    value = load().get("empty_items")
    return value if value in ("mark", "omit") else "mark"
