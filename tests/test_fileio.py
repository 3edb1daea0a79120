"""The one module that touches files: locks, durable appends, atomic replacement,
reads at an offset, private modes — and the simulated Windows and macOS surfaces."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.persistence import fileio, frames

SURFACE = os.environ.get("SAMVERKAN_TEST_SURFACE")


def test_the_simulated_surface_hides_what_the_platform_lacks() -> None:
    if SURFACE is None:
        pytest.skip("no simulated surface in this run")
    assert not hasattr(os, "fdatasync")
    if SURFACE == "windows":
        for name in ("pread", "pwrite", "getuid"):
            assert not hasattr(os, name), name
        with pytest.raises(ImportError):
            import fcntl  # noqa: F401


def test_a_shared_lock_admits_shared_ones_and_keeps_an_exclusive_one_out(tmp_path: Path) -> None:
    path = tmp_path / "s.json.session"
    first, second, third = fileio.Lock(path), fileio.Lock(path), fileio.Lock(path)
    assert first.acquire(exclusive=False) and second.acquire(exclusive=False)
    assert not third.acquire(exclusive=True, timeout=0)
    first.release()
    second.release()
    assert third.acquire(exclusive=True, timeout=0)
    assert not first.acquire(exclusive=False, timeout=0.05)
    for lock in (first, second, third):
        lock.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_reader_goes_on_without_a_lock_file_it_cannot_make(tmp_path: Path, monkeypatch) -> None:
    real_open = os.open

    def read_only_folder(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only_folder)
    lock = fileio.Lock(tmp_path / "s.json.session", readonly=True)
    assert lock.acquire(exclusive=False) and lock.unavailable
    with pytest.raises(OSError):
        fileio.Lock(tmp_path / "s.json.lock").acquire()


def test_append_reaches_the_end_and_read_at_reads_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "j"
    fd = fileio.open_journal(path, writable=True)
    try:
        fileio.append(fd, b"first\n")
        assert fileio.read_at(fd, 2, 3) == b"rst"
        fileio.append(fd, b"second\n")  # after a read elsewhere: still at the end
        assert fileio.read_at(fd, 0, 100) == b"first\nsecond\n"
        fileio.cut(fd, 6)
        assert fileio.size(fd) == 6
    finally:
        os.close(fd)
    assert fileio.open_journal(tmp_path / "missing", writable=False) is None


def test_atomic_write_retries_while_another_process_holds_the_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "s.json"
    target.write_bytes(b"old")
    real_replace = os.replace
    refusals = []

    def busy_twice(src, dst):
        if len(refusals) < 2:  # what Windows says while a reader has the file open
            refusals.append(dst)
            raise PermissionError(errno.EACCES, "Access is denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", busy_twice)
    fileio.atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and len(refusals) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_atomic_write_gives_up_and_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "s.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", lambda s, d: (_ for _ in ()).throw(PermissionError(errno.EACCES, "no")))
    monkeypatch.setattr(fileio.time, "sleep", lambda s: None)
    with pytest.raises(PermissionError):
        fileio.atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_modes_are_exact_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o277)  # would leave even the owner without write access
    try:
        fileio.make_private_dir(tmp_path / "a" / "b")
        fileio.atomic_write(tmp_path / "a" / "b" / "f", b"x")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "f").stat().st_mode) == 0o600


def test_folder_sync_is_a_no_op_where_a_folder_cannot_be_opened(tmp_path: Path, monkeypatch) -> None:
    real_open = os.open

    def windows_open(path, flags, *args):
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "Access is denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", windows_open)
    fileio.sync_dir(tmp_path)
    fileio.atomic_write(tmp_path / "f", b"x")
    assert (tmp_path / "f").read_bytes() == b"x"


def test_free_space_is_known_with_or_without_statvfs(tmp_path: Path, monkeypatch) -> None:
    import shutil
    from collections import namedtuple

    assert fileio.free_bytes(tmp_path) > 0
    monkeypatch.delattr(os, "statvfs", raising=False)  # Windows: shutil asks the system
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(100, 58, 42))
    assert fileio.free_bytes(tmp_path) == 42


@given(st.binary(min_size=1, max_size=200), st.data())
def test_any_changed_byte_of_a_journal_line_is_found(payload: bytes, data) -> None:
    payload = b'{"seq":1,"ch":[["entries","1",{"t":' + payload.hex().encode() + b'}]]}'
    line = frames.encode(payload)
    index = data.draw(st.integers(0, len(line) - 2))  # not the newline itself
    flipped = bytes([line[index] ^ data.draw(st.integers(1, 255))])
    damaged = line[:index] + flipped + line[index + 1:]
    with pytest.raises(frames.Damaged):
        frames.read(damaged, True, __import__("json").loads, 0)
