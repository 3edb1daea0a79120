"""The UI's text (screens, dialogs, keys, the command line), added to the one
catalogue of ``store.text.i18n`` when the UI is imported."""

from store.text.i18n import add_messages
from tui.messages import (
    cli,
    cli_argparse,
    cli_chain,
    cli_import,
    cli_situation,
    cli_users,
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

AREAS = (cli, cli_argparse, cli_chain, cli_import, cli_situation, cli_users, tui_access, tui_chain, tui_core,
         tui_forums, tui_import, tui_io, tui_meeting, tui_review, tui_situation)
add_messages(*AREAS)
