"""Strings of accounts and roles (the served app's users)."""

SV: dict[str, str] = {
    "access.users_unreadable": "Kontofilen {path} kan inte läsas ({reason}) – kontrollera behörigheterna på filen.",
    "access.users_unwritable": "Kontofilen {path} kunde inte sparas ({reason}) – inget ändrades, försök igen.",
    "access.users_corrupt": "Kontofilen {path} är skadad och kan inte läsas – den har inte ändrats; återställ den från en säkerhetskopia eller ta bort den och lägg upp kontona igen.",
    "access.users_too_new": "Kontofilen {path} är skapad av en nyare version av samverkan – uppdatera programmet; filen har inte ändrats.",
    "access.users_busy": "Kontofilen {path} är låst av ett annat program för länge – försök igen om en stund.",
    "access.password_short": "Lösenordet är för kort – välj ett på minst {min} tecken.",
    "access.password_mismatch": "Lösenorden är inte lika – skriv samma lösenord två gånger.",
    "access.password_missing": "Inget lösenord lästes – skriv lösenordet två gånger, på var sin rad.",
    "access.bad_name": "Kontonamnet måste vara 1–{max} tecken utan styrtecken.",
    "access.bad_role": "Okänd roll '{role}' – välj en av: {known}.",
    "access.user_exists": "Det finns redan ett konto som heter '{name}' – välj ett annat namn, eller byt lösenord med 'samverkan users passwd'.",
    "access.unknown_user": "Det finns inget konto som heter '{name}' – se 'samverkan users'.",
    "access.read_only": "{name} har rollen läsare och kan inte ändra något – be en sekreterare eller ordförande.",
    "access.role.secretary": "sekreterare",
    "access.role.chair": "ordförande",
    "access.role.reader": "läsare",
}

EN: dict[str, str] = {
    "access.users_unreadable": "The accounts file {path} cannot be read ({reason}) – check the file's permissions.",
    "access.users_unwritable": "The accounts file {path} could not be saved ({reason}) – nothing changed, try again.",
    "access.users_corrupt": "The accounts file {path} is damaged and cannot be read – it has not been changed; restore it from a backup or remove it and add the accounts again.",
    "access.users_too_new": "The accounts file {path} was made by a newer version of samverkan – update the program; the file has not been changed.",
    "access.users_busy": "The accounts file {path} has been locked by another program for too long – try again in a moment.",
    "access.password_short": "The password is too short – choose one of at least {min} characters.",
    "access.password_mismatch": "The passwords differ – type the same password twice.",
    "access.password_missing": "No password was read – type the password twice, on a line each.",
    "access.bad_name": "An account name is 1–{max} characters without control characters.",
    "access.bad_role": "Unknown role '{role}' – choose one of: {known}.",
    "access.user_exists": "There is already an account called '{name}' – choose another name, or change the password with 'samverkan users passwd'.",
    "access.unknown_user": "There is no account called '{name}' – see 'samverkan users'.",
    "access.read_only": "{name} has the reader role and cannot change anything – ask a secretary or a chair.",
    "access.role.secretary": "secretary",
    "access.role.chair": "chair",
    "access.role.reader": "reader",
}
