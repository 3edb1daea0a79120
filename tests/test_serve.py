"""samverkan serve: who may be served where, and the command each browser connection
runs (the page, the origin check and the app itself: tests/test_browser.py)."""

from __future__ import annotations

import shlex
from pathlib import Path

from tui.cli.main import main
from tui.cli.serve import is_loopback, served_command


def test_loopback_hosts() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.1.2.3", "samverkan.kommun.se", "::"))


def test_other_hosts_are_refused_while_no_account_exists(demo_store: Path, capsys) -> None:
    for host in ("0.0.0.0", "192.168.1.10"):
        code = main(["serve", "--host", host, "--store", str(demo_store)])
        err = capsys.readouterr().err
        assert code == 2 and "kräver konton" in err and host in err and err.count("\n") == 1
    # Behind a reverse proxy on this machine: loopback, but reached from the network.
    code = main(["serve", "--public-url", "https://samverkan.kommun.se", "--store", str(demo_store)])
    assert code == 2 and "samverkan.kommun.se" in capsys.readouterr().err


def test_lock_after_must_be_a_minute_or_more(demo_store: Path, capsys) -> None:
    assert main(["serve", "--lock-after", "0", "--store", str(demo_store)]) == 2
    assert "minst 1 minut" in capsys.readouterr().err


def test_each_connection_runs_the_served_app_on_this_store(tmp_path: Path) -> None:
    store = tmp_path / "mapp med mellanslag" / "samverkan.json"
    argv = shlex.split(served_command(store, 15))
    assert argv[1:4] == ["-m", "tui.cli.serve", "--store"] and argv[4] == str(store)
    assert argv[-2:] == ["--lock-after", "15"]
