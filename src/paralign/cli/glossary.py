"""`paralign glossary` commands."""
