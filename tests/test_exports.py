"""Exports: what leaves the room reads like Swedish minutes, renders everywhere and
never carries confidential notes by accident.

Markdown is checked by parsing it with markdown-it (CommonMark + GFM tables) and
looking at the tokens a renderer would see. Golden files are compared byte for
byte; regenerate them with ``UPDATE_GOLDEN=1 pytest tests/test_exports.py``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt

from store.exports.files import (
    actions_markdown,
    forum_ics,
    minutes_markdown,
    parse_period,
    promise_state,
    report_markdown,
    write_atomic,
)
from store.model.constants import (
    DONE,
    FIRE,
    HELD,
    HOLIDAY_NEXT_WORKING_DAY,
    IN_PROGRESS,
    MUNICIPALITY,
    POLICE,
    STANDING_ORG,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum
from store.model.meeting import Attendance
from store.model.people import Organisation, Person
from store.model.promise import Promise, Target
from store.repository import Repository
from store.text import markdown as md
from store.text.i18n import UserError, set_language
from tests.conftest import FROZEN
from tui.cli.main import main

GOLDEN = Path(__file__).parent / "golden"
PARSER = MarkdownIt("commonmark").enable("table")


# -- helpers ---------------------------------------------------------------------------


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no golden file {name}: run with UPDATE_GOLDEN=1"
    assert text.encode("utf-8") == path.read_bytes(), f"{name} differs (UPDATE_GOLDEN=1 regenerates)"


@contextmanager
def at(year: int, month: int, day: int, hour: int = 10):
    """Let the clock stand at a meeting while it is logged, then back to the frozen day."""
    pendulum.travel_to(pendulum.datetime(year, month, day, hour, 0, tz="Europe/Stockholm"), freeze=True)
    try:
        yield
    finally:
        pendulum.travel_to(FROZEN, freeze=True)


def tokens(text: str):
    return PARSER.parse(text)


def headings(text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    return [(t.tag, toks[i + 1].content) for i, t in enumerate(toks) if t.type == "heading_open"]


def section(text: str, title: str) -> str:
    """The Markdown under the heading ``title`` up to the next heading of the same level or higher."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip("#").strip() == title and line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out = []
            for follow in lines[i + 1:]:
                if follow.startswith("#") and len(follow) - len(follow.lstrip("#")) <= level:
                    break
                out.append(follow)
            return "\n".join(out).strip()
    raise AssertionError(f"no heading {title!r}")


def table_rows(text: str) -> list[list[str]]:
    """Body rows of every table in ``text``, as the cells' rendered inline content."""
    rows, row, in_body = [], None, False
    toks = tokens(text)
    for i, tok in enumerate(toks):
        if tok.type == "tbody_open":
            in_body = True
        elif tok.type == "tbody_close":
            in_body = False
        elif in_body and tok.type == "tr_open":
            row = []
        elif in_body and tok.type == "tr_close":
            rows.append(row)
        elif in_body and tok.type == "td_open":
            row.append("".join(c.content for c in toks[i + 1].children or []))
    return rows


def bullet_texts(text: str) -> list[str]:
    """Rendered text of each list item's paragraph (strong markers dropped)."""
    toks = tokens(text)
    out = []
    for i, tok in enumerate(toks):
        if tok.type == "list_item_open":
            inline = toks[i + 2]
            out.append("".join(c.content if c.type != "hardbreak" else "\n" for c in inline.children))
    return out


# -- a small realistic world -------------------------------------------------------------


@dataclass
class World:
    forum: Forum
    meetings: dict[str, object]
    actions: dict[str, int]
    promises: dict[str, Promise]


def build_world(repo: Repository) -> World:
    """Måndagsmöte Södertälje, November 2026: three meetings, one the year before, one after."""
    police = repo.save_organisation(Organisation(name="Polisen Södertälje", kind=POLICE, municipality="Södertälje"))
    kommun = repo.save_organisation(Organisation(name="Södertälje kommun", kind=MUNICIPALITY, municipality="Södertälje"))
    fire = repo.save_organisation(Organisation(name="Södertörns brandförsvarsförbund", kind=FIRE, municipality="Södertälje"))
    johan = repo.save_person(Person(name="Johan Berg", organisation_id=police.id, role="kommunpolis"))
    ali = repo.save_person(Person(name="Ali Yilmaz", organisation_id=fire.id, role="brandinspektör"))
    amira = repo.save_person(Person(name="Amira Haddad", organisation_id=kommun.id, role="fältassistent"))
    anna = repo.save_person(Person(name="Anna Sjöberg", organisation_id=kommun.id, role="säkerhetssamordnare"))
    lena = repo.save_person(Person(name="Lena Karlsson", organisation_id=kommun.id, role="socialsekreterare"))
    forum = repo.save_forum(Forum(
        name="Måndagsmöte Södertälje", kind="mandagsmote", municipality="Södertälje",
        member_ids=[johan.id, ali.id, amira.id, anna.id, lena.id],
        cadence=Cadence(kind=WEEKLY, weekday=0, time="09:00", duration_minutes=60),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=police.id),
        holiday_rule=HOLIDAY_NEXT_WORKING_DAY, location="Polishuset, Södertälje",
        standing_agenda=["Lägesbild", "Helgens händelser", "Uppföljning av tidigare åtgärder", "Övriga frågor"],
    ))
    walks = repo.save_promise(Promise(
        text="Polisen och kommunen genomför minst fem trygghetsvandringar under året, bland annat i Ronna och Hovsjö.",
        municipality="Södertälje", period_label="2026", period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31), focus_area="Trygghet i bostadsområden",
        parties=[POLICE, MUNICIPALITY], target=Target(5, "year"), follow_up_forum_id=forum.id,
        follow_up_cadence="varje tertial", comments="Två vandringar är bokade till våren.",
    ))
    schools = repo.save_promise(Promise(
        text="Polisen lovar att vara synlig vid skolorna.", municipality="Södertälje", period_label="2026",
        period_start=date(2026, 1, 1), period_end=date(2026, 12, 31), focus_area="Skolan", parties=[POLICE],
    ))

    meetings: dict[str, object] = {}
    actions: dict[str, int] = {}
    with at(2025, 12, 1):
        m = meetings["2025-12-01"] = repo.ensure_meeting(forum, date(2025, 12, 1))
        repo.add_entry(m, "decision", "Julbelysningen i Bårsta ses över.")
    with at(2026, 11, 9):
        m = meetings["2026-11-09"] = repo.ensure_meeting(forum, date(2026, 11, 9))
        repo.add_entry(m, "decision", "Trygghetsvandring i Hovsjö bokas in.", agenda_key=4)
        actions["walk"] = repo.add_action(m, "Boka trygghetsvandring i Hovsjö", owner_person_id=anna.id,
                                          due=date(2026, 11, 13), promise_id=walks.id).id
    with at(2026, 11, 16):
        m = meetings["2026-11-16"] = repo.ensure_meeting(forum, date(2026, 11, 16))
        repo.add_entry(m, "decision", "Polisen genomför riktad insats mot mopeder i Ronna.", agenda_key=4)
        repo.add_entry(m, "decision", "Skolan kallar vårdnadshavarna till möte om eleven i 8B.",
                       agenda_key=4, confidential=True)
        repo.change_action(actions["walk"], m.id, status=DONE, note="Vandringen genomfördes 12 november.")
        actions["light"] = repo.add_action(m, "Kartlägga belysningen i Bårsta", owner_person_id=amira.id,
                                           due=date(2026, 11, 20), promise_id=walks.id).id
        actions["secret_old"] = repo.add_action(m, "Kontakta socialtjänsten om eleven i 8B", owner_person_id=lena.id,
                                                due=date(2026, 11, 20), promise_id=walks.id, confidential=True).id
        actions["walkers"] = repo.add_action(m, "Bjuda in nattvandrarna", owner_person_id=ali.id,
                                             due=date(2026, 11, 20)).id
    # Today's meeting (the frozen clock): attendance, entries, new actions, follow-up.
    m = meetings["2026-11-23"] = repo.ensure_meeting(forum, date(2026, 11, 23))
    status = {"Johan Berg": "present", "Ali Yilmaz": "excused", "Amira Haddad": "present",
              "Anna Sjöberg": "present", "Lena Karlsson": "absent"}
    for row in m.attendance:
        row.status = status[row.name]
    m.attendance.append(Attendance(name="Karin Ek", organisation="Telge Bostäder", role="trygghetsvärd", guest=True))
    m.status, m.secretary, m.justerare = HELD, "Anna Sjöberg", "Amira Haddad"
    repo.save_meeting(m)
    repo.add_entry(m, "info", "Fältarna rapporterar en lugn helg i Ronna och Hovsjö.\n"
                   "Inga anmälningar om skadegörelse vid skolorna.", agenda_key=1)
    repo.add_entry(m, "info", "Socialtjänsten följer upp en orosanmälan om eleven i 8B.", agenda_key=1,
                   confidential=True)
    repo.add_entry(m, "decision", "Kommunen ställer ut extra belysning vid gångtunneln i Bårsta.",
                   agenda_key=4, promise_ids=[walks.id])
    repo.add_entry(m, "decision", "Nästa trygghetsvandring bokas till v. 50.")
    actions["moped"] = repo.add_action(m, "Ta fram lägesbild om buskörning till nästa möte", owner_person_id=johan.id,
                                       due=date(2026, 11, 30), agenda_key=2).id
    actions["secret_new"] = repo.add_action(m, "Följa upp eleven i 8B med skolan", owner_person_id=lena.id,
                                            due=date(2026, 11, 27), agenda_key=1, promise_id=walks.id,
                                            confidential=True).id
    actions["signs"] = repo.add_action(m, "Se över skyltningen vid skolan", owner_organisation_id=kommun.id,
                                       promise_id=schools.id).id
    repo.change_action(actions["light"], m.id, status=DONE, note="Klart och återrapporterat.")
    repo.change_action(actions["secret_old"], m.id, status=DONE, note="Eleven har fått stöd.")
    repo.change_action(actions["walkers"], m.id, status=IN_PROGRESS, due=date(2026, 12, 4), note="Påbörjat.")
    with at(2027, 1, 11):
        m = meetings["2027-01-11"] = repo.ensure_meeting(forum, date(2027, 1, 11))
        repo.add_entry(m, "decision", "Årets första beslut: lägesbilden skickas ut varje fredag.")
    return World(forum, meetings, actions, {"walks": walks, "schools": schools})


@pytest.fixture
def world(repo: Repository) -> World:
    return build_world(repo)


# -- minutes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("include", [False, True], ids=["public", "confidential"])
def test_minutes_golden(repo: Repository, world: World, include: bool) -> None:
    text = minutes_markdown(repo, world.meetings["2026-11-23"], include_confidential=include)
    check_golden(f"minutes_{'confidential' if include else 'public'}.md", text)
    assert text == minutes_markdown(repo, world.meetings["2026-11-23"], include_confidential=include)


def test_minutes_title_meta_and_agenda_read_like_swedish_minutes(repo: Repository, world: World) -> None:
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    assert headings(text)[0] == ("h1", "Minnesanteckningar – Måndagsmöte Södertälje, måndag 23 november 2026 (v. 48)")
    assert bullet_texts(text)[:5] == [
        "Tid: 09:00–10:00", "Plats: Polishuset, Södertälje", "Ordförande: Polisen Södertälje",
        "Sekreterare: Anna Sjöberg", "Justerare: Amira Haddad",
    ]
    h2 = [title for tag, title in headings(text) if tag == "h2"]
    assert h2 == ["Närvarande", "Frånvarande", "Anmält förhinder", "Dagordning", "1. Lägesbild",
                  "2. Helgens händelser", "3. Uppföljning av tidigare åtgärder", "4. Övriga frågor", "Nästa möte"]
    assert section(text, "Nästa möte") == "måndag 30 november 2026 kl. 09:00 (v. 49), Polishuset, Södertälje"


def test_line_breaks_stay_inside_their_list_item(repo: Repository, world: World) -> None:
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    assert bullet_texts(section(text, "1. Lägesbild")) == [
        "Fältarna rapporterar en lugn helg i Ronna och Hovsjö.\nInga anmälningar om skadegörelse vid skolorna."
    ]


def test_attendance_is_grouped_by_organisation(repo: Repository, world: World) -> None:
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    assert bullet_texts(section(text, "Närvarande")) == [
        "Polisen Södertälje: Johan Berg (kommunpolis)",
        "Södertälje kommun: Amira Haddad (fältassistent), Anna Sjöberg (säkerhetssamordnare)",
        "Telge Bostäder: Karin Ek (trygghetsvärd, gäst)",
    ]
    assert bullet_texts(section(text, "Frånvarande")) == ["Södertälje kommun: Lena Karlsson (socialsekreterare)"]
    assert bullet_texts(section(text, "Anmält förhinder")) == [
        "Södertörns brandförsvarsförbund: Ali Yilmaz (brandinspektör)"
    ]


def test_decisions_are_numbered_through_the_forums_year(repo: Repository, world: World) -> None:
    def paragraphs(day: str, include: bool = True) -> list[str]:
        text = minutes_markdown(repo, world.meetings[day], include_confidential=include)
        return [b.split(" ")[1] for b in bullet_texts(text) if b.startswith("§ ")]

    assert paragraphs("2025-12-01") == ["1"]
    assert paragraphs("2026-11-09") == ["1"]  # the forum's first decision of 2026
    assert paragraphs("2026-11-16") == ["2", "3"]
    # The confidential § 3 keeps its number when left out: both versions cite the same §.
    assert paragraphs("2026-11-16", include=False) == ["2"]
    # Today: agenda item 4 first, then the decision without an agenda item.
    assert paragraphs("2026-11-23") == ["4", "5"]
    assert paragraphs("2027-01-11") == ["1"]  # a new year starts again at § 1


def test_new_actions_table_per_agenda_item(repo: Repository, world: World) -> None:
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    item2 = section(text, "2. Helgens händelser")
    assert table_rows(item2) == [[
        str(world.actions["moped"]), "Ta fram lägesbild om buskörning till nästa möte",
        "Johan Berg (Polisen Södertälje)", "2026-11-30 (v. 49)", "–",
    ]]
    # Lines under no item, logged before any line that had one: under the agenda's "Övriga frågor".
    other = section(text, "4. Övriga frågor")
    assert table_rows(other) == [[str(world.actions["signs"]), "Se över skyltningen vid skolan",
                                  "Södertälje kommun", "–", "L2"]]
    assert bullet_texts(section(other, "Beslut")) == [
        "§ 4 Kommunen ställer ut extra belysning vid gångtunneln i Bårsta. (löfte L1)",
        "§ 5 Nästa trygghetsvandring bokas till v. 50.",
    ]


def test_follow_up_shows_the_changes_made_in_this_meeting(repo: Repository, world: World) -> None:
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    # Under its own agenda item, not in a section of its own at the end.
    rows = table_rows(section(text, "3. Uppföljning av tidigare åtgärder"))
    assert rows == [
        [str(world.actions["light"]), "Kartlägga belysningen i Bårsta", "Amira Haddad (Södertälje kommun)",
         "2026-11-16", "öppen → klar", "2026-11-20 (v. 47)", "Klart och återrapporterat."],
        [str(world.actions["walkers"]), "Bjuda in nattvandrarna", "Ali Yilmaz (Södertörns brandförsvarsförbund)",
         "2026-11-16", "öppen → pågår", "2026-11-20 → 2026-12-04 (v. 49)", "Påbörjat."],
    ]
    # The 16 November minutes show what happened then: the walk was done, nothing of today.
    earlier = minutes_markdown(repo, world.meetings["2026-11-16"])
    assert table_rows(section(earlier, "3. Uppföljning av tidigare åtgärder")) == [
        [str(world.actions["walk"]), "Boka trygghetsvandring i Hovsjö", "Anna Sjöberg (Södertälje kommun)",
         "2026-11-09", "öppen → klar", "2026-11-13 (v. 46)", "Vandringen genomfördes 12 november."],
    ]


def test_a_line_without_an_item_goes_under_the_item_the_meeting_was_on(repo: Repository, world: World) -> None:
    """Logged from the command line (no item): under the item of the line logged just
    before it; with nothing before it, under the agenda's "Övriga frågor"."""
    with at(2026, 11, 30, 8):
        m = repo.ensure_meeting(world.forum, date(2026, 11, 30))
        repo.add_entry(m, "info", "Rad innan mötet kommit till någon punkt.")
    with at(2026, 11, 30, 9):
        repo.add_entry(m, "info", "Lugn helg i Hovsjö.", agenda_key=2)
    with at(2026, 11, 30, 10):
        repo.add_entry(m, "decision", "Loggad från kommandoraden.")
    text = minutes_markdown(repo, m)
    assert bullet_texts(section(text, "2. Helgens händelser")) == [
        "Lugn helg i Hovsjö.", "§ 6 Loggad från kommandoraden."]  # § through the year
    assert bullet_texts(section(text, "4. Övriga frågor")) == ["Rad innan mötet kommit till någon punkt."]


def test_empty_items_are_marked_or_left_out_and_budgets_shown(repo: Repository, world: World) -> None:
    m = world.meetings["2026-11-23"]
    repo.set_agenda_minutes(m.id, 2, 15)
    m = repo.meeting(m.id)
    text = minutes_markdown(repo, m)
    assert "2. Helgens händelser (15 min)" in [title for _tag, title in headings(text)]
    assert "Helgens händelser (15 min)" in section(text, "Dagordning")
    with at(2026, 11, 30, 9):
        empty = repo.ensure_meeting(world.forum, date(2026, 11, 30))
        repo.add_entry(empty, "info", "Bara en rad.", agenda_key=1)
    marked = minutes_markdown(repo, empty)
    assert section(marked, "2. Helgens händelser") == "Inget att anteckna."
    omitted = minutes_markdown(repo, empty, empty_items="omit")
    assert [title for tag, title in headings(omitted) if tag == "h2"][-3:] == ["Dagordning", "1. Lägesbild",
                                                                               "Nästa möte"]
    assert "Helgens händelser" in section(omitted, "Dagordning")  # the agenda still lists it


def test_without_a_follow_up_or_other_item_they_get_sections_of_their_own(repo: Repository, world: World) -> None:
    with at(2026, 11, 30, 9):
        m = repo.ensure_meeting(world.forum, date(2026, 11, 30))
        for key in (3, 4):
            m = repo.remove_agenda_item(m.id, key)
        repo.add_entry(m, "info", "Utan punkt och utan något före.")
        repo.change_action(world.actions["walkers"], m.id, status=DONE, note="Klart.")
    text = minutes_markdown(repo, m)
    h2 = [title for tag, title in headings(text) if tag == "h2"]
    assert h2[-3:] == ["Övrigt", "Uppföljning av tidigare åtgärder", "Nästa möte"]
    assert bullet_texts(section(text, "Övrigt")) == ["Utan punkt och utan något före."]


def test_confidential_items_are_left_out_and_counted(repo: Repository, world: World) -> None:
    public = minutes_markdown(repo, world.meetings["2026-11-23"])
    # One confidential note, one new confidential action, one confidential follow-up.
    assert "3 sekretessbelagda punkter är utelämnade." in public.splitlines()
    for secret in ("8B", "orosanmälan", "Eleven har fått stöd", "Sekretess"):
        assert secret not in public
    full = minutes_markdown(repo, world.meetings["2026-11-23"], include_confidential=True)
    assert "utelämnad" not in full
    assert "- **[Sekretess]** Socialtjänsten följer upp en orosanmälan om eleven i 8B." in full.splitlines()
    assert "[Sekretess] Följa upp eleven i 8B med skolan" in [r[1] for r in table_rows(full)]
    # 16 November: the confidential § 3 and the confidential action decided then.
    earlier = minutes_markdown(repo, world.meetings["2026-11-16"])
    assert "2 sekretessbelagda punkter är utelämnade." in earlier.splitlines()


def test_minutes_in_english(repo: Repository, world: World) -> None:
    set_language("en")
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    assert headings(text)[0][1] == "Minutes – Måndagsmöte Södertälje, Monday 23 November 2026 (week 48)"
    assert "3 confidential items are left out." in text


def test_planned_meeting_has_agenda_and_no_records(repo: Repository, world: World) -> None:
    planned = repo.resolve_meeting("Måndagsmöte Södertälje@2026-12-07")
    assert planned.id == 0
    text = minutes_markdown(repo, planned)
    assert "1. Lägesbild" in [title for _, title in headings(text)]
    assert table_rows(text) == [] and "§" not in text
    assert section(text, "Nästa möte").startswith("måndag 14 december 2026 kl. 09:00 (v. 51)")


def test_next_meeting_skips_a_cancelled_date(repo: Repository, world: World) -> None:
    cancelled = repo.ensure_meeting(world.forum, date(2026, 11, 30))
    cancelled.status = "cancelled"
    repo.save_meeting(cancelled)
    text = minutes_markdown(repo, world.meetings["2026-11-23"])
    assert section(text, "Nästa möte").startswith("måndag 7 december 2026 kl. 09:00 (v. 50)")


# -- safe Markdown -------------------------------------------------------------------------------

HOSTILE = (
    "a | b || c # x *fet* _kursiv_ `kod` <script>alert(1)</script> [länk](http://x.se) &amp; \\ ~~s~~ ![b](y)\n"
    "1. punkt\n"
    "- streck\n"
    "> citat\n"
    "# rubrik\n"
    "---\n"
    "===\n"
    "    indraget\n"
    "```\n"
    "<div>html</div>\n"
    "+ plus\n"
    "2) parentes\n"
    "| tabell | rad |"
)
BENIGN = "\n".join("Text" for _ in HOSTILE.splitlines())
FORBIDDEN_INLINE = {"link_open", "image", "html_inline", "code_inline", "em_open", "s_open", "autolink"}
FORBIDDEN_BLOCK = {"html_block", "code_block", "fence", "blockquote_open", "hr"}


def build_text_world(repo: Repository, text: str) -> tuple[object, int]:
    org = repo.save_organisation(Organisation(name=text, kind=POLICE))
    person = repo.save_person(Person(name=text, organisation_id=org.id, role=text))
    forum = repo.save_forum(Forum(name=text, member_ids=[person.id], location=text,
                                  cadence=Cadence(kind=WEEKLY, weekday=0), standing_agenda=[text, "Övrigt"]))
    promise = repo.save_promise(Promise(text=text, municipality=text, focus_area=text, period_label=text,
                                        period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                                        target=Target(2, "year"), comments=text, follow_up_cadence=text))
    meeting = repo.ensure_meeting(forum, date(2026, 11, 23))
    meeting.secretary = meeting.justerare = meeting.chair = text
    meeting.attendance.append(Attendance(name=text, organisation=text, role=text, status="excused"))
    repo.save_meeting(meeting)
    for kind in ("info", "decision"):
        repo.add_entry(meeting, kind, text, agenda_key=1, promise_ids=[promise.id])
        repo.add_entry(meeting, kind, text)
    for key in (1, None):
        action = repo.add_action(meeting, text, owner_person_id=person.id, due=date(2026, 11, 20),
                                 promise_id=promise.id, agenda_key=key)
    repo.change_action(action.id, meeting.id, status=DONE, note=text)
    earlier = repo.add_action(None, text, owner_person_id=person.id, promise_id=promise.id)
    repo.change_action(earlier.id, meeting.id, status=DONE, note=text)
    return meeting, promise.id


def shape(text: str) -> list[tuple]:
    """Block structure and inline token kinds: what a renderer builds, without the words."""
    return [(t.type, t.tag, t.level, tuple(c.type for c in t.children or ())) for t in tokens(text)]


@pytest.mark.parametrize("export", ["minutes", "minutes_all", "actions", "report"])
def test_hostile_text_cannot_break_structure(repo: Repository, frozen, export: str) -> None:
    hostile_meeting, _ = build_text_world(repo, HOSTILE)
    benign_repo = Repository.memory()
    benign_meeting, _ = build_text_world(benign_repo, BENIGN)
    make = {
        "minutes": lambda r, m: minutes_markdown(r, m),
        "minutes_all": lambda r, m: minutes_markdown(r, m, include_confidential=True),
        "actions": lambda r, m: actions_markdown(r, only_active=False),
        "report": lambda r, m: report_markdown(r, "2026"),
    }[export]
    hostile, benign = make(repo, hostile_meeting), make(benign_repo, benign_meeting)
    # Same headings, lists, tables, rows, cells and line breaks as with plain words.
    assert shape(hostile) == shape(benign)
    toks = tokens(hostile)
    assert not {t.type for t in toks} & FORBIDDEN_BLOCK
    inline_types = {c.type for t in toks for c in t.children or ()}
    assert not inline_types & FORBIDDEN_INLINE
    assert inline_types <= {"text", "softbreak", "hardbreak", "strong_open", "strong_close"}
    # Every heading is one of ours; the injected "# x" and "# rubrik" stay text.
    assert not [h for h in headings(hostile) if h[1].strip() in ("x", "rubrik")]
    # The user's words survive as words.
    words = "".join(c.content for t in toks for c in t.children or ())
    assert "<script>alert(1)</script>" in words and "[länk](http://x.se)" in words
    assert "&amp;" in words and "| tabell | rad |" in words
    html = PARSER.render(hostile)
    assert "<script>" not in html and "<a " not in html and "<code>" not in html
    for row in (r for t in [hostile] for r in table_rows(t)):
        assert len(row) in (5, 6, 7)


def test_hostile_new_actions_table_has_exactly_its_rows(repo: Repository, frozen) -> None:
    meeting, _ = build_text_world(repo, HOSTILE)
    text = minutes_markdown(repo, meeting)
    toks = tokens(text)
    bodies = [i for i, t in enumerate(toks) if t.type == "tbody_open"]
    assert len(bodies) == 3  # agenda item 1, no agenda item, follow-up
    for start in bodies:
        end = next(i for i in range(start, len(toks)) if toks[i].type == "tbody_close")
        rows = [t for t in toks[start:end] if t.type == "tr_open"]
        cells = [t for t in toks[start:end] if t.type == "td_open"]
        assert len(rows) == 1 and len(cells) in (5, 7)


alphabet = st.sampled_from(list("ab 1.)-+*_#>|`<>[]()!&\\~=:\n\t\r") + ["\u2028", "\x00", "&amp;", "<script>", "    "])


def _expected_words(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = "".join(" " if (ord(c) < 32 and c != "\t") or 0x7f <= ord(c) <= 0x9f else c
                       for c in line.replace("\t", " ")).strip()
        if line:
            lines.append(line)
    return lines


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=40).map("".join))
def test_inline_text_is_one_literal_table_cell(text: str) -> None:
    doc = md.table(["h", "i"], [[md.inline(text), "x"]])
    rows = table_rows(doc)
    assert len(rows) == 1 and len(rows[0]) == 2
    assert rows[0] == [" ".join(_expected_words(text)), "x"]
    heading = tokens(md.heading(2, md.inline(text) or "x"))
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=40).map("".join))
def test_block_text_stays_inside_its_list_item(text: str) -> None:
    doc = md.bullets(["first", md.block(text, indent=2) or "x", "last"])
    toks = tokens(doc)
    assert [t.type for t in toks if t.type.endswith("_open")] == [
        "bullet_list_open"] + ["list_item_open", "paragraph_open"] * 3
    middle = [t for t in toks if t.type == "inline"][1]
    words = "".join(c.content if c.type != "hardbreak" else "\n" for c in middle.children)
    assert words == ("\n".join(_expected_words(text)) or "x")


# -- action list ----------------------------------------------------------------------------------


def test_action_list_golden(repo: Repository, world: World) -> None:
    check_golden("actions.md", actions_markdown(repo))


def test_action_list_by_organisation_and_owner_overdue_first(repo: Repository, world: World) -> None:
    walkers = repo.action(world.actions["walkers"])
    repo.change_action(walkers.id, due=date(2026, 11, 18))  # overdue again
    late = repo.add_action(None, "Skicka lägesbilden", owner_person_id=walkers.owner_person_id,
                           due=date(2026, 12, 20))
    text = actions_markdown(repo)
    assert [(tag, title) for tag, title in headings(text)] == [
        ("h1", "Åtgärder per organisation och ansvarig"),
        ("h2", "Polisen Södertälje"), ("h3", "Johan Berg"),
        ("h2", "Södertälje kommun"), ("h3", "Organisationen som helhet"),
        ("h2", "Södertörns brandförsvarsförbund"), ("h3", "Ali Yilmaz"),
    ]
    rows = table_rows(section(text, "Ali Yilmaz"))
    assert [r[0] for r in rows] == [str(walkers.id), str(late.id)]
    assert rows[0][3] == "pågår, försenad" and rows[1][3] == "öppen"
    assert "Läget måndag 23 november 2026: 4 åtgärder, varav 1 försenad." in text
    assert "1 sekretessbelagd punkt är utelämnad." in text and "8B" not in text
    everything = actions_markdown(repo, include_confidential=True, only_active=False)
    assert "[Sekretess] Kontakta socialtjänsten om eleven i 8B" in [r[1] for r in table_rows(everything)]


def test_a_person_without_an_organisation_is_an_owner_not_ownerless(repo: Repository, world: World) -> None:
    guest = repo.save_person(Person(name="Karin Ek"))  # no organisation
    repo.add_action(None, "Ringa hyresgästföreningen", owner_person_id=guest.id, due=date(2026, 12, 11))
    repo.add_action(None, "Boka lokal", due=date(2026, 12, 11))
    text = actions_markdown(repo)
    assert [title for _tag, title in headings(text)][-3:] == ["Utan organisation", "Karin Ek", "Utan ansvarig"]
    assert [r[1] for r in table_rows(section(text, "Karin Ek"))] == ["Ringa hyresgästföreningen"]
    assert [r[1] for r in table_rows(section(text, "Utan ansvarig"))] == ["Boka lokal"]


# -- promise report -----------------------------------------------------------------------------


def test_report_golden(repo: Repository, world: World) -> None:
    check_golden("report_2026.md", report_markdown(repo, "2026"))


def facts(text: str, promise_heading: str) -> dict[str, str]:
    return dict(b.split(": ", 1) for b in bullet_texts(section(text, promise_heading)) if ": " in b)


def test_report_achieved_target_and_state(repo: Repository, world: World) -> None:
    text = report_markdown(repo, "2026")
    walks = facts(text, "L1 – Södertälje – Trygghet i bostadsområden")
    assert walks["Mål"] == "minst 5 per år"
    # Done in 2026: the walk, the lighting and one confidential action (counted, not shown).
    assert walks["Uppnått"] == "3 av 5 klara åtgärder under perioden (varav 1 sekretessbelagd som inte redovisas här)"
    assert walks["Läge"] == "i riskzonen"  # 3/5 = 0.6 < 327/365 − 0.15
    assert walks["Parter"] == "polisen, kommunen"
    assert walks["Uppföljning"] == "varje tertial, Måndagsmöte Södertälje"
    schools = facts(text, "L2 – Södertälje – Skolan")
    assert schools["Mål"] == "Inget mätbart mål" and schools["Läge"] == "inget mätbart mål"
    assert schools["Uppnått"] == "0 klara åtgärder under perioden"
    activities = table_rows(section(section(text, "L1 – Södertälje – Trygghet i bostadsområden"), "Aktiviteter"))
    assert [(r[1], r[3], r[5], r[6]) for r in activities] == [
        ("Boka trygghetsvandring i Hovsjö", "klar", "2026-11-16", "Måndagsmöte Södertälje 2026-11-09"),
        ("Kartlägga belysningen i Bårsta", "klar", "2026-11-23", "Måndagsmöte Södertälje 2026-11-16"),
    ]
    assert bullet_texts(section(text, "Beslut och information")) == [
        "Måndagsmöte Södertälje 2026-11-23: Beslut: Kommunen ställer ut extra belysning vid gångtunneln i Bårsta."
    ]
    assert section(section(text, "L1 – Södertälje – Trygghet i bostadsområden"), "Kommentarer") == (
        "Två vandringar är bokade till våren."
    )


def test_report_of_a_tertial_scales_the_target(repo: Repository, world: World) -> None:
    text = report_markdown(repo, "2026-T3")
    assert headings(text)[0][1] == "Uppföljning av medborgarlöften – 2026, tertial 3 (september–december)"
    walks = facts(text, "L1 – Södertälje – Trygghet i bostadsområden")
    assert walks["Mål"] == "minst 5 per år, 2 för rapportperioden"  # 5 × 4/12, rounded
    assert walks["Läge"] == "hållet"
    earlier = facts(report_markdown(repo, "2026-T1"), "L1 – Södertälje – Trygghet i bostadsområden")
    assert earlier["Uppnått"].startswith("0 av 2") and earlier["Läge"] == "inte hållet"


def test_report_never_contains_confidential_content(repo: Repository, world: World) -> None:
    secret = repo.add_entry(world.meetings["2026-11-23"], "decision", "Hemlig elev i 8B får stöd.",
                            confidential=True, promise_ids=[world.promises["walks"].id])
    assert secret.confidential
    for period in ("2026", "2026-T3"):
        text = report_markdown(repo, period)
        for word in ("8B", "Hemlig", "socialtjänsten", "Eleven", "Sekretess]"):
            assert word not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2026-T1", (date(2026, 1, 1), date(2026, 4, 30))),
        ("2026-t2", (date(2026, 5, 1), date(2026, 8, 31))),
        (" 2026-T3 ", (date(2026, 9, 1), date(2026, 12, 31))),
    ],
)
def test_parse_period(text: str, expected: tuple[date, date]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "26", "2026-T4", "2026-T0", "2026-H1", "T3", "2026-13", "tjugo"])
def test_bad_period_is_one_sentence(text: str) -> None:
    with pytest.raises(UserError) as error:
        parse_period(text)
    assert error.value.key == "export.bad_period"
    assert str(error.value).startswith(f"'{text}' är ingen period") and "\n" not in str(error.value)
    with pytest.raises(UserError):
        report_markdown(Repository.memory(), text)


def _promise(target: Target | None) -> Promise:
    return Promise(text="x", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31), target=target)


@pytest.mark.parametrize(
    ("target", "done", "today", "period", "state"),
    [
        (None, 3, date(2026, 6, 1), None, "no_target"),
        (Target(4, "year"), 4, date(2026, 3, 1), None, "kept"),
        (Target(4, "year"), 3, date(2027, 1, 10), None, "not_kept"),
        (Target(4, "year"), 1, date(2026, 12, 1), None, "at_risk"),  # 0.25 < 0.92 − 0.15
        (Target(4, "year"), 3, date(2026, 9, 1), None, "on_track"),  # 0.75 ≥ 0.67 − 0.15
        (Target(4, "year"), 0, date(2025, 12, 1), None, "not_started"),
        (Target(1, "month"), 11, date(2026, 12, 20), None, "on_track"),  # 11/12 ≥ 0.97 − 0.15
        (Target(1, "month"), 4, date(2026, 12, 31), (date(2026, 9, 1), date(2026, 12, 31)), "kept"),
        (Target(2, "term"), 3, date(2027, 1, 1), None, "not_kept"),  # 2 × 2 terms = 4
        (Target(1, "tertial"), 3, date(2027, 1, 1), None, "kept"),  # 1 × 3 tertials
    ],
)
def test_promise_state_rule(target, done, today, period, state) -> None:
    start, end = period or (None, None)
    assert promise_state(_promise(target), done, today, start, end) == state


# -- iCalendar --------------------------------------------------------------------------------


def test_ics_series_in_stockholm_time(repo: Repository, world: World) -> None:
    data = forum_ics(repo, world.forum)
    assert data == forum_ics(repo, world.forum)  # deterministic
    calendar = Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert b"COMMENT" not in data  # the library's English note, shown in a Swedish preview
    events = {ev["UID"]: ev for ev in calendar.walk("VEVENT")}
    fid = world.forum.id
    winter = events[f"samverkan-{fid}-2026-11-30@samverkan"]
    assert winter.decoded("DTSTART").strftime("%H:%M %z") == "09:00 +0100"
    assert winter.decoded("DTSTART").astimezone(timezone.utc).hour == 8
    summer = events[f"samverkan-{fid}-2027-06-07@samverkan"]
    assert summer.decoded("DTSTART").strftime("%H:%M %z") == "09:00 +0200"
    assert summer.decoded("DTSTART").astimezone(timezone.utc).hour == 7
    assert summer.decoded("DTEND") - summer.decoded("DTSTART") == timedelta(hours=1)
    # Annandag påsk 2027-03-29: the Monday meeting moves to Tuesday (summer time by then).
    assert f"samverkan-{fid}-2027-03-29@samverkan" not in events
    easter = events[f"samverkan-{fid}-2027-03-30@samverkan"]
    assert easter.decoded("DTSTART") == datetime(2027, 3, 30, 7, 0, tzinfo=timezone.utc)
    assert b"DTSTART;TZID=Europe/Stockholm:20270330T090000" in data
    # Today and twelve months on, every stamp is the frozen clock.
    days = sorted(ev.decoded("DTSTART").date() for ev in events.values())
    assert days[0] == date(2026, 11, 23) and days[-1] == date(2027, 11, 22)
    assert {ev.decoded("DTSTAMP") for ev in events.values()} == {datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)}
    assert str(winter["SUMMARY"]) == "Måndagsmöte Södertälje"
    assert str(winter["LOCATION"]) == "Polishuset, Södertälje"
    assert "Ordförande: Polisen Södertälje" in str(winter["DESCRIPTION"])


def test_ics_range_and_cancelled_meeting(repo: Repository, world: World) -> None:
    cancelled = repo.ensure_meeting(world.forum, date(2026, 12, 28))
    cancelled.status = "cancelled"
    repo.save_meeting(cancelled)
    data = forum_ics(repo, world.forum, date(2026, 12, 1), date(2027, 1, 31))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [ev.decoded("DTSTART").date().isoformat() for ev in events][:5] == [
        "2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28", "2027-01-04",
    ]
    statuses = {ev.decoded("DTSTART").date(): str(ev["STATUS"]) for ev in events}
    assert statuses[date(2026, 12, 28)] == "CANCELLED" and statuses[date(2027, 1, 4)] == "CONFIRMED"


# -- atomic file writing and the command line ---------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_store(store_file: Path, frozen) -> Path:
    with Repository(store_file, create=True) as repo:
        build_world(repo)
    return store_file


def test_cli_minutes_to_stdout(cli_store: Path, capsys) -> None:
    code, out, err = run(capsys, "export", "minutes", "Måndagsmöte Södertälje@2026-11-23", "--store", str(cli_store))
    assert code == 0 and err == ""
    assert out == (GOLDEN / "minutes_public.md").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "export", "--store", str(cli_store), "minutes", "4", "--include-confidential")
    assert code == 0 and out == (GOLDEN / "minutes_confidential.md").read_text(encoding="utf-8")


def test_cli_writes_file_atomically_and_replaces(cli_store: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "ut" / "protokoll.md"
    target.parent.mkdir()
    target.write_text("gammalt innehåll som ska bort\n" * 100, encoding="utf-8")
    code, out, err = run(capsys, "export", "minutes", "4", "-o", str(target), "--store", str(cli_store))
    assert code == 0 and out == ""
    assert err == f"Skrev minnesanteckningarna till {target}.\n"
    assert target.read_bytes() == (GOLDEN / "minutes_public.md").read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["protokoll.md"]  # no temp file left


def test_cli_unwritable_path_is_one_sentence(cli_store: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "finns-inte" / "protokoll.md"
    code, out, err = run(capsys, "export", "minutes", "4", "-o", str(target), "--store", str(cli_store))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"Kunde inte skriva {target}")
    assert not target.parent.exists()
    code, _, err = run(capsys, "export", "actions", "-o", str(tmp_path), "--store", str(cli_store))
    assert code == 2 and err.count("\n") == 1 and "är en mapp" in err


def test_cli_never_writes_over_the_store(cli_store: Path, capsys) -> None:
    before = cli_store.read_bytes()
    code, _, err = run(capsys, "export", "actions", "-o", str(cli_store), "--store", str(cli_store))
    assert code == 2 and err.startswith(f"{cli_store} är databasen") and err.count("\n") == 1
    assert cli_store.read_bytes() == before


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "lista.md"
    target.write_text("gammal\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UserError) as error:
        write_atomic(target, b"ny\n")
    assert "(disken är full)" in str(error.value) and "No space" not in str(error.value)
    assert target.read_text(encoding="utf-8") == "gammal\n"
    assert [p.name for p in tmp_path.iterdir()] == ["lista.md"]


def test_cli_actions_report_and_ics(cli_store: Path, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "export", "actions", "--store", str(cli_store))
    assert code == 0 and out == (GOLDEN / "actions.md").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "export", "actions", "--include-confidential", "--store", str(cli_store))
    assert code == 0 and "**[Sekretess]** Följa upp eleven i 8B med skolan" in out
    code, out, _ = run(capsys, "export", "report", "--period", "2026", "--store", str(cli_store))
    assert code == 0 and out == (GOLDEN / "report_2026.md").read_text(encoding="utf-8")
    ics = tmp_path / "mandagsmote.ics"
    code, out, err = run(capsys, "export", "ics", "Måndagsmöte", "--from", "2027-03-22", "--to", "2027-04-09",
                         "-o", str(ics), "--store", str(cli_store))
    assert code == 0 and out == "" and err == f"Skrev kalendern till {ics}.\n"
    starts = [ev.decoded("DTSTART") for ev in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert [s.date().isoformat() for s in starts] == ["2027-03-22", "2027-03-30", "2027-04-05"]


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["report", "--period", "2026-T4"], "'2026-T4' är ingen period"),
        (["minutes", "99"], "Det finns inget möte med nummer 99"),
        (["minutes", "Måndagsmöte Södertälje@2026-11-24"], "Måndagsmöte Södertälje har inget möte 2026-11-24"),
        (["ics", "Brandmöte"], "Det finns inget forum som heter 'Brandmöte'"),
        (["ics", "Måndagsmöte", "--from", "2027-01-01", "--to", "2026-01-01"], "Slutdatumet 2026-01-01"),
        (["ics", "Måndagsmöte", "--from", "i morgon"], "'i morgon' är inget datum"),
        (["report"], "Felaktiga argument till samverkan export report"),
        ([], "Felaktiga argument till samverkan export"),
    ],
)
def test_cli_errors_exit_2_with_one_line(cli_store: Path, capsys, args: list[str], start: str) -> None:
    code, out, err = run(capsys, "export", *args, "--store", str(cli_store))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(start), err


def test_cli_bad_period_before_opening_the_store(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export", "report", "--period", "2026-T9", "--store", str(tmp_path / "nej.json"))
    assert code == 2 and err.startswith("'2026-T9' är ingen period")


# -- the yearly archive -------------------------------------------------------------------------


def test_exports_read_the_archive_when_history_is_asked_for(store_file: Path, frozen) -> None:
    """Old years live in archive files read on demand; exports of old years still see them."""
    from store.persistence.journal import archive_dir

    with Repository(store_file, create=True) as repo:
        world = build_world(repo)
        old = repo.save_promise(Promise(text="Polisen genomför fyra trafikkontroller vid skolorna.",
                                        municipality="Södertälje", period_label="2019", period_start=date(2019, 1, 1),
                                        period_end=date(2019, 12, 31), target=Target(4), parties=[POLICE]))
        with at(2019, 3, 4):
            first = repo.ensure_meeting(world.forum, date(2019, 3, 4))
            repo.add_entry(first, "decision", "Trafikkontroller vid skolorna prioriteras.")
            action = repo.add_action(first, "Genomföra trafikkontroll vid Ronnaskolan", due=date(2019, 3, 8),
                                     owner_person_id=repo.find_owner("Johan Berg")[0].id, promise_id=old.id)
        with at(2019, 3, 11):
            second = repo.ensure_meeting(world.forum, date(2019, 3, 11))
            repo.add_entry(second, "decision", "Resultatet redovisas för chefssamrådet.")
            repo.change_action(action.id, second.id, status=DONE, note="Tolv fordon kontrollerades.")
        assert repo.storage.compact(archive=True)
    assert (archive_dir(store_file) / "2019.json").exists()

    with Repository(store_file) as repo:
        assert not repo.history_loaded
        # This year's exports are what they were before the archive.
        assert actions_markdown(repo) == (GOLDEN / "actions.md").read_text(encoding="utf-8")
        assert minutes_markdown(repo, repo.meeting(4)) == (GOLDEN / "minutes_public.md").read_text(encoding="utf-8")
        assert not repo.history_loaded  # neither needed the archive
        text = report_markdown(repo, "2019")
        assert repo.history_loaded
        assert facts(text, "L3 – Södertälje")["Uppnått"] == "1 av 4 klara åtgärder under perioden"
        assert [r[1] for r in table_rows(text)] == ["Genomföra trafikkontroll vid Ronnaskolan"]

    with Repository(store_file) as repo:
        minutes = minutes_markdown(repo, repo.resolve_meeting("Måndagsmöte Södertälje@2019-03-11"))
        assert bullet_texts(section(minutes, "Beslut")) == ["§ 2 Resultatet redovisas för chefssamrådet."]
        assert [r[4] for r in table_rows(section(minutes, "3. Uppföljning av tidigare åtgärder"))] == ["öppen → klar"]


# -- speed at ten years ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ten_years():
    """~1,800 meetings and ~10,000 actions, 2017–2026, with the clock at each meeting."""
    import random

    from store.rules import calendar as cal

    pendulum.travel_to(FROZEN, freeze=True)
    rng = random.Random(10)
    repo = Repository.memory()
    with repo.transaction():
        org = repo.save_organisation(Organisation(name="Polisen", kind=POLICE))
        people = [repo.save_person(Person(name=f"Person {i}", organisation_id=org.id)) for i in range(20)]
        promises = {y: [repo.save_promise(Promise(text=f"Löfte {y}:{i}", period_start=date(y, 1, 1),
                                                  period_end=date(y, 12, 31), target=Target(4, "year")))
                        for i in range(3)] for y in range(2016, 2027)}
        forums = [repo.save_forum(Forum(name=f"Veckomöte {i}", member_ids=[p.id for p in people[:6]],
                                        cadence=Cadence(kind=WEEKLY, weekday=i), standing_agenda=["A", "B", "C"]))
                  for i in range(3)]
        forums += [repo.save_forum(Forum(name=f"Månadsmöte {i}", member_ids=[p.id for p in people[:6]],
                                         cadence=Cadence(kind="monthly_nth_weekday", weekday=2, nth=i + 1)))
                   for i in range(2)]
        for forum in forums:
            for when in cal.occurrences(forum.cadence, forum.holiday_rule, date(2016, 12, 1), date(2026, 11, 22)):
                pendulum.travel_to(pendulum.instance(when).add(hours=1), freeze=True)
                meeting = repo.ensure_meeting(forum, when.date())
                repo.add_entry(meeting, "info", "Lägesbild", agenda_key=1)
                repo.add_entry(meeting, "decision", "Beslut", agenda_key=2)
                repo.add_entry(meeting, "decision", "Beslut", confidential=rng.random() < 0.2)
                for _ in range(rng.randint(4, 7)):
                    action = repo.add_action(meeting, "Åtgärd", owner_person_id=rng.choice(people).id,
                                             due=when.date() + timedelta(days=14),
                                             promise_id=rng.choice(promises[when.year]).id)
                    if rng.random() < 0.6:
                        repo.change_action(action.id, meeting.id, status=DONE)
    pendulum.travel_to(FROZEN, freeze=True)
    yield repo, forums[0]
    pendulum.travel_back()
    repo.close()


def test_exports_at_ten_years_cover_only_what_they_should(ten_years) -> None:
    # Speed is measured by bench/benchmark.py, not by timed unit tests; this checks content at scale.
    repo, forum = ten_years
    assert len(repo.action_docs()) > 9000
    meeting = repo.meetings_of_forum(forum.id)[-1]
    assert "Minnesanteckningar" in minutes_markdown(repo, meeting)
    text = report_markdown(repo, "2026")
    assert "L31" in text and "L1 " not in text  # only this year's promises
