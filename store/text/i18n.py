"""Language selection and lookup. Swedish first; English is a setting.

One catalogue: the store's areas (``store.text.messages``) are in it from the start,
and the UI adds its own with ``add_messages`` when it is imported. A key defined
twice is a mistake found at import, not a silent overwrite.
"""

from __future__ import annotations

import os
from types import ModuleType

from store.text import messages

CATALOGUES: dict[str, dict[str, str]] = {"sv": {}, "en": {}}
_language = "sv"


def add_messages(*areas: ModuleType) -> None:
    """Merge areas (modules with ``SV`` and ``EN`` dicts) into the catalogue."""
    for area in areas:
        for key in area.SV.keys() & CATALOGUES["sv"].keys():
            if CATALOGUES["sv"][key] != area.SV[key]:
                raise RuntimeError(f"message key defined twice: {key}")
        CATALOGUES["sv"].update(area.SV)
        CATALOGUES["en"].update(area.EN)


add_messages(*messages.AREAS)


def set_language(lang: str | None) -> str:
    global _language
    lang = (lang or os.environ.get("SAMVERKAN_LANG") or "sv").lower()[:2]
    _language = lang if lang in CATALOGUES else "sv"
    return _language


def language() -> str:
    return _language


def t(key: str, /, **params: object) -> str:
    """Text for ``key`` in the current language, with ``{name}`` fields filled in."""
    text = CATALOGUES[_language].get(key) or CATALOGUES["sv"].get(key) or key
    return text.format(**params) if params else text


class UserError(Exception):
    """An error a user can act on: one sentence from the catalogue, never a traceback."""

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)
