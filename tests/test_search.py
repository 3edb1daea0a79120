"""store.review.search: every word must match, case-insensitively, Swedish letters included;
confidential entries only when asked for; newest first."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from store.model.constants import TZ
from store.model.forum import Forum
from store.review.search import SearchIndex, search, snippet, stem


def _meeting(repo, forum_name="Måndagsmöte", day=date(2026, 11, 16), confidential=False):
    forum = repo.save_forum(Forum(name=forum_name, confidential_default=confidential))
    return repo.ensure_meeting(forum, day)


def test_finds_an_entry_by_a_word_with_swedish_letters(repo) -> None:
    meeting = _meeting(repo)
    repo.add_entry(meeting, "info", "Skadegörelse vid Bårsta centrum under helgen.")
    repo.add_entry(meeting, "info", "Lugn helg i Ronna.")

    for query in ("bårsta", "BÅRSTA", "Skadegörelse", "SKADEGÖRELSE bårsta"):
        hits = search(repo, query)
        assert [h.snippet for h in hits] == ["Skadegörelse vid Bårsta centrum under helgen."], query
    hit = search(repo, "bårsta")[0]
    assert (hit.kind, hit.meeting_id, hit.date, hit.forum) == ("info", meeting.id, date(2026, 11, 16), "Måndagsmöte")
    # A decomposed å (a + combining ring, as some keyboards and pasted text give) is the same letter.
    assert search(repo, unicodedata.normalize("NFD", "bårsta"))
    # å is not a: no hit for "barsta".
    assert search(repo, "barsta") == []


def test_swedish_word_forms_find_each_other(repo) -> None:
    meeting = _meeting(repo)
    repo.add_entry(meeting, "info", "Hög frånvaro i skolan efter lovet.")
    repo.add_entry(meeting, "info", "Två trygghetsvandringar är bokade.")
    repo.add_entry(meeting, "decision", "Polisen ökar närvaron vid mopedträffen.")
    for query in ("skolor", "skolorna", "skola", "skolan"):
        assert [h.snippet for h in search(repo, query)] == ["Hög frånvaro i skolan efter lovet."], query
    for query in ("trygghetsvandring", "trygghetsvandringen", "trygghetsvandringarna"):
        assert [h.snippet for h in search(repo, query)] == ["Två trygghetsvandringar är bokade."], query
    assert [h.kind for h in search(repo, "polisens mopeder")] == ["decision"]
    assert (stem("skolorna"), stem("bilar"), stem("ena")) == ("skol", "bil", "ena")


def test_every_word_must_match(repo) -> None:
    meeting = _meeting(repo)
    repo.add_entry(meeting, "decision", "Polisen genomför riktad insats mot mopeder i Ronna.")
    repo.add_entry(meeting, "info", "Mopeder i Geneta.")

    assert [h.kind for h in search(repo, "mopeder ronna")] == ["decision"]
    assert len(search(repo, "mopeder")) == 2
    assert search(repo, "mopeder hovsjö") == []
    assert search(repo, "   ") == []


def test_actions_promise_texts_and_follow_up_notes_are_searched(repo) -> None:
    meeting = _meeting(repo)
    action = repo.add_action(meeting, "Kartlägga belysningen i Bårsta")
    repo.change_action(action.id, meeting.id, note="Väntar på svar från fastighetsägaren")
    from store.model.promise import Promise

    promise = repo.save_promise(Promise(text="Polisen lovar fyra trygghetsvandringar i Hovsjö",
                                        period_start=date(2026, 1, 1)))

    hits = search(repo, "belysningen")
    assert [(h.kind, h.id, h.meeting_id) for h in hits] == [("action", action.id, meeting.id)]
    assert search(repo, "fastighetsägaren")[0].snippet == "Väntar på svar från fastighetsägaren"
    hit = search(repo, "trygghetsvandringar")[0]
    assert (hit.kind, hit.id, hit.meeting_id) == ("promise", promise.id, None)


def test_confidential_entries_and_actions_only_when_asked(repo) -> None:
    sspf = _meeting(repo, "SSPF Ronnaskolan", confidential=True)
    open_meeting = _meeting(repo, "Måndagsmöte")
    repo.add_entry(sspf, "info", "Oro för en elev i årskurs 8 med hög frånvaro.")
    repo.add_action(sspf, "Ringa vårdnadshavaren om frånvaron")
    repo.add_entry(open_meeting, "info", "Hög frånvaro i skolorna efter lovet.")

    assert [h.snippet for h in search(repo, "frånvaro")] == ["Hög frånvaro i skolorna efter lovet."]
    shown = search(repo, "frånvaro", include_confidential=True)
    assert len(shown) == 3
    assert {h.confidential for h in shown} == {True, False}


def test_newest_first_and_limit(repo) -> None:
    forum = repo.save_forum(Forum(name="Måndagsmöte"))
    for day in (date(2026, 9, 7), date(2026, 11, 16), date(2026, 10, 5)):
        meeting = repo.ensure_meeting(forum, day)
        repo.add_entry(meeting, "info", f"Lägesbild {day.isoformat()}",
                       at=datetime(day.year, day.month, day.day, 9, tzinfo=TZ))
    hits = search(repo, "lägesbild")
    assert [h.date for h in hits] == [date(2026, 11, 16), date(2026, 10, 5), date(2026, 9, 7)]
    assert len(search(repo, "lägesbild", limit=2)) == 2


def test_index_follows_the_store(repo) -> None:
    meeting = _meeting(repo)
    with SearchIndex(repo) as index:
        assert index.find("nattvandrar") == ([], 0)
        entry = repo.add_entry(meeting, "info", "Nattvandrarna bjuds in.")
        hits, total = index.find("nattvandrar")
        assert total == 1 and hits[0].id == entry.id
        entry.text = "Föräldrarna bjuds in."
        repo.save_entry(entry)
        assert index.find("nattvandrar") == ([], 0)
        repo.delete_entry(entry.id)
        assert index.find("föräldrarna") == ([], 0)


def test_snippet_cuts_around_the_word() -> None:
    text = "Inledning " * 20 + "Bårsta centrum " + "avslutning " * 20
    cut = snippet(text, "bårsta", width=40)
    assert "Bårsta" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) <= 42
    assert snippet("Kort text", "kort") == "Kort text"


def test_a_snippet_cuts_between_words_and_shows_the_match_early() -> None:
    text = ("Polisen och kommunen bjuder in representanter från Lillhalsskolan och "
            "Tallbackaskolan till ett samtal om trygghet i centrum under hösten " * 2)
    cut = snippet(text, "skol")
    assert cut == ("…från Lillhalsskolan och Tallbackaskolan till ett samtal om "
                   "trygghet i centrum under hösten…")
    assert cut.index("Lillhalsskolan") <= 1 + 16 + 5  # within the first 30 cells an 80-column table shows


def test_demo_search(demo_repo) -> None:
    hits = search(demo_repo, "bårsta")
    assert hits and all("bårsta" in h.snippet.casefold() for h in hits)
    assert all(not h.confidential for h in hits)
    secret = search(demo_repo, "årskurs 8")
    assert secret == []
    assert search(demo_repo, "årskurs 8", include_confidential=True)
