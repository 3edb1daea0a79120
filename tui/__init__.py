"""The Textual app and the ``samverkan`` command line; importing the package adds
the UI's text to the message catalogue."""

import tui.messages  # noqa: F401
