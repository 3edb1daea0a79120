"""Tests of the quick-entry line parser. Today is fixed: Monday 2026-11-23, ISO week 48."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.model.constants import DECISION, INFO
from store.rules.quickentry import (
    ACTION,
    DateParseError,
    QuickEntry,
    describe,
    parse_due_date,
    parse_quick_entry,
)
from store.text.i18n import set_language, t
from store.text.messages import quickentry as messages

TODAY = date(2026, 11, 23)
assert TODAY.isocalendar()[1:] == (48, 1)


@pytest.fixture(autouse=True)
def _swedish():
    set_language("sv")
    yield
    set_language("sv")


# ------------------------------------------------------------------- kinds

@pytest.mark.parametrize(
    "line, kind, text",
    [
        ("b Polisen genomför riktad insats mot mopeder i Ronna", DECISION,
         "Polisen genomför riktad insats mot mopeder i Ronna"),
        ("i Fältarna rapporterar lugn helg", INFO, "Fältarna rapporterar lugn helg"),
        ("Fältarna rapporterar lugn helg", INFO, "Fältarna rapporterar lugn helg"),
        ("B: Polisen ansvarar", DECISION, "Polisen ansvarar"),
        ("b:Polisen ansvarar", DECISION, "Polisen ansvarar"),
        ("Beslut Polisen ansvarar", DECISION, "Polisen ansvarar"),
        ("beslut: Polisen ansvarar", DECISION, "Polisen ansvarar"),
        ("INFO lugnt", INFO, "lugnt"),
        ("information: lugnt", INFO, "lugnt"),
        ("i: I Ronna var det lugnt", INFO, "I Ronna var det lugnt"),
        ("å Ring skolan", ACTION, "Ring skolan"),
        ("Å: Ring skolan", ACTION, "Ring skolan"),
        ("a Ring skolan", ACTION, "Ring skolan"),
        ("åtgärd Ring skolan", ACTION, "Ring skolan"),
        ("Atgard: Ring skolan", ACTION, "Ring skolan"),
        ("  å   Ring \t skolan  ", ACTION, "Ring skolan"),
        ("bra helg i Ronna", INFO, "bra helg i Ronna"),
    ],
)
def test_kind_prefixes(line: str, kind: str, text: str) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert entry.ok, entry.error
    assert (entry.kind, entry.text) == (kind, text)


def test_example_action_from_issue() -> None:
    entry = parse_quick_entry("å Kartlägga belysning i Bårsta @kommunen @Anna !fredag #L3", TODAY)
    assert entry == QuickEntry(
        kind=ACTION, text="Kartlägga belysning i Bårsta", owners=["kommunen", "Anna"],
        due=date(2026, 11, 27), due_text="fredag", promise_refs=["L3"],
    )
    assert entry.ok


# ------------------------------------------------------------ markers

@pytest.mark.parametrize(
    "line, owners, refs, confidential, text",
    [
        ('å Ring @"Anna Berg" snart', ["Anna Berg"], [], False, "Ring snart"),
        ("å Ring @“Anna Berg”", ["Anna Berg"], [], False, "Ring"),
        ('å Ring @"Anna  Berg", nu', ["Anna Berg"], [], False, "Ring nu"),
        ("å Ring @Anna_Berg", ["Anna Berg"], [], False, "Ring"),
        ("å Ring @kommunen, @polisen.", ["kommunen", "polisen"], [], False, "Ring"),
        ("b Fler vandringar #3 #L4", [], ["3", "L4"], False, "Fler vandringar"),
        ("!! i Elev i årskurs 8 oroar", [], [], True, "Elev i årskurs 8 oroar"),
        ("i Elev oroar !!", [], [], True, "Elev oroar"),
        ("i Elev !! oroar", [], [], True, "Elev oroar"),
        ("i Hej! Wow!", [], [], False, "Hej! Wow!"),
        ("i Mejla anna@kommun.se", [], [], False, "Mejla anna@kommun.se"),
        ("@polisen å? nej, text", ["polisen"], [], False, "å? nej, text"),
    ],
)
def test_markers(line: str, owners: list[str], refs: list[str], confidential: bool, text: str) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert entry.ok, entry.error
    assert entry.owners == owners
    assert entry.promise_refs == refs
    assert entry.confidential is confidential
    assert entry.text == text


# ------------------------------------------------------------- dates

DATE_CASES = [
    # weekdays: strictly after today
    ("fredag", date(2026, 11, 27)), ("fre", date(2026, 11, 27)), ("Fredag", date(2026, 11, 27)),
    ("på fredag", date(2026, 11, 27)), ("måndag", date(2026, 11, 30)), ("mån", date(2026, 11, 30)),
    ("tisdag", date(2026, 11, 24)), ("tis", date(2026, 11, 24)), ("ons", date(2026, 11, 25)),
    ("tors", date(2026, 11, 26)), ("tor", date(2026, 11, 26)), ("lördag", date(2026, 11, 28)),
    ("lordag", date(2026, 11, 28)), ("sön", date(2026, 11, 29)),
    # next ISO week
    ("nästa vecka", date(2026, 12, 4)), ("nasta vecka", date(2026, 12, 4)),
    ("nästa fredag", date(2026, 12, 4)), ("nästa måndag", date(2026, 11, 30)),
    ("nästa tisdag", date(2026, 12, 1)),
    # week numbers → Friday
    ("v. 50", date(2026, 12, 11)), ("v.50", date(2026, 12, 11)), ("v50", date(2026, 12, 11)),
    ("V 50", date(2026, 12, 11)), ("vecka 50", date(2026, 12, 11)), ("v. 48", date(2026, 11, 27)),
    ("v. 53", date(2027, 1, 1)), ("v. 1", date(2027, 1, 8)),
    # explicit dates
    ("2026-12-01", date(2026, 12, 1)), ("2026-11-23", TODAY), ("2027-2-3", date(2027, 2, 3)),
    ("1/12", date(2026, 12, 1)), ("23/11", TODAY),
    ("24/12", date(2026, 12, 24)), ("1/1", date(2027, 1, 1)),
    ("15 december", date(2026, 12, 15)), ("15 dec", date(2026, 12, 15)), ("15 dec.", date(2026, 12, 15)),
    ("15 december 2027", date(2027, 12, 15)), ("1 jan", date(2027, 1, 1)), ("23 nov", TODAY),
    ("3 maj", date(2027, 5, 3)),
    # relative
    ("+2v", date(2026, 12, 7)), ("+3d", date(2026, 11, 26)), ("+1m", date(2026, 12, 23)),
    ("+ 2 veckor", date(2026, 12, 7)), ("om två veckor", date(2026, 12, 7)),
    ("om 3 dagar", date(2026, 11, 26)), ("om en månad", date(2026, 12, 23)),
    ("om 1 dag", date(2026, 11, 24)), ("om tio dagar", date(2026, 12, 3)),
    ("om åtta veckor", date(2027, 1, 18)), ("om en vecka", date(2026, 11, 30)),
    # named days
    ("idag", TODAY), ("i dag", TODAY), ("imorgon", date(2026, 11, 24)),
    ("i morgon", date(2026, 11, 24)), ("i övermorgon", date(2026, 11, 25)),
    # month ends
    ("sista november", date(2026, 11, 30)), ("slutet av december", date(2026, 12, 31)),
    ("sista februari", date(2027, 2, 28)), ("slutet av månaden", date(2026, 11, 30)),
]


@pytest.mark.parametrize("words, expected", DATE_CASES)
def test_parse_due_date(words: str, expected: date) -> None:
    assert parse_due_date(words, TODAY) == expected


@pytest.mark.parametrize("words, expected", DATE_CASES)
def test_date_forms_after_bang_leave_the_rest_as_text(words: str, expected: date) -> None:
    entry = parse_quick_entry(f"å Ring skolan !{words} Polisen följer upp #L3", TODAY)
    assert entry.ok, (entry.error, entry.error_params)
    assert entry.due == expected
    assert entry.due_text == words.rstrip(".")
    assert entry.text == "Ring skolan Polisen följer upp"
    assert entry.promise_refs == ["L3"]


@pytest.mark.parametrize(
    "line, due, due_text, text",
    [
        ('å Ring !"nästa vecka" sedan', date(2026, 12, 4), "nästa vecka", "Ring sedan"),
        ('å Ring !"v. 50"', date(2026, 12, 11), "v. 50", "Ring"),
        ("å Ring ! fredag", date(2026, 11, 27), "fredag", "Ring"),
        ("å Ring !nästa_vecka", None, None, None),  # underscores are for names only
        ("å Ring !fredag, sedan mejla", date(2026, 11, 27), "fredag", "Ring sedan mejla"),
        ("å Ring !v. 50 @kommunen", date(2026, 12, 11), "v. 50", "Ring"),
        ("å Ring !om två veckor dagar", date(2026, 12, 7), "om två veckor", "Ring dagar"),
    ],
)
def test_due_token_forms(line: str, due: date | None, due_text: str | None, text: str | None) -> None:
    entry = parse_quick_entry(line, TODAY)
    if due is None:
        assert entry.error == "quickentry.date_unknown"
        return
    assert entry.ok, entry.error
    assert (entry.due, entry.due_text, entry.text) == (due, due_text, text)


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert parse_due_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_due_date("om en månad", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "today, words, expected",
    [
        (date(2026, 12, 28), "v. 2", date(2027, 1, 15)),
        (date(2026, 12, 28), "1/1", date(2027, 1, 1)),
        (date(2026, 12, 28), "fredag", date(2027, 1, 1)),
        (date(2026, 12, 28), "nästa vecka", date(2027, 1, 8)),
        (date(2026, 12, 28), "v. 53", date(2027, 1, 1)),
        (date(2026, 12, 28), "v. 20", date(2027, 5, 21)),  # next year's, within half a year
        (date(2026, 11, 30), "måndag", date(2026, 12, 7)),
        (date(2027, 1, 1), "v. 53", date(2027, 1, 1)),  # still ISO 2026-W53
    ],
)
def test_year_boundary_and_today_edges(today: date, words: str, expected: date) -> None:
    assert parse_due_date(words, today) == expected


@pytest.mark.parametrize(
    "words, key, params",
    [
        ("30/2", "quickentry.date_impossible", {"text": "30/2"}),
        ("31/4", "quickentry.date_impossible", {"text": "31/4"}),
        ("2026-13-01", "quickentry.date_impossible", {"text": "2026-13-01"}),
        ("30 februari", "quickentry.date_impossible", {"text": "30 februari"}),
        ("v. 54", "quickentry.week_impossible", {"text": "v. 54", "week": 54}),
        ("v0", "quickentry.week_impossible", {"text": "v0", "week": 0}),
        ("snart", "quickentry.date_unknown", {"text": "snart"}),
        ("om två", "quickentry.date_unknown", {"text": "om två"}),
        ("om många dagar", "quickentry.date_unknown", {"text": "om många dagar"}),
        ("15", "quickentry.date_unknown", {"text": "15"}),
        ("1/2/3", "quickentry.date_ambiguous", {"text": "1/2/3"}),
        ("2020-01-01", "quickentry.date_past", {"text": "2020-01-01"}),
        ("15 dec 2020", "quickentry.date_past", {"text": "15 dec 2020"}),
        ("", "quickentry.due_missing", {"text": ""}),
    ],
)
def test_parse_due_date_errors(words: str, key: str, params: dict) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_due_date(words, TODAY)
    assert caught.value.key == key
    assert caught.value.params == params
    assert str(caught.value) == t(key, **params)


@pytest.mark.parametrize(
    "today, year",
    [(date(2027, 3, 1), 2027), (date(2027, 1, 2), 2027)],
)
def test_week_53_only_where_it_exists(today: date, year: int) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_due_date("v. 53", today)
    assert caught.value.key == "quickentry.week_missing"
    assert caught.value.params["year"] == year


def test_huge_relative_amount_is_refused_not_crashed() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_due_date("+9999m", date(9990, 1, 1))
    assert caught.value.key == "quickentry.date_impossible"


# ------------------------------------------------------ line errors

@pytest.mark.parametrize(
    "line, key, kind",
    [
        ("", "quickentry.empty", INFO),
        ("   \t ", "quickentry.empty", INFO),
        ("å", "quickentry.text_missing.action", ACTION),
        ("å @kommunen !fredag #L3", "quickentry.text_missing.action", ACTION),
        ("b:", "quickentry.text_missing.decision", DECISION),
        ("i", "quickentry.text_missing.info", INFO),
        ("!!", "quickentry.text_missing.info", INFO),
        ("å Ring skolan !", "quickentry.due_missing", ACTION),
        ('å Ring skolan !""', "quickentry.due_missing", ACTION),
        ("å Ring skolan !snart", "quickentry.date_unknown", ACTION),
        ("å Ring skolan !30/2", "quickentry.date_impossible", ACTION),
        ("å Ring skolan !2026-13-01", "quickentry.date_impossible", ACTION),
        ("å Ring skolan !v. 54", "quickentry.week_impossible", ACTION),
        ("å Ring skolan !1/2/3", "quickentry.date_ambiguous", ACTION),
        ("å Ring skolan !2020-01-01", "quickentry.date_past", ACTION),
        ("å Ring skolan !15 dec 2020", "quickentry.date_past", ACTION),
        ("å Ring skolan !fredag !v. 50", "quickentry.due_twice", ACTION),
        ("å Ring @ skolan", "quickentry.owner_empty", ACTION),
        ('å Ring @"" skolan', "quickentry.owner_empty", ACTION),
        ('å Ring @"Anna Berg skolan', "quickentry.quote_unclosed", ACTION),
    ],
)
def test_line_errors_keep_the_text(line: str, key: str, kind: str) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert not entry.ok
    assert entry.error == key
    assert entry.kind == kind
    assert entry.text == " ".join(line.split())
    assert entry.due is None and entry.owners == [] and entry.promise_refs == []
    message = describe(entry)
    assert message == t(key, **entry.error_params) and message != key


def test_error_params_quote_the_date_back() -> None:
    entry = parse_quick_entry("å Ring skolan !30/2", TODAY)
    assert entry.error_params == {"text": "30/2"}
    assert describe(entry) == "Datumet 30/2 finns inte – skriv till exempel 2026-12-01, fredag eller v. 50."
    twice = parse_quick_entry("å Ring !fredag !v. 50", TODAY)
    assert twice.error_params == {"first": "fredag", "second": "v. 50"}


def test_confidential_mark_survives_an_error() -> None:
    entry = parse_quick_entry("!! i Elev !snart", TODAY)
    assert entry.error == "quickentry.date_unknown"
    assert entry.confidential is True


# --------------------------------------------------------- describe

ISSUE_LINE = "å Kartlägga belysning i Bårsta @kommunen @Anna !fredag #L3 !!"


def test_describe_swedish() -> None:
    entry = parse_quick_entry(ISSUE_LINE, TODAY)
    assert describe(entry) == (
        "Åtgärd · ansvarig: kommunen, Anna · klart senast fredag 27 november (v. 48) · löfte L3 · SEKRETESS"
    )
    assert describe(parse_quick_entry("b Fler vandringar #L3 #L4", TODAY)) == "Beslut · löften L3, L4"
    assert describe(parse_quick_entry("lugn helg", TODAY)) == "Information"


def test_describe_english() -> None:
    set_language("en")
    try:
        entry = parse_quick_entry(ISSUE_LINE, TODAY)
        assert describe(entry) == (
            "Action · owner: kommunen, Anna · due Friday 27 November (week 48) · promise L3 · CONFIDENTIAL"
        )
        assert describe(parse_quick_entry("å x !30/2", TODAY)).startswith("The date 30/2 does not exist")
    finally:
        set_language("sv")
    assert describe(parse_quick_entry("b x", TODAY)) == "Beslut"


def test_describe_shows_year_only_when_it_differs() -> None:
    entry = parse_quick_entry("å Ring !1/1", TODAY)
    assert describe(entry, TODAY) == "Åtgärd · klart senast fredag 1 januari 2027 (v. 53)"
    assert describe(entry) == "Åtgärd · klart senast fredag 1 januari (v. 53)"


def test_catalogue_has_both_languages() -> None:
    assert messages.SV.keys() == messages.EN.keys()
    assert all(key.startswith("quickentry.") for key in messages.SV)
    assert all(value.strip() for value in [*messages.SV.values(), *messages.EN.values()])


# --------------------------------------------------------- properties

@settings(max_examples=400)
@given(line=st.text(max_size=80), today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_never_raises(line: str, today: date) -> None:
    entry = parse_quick_entry(line, today)
    assert isinstance(describe(entry), str)
    assert isinstance(describe(entry, today), str)
    if not entry.ok:
        assert entry.text == " ".join(line.split())
    if entry.due is not None:
        assert entry.due >= today


@settings(max_examples=300)
@given(line=st.lists(st.sampled_from(["å", "!", "!!", "@", "#", '"', "v.", "50", "om", "två", "veckor",
                                      "nästa", "fredag", "1/12", "+2v", "dec", "15", "x", ":"]),
                     max_size=10).map(" ".join))
def test_never_raises_on_grammar_fragments(line: str) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert isinstance(describe(entry), str)


PREFIXES = {"b": DECISION, "beslut:": DECISION, "i": INFO, "info:": INFO, "å": ACTION, "a:": ACTION, "": INFO}
WORDS = ["Polisen", "kommunen", "genomför", "trygghetsvandring", "Ronna", "belysning", "Bårsta", "skolan", "helg"]
OWNERS = [("@kommunen", "kommunen"), ("@Anna_Berg", "Anna Berg"), ('@"Anna Berg"', "Anna Berg"), ("@polisen", "polisen")]
REFS = [("#L3", "L3"), ("#3", "3"), ("#L12", "L12")]
DATES = [(f"!{words}", words, due) for words, due in DATE_CASES if not words.endswith(".")]


@settings(max_examples=300)
@given(
    prefix=st.sampled_from(sorted(PREFIXES)),
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    owners=st.lists(st.sampled_from(OWNERS), max_size=3),
    refs=st.lists(st.sampled_from(REFS), max_size=2),
    due=st.none() | st.sampled_from(DATES),
    confidential=st.booleans(),
    data=st.data(),
)
def test_lines_built_from_the_grammar(prefix, words, owners, refs, due, confidential, data) -> None:
    markers = [raw for raw, _ in owners] + [raw for raw, _ in refs]
    markers += [due[0]] if due else []
    markers += ["!!"] if confidential else []
    tokens = list(words)
    for marker in data.draw(st.permutations(markers)):
        tokens.insert(data.draw(st.integers(0, len(tokens))), marker)
    line = " ".join(([prefix] if prefix else []) + tokens)

    entry = parse_quick_entry(line, TODAY)
    assert entry.ok, (line, entry.error, entry.error_params)
    assert entry.kind == PREFIXES[prefix]
    assert entry.text == " ".join(words)
    assert sorted(entry.owners) == sorted(name for _, name in owners)
    assert sorted(entry.promise_refs) == sorted(ref for _, ref in refs)
    assert entry.confidential is confidential
    assert (entry.due_text, entry.due) == ((due[1], due[2]) if due else (None, None))
    assert isinstance(describe(entry), str)


# ------------------------------------------- lines read right (issue: live logging)

@pytest.mark.parametrize(
    "today, words, passed, upcoming",
    [
        (date(2026, 11, 30), "1/11", "2026-11-01", "2027-11-01"),
        (date(2026, 12, 14), "v. 40", "2026-10-02", "2027-10-08"),
        (date(2026, 11, 28), "v. 48", "2026-11-27", "2027-12-03"),  # Saturday: this week's Friday is gone
        (date(2026, 12, 28), "v. 52", "2026-12-25", "2027-12-31"),
        (date(2026, 11, 23), "22/11", "2026-11-22", "2027-11-22"),
        (date(2026, 11, 23), "1 november", "2026-11-01", "2027-11-01"),
        (date(2026, 12, 1), "sista oktober", "2026-10-31", "2027-10-31"),
    ],
)
def test_a_passed_date_is_never_moved_silently_to_next_year(today, words, passed, upcoming) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_due_date(words, today)
    assert caught.value.key == "quickentry.date_passed"
    assert caught.value.params == {"passed": passed, "next": upcoming, "text": words}
    assert str(caught.value) == f"{words} har redan varit i år ({passed}) – skriv !{upcoming} om du menar nästa år."
    # Written with the year it is read without asking, and the preview shows the year.
    entry = parse_quick_entry(f"å Ring skolan !{upcoming}", today)
    assert entry.due == date.fromisoformat(upcoming)
    assert str(date.fromisoformat(upcoming).year) in describe(entry, today)


@pytest.mark.parametrize(
    "today, words, expected",
    [
        (date(2026, 12, 1), "15/1", date(2027, 1, 15)),  # January, in December: next year's, shown with its year
        (date(2026, 12, 1), "v. 2", date(2027, 1, 15)),
        (date(2026, 11, 23), "3 maj", date(2027, 5, 3)),
        (date(2026, 12, 1), "sista februari", date(2027, 2, 28)),
    ],
)
def test_a_date_early_next_year_is_read_as_next_years(today, words, expected) -> None:
    assert parse_due_date(words, today) == expected
    entry = parse_quick_entry(f"å Ring !{words}", today)
    assert str(expected.year) in describe(entry, today)


def test_a_past_date_with_its_year_is_allowed_when_correcting_an_old_line() -> None:
    assert parse_quick_entry("å Ring !2026-11-01", TODAY).error == "quickentry.date_past"
    assert parse_quick_entry("å Ring !2026-11-01", TODAY, allow_past=True).due == date(2026, 11, 1)
    assert parse_quick_entry("å Ring !1/11", TODAY, allow_past=True).error == "quickentry.date_passed"


@pytest.mark.parametrize(
    "line, text, refs",
    [
        ("b # Inte en rubrik", "# Inte en rubrik", []),
        ("i Punkt #a och #b", "Punkt #a och #b", []),
        ("i #hashtag trafik", "#hashtag trafik", []),
        ("i Se #3, och #L16.", "Se och", ["3", "L16"]),
        ("i Rum #3b", "Rum #3b", []),
        ("å Ring ! fredag # sen", "Ring # sen", []),
    ],
)
def test_a_hash_not_followed_by_a_number_is_text(line, text, refs) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert entry.ok, entry.error
    assert (entry.text, entry.promise_refs) == (text, refs)


@pytest.mark.parametrize(
    "line, text",
    [
        ("i Elev oroar !!", "Elev oroar"),
        ("i Elev uppgift!! om skolan", "Elev uppgift om skolan"),
        ("i Elev (!!) om skolan", "Elev om skolan"),
        ("i Elev om skolan (!!)", "Elev om skolan"),
        ("i Elev om skolan [!!].", "Elev om skolan"),
        ("i Elev om skolan!!, sedan", "Elev om skolan, sedan"),
        ("i !!Elev om skolan", "Elev om skolan"),
        ("!! b Elev", "Elev"),
        ("å Ring !fredag!!", "Ring"),
        ("å Ring !v. 50!! sedan", "Ring sedan"),
        ("i Viktigt!!!", "Viktigt"),
    ],
)
def test_double_bang_marks_confidential_anywhere(line, text) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert entry.ok, entry.error
    assert entry.confidential is True and entry.text == text
    assert "!!" not in entry.text


def test_a_single_bang_is_not_a_mark() -> None:
    entry = parse_quick_entry("i Hej! Brand! igen", TODAY)
    assert entry.ok and not entry.confidential and entry.text == "Hej! Brand! igen"


def test_composed_lines_read_back_to_the_same_line() -> None:
    from store.rules.quickentry import compose_line

    line = compose_line(ACTION, "Kartlägga belysning i Bårsta", ["Anna Sjöberg", "kommunen"],
                        date(2026, 11, 27), ["L16"], confidential=True)
    assert line == 'å Kartlägga belysning i Bårsta @"Anna Sjöberg" @kommunen !2026-11-27 #L16 !!'
    entry = parse_quick_entry(line, TODAY)
    assert (entry.kind, entry.text, entry.owners, entry.due, entry.promise_refs, entry.confidential) == (
        ACTION, "Kartlägga belysning i Bårsta", ["Anna Sjöberg", "kommunen"], date(2026, 11, 27), ["L16"], True)
    assert parse_quick_entry(compose_line(DECISION, "Beslut om #hashtag"), TODAY).text == "Beslut om #hashtag"


# ------------------------------------------------------------- English words

@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("sv")


@pytest.mark.parametrize(
    "line, kind, text",
    [
        ("decision The police carry out an operation", DECISION, "The police carry out an operation"),
        ("d: The police carry out an operation", DECISION, "The police carry out an operation"),
        ("info A quiet weekend", INFO, "A quiet weekend"),
        ("i A quiet weekend", INFO, "A quiet weekend"),
        ("action Call the school", ACTION, "Call the school"),
        ("a Call the school", ACTION, "Call the school"),
        ("A quiet weekend in Ronna", ACTION, "quiet weekend in Ronna"),  # documented: "a" is the kind
        # The Swedish words still work for a secretary who switched language mid-year.
        ("b Polisen ansvarar", DECISION, "Polisen ansvarar"),
        ("å Ring skolan", ACTION, "Ring skolan"),
        ("beslut Polisen ansvarar", DECISION, "Polisen ansvarar"),
    ],
)
def test_english_kind_words_in_english_mode(english, line: str, kind: str, text: str) -> None:
    entry = parse_quick_entry(line, TODAY)
    assert (entry.ok, entry.kind, entry.text) == (True, kind, text)


def test_english_kind_words_mean_nothing_in_swedish_mode() -> None:
    entry = parse_quick_entry("decision Polisen ansvarar", TODAY)
    assert (entry.kind, entry.text) == (INFO, "decision Polisen ansvarar")
    assert parse_quick_entry("d Polisen ansvarar", TODAY).kind == INFO


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("on friday", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),  # strictly after today, as in Swedish
        ("tomorrow", date(2026, 11, 24)),
        ("today", date(2026, 11, 23)),
        ("day after tomorrow", date(2026, 11, 25)),
        ("next week", date(2026, 12, 4)),
        ("next tuesday", date(2026, 12, 1)),
        ("week 50", date(2026, 12, 11)),
        ("wk 50", date(2026, 12, 11)),
        ("w. 50", date(2026, 12, 11)),
        ("in two weeks", date(2026, 12, 7)),
        ("in 3 days", date(2026, 11, 26)),
        ("in a month", date(2026, 12, 23)),
        ("+2w", date(2026, 12, 7)),
        ("end of december", date(2026, 12, 31)),
        ("end of the month", date(2026, 11, 30)),
        ("dec 15", date(2026, 12, 15)),
        ("December 15, 2026", date(2026, 12, 15)),
        ("15 dec", date(2026, 12, 15)),
        ("1/12", date(2026, 12, 1)),  # day/month, the Swedish order, in English too
        # and the Swedish words
        ("fredag", date(2026, 11, 27)),
        ("v. 50", date(2026, 12, 11)),
        ("om två veckor", date(2026, 12, 7)),
        ("nästa vecka", date(2026, 12, 4)),
    ],
)
def test_english_due_dates_in_english_mode(english, phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, TODAY) == expected


@pytest.mark.parametrize("phrase", ["friday", "next week", "week 50", "tomorrow", "in two weeks"])
def test_english_due_dates_are_not_read_in_swedish_mode(phrase: str) -> None:
    with pytest.raises(DateParseError):
        parse_due_date(phrase, TODAY)


def test_a_whole_english_line(english) -> None:
    entry = parse_quick_entry("a Map the street lighting @municipality !next week #3 !!", TODAY)
    assert entry.ok
    assert (entry.kind, entry.text, entry.owners, entry.due, entry.promise_refs, entry.confidential) == (
        ACTION, "Map the street lighting", ["municipality"], date(2026, 12, 4), ["3"], True)
    assert parse_quick_entry("a Call the school !week 50 please", TODAY).due == date(2026, 12, 11)
    assert parse_quick_entry("a Call the school !friday", TODAY).text == "Call the school"


def test_errors_and_the_written_back_line_are_in_english(english) -> None:
    entry = parse_quick_entry("a Call !someday", TODAY)
    assert not entry.ok and describe(entry) == (
        "The date someday is not understood – write for example 2026-12-01, friday or week 50.")
    from store.rules.quickentry import compose_line

    line = compose_line(DECISION, "The police act", due=date(2026, 12, 11))
    assert line == "d The police act !2026-12-11"
    assert parse_quick_entry(line, TODAY).kind == DECISION
    set_language("sv")
    assert compose_line(DECISION, "Polisen agerar") == "b Polisen agerar"
