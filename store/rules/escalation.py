"""What may travel when a line is raised to another forum: a pure rule the store
enforces and the app's dialog checks before it closes."""

from __future__ import annotations

from store.model.forum import Forum
from store.rules.swedish import fold
from store.text.i18n import UserError


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def travelling_text(original: str, confidential: bool, text: str | None) -> str:
    """The text that lands in the receiving forum: ``text`` if given, else the
    original, which a confidential line never is (UserError: one sentence)."""
    new = clean(text)
    if confidential and not new:
        raise UserError("escalation.confidential_needs_text")
    if confidential and fold(new) == fold(clean(original)):
        raise UserError("escalation.confidential_same_text")
    return new or clean(original)


def confidential_origin(line_confidential: bool, forum: Forum | None) -> bool:
    """A ``!!`` line, or any line of a forum confidential by default (SSPF), needs a new text."""
    return line_confidential or bool(forum and forum.confidential_default)


# Where a matter usually goes next: the operative groups raise to the måndagsmöte, which
# raises to the chefssamråd or the local BRÅ.
_CHAIN_RANK = {"sspf": 0, "operativ_grupp": 0, "trafiksakerhetsrad": 1, "mandagsmote": 1, "bra": 2,
               "chefssamrad": 2}


def receiving_forums(origin: Forum | None, forums: list[Forum]) -> list[Forum]:
    """The forums a line of ``origin`` can be raised to, the likeliest first: the same
    municipality, one step up the chain, then by name."""
    rank = _CHAIN_RANK.get(origin.kind, 0) if origin else 0
    municipality = origin.municipality if origin else ""

    def order(forum: Forum) -> tuple[bool, int, str]:
        step = _CHAIN_RANK.get(forum.kind, 1) - rank
        return (forum.municipality != municipality, abs(step - 1), fold(forum.name))

    return sorted((f for f in forums if origin is None or f.id != origin.id), key=order)
