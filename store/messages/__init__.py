"""The one message catalogue. Each area keeps its strings in its own module
(``SV`` and ``EN`` dicts) so that parallel work never edits the same file; this
package merges them and ``store.i18n.t`` is the only way text reaches a user."""

from __future__ import annotations

import importlib
import os

SV: dict[str, str] = {}
EN: dict[str, str] = {}

# Every module beside this one is an area (a directory listing, not pkgutil, which
# would load inspect and cost each command-line call a few milliseconds).
_AREAS = sorted(name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and name != "__init__.py")
for _area in _AREAS:
    _module = importlib.import_module(f"{__name__}.{_area}")
    for _key in set(_module.SV) & set(SV):
        raise RuntimeError(f"message key defined twice: {_key}")
    SV.update(_module.SV)
    EN.update(_module.EN)

CATALOGUES = {"sv": SV, "en": EN}
