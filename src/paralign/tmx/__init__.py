"""TMX 1.4b, written and read as a stream: one `<tu>` per Link out, one TranslationUnit in.

The package, by concern (each module imports only those above it in this list):

- `inline`   inline markup both ways: emphasis Spans → `<bpt>`/`<ept>`, a `<seg>` → text
- `write`    the streaming writer (`write_tmx`, `write_elements`, the header)
- `read`     the one reader: `read_tmx` yields a frozen TranslationUnit per `<tu>`
- `views`    Bitexts, check pieces, score pairs and export rows, built from `read_tmx`
- `scan`     a faster pass for stats and export (no tree), falling back to `read_tmx`
- `validate` the 1.4b DTD and the rules it cannot express
- `stats`    counts, bead types and the x-score distribution (with the Bitexts, one parse)
- `merge`    several TMX files into one
- `convert`  TMX to and from sentence-pair files (`paralign.pairs`)

Every public name is importable from `paralign.tmx` itself (from its module, on first use).
BCP 47 handling lives in `paralign.lang`; `is_bcp47`, `canonical_lang` and `lang_matches` are
re-exported here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from paralign.inline_codes import SPAN_TYPES
from paralign.lang import canonical as canonical_lang
from paralign.lang import is_bcp47
from paralign.lang import matches as lang_matches

if TYPE_CHECKING:
    from paralign.tmx.convert import export_lines, import_tmx
    from paralign.tmx.inline import XML_LANG, encode_inline, seg_text, tuv_lang
    from paralign.tmx.merge import merge_tmx
    from paralign.tmx.read import (
        TmxHeader,
        TranslationUnit,
        iter_tu_elements,
        read_all,
        read_header,
        read_tmx,
        resolve_pair,
        tmx_languages,
    )
    from paralign.tmx.stats import tmx_stats, tmx_stats_and_bitexts, units_stats
    from paralign.tmx.validate import TmxProblem, collapse_repeats, validate_tmx
    from paralign.tmx.views import (
        export_blocks,
        export_rows,
        pair_rows,
        tmx_pairs,
        tmx_pieces,
        tmx_to_bitexts,
        units_to_bitexts,
    )
    from paralign.tmx.write import (
        TmxOptions,
        header_attributes,
        parse_date,
        tmx_date,
        write_elements,
        write_tmx,
        write_tmx_to,
    )

__all__ = [
    "SPAN_TYPES",
    "XML_LANG",
    "TmxHeader",
    "TmxOptions",
    "TmxProblem",
    "TranslationUnit",
    "canonical_lang",
    "collapse_repeats",
    "encode_inline",
    "export_blocks",
    "export_lines",
    "export_rows",
    "header_attributes",
    "import_tmx",
    "is_bcp47",
    "iter_tu_elements",
    "lang_matches",
    "merge_tmx",
    "pair_rows",
    "parse_date",
    "read_all",
    "read_header",
    "read_tmx",
    "resolve_pair",
    "seg_text",
    "tmx_date",
    "tmx_languages",
    "tmx_pairs",
    "tmx_pieces",
    "tmx_stats",
    "tmx_stats_and_bitexts",
    "tmx_to_bitexts",
    "tuv_lang",
    "units_stats",
    "units_to_bitexts",
    "validate_tmx",
    "write_elements",
    "write_tmx",
    "write_tmx_to",
]


# Where each name lives: a name is imported from its module when first asked for, so that
# `import paralign.tmx.write` (every command line does) does not load the reader, the
# validator, the views and the converters as well.
_HOME = {
    "TmxHeader": "paralign.tmx.read",
    "TmxOptions": "paralign.tmx.write",
    "TmxProblem": "paralign.tmx.validate",
    "TranslationUnit": "paralign.tmx.read",
    "XML_LANG": "paralign.tmx.inline",
    "collapse_repeats": "paralign.tmx.validate",
    "encode_inline": "paralign.tmx.inline",
    "export_lines": "paralign.tmx.convert",
    "export_blocks": "paralign.tmx.views",
    "export_rows": "paralign.tmx.views",
    "header_attributes": "paralign.tmx.write",
    "import_tmx": "paralign.tmx.convert",
    "iter_tu_elements": "paralign.tmx.read",
    "merge_tmx": "paralign.tmx.merge",
    "pair_rows": "paralign.tmx.views",
    "parse_date": "paralign.tmx.write",
    "read_all": "paralign.tmx.read",
    "read_header": "paralign.tmx.read",
    "read_tmx": "paralign.tmx.read",
    "resolve_pair": "paralign.tmx.read",
    "seg_text": "paralign.tmx.inline",
    "tmx_date": "paralign.tmx.write",
    "tmx_languages": "paralign.tmx.read",
    "tmx_pairs": "paralign.tmx.views",
    "tmx_pieces": "paralign.tmx.views",
    "tmx_stats": "paralign.tmx.stats",
    "tmx_stats_and_bitexts": "paralign.tmx.stats",
    "tmx_to_bitexts": "paralign.tmx.views",
    "tuv_lang": "paralign.tmx.inline",
    "units_stats": "paralign.tmx.stats",
    "units_to_bitexts": "paralign.tmx.views",
    "validate_tmx": "paralign.tmx.validate",
    "write_elements": "paralign.tmx.write",
    "write_tmx": "paralign.tmx.write",
    "write_tmx_to": "paralign.tmx.write",
}


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
