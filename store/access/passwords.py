"""Password hashes: scrypt from the standard library, a fresh salt per hash.

scrypt is memory-hard (every guess costs its 128 MiB as well as its time), needs no
compiled dependency on any platform Python runs on, and is one of the hashes OWASP's
password-storage guidance names, with these parameters (N=2^17, r=8, p=1) as its
minimum. The parameters are stored with each hash, so they can be raised later and
old hashes still verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

SCHEME = "scrypt"
# OWASP's minimum for scrypt: ~0.4 s and 128 MiB per hash on a small server.
COST = 2**17
BLOCK_SIZE = 8
PARALLEL = 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 10


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # OpenSSL's default memory cap (32 MiB) is below what N=2^17 needs.
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * r * n + 16 * 1024 * 1024, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$key``, salt and key in base64."""
    salt = os.urandom(SALT_BYTES)
    key = _derive(password, salt, COST, BLOCK_SIZE, PARALLEL, KEY_BYTES)
    return "$".join([SCHEME, str(COST), str(BLOCK_SIZE), str(PARALLEL), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` gives ``stored``; a malformed hash verifies nothing."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def burn_time(password: str) -> None:
    """Spend what a real check spends, so that an unknown name answers no faster
    than a wrong password (the answer must not tell which names exist)."""
    _derive(password, b"\0" * SALT_BYTES, COST, BLOCK_SIZE, PARALLEL, KEY_BYTES)
