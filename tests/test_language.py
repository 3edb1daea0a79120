"""Swedish all the way, English as a setting: counts agree with their nouns, and the
catalogue's plural forms are used wherever a count is said."""

from __future__ import annotations

import re

import pytest

import tui  # noqa: F401  (adds the UI's texts to the catalogue)
from store.text.i18n import CATALOGUES, number, plural, set_language, t


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

    catalogue = CATALOGUES[lang]
    # A ".many" text beside its ".one" is a pair of forms chosen by the caller.
    bare = {key: text for key, text in catalogue.items()
            if _NOUNS.search(text) and not (key.endswith(".many") and key[:-4] + "one" in catalogue)}
    assert not bare, bare
