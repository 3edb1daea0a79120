"""Build the demo store from the published promise texts.

    .venv/bin/python examples/build_demo.py PATH [--today YYYY-MM-DD]

The texts ship inside the package (store/demo/seeds/, read with importlib.resources),
so an installed samverkan builds the same demo; this script is the same builder
(store.demo.build.build_demo) as 'samverkan init --demo [--today DATE]' and
'samverkan --demo'. Dates are relative to today so the demo always looks current;
--today builds it as of another day. The store it writes is generated data: never
commit it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.demo.build import build_demo  # noqa: E402
from store.repository import Repository  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"{args.path} exists; choose a new path", file=sys.stderr)
        return 2
    with Repository(args.path, create=True) as repo:
        build_demo(repo, today=args.today)
        counts = {name: len(docs) for name, docs in sorted(repo.storage.tables.items())}
    print(f"{args.path}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
