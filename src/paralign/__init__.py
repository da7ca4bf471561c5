"""paralign: Russian–English segmentation, sentence alignment to TMX 1.4b, terminology QA."""

__version__ = "0.1.0"
