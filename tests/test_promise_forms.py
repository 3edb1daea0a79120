"""Reading the promise and agreement forms (store.rules.forms.promises): what a chair types."""

from __future__ import annotations

from datetime import date

import pytest

from store.model.promise import Target
from store.rules.forms.fields import FormError
from store.rules.forms.promises import agreement_from_input, promise_fields, promise_from_input


def typed(**fields: str) -> dict[str, str]:
    return {"text": "Polisen genomför minst två trygghetsvandringar", "parties": "police", **fields}


def test_period_label_gives_the_days_and_swedish_number_words_the_target() -> None:
    promise = promise_from_input(typed(period_label="2019/2020", target_count="minst två", target_per="year"))
    assert (promise.period_start, promise.period_end) == (date(2019, 1, 1), date(2020, 12, 31))
    assert promise.target == Target(2, "year")
    assert promise.parties == ["police"]


def test_no_target_means_none_not_a_number() -> None:
    promise = promise_from_input(typed(period_label="2026"))
    assert promise.target is None
    assert promise_fields(promise)["target_per"] == "none"


@pytest.mark.parametrize(
    "fields, field, phrase",
    [
        (typed(text="  "), "text", ""),
        (typed(parties=""), "parties", ""),
        (typed(period_start="2026-13-01", period_end="2026-12-31"), "period_start", "2026-13-01"),
        (typed(period_start="2026-12-31", period_end="2026-01-01"), "period_end", ""),
        (typed(target_count="många", target_per="year"), "target_count", "många"),
        (typed(target_count="3"), "target_per", ""),
    ],
)
def test_bad_input_names_the_field_in_one_sentence(fields, field, phrase) -> None:
    with pytest.raises(FormError) as caught:
        promise_from_input(fields)
    assert caught.value.field == field
    sentence = str(caught.value)
    assert phrase in sentence and sentence.endswith(".") and "\n" not in sentence


def test_agreement_years_come_from_its_name() -> None:
    agreement = agreement_from_input({"name": "Samverkansöverenskommelse 2023–2026", "parties": "police,municipality"})
    assert (agreement.start, agreement.end) == (date(2023, 1, 1), date(2026, 12, 31))
    assert agreement.parties == ["police", "municipality"]
