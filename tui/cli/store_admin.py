"""``samverkan init``, ``check`` and ``config``: the store file and the settings."""

from __future__ import annotations

import argparse

from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, open_repo, store_path, write_out


def cmd_init(args: argparse.Namespace) -> int:
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
    try:
        with Repository(path, create=True) as repo:
            if args.demo:
                from store.demo.build import build_demo

                build_demo(repo, today=today)
    except BaseException:
        # Never leave a half-made store behind for the next command to trip over.
        for leftover in path.parent.glob(path.name + "*"):
            if leftover.is_file():
                leftover.unlink()
        raise
    write_out(t("cli.init_done", path=path))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with open_repo(args) as repo:
        counts = {name: len(repo.storage.tables.get(name, {})) for name in sorted(repo.storage.tables)}
    if args.format == "json":
        emit_json({"ok": True, "path": str(store_path(args)), "counts": counts})
    else:
        write_out(t("cli.check_ok", path=store_path(args), summary=", ".join(f"{k} {v}" for k, v in counts.items())))
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    from store.persistence import settings

    if args.set_lang:
        settings.save(lang=args.set_lang)
    current = settings.load()
    data = {"lang": current.get("lang", "sv"), "path": str(settings.settings_path()),
            "store": str(store_path(args))}
    if args.format == "json":
        emit_json(data)
    else:
        write_out(t("cli.config", **data))
    return EXIT_OK


# -- wiring -------------------------------------------------------------------------


def register(command: Command) -> None:
    p = command("init", cmd_init, "cli.help.init")
    p.add_argument("--demo", action="store_true", help=t("cli.help.init_demo"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=t("cli.help.init_today"))

    p = command("check", cmd_check, "cli.help.check")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = command("config", cmd_config, "cli.help.config")
    p.add_argument("--set-lang", choices=["sv", "en"])
    p.add_argument("--format", choices=["text", "json"], default="text")
