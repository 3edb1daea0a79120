"""User settings (the language) in a small JSON file in the platform's config folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("samverkan", appauthor=False)) / "settings.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or unreadable settings fall back to Swedish defaults
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> Path:
    """Merge ``changes`` into the settings file, atomically."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {**load(), **changes}
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, path)
    return path
