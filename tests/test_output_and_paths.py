"""What differs between Windows, macOS and Linux at the edges: where the files are,
what the console can print, and the line endings of what is exported.

Windows itself does not run here; its text-mode standard output is what Python makes
of it there (a TextIOWrapper writing the ANSI code page with newline="\\r\\n"), made
here the same way.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.common import PRINTED, utf8_output
from tui.cli.main import main

EXPORTS = {  # kind -> its arguments after `samverkan export`
    "minutes": ["minutes", "Måndagsmöte Södertälje@2026-11-16", "--include-confidential"],
    "actions": ["actions", "--all", "--include-confidential"],
    "report": ["report", "--period", "2026"],
    "ics": ["ics", "Måndagsmöte", "--from", "2026-11-01", "--to", "2027-01-31"],
}


def samverkan() -> list[str]:
    """This run's own console script: `run()`, as a user starts it."""
    name = "samverkan.exe" if os.name == "nt" else "samverkan"
    return [str(Path(sys.executable).with_name(name))]


def windows_stdout(encoding: str = "cp1252") -> io.TextIOWrapper:
    """Standard output as Windows makes it when redirected to a file: ANSI code page, CRLF."""
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline="\r\n", write_through=True)


def written(stream: io.TextIOWrapper) -> bytes:
    stream.flush()
    return stream.buffer.getvalue()


# -- the console --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp437", "cp850", "cp1252", "latin-1"])
def test_a_console_that_cannot_write_swedish_gets_utf8(encoding: str, monkeypatch) -> None:
    out, err = windows_stdout(encoding), windows_stdout(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    utf8_output()
    assert out.encoding == err.encoding == "utf-8"
    print("Åtgärd 142 – försenad → v. 49")
    assert written(out).decode("utf-8") == "Åtgärd 142 – försenad → v. 49\r\n"


def test_a_console_that_can_is_left_alone(monkeypatch) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-16", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", out)
    utf8_output()
    assert out.encoding == "utf-16" and PRINTED.encode(out.encoding)


def test_tables_and_errors_print_swedish_on_a_console_without_it(demo_store: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    table = subprocess.run([*samverkan(), "actions", "--store", str(demo_store)], capture_output=True, env=env)
    assert table.returncode == 0, table.stderr.decode("utf-8", "replace")
    assert "åtgärd" in table.stdout.decode("utf-8") and "Måndagsmöte Södertälje" in table.stdout.decode("utf-8")

    error = subprocess.run([*samverkan(), "show", "9999", "--store", str(demo_store)], capture_output=True,
                           env={**os.environ, "PYTHONIOENCODING": "cp437"})
    sentence = error.stderr.decode("utf-8")
    assert error.returncode == 2 and sentence.count("\n") == 1
    assert "möte" in sentence and "–" in sentence and "\\u" not in sentence


# -- exports: the same bytes on every platform ----------------------------------------


def check_line_endings(kind: str, data: bytes) -> None:
    assert data.strip(), f"{kind}: empty"
    if kind == "ics":
        # RFC 5545 §3.1: content lines end in CRLF, the one export where \r belongs.
        assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r") > 5, kind
    else:
        assert b"\r" not in data, f"{kind}: a carriage return in the Markdown"


@pytest.mark.parametrize("kind", EXPORTS)
def test_every_export_written_to_a_file_has_lf_line_endings(kind: str, demo_store: Path, tmp_path: Path,
                                                              capsys) -> None:
    target = tmp_path / f"export.{kind}"
    assert main(["export", *EXPORTS[kind], "-o", str(target), "--store", str(demo_store)]) == 0
    capsys.readouterr()
    check_line_endings(kind, target.read_bytes())


@pytest.mark.parametrize("kind", EXPORTS)
def test_every_export_to_a_windows_stdout_has_the_bytes_of_the_file(kind: str, demo_store: Path,
                                                                     tmp_path: Path, capsys,
                                                                     monkeypatch) -> None:
    target = tmp_path / f"export.{kind}"
    assert main(["export", *EXPORTS[kind], "-o", str(target), "--store", str(demo_store)]) == 0
    out = windows_stdout()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["export", *EXPORTS[kind], "--store", str(demo_store)]) == 0
    data = written(out)
    check_line_endings(kind, data)
    assert data == target.read_bytes()


# -- paths ------------------------------------------------------------------------------


def test_paths_are_the_platforms_own(tmp_path: Path, monkeypatch) -> None:
    import platformdirs

    from store.persistence import settings

    monkeypatch.delenv("SAMVERKAN_STORE")
    for env in ({"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "c")},
                {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "  "}):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        # On Linux a hand-written rule stands in for platformdirs (README: it saves the
        # import at every call); it must give the same folders.
        assert settings.default_store_path() == Path(platformdirs.user_data_dir("samverkan", appauthor=False)) / "samverkan.json"
        assert settings.settings_path() == Path(platformdirs.user_config_dir("samverkan", appauthor=False)) / "settings.json"
    if sys.platform.startswith("linux"):
        assert settings.settings_path() == tmp_path / "home" / ".config" / "samverkan" / "settings.json"
        assert settings.default_store_path() == tmp_path / "home" / ".local" / "share" / "samverkan" / "samverkan.json"


def test_the_store_path_option_beats_the_variable_beats_the_platform(tmp_path: Path, monkeypatch, capsys) -> None:
    import json

    import platformdirs

    monkeypatch.delenv("SAMVERKAN_STORE")
    assert main(["config", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["store"] == str(
        Path(platformdirs.user_data_dir("samverkan", appauthor=False)) / "samverkan.json")
    monkeypatch.setenv("SAMVERKAN_STORE", str(tmp_path / "env.json"))
    assert main(["config", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["store"] == str(tmp_path / "env.json")
    assert main(["config", "--format", "json", "--store", str(tmp_path / "opt.json")]) == 0
    assert json.loads(capsys.readouterr().out)["store"] == str(tmp_path / "opt.json")
