"""Strings of the chain between forums in the app: pauses in the forum form and
screen, escalation, justering and rättelser in the meeting and home screens."""

SV: dict[str, str] = {
    "forms.label.pauses": "Uppehåll",
    "forms.placeholder.pauses": "sommaruppehåll juli; jul 12-21–01-06; skolloven",
    "forms.tooltip.pauses": "Perioder utan möten, åtskilda med semikolon: namn och MM-DD–MM-DD (varje år), "
                            "ÅÅÅÅ-MM-DD–ÅÅÅÅ-MM-DD (en gång), en månad ('sommaruppehåll juli') eller 'skolloven'.",
    "forums.detail.pauses": "Uppehåll: {pauses}",
}

EN: dict[str, str] = {
    "forms.label.pauses": "Breaks",
    "forms.placeholder.pauses": "summer break July; Christmas 12-21–01-06; school holidays",
    "forms.tooltip.pauses": "Periods without meetings, separated by semicolons: a name and MM-DD–MM-DD (every year), "
                            "YYYY-MM-DD–YYYY-MM-DD (once), a month ('summer break July') or 'school holidays'.",
    "forums.detail.pauses": "Breaks: {pauses}",
}
