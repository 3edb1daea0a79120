"""The Textual app and the ``samverkan`` command line; importing the package adds
the UI's text to the message catalogue."""

import os
import signal
import sys

# Ctrl-C while the ``samverkan`` command is still loading (before ``tui.cli.main.main``
# takes over and says "Avbrutet"): end at once with the interrupted exit code, never
# with Python's traceback of whatever was being imported.
if (os.path.basename(sys.argv[0]).lower().removesuffix(".exe").removesuffix("-script.py") == "samverkan"
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
    signal.signal(signal.SIGINT, lambda *_: os._exit(2))

import tui.messages  # noqa: E402, F401
