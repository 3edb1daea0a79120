"""Strings of the promise importer (store/importer/). Swedish first."""

SV: dict[str, str] = {
    "importer.doubt.no_period": "Texten anger ingen period för löftet – ange den.",
    "importer.doubt.period_from_bullets": "Perioden ({period}) är läst ur årtal i punkterna, inte ur en rubrik.",
    "importer.doubt.no_parties": "Texten säger inte vem som ansvarar – välj ansvariga.",
    "importer.doubt.several_targets": "Delpunkterna anger olika antal – ange målet själv.",
    "importer.doubt.several_aims": "Texten har flera syften före aktiviteterna – välj inriktning.",
    "importer.doubt.no_municipality": "Texten nämner ingen kommun – ange kommunen.",
    "importer.doubt.municipality_guessed": "Kommunen är gissad: den nämns oftast, men aldrig som \"X kommun\".",
    "importer.doubt.cadence_from_reports": "Uppföljningstakten är läst ur namnen på uppföljningsrapporterna.",
    "importer.outcome_source": "publicerad uppföljning (importerad)",
}
EN: dict[str, str] = {
    "importer.doubt.no_period": "The text gives no period for the promise – enter it.",
    "importer.doubt.period_from_bullets": "The period ({period}) is read from years in the bullets, not from a heading.",
    "importer.doubt.no_parties": "The text does not say who is responsible – choose the parties.",
    "importer.doubt.several_targets": "The sub-points give different counts – enter the target yourself.",
    "importer.doubt.several_aims": "The text states several aims before the activities – choose the focus area.",
    "importer.doubt.no_municipality": "The text names no municipality – enter it.",
    "importer.doubt.municipality_guessed": "The municipality is a guess: named most often, but never as \"X kommun\".",
    "importer.doubt.cadence_from_reports": "The follow-up cadence is read from the names of the follow-up reports.",
    "importer.outcome_source": "published follow-up (imported)",
}
