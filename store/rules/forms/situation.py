"""Reading the forms of the law's cycle: a problem of the lägesbild, the lägesbild's
analysis, a medborgardialog, the åtgärdsplan's decision, an outcome of a promise and
an evaluation. Typed strings into values, or a FormError naming the field.

Pure, like the other forms of store.rules.forms: no Textual, no clock, no store. What
needs the store (a meeting's number, a dialogue that must exist) is checked by the
repository method the form saves through, as the command line's is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from store.model.outcome import VERDICTS
from store.model.situation import SOURCE_KINDS, CitizenDialogue, Problem
from store.rules.forms.fields import FormError, agenda_lines, parse_yes_no
from store.rules.situation import check_year
from store.rules.swedish import NUMBER_WORDS
from store.text.i18n import UserError

PROBLEM_INPUTS = ("title", "municipality", "year", "category", "area", "noted")


def parse_date(text: str, field: str, required: str | None = None) -> date | None:
    """2026-01-31; empty is None, or the sentence ``required`` when the field must be filled."""
    value = text.strip()
    if not value:
        if required:
            raise FormError(field, required)
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormError(field, "promises.form.bad_date", text=value) from None


def _year(text: str, field: str = "year") -> int:
    try:
        return check_year(text)
    except UserError as error:
        raise FormError(field, error.key, **error.params) from None


def _numbers(text: str, field: str, key: str) -> list[int]:
    """"1, 3" → [1, 3]; anything else is the sentence ``key``."""
    found = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise FormError(field, key, text=part)
        found.append(int(part))
    return list(dict.fromkeys(found))


def _count(text: str, field: str = "count") -> int:
    """A count as typed: 303, "tre", "minst 4"; 0 or more."""
    value = " ".join(text.split()).casefold().removeprefix("minst ").replace("\u00a0", "").replace(" ", "")
    if not value:
        raise FormError(field, "situation.form.count_missing")
    if value.isdigit():
        return int(value)
    if value in NUMBER_WORDS:
        return NUMBER_WORDS[value]
    raise FormError(field, "situation.form.bad_count", text=text.strip())


# -- a problem of the lägesbild ---------------------------------------------------------


def problem_fields(problem: Problem | None, municipality: str = "", year: int | None = None) -> dict[str, str]:
    """A problem as the strings the form shows (a new one in ``municipality`` and ``year``)."""
    p = problem or Problem(title="", municipality=municipality, year=year or 0)
    return {
        "title": p.title,
        "municipality": p.municipality,
        "year": str(p.year) if p.year else "",
        "category": p.category,
        "area": p.area,
        "description": p.description,
        "noted": p.noted.isoformat() if p.noted else "",
        "sources": ",".join(p.sources),
        "dialogues": ",".join(str(d) for d in p.dialogue_ids),
        "confidential": "ja" if p.confidential else "nej",
    }


def problem_from_input(fields: dict[str, str], existing: Problem | None = None) -> Problem:
    """The typed strings as a Problem (the existing one's id kept); FormError for a field."""
    title = " ".join(fields.get("title", "").split())
    if not title:
        raise FormError("title", "situation.title_missing")
    municipality = " ".join(fields.get("municipality", "").split())
    if not municipality:
        raise FormError("municipality", "situation.municipality_missing")
    year = _year(fields.get("year", ""))
    sources = [s.strip() for s in fields.get("sources", "").split(",") if s.strip()]
    for source in sources:
        if source not in SOURCE_KINDS:
            raise FormError("sources", "situation.bad_source", text=source)
    dialogues = _numbers(fields.get("dialogues", ""), "dialogues", "situation.form.bad_dialogue")
    base = existing or Problem(title="")
    return replace(
        base,
        title=title,
        municipality=municipality,
        year=year,
        category=" ".join(fields.get("category", "").split()),
        area=" ".join(fields.get("area", "").split()),
        description=fields.get("description", "").strip(),
        sources=list(dict.fromkeys(sources)),
        dialogue_ids=dialogues,
        noted=parse_date(fields.get("noted", ""), "noted"),
        confidential=parse_yes_no(fields.get("confidential", ""), base.confidential),
    )


# -- the lägesbild's analysis, a medborgardialog, the plan's decision -------------------


@dataclass(frozen=True)
class PictureInput:
    analysis: str
    other_information: str
    focus_areas: list[str]
    day: date | None


def picture_from_input(fields: dict[str, str]) -> PictureInput:
    """Analysis, other information, focus areas (one a line) and the day it was written."""
    return PictureInput(
        analysis=fields.get("analysis", "").strip(),
        other_information=fields.get("other", "").strip(),
        focus_areas=agenda_lines(fields.get("focus", "")),
        day=parse_date(fields.get("date", ""), "date"),
    )


def dialogue_from_input(fields: dict[str, str], existing: CitizenDialogue | None = None) -> CitizenDialogue:
    """A medborgardialog: its day (or only its year), place, how many took part, what was raised."""
    municipality = " ".join(fields.get("municipality", "").split())
    if not municipality:
        raise FormError("municipality", "situation.municipality_missing")
    day = parse_date(fields.get("date", ""), "date")
    if day is None and not fields.get("year", "").strip():
        raise FormError("date", "situation.form.date_or_year")
    year = day.year if day else _year(fields.get("year", ""))
    participants_text = fields.get("participants", "").strip()
    participants = None
    if participants_text:
        if not participants_text.isdigit():
            raise FormError("participants", "situation.form.bad_participants", text=participants_text)
        participants = int(participants_text)
    base = existing or CitizenDialogue(municipality="", year=year)
    return replace(base, municipality=municipality, year=year, day=day,
                   place=" ".join(fields.get("place", "").split()), participants=participants,
                   raised=fields.get("raised", "").strip())


def decision_from_input(fields: dict[str, str]) -> tuple[str, date]:
    """Which body decided the åtgärdsplan, and on which day."""
    body = " ".join(fields.get("body", "").split())
    if not body:
        raise FormError("body", "situation.body_missing")
    day = parse_date(fields.get("date", ""), "date", required="situation.form.decided_on_missing")
    return body, day  # type: ignore[return-value]


# -- an outcome and an evaluation of a promise ------------------------------------------


@dataclass(frozen=True)
class OutcomeInput:
    count: int
    text: str
    day: date | None
    source: str
    meeting_id: int | None
    action_ids: list[int]


def _meeting(text: str) -> int | None:
    value = text.strip()
    return int(value) if value.isdigit() else None


def outcome_from_input(fields: dict[str, str]) -> OutcomeInput:
    """"303" "trafikkontroller" on a day, from a source, at a meeting, covering actions."""
    count = _count(fields.get("count", ""))
    text = " ".join(fields.get("text", "").split())
    if not text:
        raise FormError("text", "outcome.text_missing")
    return OutcomeInput(
        count=count, text=text, day=parse_date(fields.get("date", ""), "date"),
        source=" ".join(fields.get("source", "").split()), meeting_id=_meeting(fields.get("meeting", "")),
        action_ids=_numbers(fields.get("covers", ""), "covers", "situation.form.bad_action"),
    )


@dataclass(frozen=True)
class EvaluationInput:
    verdict: str
    justification: str
    day: date | None
    meeting_id: int | None


def evaluation_from_input(fields: dict[str, str]) -> EvaluationInput:
    """Genomfört / delvis genomfört / ej genomfört, and why."""
    verdict = fields.get("verdict", "").strip()
    if verdict not in VERDICTS:
        raise FormError("verdict", "situation.form.verdict_missing")
    justification = fields.get("justification", "").strip()
    if not justification:
        raise FormError("justification", "outcome.justification_missing")
    return EvaluationInput(verdict, justification, parse_date(fields.get("date", ""), "date"),
                           _meeting(fields.get("meeting", "")))
