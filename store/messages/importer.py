"""Strings of the promise importer (store/importer.py). Swedish first."""

SV: dict[str, str] = {
    "importer.none_found": (
        "Hittade inga medborgarlöften. Texten behöver en rubrik med period, "
        "t.ex. \"Medborgarlöfte 2024\", följd av punktlistor."
    ),
}
EN: dict[str, str] = {
    "importer.none_found": (
        "No citizen promises found. The text needs a heading with a period, "
        "e.g. \"Medborgarlöfte 2024\", followed by bullet lists."
    ),
}
