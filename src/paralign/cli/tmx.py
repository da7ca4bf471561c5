"""`paralign tmx` commands."""
