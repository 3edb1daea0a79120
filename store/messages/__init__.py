"""The one message catalogue. Each area keeps its strings in its own module
(``SV`` and ``EN`` dicts) so that parallel work never edits the same file; this
package merges them and ``store.i18n.t`` is the only way text reaches a user."""

from __future__ import annotations

import importlib
import pkgutil

SV: dict[str, str] = {}
EN: dict[str, str] = {}

for _info in pkgutil.iter_modules(__path__):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _key in set(_module.SV) & set(SV):
        raise RuntimeError(f"message key defined twice: {_key}")
    SV.update(_module.SV)
    EN.update(_module.EN)

CATALOGUES = {"sv": SV, "en": EN}
