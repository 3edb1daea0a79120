"""Strings of the served app: the login screen and the lock."""

SV: dict[str, str] = {
    "login.title": "samverkan – logga in",
    "login.locked_title": "samverkan – låst",
    "login.name": "Namn",
    "login.password": "Lösenord",
    "login.hint": "Skriv ditt namn, tryck Enter, sedan lösenordet och Enter.",
    "login.who": "Namn: {name}",
    "login.change_name": "Byt namn",
    "login.change_name.tip": "Skriv ett annat namn",
    "login.locked_hint": "Låst efter {minutes} min utan aktivitet – skriv lösenordet och tryck Enter, eller ctrl+q för att avsluta.",
    "login.missing": "Skriv både namn och lösenord.",
    "login.quit.tip": "Avsluta sessionen (logga in igen med Starta igen)",
    "login.checking": "Kontrollerar …",
    "login.refused": "Fel namn eller lösenord – försök igen (svaret dröjde {seconds} s; varje nytt fel dröjer längre).",
    "login.subtitle": "{name} · {role}",
}

EN: dict[str, str] = {
    "login.title": "samverkan – log in",
    "login.locked_title": "samverkan – locked",
    "login.name": "Name",
    "login.password": "Password",
    "login.hint": "Type your name, press Enter, then the password and Enter.",
    "login.who": "Name: {name}",
    "login.change_name": "Change name",
    "login.change_name.tip": "Type another name",
    "login.locked_hint": "Locked after {minutes} min without activity – type the password and press Enter, or ctrl+q to quit.",
    "login.missing": "Type both name and password.",
    "login.quit.tip": "End the session (log in again with Start again)",
    "login.checking": "Checking …",
    "login.refused": "Wrong name or password – try again (the answer took {seconds} s; each new mistake takes longer).",
    "login.subtitle": "{name} · {role}",
}
