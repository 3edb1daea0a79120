"""The store's side-file locks (``samverkan.json.lock``, ``.session``): an flock,
shared or exclusive, with a timeout. A module of its own, without TinyDB, so the
open-work listing (``store.persistence.listing``) takes the very same lock as the store."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

LOCK_TIMEOUT = 10.0


class Lock:
    """An flock on a side file; shared or exclusive, with a timeout."""

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def acquire(self, exclusive: bool = True, timeout: float = LOCK_TIMEOUT) -> bool:
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self.fd, mode | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.005)

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
