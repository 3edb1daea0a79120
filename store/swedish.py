"""Swedish words the parsers share: number words, as published (å, ä, ö kept)."""

NUMBER_WORDS: dict[str, int] = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}


def fold(text: str) -> str:
    """Lower case without å, ä, ö and é, for input typed on any keyboard."""
    return text.lower().translate(str.maketrans("åäöé", "aaoe"))
