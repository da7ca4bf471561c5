"""`paralign align` commands."""
