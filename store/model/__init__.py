"""Typed domain records. Each has ``to_doc()`` / ``from_doc()`` for the JSON store.

Dates are ``datetime.date``; instants are timezone-aware ``datetime`` in
Europe/Stockholm. In the store they are ISO 8601 strings so the file stays readable.
Identifiers are TinyDB document ids (small ints): "åtgärd 142" is action id 142.
One module per kind of record (``action``, ``forum``, ``meeting``, ``people``,
``promise``), the words they speak (``constants``) and the table each is kept in
(``tables``). Nothing is imported here, so a listing that needs only the words does
not load the dataclasses.
"""
