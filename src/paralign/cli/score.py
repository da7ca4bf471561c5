"""`paralign score` commands."""
