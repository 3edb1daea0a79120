"""Who signed a published promise text, and when: the signature blocks at its end.

A block is a name line ending in a comma ("Bob Wällberg,"), then the lines under it
up to a blank line: the role, then the organisation. Its day is the last date written
before the name and after the previous block ("Nykvarn 20210111", "2021-01-14").
Nothing recognised gives an empty list; never raises on arbitrary text.
"""

from __future__ import annotations

import re
from datetime import date

from store.model.signing import Signatory

_NAME = re.compile(r"^([A-ZÅÄÖ][\wåäöé-]+(?: [A-ZÅÄÖ][\wåäöé-]+){1,3}),$")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?!\d)")


def _date_in(line: str) -> date | None:
    for match in _DATE.finditer(line):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def parse_signatures(text: str) -> list[Signatory]:
    lines = [line.strip() for line in text.splitlines()]
    found: list[Signatory] = []
    day: date | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        name = _NAME.match(line)
        if name is None:
            day = _date_in(line) or day
            i += 1
            continue
        below: list[str] = []
        i += 1
        while i < len(lines) and lines[i] and len(below) < 2:
            below.append(lines[i])
            i += 1
        role, organisation = (below + ["", ""])[:2]
        found.append(Signatory(name=name.group(1), role=role, organisation=organisation, day=day))
        day = None
    return found
