"""Strings of the chain between forums in the app: pauses in the forum form and
screen, escalation, justering and rättelser in the meeting and home screens."""

SV: dict[str, str] = {
    "forms.label.pauses": "Uppehåll",
    "forms.placeholder.pauses": "sommaruppehåll juli; jul 12-21–01-06; skolloven",
    "forms.tooltip.pauses": "Perioder utan möten, åtskilda med semikolon: namn och MM-DD–MM-DD (varje år), "
                            "ÅÅÅÅ-MM-DD–ÅÅÅÅ-MM-DD (en gång), en månad ('sommaruppehåll juli') eller 'skolloven'.",
    "forums.detail.pauses": "Uppehåll: {pauses}",
    "home.key.unapproved": "Ej justerade",
    "home.key.unapproved.tip": "Gå till protokollen som inte är justerade efter en vecka; Enter öppnar mötet",
    "home.unapproved": "Ej justerade protokoll, äldre än en vecka: {count} · j går hit",
    "home.unapproved.col.day": "Möte",
    "home.unapproved.col.forum": "Forum",
    "home.unapproved.col.justerare": "Justerare",
    "home.unapproved.no_justerare": "ingen utsedd",
    "home.unapproved.none": "Alla hållna möten äldre än en vecka är justerade.",
    "escalate.title": "Lyft till ett annat forum",
    "escalate.raise": "Lyft",
    "escalate.forum": "Till forum (frågan hamnar på dess nästa möte, under 'Ärenden från andra forum')",
    "escalate.text": "Text som följer med",
    "escalate.text_anonymised": "Ny, avidentifierad text som följer med",
    "escalate.confidential": "Raden är sekretessbelagd och följer inte med som den står. Skriv om den utan namn "
                             "och detaljer som pekar ut någon.",
    "escalate.placeholder": "t.ex. 'Oro för yngre elever vid fritidsgården sena kvällar'",
}

EN: dict[str, str] = {
    "forms.label.pauses": "Breaks",
    "forms.placeholder.pauses": "summer break July; Christmas 12-21–01-06; school holidays",
    "forms.tooltip.pauses": "Periods without meetings, separated by semicolons: a name and MM-DD–MM-DD (every year), "
                            "YYYY-MM-DD–YYYY-MM-DD (once), a month ('summer break July') or 'school holidays'.",
    "forums.detail.pauses": "Breaks: {pauses}",
    "home.key.unapproved": "Not approved",
    "home.key.unapproved.tip": "Go to the minutes not approved after a week; Enter opens the meeting",
    "home.unapproved": "Minutes not approved after a week: {count} · j goes here",
    "home.unapproved.col.day": "Meeting",
    "home.unapproved.col.forum": "Forum",
    "home.unapproved.col.justerare": "Approver",
    "home.unapproved.no_justerare": "none named",
    "home.unapproved.none": "Every meeting held more than a week ago is approved.",
    "escalate.title": "Raise to another forum",
    "escalate.raise": "Raise",
    "escalate.forum": "To forum (the matter lands on its next meeting, under 'Matters from other forums')",
    "escalate.text": "Text that travels",
    "escalate.text_anonymised": "New, anonymised text that travels",
    "escalate.confidential": "The line is confidential and does not travel as it stands. Rewrite it without names "
                             "and details that point anyone out.",
    "escalate.placeholder": "e.g. 'Concern about younger pupils at the youth centre late in the evening'",
}
