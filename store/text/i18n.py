"""Language selection and lookup. Swedish first; English is a setting.

One catalogue: the store's areas (``store.text.messages``) are in it from the start,
and the UI adds its own with ``add_messages`` when it is imported. Areas a process may
never need (the app's screens, in a command-line call) are handed over as a loader
with ``add_messages_later`` and merged the first time a key is not found, so a
command does not pay for building every screen's text. A key defined twice is a
mistake found when its area is merged, not a silent overwrite.

Counts are said with their noun in the catalogue, not by the caller: a field whose
format holds a ``|`` picks a form by its number, ``{count:# åtgärd|# åtgärder}``
gives "1 åtgärd" and "2 åtgärder" (``#`` is the number, written the language's way:
"90 000", "90,000"), and three forms start with the one for nought:
``{count:inga åtgärder|# åtgärd|# åtgärder}``. Swedish and English both say the
one form for 1 and the other for every other number, so two forms suffice.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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

_LATER: list[Callable[[], tuple[ModuleType, ...]]] = []


def add_messages_later(loader: Callable[[], tuple[ModuleType, ...]]) -> None:
    """Areas merged the first time a key is missing (or ``load_all_messages``)."""
    _LATER.append(loader)


def load_all_messages() -> dict[str, dict[str, str]]:
    """The whole catalogue, with every area handed over to be loaded later merged."""
    while _LATER:
        add_messages(*_LATER.pop(0)())
    return CATALOGUES


def set_language(lang: str | None) -> str:
    global _language
    lang = (lang or os.environ.get("SAMVERKAN_LANG") or "sv").lower()[:2]
    _language = lang if lang in CATALOGUES else "sv"
    return _language


def language() -> str:
    return _language


# Thousands the way each language writes them: a no-break space in Swedish (so
# "90 000" never wraps), a comma in English.
_THOUSANDS = {"sv": "\u00a0", "en": ","}


def number(n: int) -> str:
    """A count written the current language's way: "90 000" / "90,000"."""
    return f"{n:,}".replace(",", _THOUSANDS.get(_language, "\u00a0"))


def plural(n: int, forms: str) -> str:
    """``forms`` is "one|other" or "nought|one|other"; ``#`` in the chosen one is ``n``."""
    parts = forms.split("|")
    if len(parts) == 3:
        chosen = parts[0] if n == 0 else parts[1] if n == 1 else parts[2]
    else:
        chosen = parts[0] if n == 1 else parts[-1]
    return chosen.replace("#", number(n))


_PLURAL_FIELD = None  # compiled on first use: most calls of the command line never need it


def _with_plurals(text: str, params: dict[str, object]) -> str:
    """``text`` with each ``{name:forms}`` field replaced by the form its number takes."""
    global _PLURAL_FIELD
    if _PLURAL_FIELD is None:
        import re

        _PLURAL_FIELD = re.compile(r"\{(\w+):([^{}]*\|[^{}]*)\}")

    def form(match) -> str:  # type: ignore[no-untyped-def]
        value = params.get(match[1])
        if not isinstance(value, int):
            return match[0]
        return plural(value, match[2]).replace("{", "{{").replace("}", "}}")

    return _PLURAL_FIELD.sub(form, text)


def t(key: str, /, **params: object) -> str:
    """Text for ``key`` in the current language, with ``{name}`` fields filled in."""
    text = CATALOGUES[_language].get(key)
    if text is None and _LATER:
        text = load_all_messages()[_language].get(key)
    text = text or CATALOGUES["sv"].get(key) or key
    if not params:
        return text
    if "|" in text:
        text = _with_plurals(text, params)
    return text.format(**params)


class UserError(Exception):
    """An error a user can act on: one sentence from the catalogue, never a traceback."""

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)
