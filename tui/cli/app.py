"""``samverkan`` without a command: the app, on the user's store or a fresh demo copy."""

from __future__ import annotations

import argparse
from pathlib import Path

from store.text.i18n import UserError
from tui.cli.common import EXIT_OK, interruptible, store_path


def demo_store() -> Path:
    """A fresh temporary copy of the demo data; the user's store is never touched."""
    import tempfile

    from store.demo.build import build_demo
    from store.repository import Repository

    folder = Path(tempfile.mkdtemp(prefix="samverkan-demo-"))
    path = folder / "samverkan.json"
    with Repository(path, create=True) as repo:
        build_demo(repo)
    return path


def open_app(path: Path, demo: bool = False):
    """The app on the store at ``path``, opened once (a broken store fails here, with
    one sentence, before Textual is even imported)."""
    from store.repository import Repository

    repo = Repository.for_app(path)
    from tui.app import create_app

    return create_app(repo=repo, demo=demo)


def run_tui(args: argparse.Namespace) -> int:
    if args.demo:
        path = demo_store()
    else:
        path = store_path(args)
        if not path.exists():
            raise UserError("store.missing", path=path)
    app = open_app(path, demo=args.demo)
    interruptible()
    app.run()
    if args.demo:
        import shutil

        shutil.rmtree(path.parent, ignore_errors=True)
    return EXIT_OK
