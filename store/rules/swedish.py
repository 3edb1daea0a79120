"""Swedish words the parsers share (number words, as published, å, ä, ö kept), the
fold for input typed on any keyboard, the one Swedish sort order, and the stems that
searches compare words by."""

import unicodedata

NUMBER_WORDS: dict[str, int] = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}


def fold(text: str) -> str:
    """Lower case without å, ä, ö and é, for input typed on any keyboard."""
    return text.lower().translate(str.maketrans("åäöé", "aaoe"))


# After z come å, ä, ö in Swedish; é/ü are variants of e/y.
_SWEDISH = (("å", "{"), ("ä", "|"), ("æ", "|"), ("ö", "}"), ("ø", "}"), ("é", "e"), ("è", "e"), ("ü", "y"))


def swedish_key(text: str) -> str:
    """Sort key for Swedish: case-insensitive, å ä ö after z."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    # A few str.replace calls beat str.translate's per-character dict lookups.
    for letter, stand_in in _SWEDISH:
        if letter in folded:
            folded = folded.replace(letter, stand_in)
    return folded


_STEMMER = None


def stem(word: str) -> str:
    """The word's Swedish stem by the Snowball project's stemmer ("skolorna" → "skol"),
    which keeps at least three letters of a word. Loaded on first use: a listing that
    searches no text does not pay for it."""
    global _STEMMER
    if _STEMMER is None:
        import Stemmer

        _STEMMER = Stemmer.Stemmer("swedish")
    return _STEMMER.stemWord(word)


def search_words(text: str) -> list[str]:
    """The words a search looks for: case-folded (after NFC, so a decomposed å is å)
    and cut to their stems, so "skolor" finds "skolan"."""
    return [stem(word) for word in unicodedata.normalize("NFC", text).casefold().split()]
