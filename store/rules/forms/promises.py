"""Reading the promise and agreement forms: typed strings into models, or a FormError.

Pure (no Textual), like the other forms of store.rules.forms: the modals show the sentence next to the field
the FormError names and keep everything typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from store.model.constants import PARTIES
from store.model.promise import Agreement, Promise, Target
from store.rules import clock
from store.rules.forms.fields import FormError
from store.rules.periods import parse_period
from store.rules.swedish import NUMBER_WORDS
from store.text.i18n import UserError

TARGET_UNITS = ("period", "year", "term", "tertial", "quarter", "month", "week")
NO_TARGET = "none"
INPUTS = ("municipality", "period_label", "period_start", "period_end", "focus_area", "target_count",
          "follow_up_cadence", "expected_effect")


# -- reading what was typed (pure) ------------------------------------------------------


def _date(text: str, field: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FormError(field, "promises.form.bad_date", text=value) from None
    if not clock.in_range(day):
        raise FormError(field, "date.out_of_range", text=value)
    return day


def _count(text: str) -> int | None:
    value = text.strip().casefold().removeprefix("minst ").strip()
    if not value:
        return None
    if value.isdigit():
        count = int(value)
    elif value in NUMBER_WORDS:
        count = NUMBER_WORDS[value]
    else:
        raise FormError("target_count", "promises.form.bad_count", text=text.strip())
    if count < 1:
        raise FormError("target_count", "promises.form.bad_count", text=text.strip())
    return count


def promise_fields(promise: Promise | None) -> dict[str, str]:
    """A promise as the strings the form shows (an empty form for None)."""
    p = promise or Promise(text="")
    return {
        "text": p.text,
        "municipality": p.municipality,
        "agreement": str(p.agreement_id) if p.agreement_id else "",
        "parties": ",".join(p.parties),
        "period_label": p.period_label,
        "period_start": p.period_start.isoformat() if p.period_start else "",
        "period_end": p.period_end.isoformat() if p.period_end else "",
        "focus_area": p.focus_area,
        "target_count": str(p.target.count) if p.target else "",
        "target_per": p.target.per if p.target else NO_TARGET,
        "follow_up_forum": str(p.follow_up_forum_id) if p.follow_up_forum_id else "",
        "follow_up_cadence": p.follow_up_cadence,
        "expected_effect": p.expected_effect,
        "comments": p.comments,
    }


def promise_from_input(fields: dict[str, str], existing: Promise | None = None) -> Promise:
    """The typed strings as a Promise (the existing one's id kept); FormError when one can't be used."""
    text = fields.get("text", "").strip()
    if not text:
        raise FormError("text", "promises.form.text_missing")
    base = existing or Promise(text="")
    # parties named otherwise (Västtrafik) have no checkbox: they stay as they were
    parties = [p for p in PARTIES if p in {x.strip() for x in fields.get("parties", "").split(",")}]
    parties += [p for p in base.parties if p not in PARTIES]
    if not parties:
        raise FormError("parties", "promises.form.parties_missing")
    label = " ".join(fields.get("period_label", "").split())
    start = _date(fields.get("period_start", ""), "period_start")
    end = _date(fields.get("period_end", ""), "period_end")
    if label and start is None and end is None:
        try:  # "2026", "2019/2020", "2021-2022": the days follow from the label
            start, end = parse_period(label)
        except UserError:
            pass
    if (start is None) != (end is None):
        raise FormError("period_end" if end is None else "period_start", "promises.form.half_period")
    if start and end and end < start:
        raise FormError("period_end", "promises.form.end_before_start",
                        start=start.isoformat(), end=end.isoformat())
    count = _count(fields.get("target_count", ""))
    per = fields.get("target_per", NO_TARGET) or NO_TARGET
    if per not in (*TARGET_UNITS, NO_TARGET):
        raise FormError("target_per", "promises.form.bad_per", per=per)
    if count is not None and per == NO_TARGET:
        raise FormError("target_per", "promises.form.per_missing")
    if count is None and per != NO_TARGET:
        raise FormError("target_count", "promises.form.count_missing")
    target = Target(count, per) if count is not None else None

    def ref(key: str) -> int | None:
        value = fields.get(key, "").strip()
        return int(value) if value.isdigit() else None

    municipality = " ".join(fields.get("municipality", "").split())
    return replace(
        base,
        text=text,
        municipality=municipality,
        # a changed municipality replaces the old one among those the promise binds
        municipalities=[municipality if m == base.municipality else m for m in base.municipalities],
        agreement_id=ref("agreement"),
        parties=parties,
        period_label=label,
        period_start=start,
        period_end=end,
        focus_area=fields.get("focus_area", "").strip(),
        target=target,
        follow_up_forum_id=ref("follow_up_forum"),
        follow_up_cadence=fields.get("follow_up_cadence", "").strip(),
        expected_effect=fields.get("expected_effect", "").strip(),
        comments=fields.get("comments", "").strip(),
    )


# -- the agreement ---------------------------------------------------------------------------


def agreement_from_input(fields: dict[str, str], existing: Agreement | None = None) -> Agreement:
    """Typed strings as an Agreement; FormError (sentence + field) when one cannot be used."""
    name = " ".join(fields.get("name", "").split())
    if not name:
        raise FormError("name", "promises.agreement.name_missing")
    start = _date(fields.get("start", ""), "start")
    end = _date(fields.get("end", ""), "end")
    if start is None and end is None:
        try:  # "Samverkansöverenskommelse 2023–2026": the years are in the name
            years = name.split()[-1]
            start, end = parse_period(years)
        except (UserError, IndexError):
            pass
    if start and end and end < start:
        raise FormError("end", "promises.form.end_before_start", start=start.isoformat(), end=end.isoformat())
    parties = [p for p in PARTIES if p in {x.strip() for x in fields.get("parties", "").split(",")}]
    if len(parties) < 2:
        raise FormError("parties", "promises.agreement.parties_missing")
    base = existing or Agreement(name="")
    return replace(base, name=name, municipality=" ".join(fields.get("municipality", "").split()),
                   parties=parties, start=start, end=end)
