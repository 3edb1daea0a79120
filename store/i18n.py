"""Language selection and lookup. Swedish first; English is a setting."""

from __future__ import annotations

import os

from store.messages import CATALOGUES

_language = "sv"


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
