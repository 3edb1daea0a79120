"""Strings of live logging."""

SV: dict[str, str] = {
    "live.unreadable": "Raden kunde inte läsas – skriv till exempel 'b Beslut …', 'i Information …' eller 'å Åtgärd … @ansvarig !fredag'.",
    "live.unknown_owner": "Det finns ingen ansvarig som heter '{owner}' – lägg till personen eller organisationen först (i kommandoraden: --add-owner).",
    "live.ambiguous_owner": "'{owner}' kan vara flera – skriv mer av namnet: {names}.",
    "live.unknown_promise": "Det finns inget medborgarlöfte '{ref}' – se 'samverkan promises' för numren.",
}

EN: dict[str, str] = {
    "live.unreadable": "The line could not be read – write for example 'b Decision …', 'i Information …' or 'å Action … @owner !fredag'.",
    "live.unknown_owner": "There is no owner called '{owner}' – add the person or organisation first (on the command line: --add-owner).",
    "live.ambiguous_owner": "'{owner}' could be several – type more of the name: {names}.",
    "live.unknown_promise": "There is no citizen promise '{ref}' – see 'samverkan promises' for the numbers.",
}
