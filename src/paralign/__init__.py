"""paralign: Russian–English segmentation, sentence alignment to TMX 1.4b, terminology QA.

The public API (docs/api.md): read and segment a file, align two texts or files, write and
read TMX, load a glossary, check, score. The names are loaded on first use, so that
`import paralign` (and the command line's start-up) stays cheap.
"""

from __future__ import annotations

from typing import Any

from paralign.version import __version__

__all__ = [
    "AlignOptions",
    "Bitext",
    "CheckSettings",
    "Sentence",
    "TmxOptions",
    "__version__",
    "align_files",
    "align_texts",
    "check",
    "load_glossary",
    "read_file",
    "read_tmx",
    "score",
    "segment_text",
    "write_tmx",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from paralign import api

        return getattr(api, name)
    raise AttributeError(f"module 'paralign' has no attribute {name!r}")
