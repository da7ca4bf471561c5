"""`paralign segment` commands."""
