"""What a user typed into a form, turned into model objects, and models back into words.

One module per form, over the shared field parsers: ``fields`` (a time, a weekday,
an ordinal …, and ``FormError``), ``forums`` (the forum form), ``forum_words`` (a
forum's rules in words and its next meetings), ``people`` (the person form),
``meetings`` (a meeting outside the series), ``promises`` (promise and agreement
forms). The package imports nothing, so a form loads only what it uses.
"""
