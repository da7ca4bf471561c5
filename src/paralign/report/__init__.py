"""paralign.report (being built)."""
