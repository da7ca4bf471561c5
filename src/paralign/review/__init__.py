"""Reviewing an alignment: the evidence behind each bead, sentences a merge may have swallowed,
corrected bead files applied back to documents, and the aligner's own TSV/JSONL read again.

The HTML page itself is written by `paralign.report.review`; everything here is pure data.
"""
