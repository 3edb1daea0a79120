"""``samverkan serve``: the app in a browser, through textual-serve.

textual-serve runs a small web server; every browser connection starts its own app
process with the command given to it, here ``python -m tui.cli.serve --store …``,
which opens the store (several processes share it safely) and runs the app with the
browser keymap, the login screen and the idle lock (``tui.services.Served``).

Without accounts the app opens without a login, and only on this machine's loopback
address; any other host is refused until an account exists. A WebSocket from a page
of another origin is refused, so a web page the user happens to visit cannot drive
a local app.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from store.text.i18n import UserError, language, set_language, t
from tui.cli.common import EXIT_OK, EXIT_USER, Command, interruptible, store_path

PAGE = Path(__file__).resolve().parents[1] / "serve_page"


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_command(store: Path, lock_after_minutes: float) -> str:
    """The shell command textual-serve runs for each browser connection."""
    argv = [sys.executable, "-m", "tui.cli.serve", "--store", str(store), "--lang", language(),
            "--lock-after", f"{lock_after_minutes:g}"]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def make_server(command: str, host: str, port: int, public_url: str | None):
    from aiohttp import web
    from textual_serve.server import Server

    class StoreServer(Server):
        """textual-serve's server with our page, our words and an origin check."""

        async def handle_index(self, request: web.Request) -> web.Response:
            import aiohttp_jinja2

            context = await Server.handle_index.__wrapped__(self, request)
            context["text"] = {"lang": language(), "start": t("serve.page.start"),
                               "ended": t("serve.page.ended"), "restart": t("serve.page.restart")}
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            origin = request.headers.get("Origin")
            allowed = {request.host, urlsplit(self.public_url).netloc}
            if origin is not None and urlsplit(origin).netloc not in allowed:
                raise web.HTTPForbidden(text=t("serve.foreign_origin"))
            return await super().handle_websocket(request)

        async def on_startup(self, app: web.Application) -> None:
            self.console.print(t("serve.started", url=self.public_url), highlight=False)

    return StoreServer(command, host=host, port=port, title="samverkan", public_url=public_url,
                       templates_path=PAGE)


def cmd_serve(args: argparse.Namespace) -> int:
    from store.access import accounts
    from store.repository import Repository

    path = store_path(args).resolve()
    if not path.exists():
        raise UserError("store.missing", path=path)
    Repository(path).close()  # a broken store fails here with one sentence
    if args.lock_after < 1:
        raise UserError("serve.bad_lock_after")
    has_accounts = bool(accounts.load(accounts.users_path(path)))
    # Behind a reverse proxy the app listens on loopback but is reached from the network.
    public_host = urlsplit(args.public_url).hostname if args.public_url else None
    for host in (args.host, public_host):
        if host and not has_accounts and not is_loopback(host):
            raise UserError("serve.no_accounts_remote", host=host)
    server = make_server(served_command(path, args.lock_after), args.host, args.port, args.public_url)
    if not has_accounts:
        sys.stderr.write(t("serve.open_to_all", url=server.public_url) + "\n")
    interruptible()
    server.serve()
    return EXIT_OK


def register(command: Command) -> None:
    p = command("serve", cmd_serve, "cli.help.serve")
    p.add_argument("--host", default="127.0.0.1", help=t("cli.help.serve_host"))
    p.add_argument("--port", type=int, default=8000, help=t("cli.help.serve_port"))
    p.add_argument("--public-url", help=t("cli.help.serve_public_url"))
    p.add_argument("--lock-after", type=float, default=15.0, metavar="MINUTES",
                   help=t("cli.help.serve_lock_after"))


# -- one browser connection: ``python -m tui.cli.serve`` -----------------------------


def served_main(argv: list[str]) -> int:
    """Run the app for one browser connection (started by textual-serve)."""
    import tui  # noqa: F401  (the UI's words)
    from store.access.accounts import users_path
    from tui.app import create_app
    from tui.services import Served

    parser = argparse.ArgumentParser(prog="samverkan-served")
    parser.add_argument("--store", required=True)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--lock-after", type=float, default=15.0)
    args = parser.parse_args(argv)
    set_language(args.lang)
    path = Path(args.store)
    try:
        app = create_app(path, served=Served(users=users_path(path), lock_after=args.lock_after * 60))
    except UserError as error:
        sys.stderr.write(str(error) + "\n")
        return EXIT_USER
    app.run()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(served_main(sys.argv[1:]))
