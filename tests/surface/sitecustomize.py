"""The module surface of Windows or macOS on this machine, for the test suite.

``SAMVERKAN_TEST_SURFACE=windows`` hides ``fcntl``, ``os.pread``, ``os.pwrite``,
``os.fdatasync`` and ``os.getuid`` (none exist on Windows);
``SAMVERKAN_TEST_SURFACE=macos`` hides ``os.fdatasync`` (macOS has none). It runs
before the store is imported: from ``tests/conftest.py`` in the test process, and, as
this folder is put on PYTHONPATH, as ``sitecustomize`` in every Python the tests start
(``samverkan`` commands in a subprocess), so the store never sees those names.

portalocker is imported first: its own platform code is its business (on Windows it
uses msvcrt and pywin32, which cannot run here); what is proven is that the store
itself needs none of the hidden names.
"""

from __future__ import annotations

import os
import sys

HIDDEN = {
    "windows": ("pread", "pwrite", "fdatasync", "getuid"),
    "macos": ("fdatasync",),
}


def apply(surface: str | None) -> str | None:
    if surface not in HIDDEN:
        return None
    import portalocker  # noqa: F401

    for name in HIDDEN[surface]:
        if hasattr(os, name):
            delattr(os, name)
    if surface == "windows":
        sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` now fails
    return surface


SURFACE = apply(os.environ.get("SAMVERKAN_TEST_SURFACE"))
