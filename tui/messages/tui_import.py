"""Strings the import review adds for what the reading is unsure of (tui/screens/importer.py)."""

SV: dict[str, str] = {
    "io.import.doubt": "? Osäkert: {reasons}",
    "io.import.outcomes": "Sidan är en uppföljning: {count:# utfall hör|# utfall hör} till löftet (de sparas inte som löften).",
}
EN: dict[str, str] = {
    "io.import.doubt": "? Unsure: {reasons}",
    "io.import.outcomes": "The page is a follow-up: {count:# outcome belongs|# outcomes belong} to the promise (they are not saved as promises).",
}
