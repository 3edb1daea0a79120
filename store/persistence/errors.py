"""The store's one kind of error: a sentence for the user, never a traceback."""

from __future__ import annotations

import errno
import os

from store.text.i18n import UserError
from store.text.os_errors import os_reason

FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class StoreError(UserError):
    """Opening or writing the store failed; ``str()`` is one sentence for the user."""


def from_os(error: OSError, path: os.PathLike | str) -> StoreError:
    """A failed write as one sentence: a full disk says so, anything else names the reason."""
    if error.errno in FULL:
        return StoreError("store.disk_full", path=path)
    return StoreError("store.write_failed", path=path, reason=os_reason(error))


def unreadable(error: OSError, path: os.PathLike | str) -> StoreError:
    """A store that cannot be opened at all: no permission, not a file, gone."""
    return StoreError("store.unreadable", path=getattr(error, "filename", None) or path,
                      reason=os_reason(error))
