"""paralign.checks (being built)."""
