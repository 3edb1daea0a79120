"""User text stays text wherever it goes: in every Markdown output (one writer,
store.text.markdown) and on every terminal (one function, store.text.terminal, and
the app's line filter).

Markdown is parsed with markdown-it as a mail client or wiki would; terminal output
is searched for the characters a terminal obeys. The hostile text comes from where it
does in real life: a promise file, a line logged from a script, a forum's name.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.geometry import Region

from store.exports.registry import EXPORTS, ExportRequest
from store.model.constants import MUNICIPALITY, WEEKLY
from store.model.forum import Cadence, Forum
from store.model.people import Organisation
from store.repository import Repository
from store.text.terminal import UNSAFE, safe_json, safe_text
from tests.conftest import FROZEN
from tests.test_exports import FORBIDDEN_BLOCK, FORBIDDEN_INLINE, HOSTILE, PARSER, build_text_world
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "store" / "demo" / "seeds" / "nykvarn-medborgarloften-2021-2022.txt"
# What a hostile (or merely broken) file or script brings: set the window title, clear
# the screen, a NUL byte, and a right-to-left override that hides what follows.
TITLE, CLEAR, NUL, RLO = "\x1b]0;pwned\x07", "\x1b[2J", "\x00", "\u202e"
BAD = f"Trygghetsvandring{TITLE} i centrum{CLEAR} kväll{NUL} {RLO}gnilleh"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- one Markdown writer -----------------------------------------------------------------------


def assert_nothing_became_markup(text: str, headings: int = 0) -> None:
    toks = PARSER.parse(text)
    assert not {t.type for t in toks} & FORBIDDEN_BLOCK
    assert not {t.type for t in toks} & {"bullet_list_open", "ordered_list_open"}
    assert sum(t.type == "heading_open" for t in toks) == headings  # only the writer's own
    inline = {c.type for t in toks for c in t.children or ()}
    assert not inline & FORBIDDEN_INLINE - {"em_open"}
    assert inline <= {"text", "softbreak", "hardbreak", "em_open", "em_close"}
    html = PARSER.render(text)
    assert "<script>" not in html and "<a " not in html and "<img" not in html
    words = "".join(c.content for t in toks for c in t.children or ())
    assert "<script>alert(1)</script>" in words and "![b](y)" in words and "[länk](http://x.se)" in words


def cells_per_row(text: str) -> set[int]:
    toks = PARSER.parse(text)
    counts, count = set(), 0
    for tok in toks:
        if tok.type == "tr_open":
            count = 0
        elif tok.type in ("th_open", "td_open"):
            count += 1
        elif tok.type == "tr_close":
            counts.add(count)
    return counts


@pytest.fixture
def hostile_store(store_file: Path, frozen) -> Path:
    with Repository(store_file, create=True) as repo:
        build_text_world(repo, HOSTILE)
    return store_file


@pytest.mark.parametrize("args, headings", [
    (("actions", "--format", "md", "--status", "done", "--status", "open"), 0),
    (("actions", "--format", "md", "--group-by", "owner"), 1),
    (("promises", "--format", "md"), 0),
])
def test_command_line_markdown_is_escaped_as_the_exports_are(hostile_store, capsys, args, headings) -> None:
    code, out, _ = run(capsys, *args, "--store", str(hostile_store))
    assert code == 0
    assert_nothing_became_markup(out, headings)
    assert cells_per_row(out) == {8 if args[0] == "actions" else 7}
    assert "| --- |" not in out and "|---|---|" in out  # the listings' rule line, as before


@pytest.mark.parametrize("kind", [name for name, kind in EXPORTS.items() if kind.markdown])
def test_every_markdown_export_of_the_registry_is_escaped(repo: Repository, frozen, kind: str) -> None:
    meeting, _ = build_text_world(repo, HOSTILE)
    request = ExportRequest(meeting=meeting, period="2026", include_confidential=True, today=FROZEN.date())
    text = EXPORTS[kind].document(repo, request).decode()
    toks = PARSER.parse(text)
    assert not {t.type for t in toks} & FORBIDDEN_BLOCK
    assert not {c.type for t in toks for c in t.children or ()} & FORBIDDEN_INLINE
    assert "<script>" not in PARSER.render(text)


# -- one terminal-safe text function -----------------------------------------------------------


def test_safe_text_shows_what_a_terminal_would_obey() -> None:
    assert safe_text(BAD) == r"Trygghetsvandring\x1b]0;pwned\x07 i centrum\x1b[2J kväll\x00 \u202egnilleh"
    assert safe_text("rad ett\r\nrad två\tslut") == "rad ett\nrad två\tslut"
    assert safe_text("\x9b31m \udce5") == r"\x9b31m \udce5"
    assert safe_text("Måndagsmöte – v. 48") == "Måndagsmöte – v. 48"
    assert json.loads(safe_json({"t": BAD + "\x9b\udce5"}))["t"] == BAD + "\x9b\udce5"
    assert not UNSAFE.search(safe_json({"t": BAD + "\x9b"}))


@pytest.fixture
def bad_store(tmp_path: Path, frozen, capsys) -> Path:
    """A store whose forum name, logged lines and imported promise carry escape sequences."""
    path = tmp_path / "s.json"
    with Repository(path, create=True) as repo:
        org = repo.save_organisation(Organisation("Nykvarns kommun", MUNICIPALITY, "Nykvarn"))
        repo.save_forum(Forum(name=f"Operativ grupp{CLEAR}", municipality="Nykvarn",
                              cadence=Cadence(kind=WEEKLY, weekday=0)))
        assert org.id
    bad_file = tmp_path / "lofte.txt"
    seed = SEED.read_text(encoding="utf-8")
    bad_file.write_text(seed.replace("kommer trygghetsvandringar", f"kommer {BAD} trygghetsvandringar", 1),
                        encoding="utf-8")
    assert run(capsys, "import", "promises", str(bad_file), "--format", "json", "--store", str(path))[0] == 0
    for line in (f"i {BAD}", f"å {BAD} @kommunen !2026-12-04"):
        code, out, err = run(capsys, "log", "--forum", "Operativ", "--date", "2026-11-23", line, "--store", str(path))
        assert code == 0, err
    code, out, err = run(capsys, "problems", "add", BAD, "--municipality", "Nykvarn", "--year", "2026",
                         "--store", str(path))
    assert code == 0, err
    return path


OUTPUTS = [
    ("import", "promises", "{file}", "--dry-run"),
    ("show", "1"),
    ("show", "1", "--format", "json"),
    ("meetings", "--from", "2026-11-23", "--to", "2026-11-30"),
    ("meetings", "--from", "2026-11-23", "--to", "2026-11-30", "--format", "json"),
    ("actions",),
    ("actions", "--group-by", "forum"),
    ("actions", "--format", "md"),
    ("actions", "--format", "json"),
    ("promises",),
    ("promises", "--format", "md"),
    ("promises", "--format", "json"),
    ("problems", "--municipality", "Nykvarn", "--year", "2026"),
    ("problems", "--municipality", "Nykvarn", "--year", "2026", "--format", "json"),
    ("export", "plan", "--year", "2026"),
    ("check",),
    ("config",),
    ("action", "1", "--start", "--note", f"påbörjad {TITLE}"),
    ("action", "1", "--start", "--format", "json"),
    ("export", "minutes", "1"),
    ("export", "actions"),
    ("export", "report", "--period", "2026"),
    ("export", "ics", "Operativ", "--from", "2026-11-23", "--to", "2026-12-31"),
    # Errors quote what they were given.
    ("show", f"Operativ{TITLE}@2026-11-30"),
    ("actions", "--forum", f"Styrelsen{CLEAR}"),
    ("log", "--forum", f"x{TITLE}", "i hej"),
    ("export", "minutes", f"{NUL}9"),
]


def strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [text for item in data for text in strings(item)] if isinstance(data, list) else []


@pytest.mark.parametrize("args", OUTPUTS, ids=" ".join)
def test_no_output_of_the_command_line_reaches_the_terminal_raw(bad_store: Path, capsys, args) -> None:
    args = tuple(str(bad_store.parent / "lofte.txt") if arg == "{file}" else arg for arg in args)
    code, out, err = run(capsys, *args, "--store", str(bad_store))
    out = out.replace("\r\n", "\n")  # iCalendar's line end, not a stray carriage return
    assert not UNSAFE.search(out), out
    assert not UNSAFE.search(err), err
    if "json" in args:  # every character kept, as a JSON escape
        assert code == 0 and any(CLEAR in text or TITLE in text for text in strings(json.loads(out)))
    elif code == 2:
        assert err.count("\n") == 1 and ("\\x1b" in err or "\\x00" in err)  # visible, one sentence
    elif args[0] in ("import", "show", "actions", "promises", "problems") and "md" not in args:
        assert r"\x1b]0;pwned\x07" in out  # shown, not obeyed


def test_a_store_path_with_an_escape_is_shown_not_obeyed(tmp_path: Path, capsys) -> None:
    path = tmp_path / f"ny{CLEAR}" / "s.json"
    code, out, err = run(capsys, "init", "--store", str(path))
    assert code == 0 and r"ny\x1b[2J" in out and not UNSAFE.search(out + err)
    code, out, err = run(capsys, "init", "--store", str(path))
    assert code == 2 and r"ny\x1b[2J" in err and not UNSAFE.search(err)


# -- the app -------------------------------------------------------------------------------------


def drawn_text(node) -> str:
    """Every line every widget under ``node`` hands the terminal, as the compositor gets it."""
    lines = []
    for widget in [node, *node.walk_children()]:
        if widget.display and widget.size.area:
            lines += [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]
    return "\n".join(lines)


async def test_nothing_the_app_draws_carries_an_escape(demo_repo: Repository, make_app) -> None:
    forum = next(f for f in demo_repo.forums() if f.kind == "mandagsmote")
    meeting = demo_repo.ensure_meeting(forum, date(2026, 11, 23))
    demo_repo.add_entry(meeting, "info", BAD)
    action = demo_repo.add_action(meeting, BAD, due=date(2026, 12, 4))
    forum.name = f"Måndagsmöte{TITLE}"
    demo_repo.save_forum(forum)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        home = drawn_text(app.screen)
        assert "Måndagsmöte]0;pwned" in home and not UNSAFE.search(home)
        screens = [("actions", ()), ("forums", ()), ("meeting", (meeting.id,)),
                   ("export", ("minutes",)), ("export", ("ics",))]
        for name, args in screens:
            if name == "export" and args == ("minutes",):
                app.open(name, *args, meeting_id=meeting.id)
            elif name == "export":
                app.open(name, *args, forum_id=forum.id)
            else:
                app.open(name, *args)
            await pilot.pause()
            await pilot.pause()
            text = drawn_text(app.screen)
            assert "pwned" in text or "gnilleh" in text, name
            assert not UNSAFE.search(text), (name, [c for c in text if UNSAFE.match(c)][:5])
            app.pop_screen()
            await pilot.pause()
        # A notification quoting the text (an error sentence does).
        app.notify(f"Åtgärd {action.id}: {BAD}")
        await pilot.pause(0.3)
        toasts = "\n".join(drawn_text(toast) for toast in app.screen.query("Toast"))
        assert "]0;pwned" in toasts and not UNSAFE.search(toasts)


def test_a_colon_line_under_a_pipe_is_no_table_delimiter() -> None:
    """Found by hypothesis: "|" then ":-" made a table inside a list item."""
    from store.text import markdown as md

    doc = md.bullets(["first", md.block("|\n:-", indent=2), "last"])
    toks = PARSER.parse(doc)
    assert "table_open" not in {t.type for t in toks}
    assert [c.content for c in [t for t in toks if t.type == "inline"][1].children if c.type == "text"] == ["|", ":-"]
