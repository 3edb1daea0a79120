"""Words of the lägesbild as people type them: a source ("medborgardialog",
"trygghetsmätning", "EST") and a year."""

from __future__ import annotations

from store.model.situation import SOURCE_KINDS
from store.rules.swedish import fold
from store.text.i18n import UserError

_SOURCE_WORDS = {
    "crime_statistics": ("brottsstatistik", "statistik", "anmälda brott", "crime statistics"),
    "safety_survey": ("trygghetsmätning", "trygghetsundersökning", "trygghetsenkät", "safety survey"),
    "citizen_dialogue": ("medborgardialog", "medborgardialoger", "citizen dialogue"),
    "staff_dialogue": ("medarbetardialog", "medarbetardialoger", "staff dialogue"),
    "est": ("est", "est-rapport", "est-rapporter", "effektiv samordning för trygghet"),
    "intelligence": ("underrättelse", "underrättelseinformation", "polisens underrättelsetjänst"),
    "other": ("annat", "annan", "övrigt"),
}
FIRST_YEAR, LAST_YEAR = 1990, 2100


def parse_source(text: str) -> str:
    needle = fold(" ".join(text.replace("_", " ").split()))
    for kind in SOURCE_KINDS:
        if needle == fold(kind.replace("_", " ")) or needle in {fold(w) for w in _SOURCE_WORDS[kind]}:
            return kind
    raise UserError("situation.bad_source", text=text)


def check_year(year: int | str) -> int:
    try:
        value = int(str(year).strip())
    except ValueError:
        raise UserError("situation.bad_year", text=year) from None
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise UserError("situation.bad_year", text=year)
    return value
