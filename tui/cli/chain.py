"""``samverkan escalate``, ``decide``, ``justering``, ``approve`` and ``amend``: the chain
between forums and the justering of minutes, on the command line."""

from __future__ import annotations

import argparse

from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, emit_logged, open_repo, write_out

FORMATS = ("text", "json")


def _entry_id(text: str) -> int:
    """"812" or "#812", as ``samverkan show`` prints it."""
    number = text.strip().removeprefix("#")
    if not number.isdigit():
        raise UserError("chain.cli.bad_number", text=text)
    return int(number)


def cmd_escalate(args: argparse.Namespace) -> int:
    from store.review.chain import escalation_json

    number = _entry_id(args.entry)
    with open_repo(args, write=True) as repo:
        repo.operator = args.by or ""  # the raised line and the action's note are theirs
        forum = repo.forum_by_name(args.to)
        ids = {"action_id": number} if args.action else {"entry_id": number}
        escalation = repo.escalate(forum.id, text=args.text, by=args.by or "", **ids)
        view = escalation_json(repo, escalation)
    if args.format == "json":
        emit_json(view)
    else:
        to = view["to"]
        write_out(t("chain.cli.escalated", forum=to["forum"], date=to["date"], meeting=to["meeting"],
                agenda=to["agenda"] or "–", entry=to["entry"]))
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    from store.review.chain import escalation_json

    number = _entry_id(args.entry)
    with open_repo(args, write=True) as repo:
        escalation = repo.escalated_from(number)
        if escalation is None:
            raise UserError("chain.cli.not_raised", id=number)
        decision = repo.decide_escalation(escalation.id, " ".join(args.text))
        view = escalation_json(repo, repo.escalation(escalation.id), include_confidential=True)
    if args.format == "json":
        emit_json(view)
    else:
        origin = view["from"]
        write_out(t("chain.cli.decided", entry=decision.id, forum=origin["forum"] or "–", date=origin["date"] or "–"))
    return EXIT_OK


def _justering_text(view: dict, ref: str) -> str:
    justering = view["justering"]
    if justering["approved"]:
        lines = [t("chain.cli.approved", ref=ref, date=justering["approved_at"][:10], by=justering["approved_by"])]
    else:
        lines = [t("chain.cli.not_approved", ref=ref, justerare=justering["justerare"] or "–")]
    for amendment in justering["amendments"]:
        lines.append(t("chain.cli.amendment", date=amendment["at"][:10], by=amendment["by"], text=amendment["text"]))
    return "\n".join(lines)


def _justering_view(repo, meeting) -> dict:
    from store.review.chain import justering_json

    return {"meeting": meeting.id or None, "ref": repo.meeting_ref(meeting), "justering": justering_json(meeting)}


def _emit_justering(args: argparse.Namespace, view: dict) -> int:
    if args.format == "json":
        emit_json(view)
    else:
        write_out(_justering_text(view, view["ref"]))
    return EXIT_OK


def cmd_justering(args: argparse.Namespace) -> int:
    with open_repo(args, write=args.justerare is not None) as repo:
        meeting = repo.resolve_meeting(args.meeting, create=args.justerare is not None)
        if args.justerare is not None:
            meeting = repo.set_justerare(meeting.id, args.justerare)
        view = _justering_view(repo, meeting)
    return _emit_justering(args, view)


def cmd_approve(args: argparse.Namespace) -> int:
    with open_repo(args, write=True) as repo:
        meeting = repo.resolve_meeting(args.meeting)
        meeting = repo.approve(meeting.id, args.by)
        view = _justering_view(repo, meeting)
    return _emit_justering(args, view)


def cmd_amend(args: argparse.Namespace) -> int:
    from store.rules import clock
    from store.session.live import commit_quick_entry

    with open_repo(args, write=True) as repo:
        meeting = repo.resolve_meeting(args.meeting)
        repo.operator = args.by  # the corrected line is theirs, as the rättelse is
        with repo.amending(meeting.id, args.by):
            result = commit_quick_entry(repo, meeting, " ".join(args.text), today=clock.today(),
                                        create_owners=args.add_owner)
    emit_logged(args, result)
    return EXIT_OK


def register(command: Command) -> None:
    p = command("escalate", cmd_escalate, "chain.help.escalate")
    p.add_argument("entry", metavar="ENTRY", help=t("chain.help.entry"))
    p.add_argument("--to", required=True, metavar="FORUM", help=t("chain.help.to"))
    p.add_argument("--text", help=t("chain.help.text"))
    p.add_argument("--action", action="store_true", help=t("chain.help.action"))
    p.add_argument("--by", metavar="NAME", help=t("chain.help.raised_by"))
    p.add_argument("--format", choices=FORMATS, default="text")

    p = command("decide", cmd_decide, "chain.help.decide")
    p.add_argument("entry", metavar="ENTRY", help=t("chain.help.landed"))
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("text", nargs="+")

    p = command("justering", cmd_justering, "chain.help.justering")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--justerare", metavar="NAME", help=t("chain.help.justerare"))
    p.add_argument("--format", choices=FORMATS, default="text")

    p = command("approve", cmd_approve, "chain.help.approve")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--by", required=True, metavar="NAME", help=t("chain.help.approved_by"))
    p.add_argument("--format", choices=FORMATS, default="text")

    p = command("amend", cmd_amend, "chain.help.amend")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--by", required=True, metavar="NAME", help=t("chain.help.amended_by"))
    p.add_argument("--add-owner", action="store_true", help=t("cli.help.add_owner"))
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("text", nargs="+")
