"""``samverkan init``, ``check`` and ``config``: the store file and the settings."""

from __future__ import annotations

import argparse

from store.text.i18n import CATALOGUES, UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, interruptible, open_repo, store_path, write_out


def cmd_init(args: argparse.Namespace) -> int:
    from store.persistence.layout import new_store
    from store.repository import Repository

    path = store_path(args)
    today = None
    if args.today is not None:
        if not args.demo:
            raise UserError("cli.today_needs_demo")
        from store.repository import parse_iso_date

        today = parse_iso_date(args.today)
    if path.exists():
        raise UserError("store.exists", path=path)
    interruptible()
    try:
        # A failure or Ctrl-C removes what this call made, and nothing else.
        with new_store(path) as real, Repository(real, create=True) as repo:
            if args.demo:
                from store.demo.build import build_demo

                build_demo(repo, today=today)
    except KeyboardInterrupt:
        raise UserError("cli.init_interrupted", path=path) from None
    write_out(t("cli.init_done", path=path))
    return EXIT_OK


def _counted(table: str, count: int) -> str:
    """"28 åtgärder": a table's records in the language's words (the JSON keeps the table names)."""
    key = f"cli.table.{table}"
    return t(key, count=count) if key in CATALOGUES["sv"] else t("cli.table.other", name=table, count=count)


def cmd_check(args: argparse.Namespace) -> int:
    """Read everything, history included, and verify every reference; never writes."""
    with open_repo(args, write=False) as repo:
        broken = repo.broken_references()  # reads the history first
        counts = {name: len(repo.storage.tables.get(name, {})) for name in sorted(repo.storage.tables)}
    if args.format == "json":
        emit_json({"ok": not broken, "path": str(store_path(args)), "counts": counts,
                   "broken": [b.to_json() for b in broken]})
    if broken:
        first = broken[0]
        example = f"{first.table} {first.id} {first.field} → {first.target} {first.target_id}"
        raise UserError("cli.check_broken", path=store_path(args), count=len(broken), example=example)
    if args.format != "json":
        from store.model.tables import TABLES

        order = {name: n for n, name in enumerate(TABLES)}  # people and forums first, as the app
        write_out(t("cli.check_ok", path=store_path(args), summary=", ".join(
            _counted(name, counts[name]) for name in sorted(counts, key=lambda name: (order.get(name, 99), name)))))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from store.persistence.restore import restore

    done = restore(store_path(args), args.backup)
    write_out(t("cli.restore_done", path=store_path(args), backup=done.backup, commits=done.commits,
                replaced=done.replaced or "-"))
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    from store.persistence import settings

    if args.set_lang:
        settings.save(lang=args.set_lang)
    if args.set_empty_items:
        settings.save(empty_items=args.set_empty_items)
    current = settings.load()
    data = {"lang": current.get("lang", "sv"), "empty_items": settings.empty_items(),
            "path": str(settings.settings_path()), "store": str(store_path(args))}
    if args.format == "json":
        emit_json(data)
    else:
        # The setting's value is the command line's word (mark, omit); what it does, in the language's.
        write_out(t("cli.config", empty_words=t(f"cli.config.empty.{data['empty_items']}"), **data))
    return EXIT_OK


# -- wiring -------------------------------------------------------------------------


def register(command: Command) -> None:
    p = command("init", cmd_init, "cli.help.init")
    p.add_argument("--demo", action="store_true", help=t("cli.help.init_demo"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=t("cli.help.init_today"))

    p = command("check", cmd_check, "cli.help.check")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = command("restore", cmd_restore, "cli.help.restore")
    p.add_argument("backup", help=t("cli.help.restore_backup"))

    p = command("config", cmd_config, "cli.help.config")
    p.add_argument("--set-lang", choices=["sv", "en"])
    p.add_argument("--set-empty-items", choices=["mark", "omit"])
    p.add_argument("--format", choices=["text", "json"], default="text")
