"""Tests for store.importer.promises against the five real published texts and synthetic ones."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.demo.build import seed_text
from store.importer.promises import import_promises, promise_to_json, read_promises
from store.model.constants import PARTIES
from store.model.promise import Promise, Target

# The five published texts, shipped (renamed) as package data so the tests never skip.
SEED_FILES = {
    "000": "sodertalje-medborgarloften-2019-2020.txt",
    "001": "sodertalje-ett-tryggare-sodertalje.txt",
    "002": "strangnas-medborgarloften-2019-2020.txt",
    "003": "nykvarn-medborgarloften-2021-2022.txt",
    "004": "strangnas-medborgarlofte-2017.txt",
}
P, M = "police", "municipality"
BOTH = [P, M]
JSON_KEYS = {"text", "period", "focus_area", "parties", "target", "municipality",
             "period_start", "period_end", "follow_up", "expected_effect",
             # added with parties by name and several municipalities; the keys above stay
             "other_parties", "municipalities", "municipality_codes", "uncertain", "outcomes"}


def seed(number: str) -> str:
    return seed_text(SEED_FILES[number])


def all_seed_lines() -> list[str]:
    return [line for name in SEED_FILES.values() for line in seed_text(name).splitlines()]


def targets(promises: list[Promise]) -> list[tuple[int, str] | None]:
    return [(p.target.count, p.target.per) if p.target else None for p in promises]


# --- the real texts -------------------------------------------------------------------


def test_sodertalje_2019_2020_has_fifteen_promises_in_three_focus_areas():
    promises = import_promises(seed("000"))
    assert len(promises) == 15
    assert {p.period_label for p in promises} == {"2019/2020"}
    assert {(p.period_start, p.period_end) for p in promises} == {
        (date(2019, 1, 1), date(2020, 12, 31))}
    assert {p.municipality for p in promises} == {"Södertälje"}
    assert Counter(p.focus_area for p in promises) == {
        "Kriminalitet hos ungdomar": 8,
        "Trafiksäkerhetsarbete": 2,
        "Trygghet i bostadsområden och centrum": 5,
    }
    assert [p.parties for p in promises] == [
        BOTH, [P], [P], [M], [M], [M], BOTH, [M],  # kriminalitet hos ungdomar
        [P], [M],  # trafiksäkerhet
        BOTH, [M], [M], BOTH, [P],  # trygghet; "Södertälje kommuns" in the last is an object
    ]
    # No counts anywhere: "en informationskampanj" is an article, "fram till 2020" a year.
    assert targets(promises) == [None] * 15
    assert promises[0].text == (
        "kommer kommunen och polisen gemensamt genomföra en informationskampanj för "
        "föräldrar i olika årskurser med inriktning på mopeder, epatraktorer, mc, cross och "
        "fyrhjulingar."
    )
    assert promises[-1].text.endswith(
        "Detta genom att besöka Södertälje kommuns alla lokala centrum regelbundet.")
    assert not any(p.text.startswith(("•", "För att")) for p in promises)
    assert all(p.id == 0 and p.expected_effect == p.follow_up_cadence == "" for p in promises)


def test_sodertalje_forum_page_has_no_promises():
    # A general page about forums: it mentions medborgarlöften but has no dated promise
    # heading and no bullets, so nothing is a promise.
    assert import_promises(seed("001")) == []


def test_strangnas_two_years_become_two_sets_with_their_own_targets():
    promises = import_promises(seed("002"))
    by_period = Counter(p.period_label for p in promises)
    assert by_period == {"2020": 7, "2019": 7}
    y2020, y2019 = promises[:7], promises[7:]
    assert {p.period_label for p in y2020} == {"2020"}
    assert {p.period_label for p in y2019} == {"2019"}
    assert (y2019[0].period_start, y2019[0].period_end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert {p.municipality for p in promises} == {"Strängnäs"}

    assert [p.parties for p in y2020] == [[P], [P], [P], [P], [M], [M], [M]]
    # "minst två planlagda insatser under året" in a one-year period counts per period;
    # "15–18 årsåldern" and "socialtjänstlagen 14§" are not targets.
    two = (2, "period")
    assert targets(y2020) == [two, None, two, None, None, None, two]
    assert "föräldraträffar" in y2020[6].text

    # "Strängnäs kommun kommer tillsammans med polisen" is joint work.
    assert [p.parties for p in y2019] == [BOTH, BOTH, [M], BOTH, [P], [P], BOTH]
    assert targets(y2019) == [(8, "period"), two, None, (4, "period"), None, two, None]
    assert "båtsamverkansområden" in y2019[1].text

    first = promise_to_json(y2020[0])
    assert first["follow_up"] == (
        "vid centrala brottsförebyggande rådet i Strängnäs kommun, varje tertial")
    assert y2020[0].comments.startswith("Uppföljning kring arbetet med medborgarlöftet")
    assert y2020[0].follow_up_cadence == "varje tertial"
    assert first["expected_effect"].splitlines() == [
        "Av erfarenhet vet vi att en minskad droganvändning reducerar annan kriminalitet.",
        "Kartlägga genom medborgarlöftet hur utbredd narkotikaproblematiken i Strängnäs "
        "kommun är bland unga – denna kartläggning följs bland annat upp på "
        "brottsförebyggande råd.",
    ]
    assert all(p.expected_effect == first["expected_effect"] for p in y2020)
    # The effect bullets are not promises and 2019 has neither effect nor follow-up.
    assert not any(p.text.startswith("Av erfarenhet") for p in promises)
    assert all(promise_to_json(p)["follow_up"] == p.expected_effect == "" for p in y2019)


def test_nykvarn_parties_come_from_the_ansvarig_lines():
    promises = import_promises(seed("003"))
    assert len(promises) == 5
    assert {p.period_label for p in promises} == {"2021-2022"}
    assert {(p.period_start, p.period_end) for p in promises} == {
        (date(2021, 1, 1), date(2022, 12, 31))}
    assert {p.municipality for p in promises} == {"Nykvarn"}
    assert [p.parties for p in promises] == [BOTH, BOTH, [P], BOTH, [M]]
    # "vid två tillfällen, en per termin": two occasions over the period.
    assert targets(promises) == [(2, "period"), None, None, (1, "month"), None]
    assert promises[0].text.startswith(
        "kommer trygghetsvandringar genomföras vid två tillfällen")
    assert not any("Ansvarig" in p.text for p in promises)
    assert promises[4].text == (
        "kommer ett nära samarbete ske med nattvandrarerna i Nykvarns kommun. "
        "Detta för att stärka den vuxna närvaron ute bland våra ungdomar."
    )


def test_strangnas_2017_activities_are_promises_focus_areas_are_not():
    promises = import_promises(seed("004"))
    assert [p.text.split(",")[0] for p in promises] == [
        "Genomföra trafikkontroller i området",
        "Arbeta med ungdomar som samlas i grupper",
        "Genomföra trygghetsvandringar i alla orterna med tillhörande uppföljningar under "
        "2017.",
    ]
    assert {p.period_label for p in promises} == {"2017"}
    # No subject in the bullets: "Polisen och Strängnäs kommun arbetar tillsammans" decides.
    assert [p.parties for p in promises] == [BOTH, BOTH, BOTH]
    assert targets(promises) == [None, None, None]  # "under 2017" is a year
    assert {p.municipality for p in promises} == {"Strängnäs"}
    texts = " ".join(p.text for p in promises)
    assert "Droger" not in texts and "buskörning" not in texts and "Nu är vi" not in texts


def test_municipality_argument_wins_over_detection():
    promises = import_promises(seed("003"), municipality="Södertälje")
    assert {p.municipality for p in promises} == {"Södertälje"}


def test_promise_to_json_has_exactly_the_agreed_keys_and_serialises():
    promises = import_promises(seed("003"))
    doc = promise_to_json(promises[3])
    assert set(doc) == JSON_KEYS
    assert doc["target"] == {"count": 1, "per": "month"}
    assert doc["period"] == "2021-2022"
    assert doc["period_start"] == "2021-01-01" and doc["period_end"] == "2022-12-31"
    assert doc["parties"] == BOTH
    assert promise_to_json(promises[1])["target"] is None
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


# --- synthetic texts ------------------------------------------------------------------


ONE_YEAR, TWO_YEARS = "Medborgarlöfte 2024", "Medborgarlöften 2024-2025"


@pytest.mark.parametrize(
    ("heading", "bullet", "expected"),
    [
        (ONE_YEAR, "Polisen genomför minst tre insatser under året.", Target(3, "period")),
        (TWO_YEARS, "Polisen genomför minst tre insatser under året.", Target(3, "year")),
        (TWO_YEARS, "Gruppen ska träffas 1 gång i månaden.", Target(1, "month")),
        (TWO_YEARS, "Kommunen går trygghetsvandringar en gång per termin.", Target(1, "term")),
        (TWO_YEARS, "Polisen redovisar två gånger per tertial.", Target(2, "tertial")),
        (TWO_YEARS, "Polisen träffar skolan varje vecka.", Target(1, "week")),
        (TWO_YEARS, "Polisen rapporterar en gång per kvartal.", Target(4, "year")),
        (TWO_YEARS, "Kommunen anordnar 12 föräldramöten.", Target(12, "period")),
        (ONE_YEAR, "Polisen besöker unga i 15–18 årsåldern.", None),
        (ONE_YEAR, "Kommunen når unga 21 år och yngre.", None),
        (ONE_YEAR, "Kommunen informerar enligt socialtjänstlagen 14§.", None),
        (ONE_YEAR, "Kommunen byter belysning fram till 2026.", None),
        (ONE_YEAR, "Polisen möter elever den 1 februari.", None),
        (ONE_YEAR, "Kommunen stöttar unga mellan 12 och 21.", None),
        (ONE_YEAR, "Polisen svarar, ring 114 14.", None),
        (ONE_YEAR, "Kommunen bygger en ny fritidsgård och ett torg.", None),
        (ONE_YEAR, "Polisen arbetar mot köp av sex.", None),
    ],
)
def test_targets_from_numbers_and_frequencies(heading, bullet, expected):
    (promise,) = import_promises(f"{heading}\n\n• {bullet}\n")
    assert promise.target == expected


def test_continuation_lines_numbered_bullets_and_explicit_dates():
    text = (
        "Medborgarlöfte 2023-03-01 – 2024-02-29\n"
        "Polisen lovar att:\n"
        "1. genomföra minst fyra\n"
        "   trafikkontroller vid skolorna\n"
        "2) arbeta med nattvandrare.\n"
        "Ansvarig: kommunen\n"
        "* Kommunen och räddningstjänsten övar utrymning.\n"
        "Till toppen\n"
        "– Nu börjar vi, säger ordföranden.\n"
    )
    first, second, third = import_promises(text, municipality="Nykvarn")
    assert first.text == "genomföra minst fyra trafikkontroller vid skolorna"
    assert first.parties == [P]  # from the lead-in "Polisen lovar att:"
    assert first.target == Target(4, "period")
    assert (first.period_label, first.period_start, first.period_end) == (
        "2023-03-01 – 2024-02-29", date(2023, 3, 1), date(2024, 2, 29))
    assert second.text == "arbeta med nattvandrare." and second.parties == [M]
    assert third.text == "Kommunen och räddningstjänsten övar utrymning."
    assert third.parties == ["municipality", "fire"]


def test_sections_that_are_not_promises():
    text = (
        "Medborgarlöfte 2022\n\nLägesbild\n• Polisen ser fler inbrott.\n\n"
        "Fokusområden\n• Trafik\n\nTrygghet i centrum\n"
        "• Polisen och kommunen genomför två trygghetsvandringar. "
        "Ansvarig: kommun och polis\n\n"
        "Förväntad effekt\n• Färre inbrott.\n\nUppföljning\nVarje tertial vid BRÅ.\n"
    )
    (promise,) = import_promises(text)
    assert promise.text == "Polisen och kommunen genomför två trygghetsvandringar."
    assert promise.focus_area == "Trygghet i centrum"  # an unknown heading among promises
    assert promise.parties == BOTH and promise.target == Target(2, "period")
    assert promise.expected_effect == "Färre inbrott."
    assert promise_to_json(promise)["follow_up"] == "vid BRÅ, varje tertial"


def test_furniture_and_fold_out_titles_do_not_continue_a_bullet():
    text = (
        "Medborgarlöften 2024\n• Polisen kommer utbilda grannsamverkare\n"
        "Nattvandring expand_less expand_more\n• Kommunen stöttar nattvandrare\n"
        "Michael Mc Carthy  michael.mccarthy@sodertalje.se Tel: 08-52301740\n"
        "Bob Wällberg,\n"
    )
    first, second = import_promises(text)
    assert first.text == "Polisen kommer utbilda grannsamverkare" and first.focus_area == ""
    assert second.text == "Kommunen stöttar nattvandrare" and second.focus_area == "Nattvandring"


def test_municipality_is_detected_from_kommun_names():
    text = "Medborgarlöfte 2024\nPolisen och Ale kommun lovar att:\n• ordna två möten.\n"
    (promise,) = import_promises(text)
    assert (promise.municipality, promise.parties) == ("Ale", BOTH)
    assert promise.target == Target(2, "period")


def test_bullets_without_a_dated_promise_heading_are_not_promises():
    assert import_promises("Om oss\n• Polisen kommer genomföra två insatser.\n") == []


@pytest.mark.parametrize(
    "text", ["", "   \n\t", "\x00\x01\xff" * 50, "•", "- \n1.", "Medborgarlöfte 2020\n•  "])
def test_junk_gives_no_promises(text):
    assert import_promises(text) == []


def test_huge_lines_are_handled():
    bullet = "• Polisen kommer " + "genomföra 2 2 insatser, " * 20_000
    text = "Medborgarlöfte 2020\n" + bullet + "\n" + "x" * 500_000
    (promise,) = import_promises(text)
    assert promise.parties == [P] and promise.target is None  # "2 2" reads as a phone number


# --- properties -----------------------------------------------------------------------


def check_invariants(text: str) -> list[Promise]:
    items = read_promises(text)
    assert isinstance(items, list)
    promises = [item.promise for item in items]
    assert promises == import_promises(text)
    for item, p in zip(items, promises):
        assert isinstance(p, Promise) and p.text
        assert p.period_label or "period" in item.uncertain  # no period is never silent
        assert p.parties or "parties" in item.uncertain
        kinds = [x for x in p.parties if x in PARTIES]
        assert kinds == [x for x in PARTIES if x in kinds] and p.parties[:len(kinds)] == kinds
        units = {"period", "year", "term", "tertial", "month", "week"}
        assert p.target is None or (p.target.count > 0 and p.target.per in units)
        assert set(promise_to_json(p)) == JSON_KEYS
        json.dumps(promise_to_json(p, item.uncertain, item.outcomes))
    return promises


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    check_invariants(text)


@settings(max_examples=150, deadline=None)
@given(st.permutations(all_seed_lines()))
def test_shuffled_seed_lines_give_only_published_text(lines):
    text = "\n".join(lines)
    promises = check_invariants(text)
    # the published words with the bullet markers taken out: a promise with sub-points
    # is its bullet and the sub-bullets under it, one after the other
    flat = " ".join(" ".join(re.sub(r"^\s*(?:[•·▪●◦‣⁃*–-]|\d{1,2}[.)])\s*", "", line)
                             for line in lines).split())
    assert len(promises) <= sum(1 for line in lines if line.lstrip()[:1] in "•-")
    for p in promises:
        assert " ".join(p.text.split()) in flat  # published wording, nothing invented
        assert p.period_label in flat


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(all_seed_lines()), st.text(max_size=30)),
                max_size=40))
def test_seed_lines_mixed_with_noise_never_raise(lines):
    check_invariants("\n".join(lines))


# --- the kinds of published text the importer once got wrong (issue 16) ----------------


def only(text: str, **kwargs) -> Promise:
    (promise,) = import_promises(text, **kwargs)
    return promise


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Under tiden 1 januari 2023 - 31 december 2024 lovar polisen att:\n• genomföra insatser.",
         date(2023, 1, 1), date(2024, 12, 31)),
        ("Polisen och Habo kommun arbetar mot buskörning. Löftet gäller 2018-2019.\n\n"
         "Det ska vi göra:\n• Polisen ska kontrollera mopeder.", date(2018, 1, 1), date(2019, 12, 31)),
        ("Medborgarlöftet kommer att löpa från 2018-07-01—2020-06-30\n• Polisen lovar att synas mer.",
         date(2018, 7, 1), date(2020, 6, 30)),
        ("Löftet är en del av Trygg i Kungälv. Det här lovar vi mellan 2020 - 2021:\n• Polisen ökar närvaron.",
         date(2020, 1, 1), date(2021, 12, 31)),
        ("Följande aktiviteter utlovas juni 2017-juni 2018:\n• Polisen gör trafikkontroller. (Polis)",
         date(2017, 6, 1), date(2018, 6, 30)),
        ("Kommunen och polisen lovar att:\n• Polisen genomför minst två insatser under hösten 2015.",
         date(2015, 1, 1), date(2015, 12, 31)),
    ],
)
def test_periods_outside_headings(text, start, end):
    promise = only(text, municipality="Habo")
    assert (promise.period_start, promise.period_end) == (start, end)


def test_a_period_read_only_from_the_bullets_is_marked_uncertain():
    (item,) = read_promises("Kommunen och polisen lovar att:\n• Polisen genomför minst två insatser "
                            "under hösten 2015.", municipality="Habo")
    assert item.promise.target == Target(2, "period")
    assert item.uncertain == {"period": "importer.doubt.period_from_bullets"}
    (bare,) = read_promises("Polisen lovar att:\n• genomföra trafikkontroller.", municipality="Habo")
    assert bare.promise.period_label == "" and bare.uncertain["period"] == "importer.doubt.no_period"


@pytest.mark.parametrize(
    ("lead", "bullet", "parties"),
    [
        ("Under samma tidsperiod lovar kommunerna att:", "Genomföra insatser mot kränkningar.", [M]),
        ("Polisen åtar sig att:", "Genomföra trafikkontroller.", [P]),
        ("Polis", "Kommer att öka närvaron vid 200 tillfällen.", [P]),
        ("Räddningstjänst", "Vi kommer genomföra minst 10 aktiviteter.", ["fire"]),
        ("Västtrafik", "Ökad närvaro av ordningsvakter på hållplatser.", ["Västtrafik"]),
        ("Trygga ungdomsmiljöer", "Trygga Ungdomsmiljöer ser resecentrum som en central plats.",
         ["Trygga ungdomsmiljöer"]),
        ("Kommunerna:", "Aktivt arbeta med utemiljön runt stationerna.", [M]),
    ],
)
def test_parties_from_lead_ins_and_sub_headings(lead, bullet, parties):
    text = f"Medborgarlöfte 2024\n\nInsatser för ökad trygghet\n\n{lead}\n\n • {bullet}\n"
    promise = only(text, municipality="Kungälv")
    assert promise.parties == parties
    assert promise.focus_area == "Insatser för ökad trygghet"


def test_subjects_win_over_lead_ins_and_names_are_kept():
    text = ("Medborgarlöfte 2018\nPolisen och Kiruna kommun lovar att gemensamt arbeta:\n"
            "• Områdespoliserna ska träffa ungdomar.\n• Kommunpolisen ska besöka skolor.\n"
            "• Räddningstjänsten ska öva utrymning med skolorna.\n"
            "• Kirunabostäder (KBAB) kommer att förbättra belysningen.\n"
            "• Arbeta med cykelplan för centrum.\n")
    assert [p.parties for p in import_promises(text)] == [
        [P], [P], ["fire"], ["Kirunabostäder"], BOTH]


def test_vi_and_passive_bullets_take_the_intros_parties():
    text = ("Polisen och Vetlanda kommun har tecknat följande gemensamma medborgarlöfte som gäller 2020-2021.\n"
            "• Att öka trafiksäkerheten.\n\nDet ska vi åstadkomma genom följande aktiviteter:\n"
            "• Under åren genomföra minst två samverkansmöten.\n• Vi ska informera om grannsamverkan.\n")
    first, second = import_promises(text)
    assert first.parties == second.parties == BOTH
    assert first.target == Target(2, "period") and first.focus_area == "Att öka trafiksäkerheten"


def test_aims_are_not_promises_and_several_leave_the_focus_area_open():
    text = ("Medborgarlöfte 2023\n• att öka tryggheten i centrum.\n• att minska narkotikabruket.\n\n"
            "Aktiviteter\n• Polisen ska genomföra minst 30 trafikkontroller per år.\n")
    (item,) = read_promises(text, municipality="Nässjö")
    assert item.promise.text.startswith("Polisen ska") and item.promise.focus_area == ""
    assert item.uncertain == {"focus_area": "importer.doubt.several_aims"}
    assert item.promise.target == Target(30, "period")  # per år in a one-year period


def test_follow_up_page_outcomes_are_not_promises():
    text = ("Uppföljning medborgarlöftet Kungälv 2020-2021\n\n"
            "Minst 20 trafikkontroller med fokus på hastighet. (Polis)\n\nResultat:\n\n"
            " • 40 genomförda hastighetskontroller.\n • 10 kontroller med mobil kamera.\n")
    (item,) = read_promises(text)
    assert item.promise.text == "Minst 20 trafikkontroller med fokus på hastighet."
    assert item.promise.parties == [P] and item.promise.target == Target(20, "period")
    assert item.outcomes == ["40 genomförda hastighetskontroller.", "10 kontroller med mobil kamera."]
    assert promise_to_json(item.promise, item.uncertain, item.outcomes)["outcomes"] == item.outcomes


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        ("Kommunen tar upp trafiksäkerhet på temadagen för årskurs 7.", None),
        ("Kommunen besöker årskurs 8 på alla skolor.", None),
        ("Västtrafik ökar närvaron av ordningsvakter beroende på LOV 3 områden.", None),
        ("Polisen arbetar utifrån lägesbilden i våra tre kommuner.", None),
        ("Kommunen informerar enligt socialtjänstlagen 14§.", None),
        ("Polisen ska vara på plats vid 200 tillfällen.", Target(200, "period")),
        ("Vi kommer genomföra minst 10 relationsbyggande aktiviteter.", Target(10, "period")),
        ("Polisen genomför minst två insatser under hösten 2015.", Target(2, "period")),
        ("Polisen håller föräldramöten vid två tillfällen, en per termin.", Target(2, "period")),
        ("Polisen ska utföra ett hund-sök per termin.", Target(1, "term")),
        ("Polisen gör minst en trafikkontroll varje dygn.", Target(7, "week")),
        ("Polisen träffar skolan. Utvärdering av samverkan sker varje tertial.", None),
    ],
)
def test_true_and_false_targets(bullet, expected):
    assert only(f"Medborgarlöften 2024-2025\n\n• {bullet}\n", municipality="Kungälv").target == expected


@pytest.mark.parametrize(
    ("sentence", "cadence"),
    [("Arbetet följs upp tertialvis.", "tertialvis"), ("Vi följer upp per tertial.", "per tertial"),
     ("Uppföljning sker varje tertial.", "varje tertial"), ("Vi följer upp halvårsvis.", "halvårsvis"),
     ("Arbetet följs upp kvartalsvis.", "kvartalsvis")],
)
def test_follow_up_cadence_words(sentence, cadence):
    text = f"Medborgarlöfte 2024\n• Polisen genomför insatser.\n\nUppföljning\n{sentence}\n"
    assert only(text, municipality="Trosa").follow_up_cadence == cadence


def test_municipalities_genitive_shared_and_police_area_names():
    text = ("Stenungsunds kommunvapen\n\nMedborgarlöfte 2023-2024\n\nMedborgarlöftet är ett åtagande från "
            "lokalpolisområde Södra Fyrbodal och de tre kommunerna Stenungsund, Orust och Tjörn.\n\n"
            "Polisen lovar att:\n• genomföra insatser.\n")
    promise = only(text)
    assert promise.municipality == "Stenungsund"
    assert promise.all_municipalities() == ["Stenungsund", "Orust", "Tjörn"]
    doc = promise_to_json(promise)
    assert doc["municipalities"] == ["Stenungsund", "Orust", "Tjörn"]
    assert doc["municipality_codes"] == ["1415", "1421", "1419"]
    kungalv = only("Kungälv – medborgarlöften\n\nMedborgarlöftet är ett åtagande som lokalpolisområde "
                   "Storgöteborg Kungälv-Ale och Kungälvs kommun gör. Det här lovar vi mellan 2020 - 2021:\n"
                   "• Polisen ökar närvaron.\n")
    assert kungalv.all_municipalities() == ["Kungälv"]  # Ale is in the police area's name


def test_the_municipality_list_is_scbs_290():
    from store.importer.municipalities import code_of, municipalities

    assert len(municipalities()) == 290
    assert len({m.code for m in municipalities().values()}) == 290
    assert (code_of("Upplands Väsby"), code_of("Gotland"), code_of("Kiruna")) == ("0114", "0980", "2584")


def test_layout_markers_continuations_and_pdf_breaks():
    text = ("Medborgarlöfte 2024\nPolisen lovar att:\n"
            "  • Tillsammans med skola och socialtjänst\n    arbeta brottsförebyggande.\n"
            "– genomföra minst fyra trafikkontroller\n"
            "* besöka skolorna.\n"
            "1) hålla två föräldramöten.\n"
            "– Nu börjar vi, säger lokalpolisområdeschefen.\n")
    promises = import_promises(text, municipality="Tjörn")
    assert [p.text for p in promises] == [
        "Tillsammans med skola och socialtjänst arbeta brottsförebyggande.",
        "genomföra minst fyra trafikkontroller", "besöka skolorna.", "hålla två föräldramöten."]
    assert {tuple(p.parties) for p in promises} == {(P,)}


def test_a_promise_document_without_the_new_fields_still_loads():
    old = {"text": "Polisen genomför två insatser.", "municipality": "Habo", "parties": ["police"],
           "period_label": "2020", "period_start": "2020-01-01", "period_end": "2020-12-31",
           "target": {"count": 2, "per": "period"}}
    promise = Promise.from_doc(old, 7)
    assert promise.municipalities == [] and promise.all_municipalities() == ["Habo"]
    assert Promise.from_doc(promise.to_doc(), 7) == promise
    assert Promise.from_doc({**old, "parties": ["police", "Västtrafik"],
                             "municipalities": ["Habo", "Mullsjö"]}).all_municipalities() == ["Habo", "Mullsjö"]


CORPUS = Path(__file__).resolve().parent / "corpus"


def corpus_page(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[1]


def test_shared_promises_are_stored_and_found_under_each_municipality(repo):
    from store.review.promises import promise_rows

    saved = repo.save_promises(import_promises(corpus_page("01_stenungsund_2023")))
    assert len(saved) == 7
    with_names = repo.save_promises(import_promises(corpus_page("08_kungalv_2020")))
    for place in ("Stenungsund", "orust", "Tjörn"):
        rows = promise_rows(repo, municipality=place)
        assert {r.promise.id for r in rows} == {p.id for p in saved}
    vasttrafik = [r.to_json() for r in promise_rows(repo, municipality="Kungälv")
                  if "Västtrafik" in r.promise.parties]
    assert len(vasttrafik) == 5
    assert vasttrafik[0]["parties"] == [] and vasttrafik[0]["other_parties"] == ["Västtrafik"]
    assert {p.id for p in with_names} >= {r["id"] for r in vasttrafik}
    reread = {p.id: p for p in repo.promises()}
    assert reread[saved[0].id].all_municipalities() == ["Stenungsund", "Orust", "Tjörn"]


def test_cli_json_keeps_its_keys_and_adds_names_places_doubts_and_outcomes(tmp_path, capsys):
    from tui.cli.main import main

    page = tmp_path / "kungalv.txt"
    page.write_text(corpus_page("08_kungalv_2020"), encoding="utf-8")
    code = main(["import", "promises", str(page), "--dry-run", "--format", "json",
                 "--store", str(tmp_path / "s.json")])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and len(rows) == 8
    assert all(set(row) == JSON_KEYS for row in rows)
    assert rows[1]["parties"] == [] and rows[1]["other_parties"] == ["Västtrafik"]
    assert rows[0]["municipalities"] == ["Kungälv"] and rows[0]["municipality_codes"] == ["1482"]
    assert rows[7]["parties"] == ["fire"] and rows[7]["target"] == {"count": 10, "per": "period"}

    followup = tmp_path / "uppfoljning.txt"
    followup.write_text(corpus_page("09_kungalv_uppfoljning_2020"), encoding="utf-8")
    main(["import", "promises", str(followup), "--dry-run", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 4 and rows[2]["outcomes"][0].startswith("40 genomförda")

    nameless = tmp_path / "kungsbacka.txt"
    nameless.write_text(corpus_page("04_kungsbacka_2021"), encoding="utf-8")
    code = main(["import", "promises", str(nameless), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0 and "3 löften har fält som läsningen är osäker på" in err
    main(["import", "promises", str(nameless), "--dry-run", "--format", "json"])
    (first, *_) = json.loads(capsys.readouterr().out)
    assert first["uncertain"] == {"municipality": "Texten nämner ingen kommun – ange kommunen."}


def test_import_from_the_command_line_records_a_follow_up_pages_outcomes_once(tmp_path, capsys, frozen) -> None:
    """`samverkan import promises` saves what the app's import review saves: the promises
    and the outcomes published under them, and reading the page again records nothing twice."""
    from store.repository import Repository
    from tui.cli.main import main

    store = tmp_path / "s.json"
    page = str(CORPUS / "09_kungalv_uppfoljning_2020.txt")
    assert main(["init", "--store", str(store)]) == 0
    assert main(["import", "promises", page, "--store", str(store)]) == 0
    first = capsys.readouterr().err
    with Repository(store) as repo:
        recorded = sorted((o.promise_id, o.count, o.text) for o in repo.outcomes())
    assert len(recorded) == 3 and "registrerade: 3" in first
    assert main(["import", "promises", page, "--store", str(store)]) == 0
    assert "fanns redan: 3" in capsys.readouterr().err
    with Repository(store) as repo:
        assert sorted((o.promise_id, o.count, o.text) for o in repo.outcomes()) == recorded
