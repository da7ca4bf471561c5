"""paralign.read (being built)."""
