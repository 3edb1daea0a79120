"""The actor: who is using a repository, and what their role lets them do.

A repository with no actor is the operator's own shell (the command line): nothing is
restricted. The served app gives its repository the actor who logged in.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

SECRETARY = "secretary"
CHAIR = "chair"
READER = "reader"
ROLES = (SECRETARY, CHAIR, READER)


@dataclass(frozen=True)
class Actor:
    name: str
    role: str
    forums: frozenset[int] = field(default_factory=frozenset)

    @property
    def may_write(self) -> bool:
        """A reader writes nothing; the other roles write (where, see the guard)."""
        return self.role != READER


def operator_name() -> str:
    """Who is at the command line: the computer's user name ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError, AttributeError):  # no user name to be had (Windows, no USERNAME)
        return ""
