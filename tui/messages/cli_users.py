"""Strings of ``samverkan users`` and ``samverkan serve``."""

SV: dict[str, str] = {
    "cli.help.users": "konton för webbläsarversionen (samverkan serve): lista, add, remove, passwd",
    "cli.help.users_add": "lägg till ett konto; lösenordet läses två gånger",
    "cli.help.users_forum": "ett forum kontot hör till (kan anges flera gånger)",
    "cli.help.users_remove": "ta bort ett konto",
    "cli.help.users_passwd": "byt lösenord för ett konto",
    "users.prompt.password": "Lösenord: ",
    "users.prompt.again": "Samma lösenord igen: ",
    "users.none": "Det finns inga konton ({path}) – lägg till ett med 'samverkan users add NAMN --role secretary|chair|reader'.",
    "users.col.name": "namn",
    "users.col.role": "roll",
    "users.col.forums": "forum",
    "users.added": "Lade till {name} ({role}) i {path}.",
    "users.removed": "Tog bort kontot {name}.",
    "users.password_changed": "Bytte lösenord för {name}.",
}

EN: dict[str, str] = {
    "cli.help.users": "accounts of the browser version (samverkan serve): list, add, remove, passwd",
    "cli.help.users_add": "add an account; the password is read twice",
    "cli.help.users_forum": "a forum the account belongs to (may be given several times)",
    "cli.help.users_remove": "remove an account",
    "cli.help.users_passwd": "change an account's password",
    "users.prompt.password": "Password: ",
    "users.prompt.again": "The same password again: ",
    "users.none": "There are no accounts ({path}) – add one with 'samverkan users add NAME --role secretary|chair|reader'.",
    "users.col.name": "name",
    "users.col.role": "role",
    "users.col.forums": "forums",
    "users.added": "Added {name} ({role}) to {path}.",
    "users.removed": "Removed the account {name}.",
    "users.password_changed": "Changed the password of {name}.",
}
