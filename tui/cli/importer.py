"""``samverkan import promises FILE``: published promise texts into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store.model.constants import PARTIES
from store.text.i18n import UserError, t
from store.text.os_errors import os_reason
from tui.cli.common import EXIT_OK, emit_json, emit_table, open_repo, write_err


def read_text(source: str) -> str:
    """The text of FILE (or standard input for '-'); one sentence if it can't be read."""
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise UserError("import.unreadable", path=source, reason=os_reason(error)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("import.not_text", path=source) from None


def _cell(text: str, doubtful: bool) -> str:
    return f"{text} ?" if doubtful else text


def parties_words(parties: list[str]) -> str:
    """The three kinds in words, other parties by name."""
    return ", ".join(t(f"party.{p}") if p in PARTIES else p for p in parties)


def cmd_import(args: argparse.Namespace) -> int:
    from store.importer.promises import promise_to_json, read_promises

    text = read_text(args.file)
    items = read_promises(text, municipality=args.municipality)
    if not items:
        raise UserError("import.nothing_found", path=args.file)
    promises = [item.promise for item in items]
    rows = [promise_to_json(i.promise, i.uncertain, i.outcomes) for i in items]
    result = None
    if not args.dry_run:
        from store.importer.saving import save_import
        from store.rules import clock

        # The same save as the app's import review: new promises, and the outcomes a
        # follow-up page published under them, in one transaction.
        with open_repo(args, write=True) as repo:
            result = save_import(repo, [(i.promise, i.outcomes) for i in items], clock.today(),
                                 t("importer.outcome_source"))
        saved = {id(p): p.id for p in result.promises}
        for row, promise in zip(rows, promises):
            row["id"] = saved.get(id(promise))
            row["saved"] = id(promise) in saved
    if args.format == "json":
        emit_json(rows)
        return EXIT_OK
    emit_table(
        [t(f"import.col.{c}") for c in ("period", "focus_area", "parties", "target", "text")],
        [
            [
                _cell(r["period"] or "", "period" in r["uncertain"]),
                _cell((r["focus_area"] or "")[:30], "focus_area" in r["uncertain"]),
                _cell(parties_words(i.promise.parties), "parties" in r["uncertain"]),
                _cell(t("import.target", count=r["target"]["count"], per=t(f"import.per.{r['target']['per']}"))
                      if r["target"] else "–", "target" in r["uncertain"]),
                r["text"][:70] + ("…" if len(r["text"]) > 70 else ""),
            ]
            for r, i in zip(rows, items)
        ],
    )
    doubtful = sum(1 for r in rows if r["uncertain"])
    if doubtful:
        write_err(t("import.doubtful", count=doubtful))
    if args.dry_run:
        write_err(t("import.dry_run", count=len(rows)))
    else:
        new = sum(1 for r in rows if r["saved"])
        write_err(t("import.saved", count=new, skipped=len(rows) - new))
        if result is not None and (result.outcomes or result.repeated):
            write_err(t("import.outcomes_saved", count=result.outcomes, repeated=result.repeated))
    return EXIT_OK


def register(command) -> None:
    p = command("import", cmd_import, "import.help")
    p.add_argument("what", choices=["promises"], help=t("import.help.what"))
    p.add_argument("file", help=t("import.help.file"))
    p.add_argument("--dry-run", action="store_true", help=t("import.help.dry_run"))
    p.add_argument("--municipality", help=t("import.help.municipality"))
    p.add_argument("--format", choices=["table", "json"], default="table")
