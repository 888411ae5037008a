"""netjournal's own themes, registered with the app (dark and light)."""

from textual.theme import Theme

NETJOURNAL_DARK = Theme(
    name="netjournal",
    primary="#7aa2f7",
    secondary="#bb9af7",
    accent="#e0af68",
    warning="#e0af68",
    error="#f7768e",
    success="#9ece6a",
    foreground="#c0caf5",
    background="#1a1b26",
    surface="#1f2335",
    panel="#24283b",
    dark=True,
)

NETJOURNAL_LIGHT = Theme(
    name="netjournal-light",
    primary="#2e5aac",
    secondary="#7847bd",
    accent="#b26b00",
    warning="#b26b00",
    error="#c4314b",
    success="#3d7a1e",
    foreground="#1f2335",
    background="#f5f5f0",
    surface="#ebebe4",
    panel="#e0e0d8",
    dark=False,
)

THEMES = (NETJOURNAL_DARK, NETJOURNAL_LIGHT)
