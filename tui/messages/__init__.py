"""The UI's text (screens, dialogs, keys, the command line), added to the one
catalogue of ``store.text.i18n`` when the UI is imported: the command line's own
areas (``cli*``) at once, the app's screens (``tui_*``) the first time a key is not
found (the app asks for them all when it starts), so a command does not pay for
building the text of every screen it never shows. Every key the command line uses
is in a ``cli*`` area (a test holds this)."""

from types import ModuleType

from store.text.i18n import add_messages, add_messages_later
from tui.messages import (
    cli,
    cli_argparse,
    cli_chain,
    cli_export,
    cli_import,
    cli_review,
    cli_serve,
    cli_situation,
    cli_users,
)

CLI_AREAS = (cli, cli_argparse, cli_chain, cli_export, cli_import, cli_review, cli_serve, cli_situation, cli_users)
add_messages(*CLI_AREAS)


def screen_areas() -> tuple[ModuleType, ...]:
    """The app's own text, one area per group of screens."""
    from tui.messages import (
        tui_access,
        tui_chain,
        tui_core,
        tui_forums,
        tui_import,
        tui_io,
        tui_meeting,
        tui_review,
        tui_situation,
    )

    return (tui_access, tui_chain, tui_core, tui_forums, tui_import, tui_io, tui_meeting, tui_review, tui_situation)


add_messages_later(screen_areas)
