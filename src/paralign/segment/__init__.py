"""paralign.segment (being built)."""
