"""Strings of the promise importer (store/importer.py). Swedish first."""

SV: dict[str, str] = {
}
EN: dict[str, str] = {
}
