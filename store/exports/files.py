"""Everything that leaves the program: the public export API and a safe file write.

The TUI and ``samverkan export`` both call these; the work lives in
``store.exports.minutes`` (minutes of a meeting), ``store.exports.reports`` (action list, promise
follow-up) and ``store.exports.ical`` (a forum's series), all built on ``store.text.markdown``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from store.exports.ical import forum_ics
from store.exports.minutes import minutes_markdown
from store.exports.reports import actions_markdown, parse_period, promise_state, report_markdown
from store.text.i18n import UserError

__all__ = [
    "actions_markdown",
    "forum_ics",
    "minutes_markdown",
    "parse_period",
    "promise_state",
    "report_markdown",
    "write_atomic",
]


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` all or nothing: temp file in the same folder, fsync, rename.

    A reader (or a mail client attaching the file) never sees half a document, and an
    existing file is replaced only once the new one is complete on disk. Errors are one
    sentence (UserError), and no temp file is left behind.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError("export.is_directory", path=target)
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        # 0o666 and O_EXCL: the OS applies the user's umask, as for any new file.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise UserError("export.write_failed", path=target, reason=error.strerror or error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():  # a replaced file keeps its permissions
            os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise UserError("export.write_failed", path=target, reason=error.strerror or error) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
