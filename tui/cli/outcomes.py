"""``samverkan outcome`` and ``samverkan publication``: what came of a promise, and where
a follow-up was published.

``outcome add`` records a result on a promise (it counts towards the achieved figure
that ``samverkan promises`` shows); ``outcome evaluate`` judges a promise (genomfört /
delvis / ej genomfört, with a justification); ``outcome delete`` takes a mistaken
outcome back. Added to the parser by ``register(command)``.
"""

from __future__ import annotations

import argparse

from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, emit_table, open_repo, write_err, write_out
from tui.cli.situation import subcommands


def _date(text: str | None):
    from store.repository import parse_iso_date

    return parse_iso_date(text) if text else None


def _meeting_id(repo, ref: str | None) -> int | None:
    return repo.resolve_meeting(ref).id if ref else None


def _outcome_json(o) -> dict:
    return {"id": o.id, "promise": o.promise_id, "count": o.count, "text": o.text,
            "date": o.day.isoformat() if o.day else None, "source": o.source or None,
            "meeting": o.meeting_id, "actions": list(o.action_ids)}


def cmd_outcome_add(args: argparse.Namespace) -> int:
    from store.review.lookup import resolve_promise

    with open_repo(args, write=True) as repo:
        promise = resolve_promise(repo, args.promise)
        outcome = repo.add_outcome(promise.id, args.count, " ".join(args.text), _date(args.date), args.source or "",
                                   _meeting_id(repo, args.meeting), args.covers or ())
    if args.format == "json":
        emit_json(_outcome_json(outcome))
    else:
        write_out(str(outcome.id))
    return EXIT_OK


def cmd_outcome_evaluate(args: argparse.Namespace) -> int:
    from store.review.lookup import resolve_promise
    from store.rules.outcomes import parse_verdict

    verdict = parse_verdict(args.verdict)
    with open_repo(args, write=True) as repo:
        promise = resolve_promise(repo, args.promise)
        evaluation = repo.evaluate(promise.id, verdict, " ".join(args.text), _date(args.date),
                                   _meeting_id(repo, args.meeting))
    if args.format == "json":
        emit_json({"id": evaluation.id, "promise": evaluation.promise_id, "verdict": evaluation.verdict,
                   "justification": evaluation.justification, "date": evaluation.day.isoformat(),
                   "meeting": evaluation.meeting_id})
    else:
        write_out(str(evaluation.id))
    return EXIT_OK


def cmd_outcome_delete(args: argparse.Namespace) -> int:
    with open_repo(args, write=True) as repo:
        outcome = repo.delete_outcome(args.outcome)
    write_err(t("outcome.deleted", id=outcome.id, promise=outcome.promise_id, text=outcome.text))
    return EXIT_OK


def cmd_publications(args: argparse.Namespace) -> int:
    with open_repo(args, write=False) as repo:
        rows = [{"id": p.id, "kind": p.kind, "period": p.period, "where": p.where,
                 "date": p.day.isoformat() if p.day else None, "municipality": p.municipality or None}
                for p in repo.publications()]
    if args.format == "json":
        emit_json(rows)
    elif rows:
        emit_table([t(f"outcome.col.{c}") for c in ("id", "kind", "period", "where", "date")],
                   [[str(r["id"]), t(f"outcome.kind.{r['kind']}"), r["period"], r["where"], r["date"] or ""]
                    for r in rows])
    else:
        write_out(t("outcome.no_publications"))
    return EXIT_OK


def cmd_publication_add(args: argparse.Namespace) -> int:
    if args.kind == "report":
        from store.exports.reports import parse_period

        parse_period(args.period)  # a report's period as `export report --period` takes it
    else:
        from store.rules.situation import check_year

        check_year(args.period)
    with open_repo(args, write=True) as repo:
        publication = repo.record_publication(args.kind, args.period, args.where, _date(args.date),
                                              args.municipality or "")
    write_out(str(publication.id))
    return EXIT_OK


def _missing(args: argparse.Namespace) -> int:
    raise UserError("cli.bad_arguments", detail="add | evaluate | delete", prog="samverkan outcome")


def register(command: Command) -> None:
    p = command("outcome", _missing, "outcome.help")
    sub = subcommands(p, "outcome_command")
    a = sub("add", cmd_outcome_add, "outcome.help.add")
    a.add_argument("promise", metavar="PROMISE")
    a.add_argument("--count", type=int, required=True, metavar="N", help=t("outcome.help.count"))
    a.add_argument("--text", nargs="+", required=True, metavar="TEXT", help=t("outcome.help.text"))
    a.add_argument("--date", metavar="YYYY-MM-DD", help=t("outcome.help.date"))
    a.add_argument("--source", help=t("outcome.help.source"))
    a.add_argument("--meeting", metavar="MEETING", help=t("outcome.help.meeting"))
    a.add_argument("--covers", action="append", type=int, metavar="ACTION", help=t("outcome.help.covers"))
    a.add_argument("--format", choices=("text", "json"), default="text", help=t("review.help.format"))
    e = sub("evaluate", cmd_outcome_evaluate, "outcome.help.evaluate")
    e.add_argument("promise", metavar="PROMISE")
    e.add_argument("--verdict", required=True, help=t("outcome.help.verdict"))
    e.add_argument("--text", nargs="+", required=True, metavar="TEXT", help=t("outcome.help.justification"))
    e.add_argument("--date", metavar="YYYY-MM-DD", help=t("outcome.help.date"))
    e.add_argument("--meeting", metavar="MEETING", help=t("outcome.help.meeting"))
    e.add_argument("--format", choices=("text", "json"), default="text", help=t("review.help.format"))
    d = sub("delete", cmd_outcome_delete, "outcome.help.delete")
    d.add_argument("outcome", type=int, metavar="ID")

    p = command("publication", cmd_publications, "outcome.help.publication")
    p.add_argument("--format", choices=("table", "json"), default="table", help=t("review.help.format"))
    a = subcommands(p, "publication_command")("add", cmd_publication_add, "outcome.help.publication_add")
    a.add_argument("kind", choices=("report", "plan"))
    a.add_argument("--period", required=True, help=t("outcome.help.period"))
    a.add_argument("--where", required=True, help=t("outcome.help.where"))
    a.add_argument("--date", metavar="YYYY-MM-DD", help=t("outcome.help.published_on"))
    a.add_argument("--municipality", metavar="NAME", help=t("situation.help.municipality"))
