"""paralign.align (being built)."""
