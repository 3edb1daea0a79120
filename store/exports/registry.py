"""Every kind of export in one table: what it needs, what it may carry, how it is named and made.

``samverkan export`` builds one sub-command per row (``tui.cli.exports``) and the app's
export screen, its command palette and the keys of the screens open the same rows
(``tui.screens.export``), so a document is made the same way wherever it is asked for.
A new kind is one ``ExportKind`` here, its maker, and its words in the catalogue:

* ``needs``: what the user names — a meeting (number or ``forum@date``), a forum, a
  report period (``2026``, ``2026-T3``), a range of dates (default twelve months), a
  year, or a municipality (optional: without one, every municipality);
* ``confidential``: whether the document can carry confidential content. Such a kind
  leaves it out unless the user explicitly asks (``--include-confidential``, the
  app's ``t`` key), and says how many items that concerns;
* ``suffix`` and ``file_parts``: the suggested file name (plain ASCII, words joined by
  hyphens), ``make``: the document's bytes, the same bytes for a preview, a copy,
  a file and standard output.

The makers are imported when a document is made: the calendar brings icalendar,
which would otherwise cost every command of the command line tens of milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from store.model.constants import ACTIVE_STATUSES
from store.model.forum import Forum
from store.model.meeting import Meeting
from store.repository import Repository, parse_iso_date
from store.rules import calendar as cal
from store.rules import clock
from store.text.i18n import UserError, t

MEETING, FORUM, PERIOD, DATES, YEAR, MUNICIPALITY = "meeting", "forum", "period", "dates", "year", "municipality"
ALL = "all"  # a yes/no option: also the done and cancelled actions
AUTHORS = "authors"  # a yes/no option: who wrote each line of the minutes


@dataclass(frozen=True)
class ExportRequest:
    """What one export is about, resolved: the meeting, forum, period or dates it needs."""

    meeting: Meeting | None = None
    forum: Forum | None = None
    period: str | None = None
    start: date | None = None
    end: date | None = None
    year: int | None = None
    municipality: str | None = None
    include_confidential: bool = False
    options: frozenset[str] = frozenset()
    today: date | None = None
    empty_items: str | None = None  # the minutes' empty agenda items: "mark", "omit"; None: the setting

    @property
    def day(self) -> date:
        return self.today or clock.today()


@dataclass(frozen=True)
class ExportKind:
    name: str
    needs: tuple[str, ...]
    confidential: bool
    suffix: str
    make: Callable[[Repository, ExportRequest], bytes]
    file_parts: Callable[[Repository, ExportRequest], list[str]]
    count_confidential: Callable[[Repository, ExportRequest], int] = field(default=lambda repo, request: 0)
    options: tuple[str, ...] = ()
    empty_items: bool = False  # the agenda items with nothing under them are marked or left out

    @property
    def markdown(self) -> bool:
        return self.suffix == ".md"

    def document(self, repo: Repository, request: ExportRequest) -> bytes:
        """The document's bytes; confidential content only if the kind may carry it and it was asked for."""
        if request.include_confidential and not self.confidential:
            request = replace(request, include_confidential=False)
        return self.make(repo, request)

    def file_name(self, repo: Repository, request: ExportRequest) -> str:
        """"minnesanteckningar-mandagsmote-sodertalje-2026-11-23.md" and the like."""
        return "-".join(p for p in self.file_parts(repo, request) if p) + self.suffix

    def words(self, repo: Repository, request: ExportRequest) -> dict[str, str]:
        """What the request is about, in words, for the catalogue's titles and sentences."""
        forum = request.forum or (repo.forum(request.meeting.forum_id) if request.meeting else None)
        return {
            "forum": forum.name if forum else "",
            "date": cal.format_date(request.meeting.day) if request.meeting else "",
            "period": request.period or "",
            "start": request.start.isoformat() if request.start else "",
            "end": request.end.isoformat() if request.end else "",
            "year": str(request.year or ""),
            "municipality": request.municipality or "",
        }


# -- what the needs are made of ---------------------------------------------------------


def check_period(text: str) -> str:
    """A report period as typed, checked ("2026", "2026-T3"); one sentence when it is none."""
    from store.exports.reports import parse_period

    parse_period(text)
    return text.strip()


def check_year(text: str | int) -> int:
    """A plan's year as typed ("2026"); one sentence when it is none."""
    from store.rules.situation import check_year as year_of

    return year_of(text)


def twelve_months_after(start: date) -> date:
    """The day before the same date next year (29 February falls back to the 28th)."""
    try:
        same = start.replace(year=start.year + 1)
    except ValueError:
        same = start.replace(year=start.year + 1, day=28)
    return date.fromordinal(same.toordinal() - 1)


def export_dates(start: str | date | None, end: str | date | None, today: date) -> tuple[date, date]:
    """From ``start`` (default today) to ``end`` (default twelve months on), YYYY-MM-DD or dates."""
    first = parse_iso_date(start) if isinstance(start, str) else start or today
    last = parse_iso_date(end) if isinstance(end, str) else end or twelve_months_after(first)
    if last < first:
        raise UserError("export.range_reversed", start=first.isoformat(), end=last.isoformat())
    return first, last


def parse_dates(text: str, today: date) -> tuple[date, date]:
    """"2026-12-01 2027-05-31" (or with a dash between): a range typed on one line."""
    parts = [p for p in text.replace("–", " ").split() if p != "-"]
    if not 1 <= len(parts) <= 2:
        raise UserError("export.bad_dates", text=text)
    return export_dates(parts[0], parts[1] if len(parts) == 2 else None, today)


_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o"})


def slug(text: str) -> str:
    """"Måndagsmöte Södertälje" → "mandagsmote-sodertalje" (å→a ä→a ö→o, other marks dropped)."""
    text = unicodedata.normalize("NFKD", text.translate(_SWEDISH))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _forum_slug(forum: Forum | None) -> str:
    """The forum's name, with its municipality when the name does not say it."""
    if forum is None:
        return ""
    name = forum.name
    if forum.municipality and forum.municipality.casefold() not in name.casefold():
        name = f"{name} {forum.municipality}"
    return slug(name)


# -- the kinds ----------------------------------------------------------------------------


def _minutes(repo: Repository, request: ExportRequest) -> bytes:
    from store.exports.minutes import minutes_markdown
    from store.persistence import settings

    return minutes_markdown(repo, request.meeting, include_confidential=request.include_confidential,
                            authors=AUTHORS in request.options,
                            empty_items=request.empty_items or settings.empty_items()).encode()


def _minutes_confidential(repo: Repository, request: ExportRequest) -> int:
    meeting = request.meeting
    if meeting is None or not meeting.id:
        return 0
    return sum(1 for item in (*repo.entries(meeting.id), *repo.actions_of_meeting(meeting.id)) if item.confidential)


def _minutes_file(repo: Repository, request: ExportRequest) -> list[str]:
    meeting = request.meeting
    forum = repo.forum(meeting.forum_id) if meeting else None
    day = meeting.day if meeting else request.day
    return [t("export.file.minutes"), _forum_slug(forum), day.isoformat()]


def _agenda(repo: Repository, request: ExportRequest) -> bytes:
    from store.exports.agenda import agenda_markdown

    return agenda_markdown(repo, request.meeting, include_confidential=request.include_confidential).encode()


def _agenda_confidential(repo: Repository, request: ExportRequest) -> int:
    from store.exports.agenda import confidential_items

    return confidential_items(repo, request.meeting)


def _agenda_file(repo: Repository, request: ExportRequest) -> list[str]:
    return [t("export.file.agenda"), *_minutes_file(repo, request)[1:]]


def _actions(repo: Repository, request: ExportRequest) -> bytes:
    from store.exports.reports import actions_markdown

    return actions_markdown(repo, include_confidential=request.include_confidential, today=request.today,
                            only_active=ALL not in request.options).encode()


def _actions_confidential(repo: Repository, request: ExportRequest) -> int:
    everything = ALL in request.options
    return sum(1 for doc in repo.action_docs(history=everything).values()
               if doc.get("confidential") and (everything or doc.get("status") in ACTIVE_STATUSES))


def _report(repo: Repository, request: ExportRequest) -> bytes:
    from store.exports.reports import report_markdown

    return report_markdown(repo, request.period or "", today=request.today).encode()


def _plan(repo: Repository, request: ExportRequest) -> bytes:
    from store.exports.plan import plan_markdown

    return plan_markdown(repo, request.year or request.day.year, request.municipality, today=request.today).encode()


def _ics(repo: Repository, request: ExportRequest) -> bytes:
    from store.exports.ical import forum_ics

    return forum_ics(repo, request.forum, request.start, request.end,
                     include_confidential=request.include_confidential)


def _ics_confidential(repo: Repository, request: ExportRequest) -> int:
    """A confidential forum's (SSPF) agenda items can name a child: they are what is left out."""
    from store.exports.ical import confidential_agenda_items

    return confidential_agenda_items(repo, request.forum, request.start, request.end)


EXPORTS: dict[str, ExportKind] = {kind.name: kind for kind in (
    ExportKind("minutes", (MEETING,), confidential=True, suffix=".md", make=_minutes,
               file_parts=_minutes_file, count_confidential=_minutes_confidential, options=(AUTHORS,),
               empty_items=True),
    ExportKind("agenda", (MEETING,), confidential=True, suffix=".md", make=_agenda,
               file_parts=_agenda_file, count_confidential=_agenda_confidential),
    ExportKind("actions", (), confidential=True, suffix=".md", make=_actions,
               file_parts=lambda repo, request: [t("export.file.actions"), request.day.isoformat()],
               count_confidential=_actions_confidential, options=(ALL,)),
    ExportKind("report", (PERIOD,), confidential=False, suffix=".md", make=_report,
               file_parts=lambda repo, request: [t("export.file.report"), slug(request.period or "")]),
    ExportKind("plan", (YEAR, MUNICIPALITY), confidential=False, suffix=".md", make=_plan,
               file_parts=lambda repo, request: [t("export.file.plan"), str(request.year or ""),
                                                 slug(request.municipality or "")]),
    ExportKind("ics", (FORUM, DATES), confidential=True, suffix=".ics", make=_ics,
               file_parts=lambda repo, request: [t("export.file.ics"), _forum_slug(request.forum)],
               count_confidential=_ics_confidential),
)}
