"""`paralign check` commands."""
