"""``samverkan users``: the accounts of the served app (``samverkan serve``).

The accounts live beside the store (``samverkan.json.users``, mode 0600). Passwords are
read twice, from a prompt that does not echo them or, when standard input is not a
terminal, as two lines from it; only a scrypt hash is stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, emit_table, open_repo, store_path


def read_password() -> str:
    """The new password, typed twice."""
    if sys.stdin.isatty():
        first = getpass.getpass(t("users.prompt.password"))
        second = getpass.getpass(t("users.prompt.again"))
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline().rstrip("\r\n")
        if not first and not second:
            raise UserError("access.password_missing")
    if first != second:
        raise UserError("access.password_mismatch")
    return first


def _users_file(args: argparse.Namespace):
    from store.access.accounts import users_path

    return users_path(store_path(args))


def _forum_names(args: argparse.Namespace) -> dict[int, str]:
    with open_repo(args, write=False) as repo:
        return {f.id: f.name for f in repo.forums()}


def cmd_users(args: argparse.Namespace) -> int:
    from store.access import accounts

    found = accounts.load(_users_file(args))
    names = _forum_names(args) if any(a.forums for a in found) else {}
    rows = [{"name": a.name, "role": a.role, "forums": [names.get(f, f"#{f}") for f in a.forums]}
            for a in found]
    if args.format == "json":
        emit_json(rows)
    elif not rows:
        print(t("users.none", path=_users_file(args)))
    else:
        emit_table([t("users.col.name"), t("users.col.role"), t("users.col.forums")],
                   [[r["name"], t(f"access.role.{r['role']}"), ", ".join(r["forums"]) or "–"] for r in rows])
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from store.access import accounts

    forums: tuple[int, ...] = ()
    if args.forum:
        with open_repo(args, write=False) as repo:
            forums = tuple(repo.forum_by_name(name).id for name in args.forum)
    path = _users_file(args)
    if accounts.find(accounts.load(path), args.name):  # before the password is asked for
        raise UserError("access.user_exists", name=args.name)
    account = accounts.add(path, args.name, args.role, forums, read_password())
    sys.stderr.write(t("users.added", name=account.name, role=t(f"access.role.{account.role}"), path=path) + "\n")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from store.access import accounts

    account = accounts.remove(_users_file(args), args.name)
    sys.stderr.write(t("users.removed", name=account.name) + "\n")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    from store.access import accounts

    path = _users_file(args)
    if accounts.find(accounts.load(path), args.name) is None:
        raise UserError("access.unknown_user", name=args.name)
    account = accounts.set_password(path, args.name, read_password())
    sys.stderr.write(t("users.password_changed", name=account.name) + "\n")
    return EXIT_OK


# -- wiring -------------------------------------------------------------------------


def register(command: Command) -> None:
    from store.access.actor import ROLES
    from tui.cli.common import ArgumentParser, add_common

    p = command("users", cmd_users, "cli.help.users")
    p.add_argument("--format", choices=["table", "json"], default="table")
    sub = p.add_subparsers(dest="users_command", parser_class=ArgumentParser)

    def verb(name: str, handler, help_key: str) -> argparse.ArgumentParser:
        v = sub.add_parser(name, help=t(help_key), description=t(help_key))
        add_common(v)
        v.set_defaults(handler=handler)
        v.add_argument("name", metavar="NAME")
        return v

    v = verb("add", cmd_add, "cli.help.users_add")
    v.add_argument("--role", choices=ROLES, required=True)
    v.add_argument("--forum", action="append", metavar="FORUM", help=t("cli.help.users_forum"))
    verb("remove", cmd_remove, "cli.help.users_remove")
    verb("passwd", cmd_passwd, "cli.help.users_passwd")
