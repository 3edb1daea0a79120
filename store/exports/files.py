"""Everything that leaves the program: the public export API and a safe file write.

The TUI and ``samverkan export`` both call these; the work lives in
``store.exports.minutes`` (minutes of a meeting), ``store.exports.reports`` (action list, promise
follow-up) and ``store.exports.ical`` (a forum's series), all built on ``store.text.markdown``.
"""

from __future__ import annotations

import os
from pathlib import Path

from store.exports.ical import forum_ics
from store.exports.minutes import minutes_markdown
from store.exports.reports import actions_markdown, parse_period, promise_state, report_markdown
from store.persistence import fileio
from store.text.i18n import UserError
from store.text.os_errors import os_reason

__all__ = [
    "actions_markdown",
    "forum_ics",
    "minutes_markdown",
    "parse_period",
    "promise_state",
    "report_markdown",
    "write_atomic",
]


def write_atomic(path: str | os.PathLike, data: bytes, private: bool = False) -> Path:
    """Write ``data`` to ``path`` all or nothing (``fileio.atomic_write``): a reader, or a
    mail client attaching the file, never sees half a document.

    ``private`` (the export carries confidential text): the file is readable by the
    user only, 0600, whatever the umask and whatever the mode of a file it replaces.
    Otherwise a new file gets the umask's usual mode and a replaced one keeps its own.
    Errors are one sentence (UserError), and no temporary file is left behind.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError("export.is_directory", path=target)
    try:
        return fileio.atomic_write(target, data, mode=fileio.PRIVATE_FILE if private else None)
    except OSError as error:
        raise UserError("export.write_failed", path=target, reason=os_reason(error)) from None
