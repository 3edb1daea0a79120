"""The action list and the citizen-promise follow-up report, as safe Markdown.

Both read the action table once per call (``repo.action_docs()``, raw documents)
and build an index, so a ten-year store with 10,000 actions costs one pass, not
one pass per promise or owner.

The promise report is written to be published: it never carries confidential
text, and there is deliberately no switch to include it. Confidential actions that
were done still count towards what was achieved (the work happened); the report
says how many of those it does not describe.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from store.exports.minutes import (
    confidential_mark,
    date_week,
    date_year,
    none,
    omitted_line,
    owner_label,
    promise_label,
    status_word,
)
from store.exports.outcomes import PromiseOutcomes, published_line
from store.model.action import Action
from store.model.constants import ACTIVE_STATUSES, DECISION, DONE, PARTIES, STRUCK, TZ
from store.model.promise import Promise, Target
from store.repository import Repository
from store.review import promises as review
from store.rules import calendar as cal
from store.rules import clock
from store.rules.swedish import swedish_key
from store.text import markdown as md
from store.text.i18n import UserError, t

# -- periods ------------------------------------------------------------------------------

_PER_WORDS = ("period", "year", "term", "tertial", "quarter", "month", "week")
_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*[tT]\s*([1-3]))?\s*$")
# Tertials: Jan–Apr, May–Aug, Sep–Dec (as in "uppföljning varje tertial").
_TERTIAL_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}


def _period(text: str) -> tuple[date, date, str]:
    match = _PERIOD.match(text or "")
    if not match or not 1 <= int(match.group(1)) <= 9998:
        raise UserError("export.bad_period", text=text)
    year = int(match.group(1))
    if match.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31), t("export.report.period_year", year=year)
    tertial = int(match.group(2))
    first, last = _TERTIAL_MONTHS[tertial]
    end = date(year + last // 12, last % 12 + 1, 1).toordinal() - 1
    label = t(
        "export.report.period_tertial", year=year, tertial=tertial,
        first=t(f"calendar.month.{first}"), last=t(f"calendar.month.{last}"),
    )
    return date(year, first, 1), date.fromordinal(end), label


def parse_period(text: str) -> tuple[date, date]:
    """"2026" → the year; "2026-T1/T2/T3" → Jan–Apr, May–Aug, Sep–Dec (inclusive)."""
    start, end, _ = _period(text)
    return start, end


# -- promise state -------------------------------------------------------------------------
# The rule lives in store.review.promises (the chair's review screens use it too), so the
# published report and the TUI never disagree; here it is applied to the report's
# period and to what was done within it, counted from this call's one index.


def scaled_target(target: Target, start: date, end: date) -> int:
    """The target for [start, end]: per month × months, per tertial × months/4 … (rounded, ≥ 1)."""
    return review.target_total(target, start, end) or target.count


def promise_state(promise: Promise, done_count: int, today: date,
                  start: date | None = None, end: date | None = None, verdict: str | None = None) -> str:
    """kept | not_kept | at_risk | on_track | not_started | no_target for [start, end].

    The period defaults to the promise's own. See store.review.promises for the rule: kept
    when done reaches the scaled target; not kept once the period is over; at risk
    when the share done lags the share of the period gone by more than 0.15.
    """
    start = start or promise.period_start
    end = end or promise.period_end
    total = review.target_total(promise.target, start, end)
    return review.promise_state(done_count, total, start, end, today, verdict)


# -- shared helpers ------------------------------------------------------------------------


def _meeting_labels(repo: Repository):
    """meeting id → "Forum 2026-09-28", cached for one call: many actions share a meeting."""
    cache: dict[int, str] = {}

    def label(meeting_id: int | None) -> str:
        if not meeting_id:
            return none()
        if meeting_id not in cache:
            meeting = repo.meeting(meeting_id)
            forum = repo.forum(meeting.forum_id) if meeting else None
            cache[meeting_id] = (
                t("export.report.meeting", forum=md.inline(forum.name) if forum else none(),
                  date=cal.format_date(meeting.day))
                if meeting else none()
            )
        return cache[meeting_id]

    return label


def _done_day(doc: dict[str, Any]) -> date | None:
    """The Stockholm day the action was last marked done, if it is done now."""
    if doc.get("status") != DONE:
        return None
    stamps = [e["at"] for e in doc.get("history", ()) if e.get("status") == DONE and e.get("at")]
    if not stamps:
        return None
    at = datetime.fromisoformat(stamps[-1])  # history is in the order things happened
    return (at if at.tzinfo else at.replace(tzinfo=TZ)).astimezone(TZ).date()


# -- action list ---------------------------------------------------------------------------


def actions_markdown(repo: Repository, include_confidential: bool = False, today: date | None = None,
                     only_active: bool = True) -> str:
    """Actions grouped by organisation, then owner; each owner's overdue ones first."""
    today = today or clock.today()
    hidden = 0
    actions: list[Action] = []
    # Every active action is in the open file; only closed ones need the yearly archive.
    for key, doc in repo.action_docs(history=not only_active).items():
        if only_active and doc.get("status") not in ACTIVE_STATUSES:
            continue
        if doc.get("confidential") and not include_confidential:
            hidden += 1
            continue
        actions.append(Action.from_doc(doc, int(key)))

    groups: dict[tuple, dict[tuple, list[Action]]] = defaultdict(lambda: defaultdict(list))
    names: dict[tuple, str] = {}  # group key -> escaped heading
    for action in actions:
        person = repo.person(action.owner_person_id)
        org = repo.organisation(action.owner_organisation_id or (person.organisation_id if person else None))
        # Sort keys: organisations alphabetically, then people of no organisation, then
        # the ownerless last; within one, the organisation as a whole first, then people
        # alphabetically. A person is an owner even without an organisation.
        if org:
            org_key, heading = (0, swedish_key(org.name), org.id), md.inline(org.name)
        elif person:
            org_key, heading = (1, "", 0), t("export.actions.no_organisation")
        else:
            org_key, heading = (2, "", 0), t("export.actions.no_owner")
        owner_key = (org_key, 1, swedish_key(person.name), person.id) if person else (org_key, 0, "", 0)
        names[org_key] = heading
        if person:
            names[owner_key] = md.inline(person.name)
        elif org:
            names[owner_key] = t("export.actions.whole_organisation")
        groups[org_key][owner_key].append(action)

    meeting_label = _meeting_labels(repo)
    title = t("export.actions.title" if only_active else "export.actions.title_all")
    overdue = sum(a.is_overdue(today) for a in actions)
    blocks = [
        md.heading(1, title),
        t("export.actions.summary", date=date_year(today),
          count=len(actions), overdue=overdue),
        omitted_line(hidden),
    ]
    if not actions:
        blocks.append(t("export.actions.none"))
    headers = [t(f"export.col.{c}") for c in ("nr", "action", "due", "status", "meeting", "promise")]
    for org_key in sorted(groups):
        blocks.append(md.heading(2, names[org_key]))
        for owner_key, rows in sorted(groups[org_key].items()):
            rows.sort(key=lambda a: (not a.is_overdue(today), a.due or date.max, a.id))
            if owner_key in names:  # the ownerless group has no second level
                blocks.append(md.heading(3, names[owner_key]))
            blocks.append(md.table(headers, [_action_row(a, today, meeting_label) for a in rows], right=(0,)))
    return md.document(blocks)


def _action_row(action: Action, today: date, meeting_label) -> list[str]:
    status = status_word(action.status)
    if action.is_overdue(today):
        status = f"{status}, {md.strong(t('export.actions.overdue'))}"
    text = md.inline(action.text)
    return [
        str(action.id),
        f"{confidential_mark()} {text}" if action.confidential else text,
        date_week(action.due),
        status,
        meeting_label(action.origin_meeting_id),
        promise_label(action.promise_id),
    ]


# -- promise follow-up report ------------------------------------------------------------


def _overlaps(promise: Promise, start: date, end: date) -> bool:
    if promise.period_start is None and promise.period_end is None:
        return False
    return (promise.period_start or date.min) <= end and (promise.period_end or date.max) >= start


def report_markdown(repo: Repository, period: str, today: date | None = None) -> str:
    """Per promise: text, parties, target, achieved, state, activities, comments. Publishable."""
    start, end, label = _period(period)
    today = today or clock.today()
    last = end.isoformat()
    # Stored instants are Stockholm ISO strings; a day's margin covers any other offset.
    margin = (start - timedelta(days=1)).isoformat()

    # One pass over all actions: linked, not struck, not closed before the period.
    # With the archive: an action from an archived year may have been closed in this one.
    linked: dict[int, list[tuple[dict, date | None]]] = defaultdict(list)
    for key, doc in repo.action_docs().items():
        pid = doc.get("promise_id")
        status = doc.get("status")
        if not pid or status == STRUCK or (doc.get("created") or "")[:10] > last:
            continue
        history = doc.get("history") or ()
        if status == DONE and history and (history[-1].get("at") or "")[:10] < margin:
            continue  # closed well before the period: skip the date parsing
        done = _done_day(doc)
        if doc.get("status") == DONE and (done is None or done < start):
            continue
        linked[pid].append((dict(doc, _id=int(key)), done))

    # Decisions and information linked to promises, from the period's meetings only.
    entries: dict[int, list[tuple[Any, Any]]] = defaultdict(list)
    for meeting in repo.meetings_between(start, end):
        for entry in repo.entries(meeting.id) if meeting.id else ():
            if entry.promise_ids and not entry.confidential:
                for pid in entry.promise_ids:
                    entries[pid].append((meeting, entry))

    # A promise without dates is in the report when something was done for it in the period.
    promises = [
        p for p in repo.promises()
        if _overlaps(p, start, end)
        or (p.period_start is None and p.period_end is None
            and (p.id in entries or any(d and start <= d <= end for _, d in linked.get(p.id, ()))))
    ]
    blocks = [
        md.heading(1, t("export.report.title", period=label)),
        t("export.report.made", date=date_year(today)),
        published_line(repo, period),
    ]
    if not promises:
        blocks.append(t("export.report.none"))
    meeting_label = _meeting_labels(repo)
    for promise in promises:
        blocks += _promise_blocks(repo, promise, linked.get(promise.id, []), entries.get(promise.id, []),
                                  start, end, today, meeting_label)
    return md.document(blocks)


def _promise_blocks(repo, promise: Promise, linked, entries, start, end, today, meeting_label) -> list[str]:
    done_rows = [(doc, done) for doc, done in linked if done is not None and start <= done <= end]
    # Recorded outcomes count too, and the actions they cover do not count again.
    results = PromiseOutcomes(repo, promise.id, start, end)
    done_count, own = results.achieved([doc["_id"] for doc, _ in done_rows])
    hidden_done = sum(1 for doc, _ in done_rows if doc.get("confidential") and doc["_id"] not in results.covered)
    verdict = results.evaluation.verdict if results.evaluation else None
    state = promise_state(promise, done_count, today, start, end, verdict)

    title = " – ".join(md.inline(x) for x in (promise.municipality, promise.focus_area) if x.strip())
    heading = t("export.report.promise", label=promise_label(promise.id),
                title=title or t("export.report.untitled"))
    facts: list[tuple[str, str]] = []
    if promise.parties:
        words = [t(f"party.{p}") if p in PARTIES else md.inline(p) for p in promise.parties]
        facts.append(("parties", ", ".join(words)))
    dates = " – ".join(cal.format_date(d) for d in (promise.period_start, promise.period_end) if d)
    period_text = " ".join(x for x in (md.inline(promise.period_label), f"({dates})" if dates else "") if x)
    if period_text:
        facts.append(("period", period_text))
    target = promise.target if promise.target and promise.target.count > 0 else None
    scaled = review.target_total(target, start, end)
    if target and scaled:
        per = t(f"export.report.per.{target.per}") if target.per in _PER_WORDS else md.inline(target.per)
        key = "export.report.target_text" if scaled == target.count else "export.report.target_scaled"
        facts.append(("target", t(key, count=target.count, per=per, scaled=scaled)))
        achieved = results.achieved_words(done_count, own, scaled)
    else:
        facts.append(("target", t("export.report.no_target_text")))
        achieved = results.achieved_words(done_count, own, None)
    if hidden_done:
        achieved += f" ({t('export.report.achieved_hidden', count=hidden_done)})"
    facts.append(("achieved", achieved))
    facts.append(("state", md.strong(t(f"review.state.{state}"))))
    forum = repo.forum(promise.follow_up_forum_id) if promise.follow_up_forum_id else None
    where = (promise.follow_up_cadence, forum.name if forum else "")
    follow_up = ", ".join(md.inline(x) for x in where if x.strip())
    if follow_up:
        facts.append(("follow_up", follow_up))
    if promise.expected_effect.strip():
        facts.append(("effect", md.block(promise.expected_effect, indent=2)))

    blocks = [
        md.heading(2, heading),
        md.block(promise.text),
        md.bullets(f"{md.strong(t('export.report.' + key) + ':')} {value}" for key, value in facts),
        *results.blocks(meeting_label),
        md.heading(3, t("export.report.activities")),
    ]
    public = sorted(((doc, done) for doc, done in linked if not doc.get("confidential")),
                    key=lambda row: row[0]["_id"])
    if public:
        columns = ("nr", "activity", "owner", "status", "due", "done", "meeting")
        headers = [t(f"export.col.{c}") for c in columns]
        rows = []
        for doc, done in public:
            action = Action.from_doc(doc, doc["_id"])
            rows.append([
                str(action.id), md.inline(action.text), owner_label(repo, action), status_word(action.status),
                date_week(action.due), cal.format_date(done) if done else none(),
                meeting_label(action.origin_meeting_id),
            ])
        blocks.append(md.table(headers, rows, right=(0,)))
    else:
        blocks.append(t("export.report.no_activities"))
    if entries:
        items = []
        for meeting, entry in sorted(entries, key=lambda x: (x[0].start, x[1].id)):
            kind = t("kind.decision" if entry.kind == DECISION else "kind.info")
            label = md.strong(meeting_label(meeting.id) + ":")
            items.append(f"{label} {kind}: {md.block(entry.text, indent=2)}")
        blocks += [md.heading(3, t("export.report.entries")), md.bullets(items)]
    if promise.comments.strip():
        blocks += [md.heading(3, t("export.report.comments")), md.block(promise.comments)]
    return blocks
