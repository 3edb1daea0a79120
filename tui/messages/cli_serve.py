"""Strings of `samverkan serve` on the command line: its help texts and refusals."""

SV: dict[str, str] = {
    "serve.started": "samverkan i webbläsaren: {url} – ctrl+c avslutar.",
    "serve.open_to_all": "Inga konton finns: den som når {url} på den här datorn använder samverkan utan inloggning – lägg upp konton med 'samverkan users add'.",
    "serve.no_accounts_remote": "Att servera på {host} kräver konton – lägg upp minst ett med 'samverkan users add NAMN --role secretary|chair|reader' eller använd --host 127.0.0.1.",
    "serve.bad_lock_after": "--lock-after måste vara minst 1 minut.",
    "serve.foreign_origin": "Anslutningen kommer från en annan webbplats och nekas.",
    "serve.page.start": "Starta",
    "serve.page.ended": "Sessionen är avslutad.",
    "serve.page.restart": "Starta igen",
    "cli.help.serve": "öppna appen i webbläsaren (textual-serve); med konton börjar den med inloggning",
    "cli.help.serve_host": "adressen att lyssna på (standard 127.0.0.1; annan adress kräver konton)",
    "cli.help.serve_port": "porten (standard 8000)",
    "cli.help.serve_public_url": "adressen användarna når appen på, t.ex. https://samverkan.kommun.se bakom en proxy",
    "cli.help.serve_lock_after": "lås en session efter så här många minuter utan aktivitet (standard 15)",
}

EN: dict[str, str] = {
    "serve.started": "samverkan in the browser: {url} – ctrl+c stops it.",
    "serve.open_to_all": "There are no accounts: whoever reaches {url} on this machine uses samverkan without logging in – add accounts with 'samverkan users add'.",
    "serve.no_accounts_remote": "Serving on {host} needs accounts – add at least one with 'samverkan users add NAME --role secretary|chair|reader' or use --host 127.0.0.1.",
    "serve.bad_lock_after": "--lock-after must be at least 1 minute.",
    "serve.foreign_origin": "The connection comes from another web site and is refused.",
    "serve.page.start": "Start",
    "serve.page.ended": "The session has ended.",
    "serve.page.restart": "Start again",
    "cli.help.serve": "open the app in a browser (textual-serve); with accounts it starts with a login",
    "cli.help.serve_host": "the address to listen on (default 127.0.0.1; any other needs accounts)",
    "cli.help.serve_port": "the port (default 8000)",
    "cli.help.serve_public_url": "the address users reach the app at, e.g. https://samverkan.example.se behind a proxy",
    "cli.help.serve_lock_after": "lock a session after this many minutes without activity (default 15)",
}
