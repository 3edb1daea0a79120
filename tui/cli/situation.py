"""``samverkan problems``, ``dialogues``, ``situation``, ``plan`` and ``activities``: the
lägesbild and the åtgärdsplan on the command line.

``problems`` lists the problems of a municipality and year with the measures that
address them and their flags; ``problems add`` / ``link`` / ``unlink`` write them.
Confidential problems are left out unless --include-confidential; the table says how
many were left out, JSON does not. Added to the parser by ``register(command)``.
"""

from __future__ import annotations

import argparse

from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, emit_table, open_repo, write_err, write_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from store.repository import Repository

FORMATS = ("table", "json")


def _year(args: argparse.Namespace) -> int | None:
    from store.rules.situation import check_year

    return check_year(args.year) if args.year is not None else None


def _date(text: str | None):
    from store.repository import parse_iso_date

    return parse_iso_date(text) if text else None


def links(repo: Repository, args: argparse.Namespace) -> list[tuple[str, int, int | None]]:
    """--promise L3, --action 12, --activity 1:2 as measure references, each checked."""
    from store.review.lookup import resolve_promise

    found: list[tuple[str, int, int | None]] = []
    for ref in args.promise or ():
        found.append(("promise", resolve_promise(repo, ref).id, None))
    for ref in args.action or ():
        if not ref.strip().isdigit():
            raise UserError("repo.unknown_action", id=ref)
        found.append(("action", int(ref), None))
    for ref in args.activity or ():
        agreement, _, key = ref.partition(":")
        if not (agreement.strip().isdigit() and key.strip().isdigit()):
            raise UserError("situation.bad_activity_ref", ref=ref)
        found.append(("activity", int(agreement), int(key)))
    for kind, ref_id, key in found:
        repo.check_measure(kind, ref_id, key)
    return found


# -- problems ----------------------------------------------------------------------------


def _problem_cells(row) -> list[str]:
    p = row.problem
    secret = f" [{t('review.confidential')}]" if p.confidential else ""
    return [
        t("situation.ref.problem", id=p.id),
        p.title + secret,
        p.category,
        p.area,
        str(p.year),
        ", ".join(t(f"situation.source.{s}") for s in p.sources),
        ", ".join(m.label() for m in row.measures),
        ", ".join(t(f"situation.flag.{f}") for f in row.flags),
    ]


def cmd_problems(args: argparse.Namespace) -> int:
    from store.review.situation import (
        hidden_problems,
        known_municipality,
        measure_flags,
        plan_measures,
        problem_rows,
    )

    year = _year(args)
    with open_repo(args, write=False) as repo:
        municipality = known_municipality(repo, args.municipality) if args.municipality else None
        rows = problem_rows(repo, municipality, year, include_confidential=args.include_confidential)
        if args.format == "json":
            emit_json([row.to_json(args.include_confidential) for row in rows])
            return EXIT_OK
        hidden = 0 if args.include_confidential else hidden_problems(repo, municipality, year)
        unlinked = []
        if municipality and year:
            unlinked = [m.label() for m in plan_measures(repo, municipality, year) if measure_flags(m)]
    if rows:
        emit_table([t(f"situation.col.{c}") for c in ("id", "title", "category", "area", "year", "sources",
                                                      "measures", "flags")],
                   [_problem_cells(row) for row in rows])
    else:
        write_out(t("situation.no_problems"))
    if unlinked:
        write_out("\n" + t("situation.unlinked", refs=", ".join(unlinked)))
    if hidden:
        key = "situation.hidden.one" if hidden == 1 else "situation.hidden.many"
        write_out("\n" + t(key, count=hidden))
    return EXIT_OK


def cmd_problems_add(args: argparse.Namespace) -> int:
    from store.model.situation import Problem
    from store.review.situation import problem_rows
    from store.rules.situation import parse_source

    problem = Problem(
        title=" ".join(args.title), municipality=args.municipality, year=_year(args) or 0,
        category=args.category or "", area=args.area or "", description=args.description or "",
        sources=[parse_source(s) for s in args.source or ()], dialogue_ids=list(args.dialogue or ()),
        noted=_date(args.date), confidential=args.confidential,
    )
    with open_repo(args, write=True) as repo:
        problem = repo.save_problem(problem, links(repo, args))
        row = next(r for r in problem_rows(repo, problem.municipality, problem.year) if r.problem.id == problem.id)
    if args.format == "json":
        emit_json(row.to_json(include_confidential=True))
    else:
        write_out(str(problem.id))
    return EXIT_OK


def _change_links(args: argparse.Namespace, unlink: bool) -> int:
    with open_repo(args, write=True) as repo:
        found = links(repo, args)
        if not found:
            raise UserError("situation.no_link_given")
        with repo.transaction():  # all the links change, or none
            for kind, ref_id, key in found:
                if unlink:
                    repo.unlink_problem(args.problem, kind, ref_id, key)
                else:
                    repo.link_problem(args.problem, kind, ref_id, key)
        measures = [m.ref for m in repo.measures_of_problem(args.problem)]
    key = "situation.linked.one" if len(measures) == 1 else "situation.linked.many"
    write_err(t(key, id=args.problem, count=len(measures)))
    return EXIT_OK


def cmd_problems_link(args: argparse.Namespace) -> int:
    return _change_links(args, unlink=False)


def cmd_problems_unlink(args: argparse.Namespace) -> int:
    return _change_links(args, unlink=True)


# -- dialogues, the lägesbild, the plan's decision, agreement activities --------------------


def _dialogue_json(d) -> dict:
    return {"id": d.id, "municipality": d.municipality, "year": d.year,
            "date": d.day.isoformat() if d.day else None, "place": d.place or None,
            "participants": d.participants, "raised": d.raised or None}


def cmd_dialogues(args: argparse.Namespace) -> int:
    from store.review.situation import known_municipality

    year = _year(args)
    with open_repo(args, write=False) as repo:
        municipality = known_municipality(repo, args.municipality) if args.municipality else None
        rows = [_dialogue_json(d) for d in repo.dialogues(municipality, year)]
    if args.format == "json":
        emit_json(rows)
    elif rows:
        emit_table([t(f"situation.col.{c}") for c in ("id", "municipality", "date", "place", "participants",
                                                      "raised")],
                   [[str(r["id"]), r["municipality"], r["date"] or str(r["year"]), r["place"] or "",
                     "" if r["participants"] is None else str(r["participants"]), r["raised"] or ""] for r in rows])
    else:
        write_out(t("situation.no_dialogues"))
    return EXIT_OK


def cmd_dialogues_add(args: argparse.Namespace) -> int:
    from store.model.situation import CitizenDialogue

    day = _date(args.date)
    if day is None and args.year is None:
        raise UserError("situation.date_or_year")
    dialogue = CitizenDialogue(args.municipality, day.year if day else (_year(args) or 0), day, args.place or "",
                               args.participants, args.raised or "")
    with open_repo(args, write=True) as repo:
        dialogue = repo.save_dialogue(dialogue)
    if args.format == "json":
        emit_json(_dialogue_json(dialogue))
    else:
        write_out(str(dialogue.id))
    return EXIT_OK


def _situation_json(s) -> dict:
    return {"id": s.id, "municipality": s.municipality, "year": s.year, "version": s.version,
            "analysis": s.analysis, "other_information": s.other_information, "focus_areas": list(s.focus_areas),
            "saved": s.saved.isoformat() if s.saved else None,
            "earlier": [{"version": v.version, "analysis": v.analysis, "saved": v.saved.isoformat() if v.saved else None}
                        for v in s.earlier]}


def cmd_situation(args: argparse.Namespace) -> int:
    year = _year(args)
    saving = not (args.analysis is None and args.other is None and args.focus is None)
    with open_repo(args, write=saving) as repo:
        from store.review.situation import known_municipality

        if args.analysis is None and args.other is None and args.focus is None:
            picture = repo.situation_picture(known_municipality(repo, args.municipality), year)
        else:
            picture = repo.save_situation_picture(args.municipality, year, args.analysis, args.other, args.focus,
                                                  _date(args.date))
    if picture is None:
        raise UserError("situation.no_picture", municipality=args.municipality, year=year)
    if args.format == "json":
        emit_json(_situation_json(picture))
        return EXIT_OK
    lines = [t("situation.picture_head", municipality=picture.municipality, year=picture.year,
               version=picture.version, date=picture.saved.isoformat() if picture.saved else "–")]
    if picture.focus_areas:
        lines.append(t("situation.focus_areas", areas=", ".join(picture.focus_areas)))
    lines += ["", picture.analysis] if picture.analysis else []
    lines += ["", picture.other_information] if picture.other_information else []
    write_out("\n".join(lines))
    return EXIT_OK


def cmd_plan_decide(args: argparse.Namespace) -> int:
    with open_repo(args, write=True) as repo:
        plan = repo.decide_plan(args.municipality, _year(args), args.by, _date(args.date) or _today())
    write_err(t("situation.plan_decided", municipality=plan.municipality, year=plan.year,
                body=plan.decided_by, date=plan.decided_on.isoformat()))
    return EXIT_OK


def _today():
    from store.rules import clock

    return clock.today()


def cmd_activities(args: argparse.Namespace) -> int:
    with open_repo(args, write=False) as repo:
        rows = [{"agreement": a.id, "agreement_name": a.name, "key": act.key,
                 "ref": f"{a.id}:{act.key}", "text": act.text, "owner": act.owner or None,
                 "target": act.target or None,
                 "problems": [p.id for p in repo.problems_of("activity", a.id, act.key)]}
                for a in repo.agreements() for act in a.activities]
    if args.format == "json":
        emit_json(rows)
    elif rows:
        emit_table([t(f"situation.col.{c}") for c in ("ref", "agreement", "text", "owner", "problems")],
                   [[r["ref"], r["agreement_name"], r["text"], r["owner"] or "",
                     ", ".join(t("situation.ref.problem", id=p) for p in r["problems"])] for r in rows])
    else:
        write_out(t("situation.no_activities"))
    return EXIT_OK


def cmd_activities_add(args: argparse.Namespace) -> int:
    with open_repo(args, write=True) as repo:
        activity = repo.add_activity(args.agreement, " ".join(args.text), args.owner or "", args.target or "")
    write_out(f"{args.agreement}:{activity.key}")
    return EXIT_OK


# -- wiring ------------------------------------------------------------------------------


def subcommands(parent: argparse.ArgumentParser, dest: str):
    """``add``, ``link`` … under a command: ``sub(name, handler, help_key)`` adds one."""
    subs = parent.add_subparsers(dest=dest, parser_class=type(parent))

    def sub(name: str, handler, help_key: str) -> argparse.ArgumentParser:
        p = subs.add_parser(name, help=t(help_key), description=t(help_key))
        # SUPPRESS: a sub-command's own default must not overwrite `problems --store X`.
        p.add_argument("--store", default=argparse.SUPPRESS, help=t("cli.help.store"))
        p.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS, help=t("cli.help.lang"))
        p.set_defaults(handler=handler)
        return p

    return sub


def _link_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--promise", action="append", metavar="REF", help=t("situation.help.promise"))
    p.add_argument("--action", action="append", metavar="ID", help=t("situation.help.action"))
    p.add_argument("--activity", action="append", metavar="A:K", help=t("situation.help.activity"))


def register(command: Command) -> None:
    p = command("problems", cmd_problems, "situation.help.problems")
    p.add_argument("--municipality", metavar="NAME", help=t("situation.help.municipality"))
    p.add_argument("--year", metavar="YEAR", help=t("situation.help.year"))
    p.add_argument("--include-confidential", action="store_true", help=t("review.help.include_confidential"))
    p.add_argument("--format", choices=FORMATS, default="table", help=t("review.help.format"))
    sub = subcommands(p, "problems_command")
    a = sub("add", cmd_problems_add, "situation.help.problems_add")
    a.add_argument("title", nargs="+")
    a.add_argument("--municipality", metavar="NAME", required=True, help=t("situation.help.municipality"))
    a.add_argument("--year", metavar="YEAR", required=True, help=t("situation.help.year"))
    a.add_argument("--category", help=t("situation.help.category"))
    a.add_argument("--area", help=t("situation.help.area"))
    a.add_argument("--description", help=t("situation.help.description"))
    a.add_argument("--source", action="append", metavar="SOURCE", help=t("situation.help.source"))
    a.add_argument("--dialogue", action="append", type=int, metavar="ID", help=t("situation.help.dialogue"))
    a.add_argument("--date", metavar="YYYY-MM-DD", help=t("situation.help.noted"))
    a.add_argument("--confidential", action="store_true", help=t("situation.help.confidential"))
    a.add_argument("--format", choices=("text", "json"), default="text", help=t("review.help.format"))
    _link_options(a)
    for name, handler in (("link", cmd_problems_link), ("unlink", cmd_problems_unlink)):
        link = sub(name, handler, f"situation.help.problems_{name}")
        link.add_argument("problem", type=int)
        _link_options(link)

    p = command("dialogues", cmd_dialogues, "situation.help.dialogues")
    p.add_argument("--municipality", metavar="NAME", help=t("situation.help.municipality"))
    p.add_argument("--year", metavar="YEAR", help=t("situation.help.year"))
    p.add_argument("--format", choices=FORMATS, default="table", help=t("review.help.format"))
    a = subcommands(p, "dialogues_command")("add", cmd_dialogues_add, "situation.help.dialogues_add")
    a.add_argument("--municipality", metavar="NAME", required=True, help=t("situation.help.municipality"))
    a.add_argument("--date", metavar="YYYY-MM-DD", help=t("situation.help.dialogue_date"))
    a.add_argument("--year", metavar="YEAR", help=t("situation.help.year"))
    a.add_argument("--place", help=t("situation.help.place"))
    a.add_argument("--participants", type=int, metavar="N", help=t("situation.help.participants"))
    a.add_argument("--raised", metavar="TEXT", help=t("situation.help.raised"))
    a.add_argument("--format", choices=("text", "json"), default="text", help=t("review.help.format"))

    p = command("situation", cmd_situation, "situation.help.situation")
    p.add_argument("--municipality", metavar="NAME", required=True, help=t("situation.help.municipality"))
    p.add_argument("--year", metavar="YEAR", required=True, help=t("situation.help.year"))
    p.add_argument("--analysis", metavar="TEXT", help=t("situation.help.analysis"))
    p.add_argument("--other", metavar="TEXT", help=t("situation.help.other"))
    p.add_argument("--focus", action="append", metavar="AREA", help=t("situation.help.focus"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("situation.help.saved"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("review.help.format"))

    p = command("plan", _missing("plan"), "situation.help.plan")
    a = subcommands(p, "plan_command")("decide", cmd_plan_decide, "situation.help.plan_decide")
    a.add_argument("--municipality", metavar="NAME", required=True, help=t("situation.help.municipality"))
    a.add_argument("--year", metavar="YEAR", required=True, help=t("situation.help.year"))
    a.add_argument("--by", metavar="BODY", required=True, help=t("situation.help.by"))
    a.add_argument("--date", metavar="YYYY-MM-DD", help=t("situation.help.decided_on"))

    p = command("activities", cmd_activities, "situation.help.activities")
    p.add_argument("--format", choices=FORMATS, default="table", help=t("review.help.format"))
    a = subcommands(p, "activities_command")("add", cmd_activities_add, "situation.help.activities_add")
    a.add_argument("agreement", type=int)
    a.add_argument("text", nargs="+")
    a.add_argument("--owner", help=t("situation.help.owner"))
    a.add_argument("--target", help=t("situation.help.target"))


def _missing(prog: str):
    def handler(args: argparse.Namespace) -> int:
        raise UserError("cli.bad_arguments", detail="decide", prog=f"samverkan {prog}")

    return handler
