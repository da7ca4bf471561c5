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

Every public name is importable from `paralign.tmx` itself. BCP 47 handling lives in
`paralign.lang`; `is_bcp47`, `canonical_lang` and `lang_matches` are re-exported here.
"""

from __future__ import annotations

from paralign.inline_codes import SPAN_TYPES
from paralign.lang import canonical as canonical_lang
from paralign.lang import is_bcp47
from paralign.lang import matches as lang_matches
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
