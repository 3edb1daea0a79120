"""``samverkan actions`` and ``samverkan promises``: the chair's review on the command line.

Added to the parser by ``register(command)`` (``tui.cli.main.build_parser``). Only store code is
imported here (no Textual), so a listing starts as fast as the store opens. A listing
without an owner or organisation to look up by name reads the open-work listing beside
the store (``store.persistence.listing``) instead — its active actions, and for a
query that wants them the closed ones and history's from the yearly summaries — and
does not even load TinyDB: the same ``ActionIndex`` and the same output, from files a
fraction of the store's size.
Confidential actions are left out of every listing unless --include-confidential;
the table and Markdown say how many were left out, JSON does not. The table is
terminal-safe (``store.text.terminal``), the Markdown escaped as every export is
(``store.text.markdown``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from store.model.constants import ACTION_STATUSES, ACTIVE_STATUSES, PARTIES
from store.review.action_index import ActionIndex
from store.review.action_rows import ACTIVE, GROUP_BY, SORT_COLUMNS, ActionColumns, ActionFilter, due_date
from store.review.lookup import find_forum, find_organisation, resolve_owner, resolve_promise
from store.text.i18n import t
from store.text.terminal import safe_text, safe_texts
from tui.cli.common import emit_json, open_repo, store_path

TYPE_CHECKING = False  # typing costs every call ~3 ms; these names are for annotations
if TYPE_CHECKING:
    from typing import Any

    from store.persistence.listing_source import ListingSource
    from store.repository import Repository
    from store.review.promises import PromiseProgress

FORMATS = ("table", "md", "json")
ACTION_COLUMNS = ("id", "text", "owner", "organisation", "due", "status", "forum", "promise")
PROMISE_COLUMNS = ("promise_id", "promise_text", "parties", "period", "focus_area", "progress", "state")
TABLE_TEXT_WIDTH = 70


def _open_listing(args: argparse.Namespace) -> ListingSource | None:
    """The open-work listing, when it can answer this query on its own: no owner or
    organisation to look up (forums and promises it knows by name); with the closed
    actions and history's when the query wants them. None means: open the store."""
    if args.org or args.owner:
        return None
    active_only = args.open or args.overdue or bool(
        args.status and set(ActionFilter(status=set(args.status)).statuses()) <= set(ACTIVE_STATUSES))
    from store.persistence.listing_source import open_listing

    return open_listing(store_path(args), closed=not active_only)


def _write(text: str) -> None:
    sys.stdout.write(safe_text(text))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# -- actions ---------------------------------------------------------------------


def _action_cells(cols: ActionColumns, full_text: bool) -> list[list[str]]:
    """Cells of a listing, column by column; many actions share a due date, a status
    and a promise, so each distinct value is formatted once."""
    secret = f" [{t('review.confidential')}]"
    text = [
        (body if full_text else _short(body, TABLE_TEXT_WIDTH)) + (secret if confidential else "")
        for body, confidential in zip(cols.text, cols.confidential)
    ]
    overdue_word = t("review.overdue")
    statuses = {
        (status, late): (t(f"status.action.{status}") if status else "")
        + (f", {overdue_word}" if late else "")
        for status in {*cols.status, ""} for late in (False, True)
    }
    dues: dict[int | None, str] = {None: ""}
    for value in set(cols.due) - {None}:
        day = due_date(value)
        dues[value] = f"{day.isoformat()} {t('calendar.week', week=day.isocalendar().week)}"
    refs = {pid: t("review.promise_ref", id=pid) for pid in set(cols.promise) - {None}}
    refs[None] = ""
    return [
        [str(i) for i in cols.id],
        text,
        cols.owner,
        cols.organisation,
        [dues[d] for d in cols.due],
        [statuses[k] for k in zip(cols.status, cols.overdue)],
        cols.forum,
        [refs[p] for p in cols.promise],
    ]


def action_filter(repo: Repository, args: argparse.Namespace) -> ActionFilter:
    """The command line's options as a filter; unknown names are one sentence (exit 2)."""
    statuses: set[str] | None = set(args.status) if args.status else None
    if args.open:  # with --status too: only the active ones of those (maybe none)
        active = set(ACTIVE_STATUSES)
        statuses = active if statuses is None else set(ActionFilter(status=statuses).statuses()) & active
    names: dict[str, int | None] = {}
    if args.forum:
        names["forum_id"] = find_forum(repo, args.forum).id
    if args.org:
        names["organisation_id"] = find_organisation(repo, args.org).id
    if args.owner:
        person_id, org_id = resolve_owner(repo, args.owner)
        names["owner_person_id"] = person_id
        if org_id is not None:
            names["organisation_id"] = org_id
    if args.promise:
        names["promise_id"] = resolve_promise(repo, args.promise).id
    return ActionFilter(
        status=statuses,
        overdue=args.overdue,
        due_this_week=args.due_this_week,
        text=" ".join(args.text or []),
        include_confidential=args.include_confidential,
        **names,
    )


def cmd_actions(args: argparse.Namespace) -> int:
    with _open_listing(args) or open_repo(args, write=False) as repo:
        with ActionIndex(repo) as index:
            flt = action_filter(repo, args)
            ids, hidden = index.query_and_hidden(flt, sort=args.sort, descending=args.desc)
            if args.group_by:
                groups = [(group, members) for group, members in index.grouped(ids, args.group_by)]
            else:
                groups = [(None, ids)]
            if args.format == "json":
                if args.group_by:
                    data: Any = [
                        {"group": g.label, "key": g.key, "count": g.count,
                         "actions": [r.to_json() for r in index.rows(members)]}
                        for g, members in groups
                    ]
                else:
                    data = [r.to_json() for r in index.rows(ids)]
                emit_json(data)
                return 0
            full = args.format == "md"
            cell_groups = [(g, _action_cells(index.columns(members), full)) for g, members in groups]
    if not ids:
        _write(t("review.no_actions") + "\n")
    else:
        headers = [t(f"review.col.{c}") for c in ACTION_COLUMNS]
        _write("\n".join(_render(headers, cell_groups, args.format)) + "\n")
    if hidden:
        note = t("review.hidden", count=hidden)
        if args.format == "md":
            from store.text import markdown as md

            note = md.emphasis(md.inline(note))
        _write("\n" + note + "\n")
    return 0


def _render(headers: list[str], groups: list[tuple[Any, list[list[str]]]], fmt: str) -> list[str]:
    """Lines of a table (or Markdown) of groups given column by column."""
    lines: list[str] = []
    if fmt == "md":
        from store.text import markdown as md  # the table, the usual format, needs none of it

        head = [md.inline(h) for h in headers]
        for group, columns in groups:
            if group is not None:
                if lines:
                    lines.append("")
                heading = t("review.group.heading", label=group.label, count=group.count)
                lines += [md.heading(3, md.inline(heading)), ""]
            cells = [[md.inline(cell) for cell in row] for row in zip(*columns)]
            lines.append(md.table(head, cells, compact_rule=True))
        return lines
    # Escapes make a cell wider: made visible before the widths are measured.
    groups = [(group, [safe_texts(column) for column in columns]) for group, columns in groups]
    # One set of column widths for every group, so the columns line up down the page.
    widths = [len(h) for h in headers]
    for _, columns in groups:
        widths = [max(w, max(map(len, column), default=0)) for w, column in zip(widths, columns)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for group, columns in groups:
        if group is not None:
            lines += ["", t("review.group.heading", label=group.label, count=group.count)]
        # One %-format a row, mapped in C: thousands of actions in a few milliseconds.
        pattern = "  ".join(f"%-{w}s" for w in widths)
        lines += map(str.rstrip, map(pattern.__mod__, zip(*columns)))
    return lines


# -- promises --------------------------------------------------------------------


def _promise_cells(row: PromiseProgress, full_text: bool) -> list[str]:
    from store.rules.periods import period_label

    p = row.promise
    if row.target_total is None:
        progress = t("review.progress.no_target", done=row.done, linked=len(row.linked))
    else:
        progress = t("review.progress.target", done=row.done, target=row.target_total)
    return [
        t("review.promise_ref", id=p.id),
        p.text if full_text else _short(p.text, TABLE_TEXT_WIDTH),
        ", ".join(t(f"party.{party}") if party in PARTIES else party for party in p.parties),
        period_label(p),
        p.focus_area,
        progress,
        t(f"review.state.{row.state}"),
    ]


def cmd_promises(args: argparse.Namespace) -> int:
    with open_repo(args, write=False) as repo:
        from store.review.promises import promise_rows  # the promises, not the actions, need it

        rows = promise_rows(repo, municipality=args.municipality, period=args.period, party=args.party)
    if args.format == "json":
        emit_json([row.to_json() for row in rows])
        return 0
    if not rows:
        _write(t("review.no_promises") + "\n")
        return 0
    headers = [t(f"review.col.{c}") for c in PROMISE_COLUMNS]
    cells = [_promise_cells(row, args.format == "md") for row in rows]
    columns = [list(column) for column in zip(*cells)]
    _write("\n".join(_render(headers, [(None, columns)], args.format)) + "\n")
    return 0


# -- wiring ----------------------------------------------------------------------


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("actions", cmd_actions, "review.help.actions")
    p.add_argument("--open", action="store_true", help=t("review.help.open"))
    p.add_argument("--overdue", action="store_true", help=t("review.help.overdue"))
    p.add_argument("--due-this-week", action="store_true", help=t("review.help.due_this_week"))
    p.add_argument(
        "--status", action="append", choices=[*ACTION_STATUSES, ACTIVE], help=t("review.help.status")
    )
    p.add_argument("--forum", metavar="NAME", help=t("review.help.forum"))
    p.add_argument("--org", metavar="NAME", help=t("review.help.org"))
    p.add_argument("--owner", metavar="NAME", help=t("review.help.owner"))
    p.add_argument("--promise", metavar="ID", help=t("review.help.promise"))
    p.add_argument("--text", nargs="+", metavar="WORD", help=t("review.help.text"))
    p.add_argument("--sort", choices=SORT_COLUMNS, default="due", help=t("review.help.sort"))
    p.add_argument("--desc", action="store_true", help=t("review.help.desc"))
    p.add_argument("--group-by", choices=GROUP_BY, help=t("review.help.group_by"))
    p.add_argument("--include-confidential", action="store_true", help=t("review.help.include_confidential"))
    p.add_argument("--format", choices=FORMATS, default="table", help=t("review.help.format"))

    p = command("promises", cmd_promises, "review.help.promises")
    p.add_argument("--period", metavar="P", help=t("review.help.period"))
    p.add_argument("--municipality", metavar="NAME", help=t("review.help.municipality"))
    p.add_argument("--party", metavar="PARTY", help=t("review.help.party"))
    p.add_argument("--format", choices=FORMATS, default="table", help=t("review.help.format"))
