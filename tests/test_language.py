"""Swedish all the way, English as a setting: counts agree with their nouns, and the
catalogue's plural forms are used wherever a count is said."""

from __future__ import annotations

import re

import pytest

import tui  # noqa: F401  (adds the UI's texts to the catalogue)
from store.text.i18n import load_all_messages, number, plural, set_language, t


def test_a_count_takes_the_form_of_its_noun_in_swedish_and_english() -> None:
    assert plural(1, "# åtgärd|# åtgärder") == "1 åtgärd"
    assert plural(2, "# åtgärd|# åtgärder") == "2 åtgärder"
    assert plural(0, "# åtgärd|# åtgärder") == "0 åtgärder"
    assert plural(0, "ingen försenad|varav # försenad|varav # försenade") == "ingen försenad"
    assert plural(1, "ingen försenad|varav # försenad|varav # försenade") == "varav 1 försenad"
    assert plural(90000, "# åtgärd|# åtgärder") == "90\u00a0000 åtgärder"
    set_language("en")
    assert number(90000) == "90,000"
    assert t("review.bulk.title", count=1) == "New status for 1 action"
    assert t("review.bulk.title", count=3) == "New status for 3 actions"

def test_the_catalogue_says_one_action_not_one_actions() -> None:
    assert t("review.bulk.title", count=1) == "Ny status för 1 åtgärd"
    assert t("review.tui.in_groups", count=1, groups=1) == "(1 åtgärd i 1 grupp)"
    assert t("review.tui.in_groups", count=12, groups=3) == "(12 åtgärder i 3 grupper)"
    assert t("meeting.log.title", count=1) == "Logg (1 rad)"
    assert t("search.all", count=1).startswith("1 träff ")
    assert t("export.omitted", count=1) == "1 sekretessbelagd punkt är utelämnad."
    assert t("promises.progress.no_target", linked=1, done=1) == "1 åtgärd, 1 klar"

# A number followed by a noun whose form depends on it: such a field must carry its forms.
_NOUNS = re.compile(r"\{(count|total|linked|days|lines|groups|done|target|actions)\} "
                    r"(åtgärd|åtgärder|rad|rader|träff|träffar|dag|dagar|löfte|löften|medlem|medlemmar|"
                    r"grupp|grupper|klara|sekretessbelagda|action|actions|line|lines|hit|hits|day|days)\b")

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_catalogue_text_puts_a_bare_count_before_a_noun(lang: str) -> None:

    catalogue = load_all_messages()[lang]
    # A ".many" text beside its ".one" is a pair of forms chosen by the caller.
    bare = {key: text for key, text in catalogue.items()
            if _NOUNS.search(text) and not (key.endswith(".many") and key[:-4] + "one" in catalogue)}
    assert not bare, bare


# -- the command line: argparse's own words said in ours ------------------------------------

ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help message", "invalid choice",
                    "the following arguments are required", "expected one argument", "unrecognized arguments",
                    "not allowed with argument")


def _parsers(parser, path=()):
    """Every parser of the command line with its path ("users add")."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action.choices, dict):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_help_of_the_command_line_is_in_the_chosen_language(lang: str) -> None:
    from tui.cli.main import build_parser

    set_language(lang)
    english_metavars = re.compile(r"\b(STORE|DATE|NAME|MEETING|MUNICIPALITY|YEAR|WORD|AREA|PARTY|PROMISE)\b")
    for path, parser in _parsers(build_parser()):
        text = parser.format_help()
        for action in parser._actions:
            # A group of sub-commands shows each command's own help instead.
            assert action.help or isinstance(action.choices, dict), (path, action.option_strings or action.dest)
        if lang == "sv":
            assert "användning: " in text and "flaggor:" in text, path
            assert not [word for word in ARGPARSE_ENGLISH if word in text], (path, text)
            assert not english_metavars.search(text), (path, text)
        else:
            assert "usage: " in text and "show this help and exit" in text, path


@pytest.mark.parametrize(("argv", "sentence"), [
    (["bogus"], "Felaktiga argument till samverkan: KOMMANDO: 'bogus' går inte – välj ett av: init, check,"),
    (["action"], "samverkan action: måste anges: NR"),
    (["action", "abc", "--done"], "NR: 'abc' är inget heltal"),
    (["action", "1", "--done", "--cancel"], "--cancel: kan inte anges tillsammans med --done"),
    (["meetings", "--forum"], "--forum: ett värde saknas efter den"),
    (["actions", "--fo", "x"], "--fo kan betyda flera: --forum, --format"),
    (["show", "1", "2"], "förstår inte 2"),
    (["actions", "--sort", "x"], "--sort: 'x' går inte – välj ett av: id, text,"),
])
def test_argparse_errors_are_one_swedish_sentence_and_exit_code_2(argv, sentence, capsys) -> None:
    from tui.cli.main import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert sentence in err and err.count("\n") == 1, err
    assert not [word for word in ARGPARSE_ENGLISH if word in err]


def test_argparse_errors_in_english_mode_are_ours_too(capsys) -> None:
    from tui.cli.main import main

    assert main(["--lang", "en", "action", "1", "--done", "--cancel"]) == 2
    assert "Wrong arguments to samverkan action: --cancel: cannot be given together with --done" in \
        capsys.readouterr().err


# -- the operating system's refusals, said in our words ------------------------------------


@pytest.mark.parametrize(("error", "sv", "en"), [
    (FileNotFoundError(2, "No such file or directory"), "finns inte", "does not exist"),
    (PermissionError(13, "Permission denied"), "saknar behörighet", "permission denied"),
    (IsADirectoryError(21, "Is a directory"), "är en mapp", "is a folder"),
    (OSError(28, "No space left on device"), "disken är full", "the disk is full"),
    (OSError(104, "Connection reset by peer"), "operativsystemet nekade (ECONNRESET)",
     "the operating system refused (ECONNRESET)"),
])
def test_an_os_error_is_said_in_the_catalogues_words(error: OSError, sv: str, en: str) -> None:
    from store.text.os_errors import os_reason

    assert os_reason(error) == sv
    set_language("en")
    assert os_reason(error) == en


def test_the_command_line_never_shows_the_systems_own_sentence(tmp_path, capsys) -> None:
    from tui.cli.main import main

    assert main(["import", "promises", str(tmp_path / "saknas.txt")]) == 2
    err = capsys.readouterr().err
    assert "(finns inte)" in err and "No such file" not in err
    assert main(["import", "promises", str(tmp_path)]) == 2
    assert "(är en mapp)" in capsys.readouterr().err
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    # A store under a file: the folder cannot be made. One sentence, exit code 2, no traceback.
    assert main(["init", "--store", str(blocker / "under" / "s.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "(en del av sökvägen är en fil, inte en mapp)" in err and "Errno" not in err


def test_a_holiday_is_named_in_the_chosen_language() -> None:
    from datetime import date, timedelta

    from store.rules import calendar as cal

    assert cal.holiday_name(date(2027, 1, 6)) == "Trettondedag jul"
    set_language("en")
    assert cal.holiday_name(date(2027, 1, 6)) == "Epiphany"
    assert cal.is_holiday(date(2027, 1, 6))
    # Every holiday and eve has its English name, by today's rules and the older ones.
    for year in (2000, 2027, 2032):  # 2032: 1 May is Ascension Day too
        days = [date(year, 1, 1) + timedelta(days=n) for n in range(366)]
        names = [cal.holiday_name(day) for day in days if cal.is_holiday(day)]
        assert len(names) >= 15 and not [n for n in names if "holiday." in n or re.search("[åäö]", n)], names


@pytest.mark.parametrize(("lang", "words", "foreign"), [
    ("sv", ("8 organisationer, 16 personer, 8 forum", "25 åtgärder", "1 åtgärdsplan"), "action_plans"),
    ("en", ("8 organisations, 16 people, 8 forums", "25 actions", "1 action plan"), "åtgärd"),
])
def test_check_counts_the_records_in_the_languages_words(demo_store, capsys, lang, words, foreign) -> None:
    import json

    from tui.cli.main import main

    assert main(["--lang", lang, "check", "--store", str(demo_store)]) == 0
    said = capsys.readouterr().out
    assert all(w in said for w in words) and foreign not in said, said
    assert main(["check", "--store", str(demo_store), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["action_plans"] == 1  # the JSON keeps the table names
