"""The store's own text: errors and words of the core, with the store. Each area
keeps its strings in a module of its own (``SV`` and ``EN`` dicts with the same keys);
``store.text.i18n`` merges them, and the UI adds its own areas the same way."""

from store.text.messages import (
    access,
    calendar,
    chain,
    core,
    exports,
    forms,
    importer,
    live,
    quickentry,
    review,
    situation,
    words,
)

AREAS = (access, calendar, chain, core, exports, forms, importer, live, quickentry, review, situation, words)
