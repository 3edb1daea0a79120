"""What the import review shows per row: the read promise, whether it is kept, the fields
the reading is unsure of and the outcomes a follow-up page gave; the words its cells use;
and reading a text file for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from store.model.constants import FIRE, MUNICIPALITY, PARTIES, POLICE
from store.model.promise import Promise, Target
from store.text.i18n import UserError, t
from tui.modals.save_as import display_path, reason_text

# The order the parties key cycles through: the common pairing first.
PARTY_CYCLE = (
    [POLICE, MUNICIPALITY],
    [POLICE],
    [MUNICIPALITY],
    [FIRE],
    [POLICE, FIRE],
    [MUNICIPALITY, FIRE],
    [POLICE, MUNICIPALITY, FIRE],
)
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a published promise text is a few kilobytes


def target_text(target: Target | None) -> str:
    if target is None:
        return t("io.import.none")
    return t("io.target.text", count=target.count, per=t(f"io.per.{target.per}"))


def parties_text(parties: list[str]) -> str:
    """The three kinds in words, other parties (Västtrafik) by name."""
    return ", ".join(t(f"party.{p}") if p in PARTIES else p for p in parties) or t("io.import.none")


def next_parties(parties: list[str]) -> list[str]:
    """The next kinds in the cycle; parties named otherwise stay (and may stand alone)."""
    names = [p for p in parties if p not in PARTIES]
    cycle = [*PARTY_CYCLE, []] if names else list(PARTY_CYCLE)
    current = [p for p in (POLICE, MUNICIPALITY, FIRE) if p in parties]
    index = cycle.index(current) if current in cycle else -1
    return list(cycle[(index + 1) % len(cycle)]) + names


def read_text_file(path: Path) -> str:
    """The file as text, or one sentence: missing, unreadable, too big or not UTF-8 text."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise UserError("io.open.too_big", path=shown, size=round(size / 1024 / 1024, 1))
        raw = path.read_bytes()
    except OSError as error:
        raise UserError("io.open.unreadable", path=shown, reason=reason_text(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("io.open.not_text", path=shown) from None
    if "\x00" in text:  # UTF-16 or a binary file that happens to decode
        raise UserError("io.open.not_text", path=shown)
    return text


@dataclass
class ReviewRow:
    promise: Promise
    kept: bool = True
    uncertain: dict[str, str] = field(default_factory=dict)  # field → why (a message key)
    outcomes: list[str] = field(default_factory=list)

    def settle(self, name: str) -> None:
        """The user has set this field: it is no longer the reading's guess."""
        self.uncertain.pop(name, None)
