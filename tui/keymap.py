"""The keys of the app in a browser.

Browsers keep ctrl+t, ctrl+n, ctrl+w (new tab, new window, close tab) for themselves, and
ctrl+r, ctrl+l and ctrl+f (reload, address bar, find) are theirs by habit. When the app
is served (``samverkan serve``) it applies ``BROWSER_KEYMAP`` with ``App.set_keymap``: each
binding that uses one of those keys gets a function key instead, by the binding's id.
The footer, the help screen and the texts that name a key show the key that works
where the app runs (``key_for``). A test checks that no binding anywhere in the app
uses a key of ``BROWSER_TAKEN`` under this keymap.
"""

from __future__ import annotations

from textual.app import App

# The six the issue names, the tab keys with shift, and the function keys a browser
# acts on before a page can (reload, full screen, developer tools).
BROWSER_TAKEN = frozenset({
    "ctrl+t", "ctrl+n", "ctrl+w", "ctrl+r", "ctrl+l", "ctrl+f",
    "ctrl+shift+t", "ctrl+shift+n", "ctrl+shift+w", "ctrl+tab", "ctrl+shift+tab",
    "f5", "f11", "f12",
})

# One rule, so a user learns it once: ctrl+r → F2 (edit, reset, read; F2 is "edit" on
# Windows), ctrl+t → F3, ctrl+l → F4, ctrl+f → F6, ctrl+n → F7. F5 is left alone: in a
# browser it reloads the page.
BROWSER_KEYMAP: dict[str, str] = {
    "meeting.edit": "f2",
    "meeting.attendance": "f3",
    "meeting.log": "f4",
    "meeting.follow_up": "f6",
    "meeting.next_item": "f7",
    "members.new_person": "p,f7",
    "action_filter.reset": "f2",
    "import.read": "f2",
    "search.confidential": "f3",
    "search.input": "f4",
}


def keymap_of(app: App) -> dict[str, str]:
    """The keymap the app applied (empty in a terminal)."""
    return getattr(app, "keymap", {})


def keys_for(app: App, binding_id: str, default: str) -> str:
    """The keys (comma-separated) of a binding where the app runs."""
    return keymap_of(app).get(binding_id, default)


def key_for(app: App, binding_id: str, default: str) -> str:
    """The one key a text should name: the last of the binding's keys, the one that
    also works while typing in an input (``p,ctrl+n`` → ``ctrl+n``)."""
    return keys_for(app, binding_id, default).split(",")[-1].strip()
