"""Why the operating system refused, in the catalogue's words.

An ``OSError`` carries the system's own sentence, in English on most machines
("No such file or directory") and in the Windows display language on others. A
person reads ours instead: the common reasons by their error number, any other as
one general sentence with the number's name, so nothing of the system's wording
reaches the screen.
"""

from __future__ import annotations

import errno

from store.text.i18n import t

_REASONS = {
    errno.ENOENT: "os.reason.not_found",
    errno.EACCES: "os.reason.denied",
    errno.EPERM: "os.reason.denied",
    errno.EROFS: "os.reason.read_only",
    errno.ENOSPC: "os.reason.full",
    errno.EISDIR: "os.reason.is_directory",
    errno.ENOTDIR: "os.reason.not_directory",
    errno.ENAMETOOLONG: "os.reason.too_long",
    errno.EEXIST: "os.reason.exists",
    errno.EBUSY: "os.reason.busy",
    errno.EIO: "os.reason.io",
    errno.EMFILE: "os.reason.too_many_open",
    errno.ENFILE: "os.reason.too_many_open",
    errno.EINVAL: "os.reason.invalid_name",
    errno.ELOOP: "os.reason.loop",
    errno.EXDEV: "os.reason.other_disk",
    errno.EAGAIN: "os.reason.busy",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "os.reason.quota"


def os_reason(error: OSError) -> str:
    """A few words on why: "finns inte", "saknar behörighet", "disken är full" …"""
    key = _REASONS.get(error.errno) if error.errno is not None else None
    if key is None and isinstance(error, FileNotFoundError):
        key = "os.reason.not_found"
    elif key is None and isinstance(error, PermissionError):
        key = "os.reason.denied"
    elif key is None and isinstance(error, IsADirectoryError):
        key = "os.reason.is_directory"
    if key is not None:
        return t(key)
    name = errno.errorcode.get(error.errno or 0, str(error.errno or "?"))
    return t("os.reason.other", code=name)
