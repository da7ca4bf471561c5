"""The review page: one self-contained HTML file to read and correct an alignment.

The page holds everything it needs: its CSS and JavaScript (package data under
`data/review/`, inlined here) and the corpus as JSON in a `<script type="application/json">`
block, with `<`, `>`, `&` and the two JavaScript line separators escaped so no text of the
corpus can close the block. The script puts every text into the page through `textContent`; the
header written here goes through `html.escape`. A Content-Security-Policy forbids any request.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from paralign.model import Bitext, BlockKind, Finding, Glossary
from paralign.progress import progress
from paralign.quality import QualitySettings
from paralign.review.evidence import Anchor
from paralign.review.lexicon import learn_pairs, lexicon_anchors, with_lexicon
from paralign.review.omission import Swallowed
from paralign.review.suspicion import bead_features, document_evidence, suspicion, top_share

_KIND_CODES = {
    BlockKind.HEADING: "h",
    BlockKind.FOOTNOTE: "f",
    BlockKind.LIST_ITEM: "l",
    BlockKind.QUOTE: "q",
    BlockKind.TABLE_CELL: "t",
}
_RTL = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}
OMISSION_RULES = {"possible-omission": "source", "possible-addition": "target"}


@dataclass(frozen=True)
class ReviewPage:
    """What goes on a page: aligned Bitexts, the findings about them, the run's signature."""

    bitexts: Sequence[Bitext]
    title: str
    file: str = "alignment"
    signature: Mapping[str, str] = field(default_factory=dict)
    findings: Sequence[Finding] = ()
    glossary: Glossary | None = None
    threshold: float = 0.9
    rules: Mapping[str, str] = field(default_factory=dict)
    suspect_share: float = QualitySettings().suspect_share


def render_review(page: ReviewPage) -> str:
    """The whole HTML page as a string."""
    documents, omissions = [], []
    # The page flags swallowed sentences itself, from the same function as `check`.
    findings = [f for f in page.findings if f.rule not in OMISSION_RULES]
    located = _locate_findings(page.bitexts, findings)
    pairs = learn_pairs(page.bitexts)
    suspects: list[list[float]] = []
    beads = sum(len(bitext.links) for bitext in page.bitexts)
    shown = progress(page.bitexts, beads, "review page", "beads", size=lambda b: len(b.links))
    for number, bitext in enumerate(shown):
        evidence = document_evidence(bitext, page.glossary)
        (src_anchors, tgt_anchors), swallowed = evidence
        features = bead_features(bitext, pairs, evidence)
        suspects.append([round(float(s), 4) for s in suspicion(features)])
        omissions += swallowed
        src_words, tgt_words = lexicon_anchors(bitext, pairs)
        src_anchors = with_lexicon(src_anchors, src_words)
        tgt_anchors = with_lexicon(tgt_anchors, tgt_words)
        documents.append(
            _document(bitext, src_anchors, tgt_anchors, located.get(number, []), swallowed)
        )
        for bead, suspect in zip(documents[-1]["beads"], suspects[-1], strict=True):
            bead.append(suspect)
    data = {
        "version": 1,
        "file": page.file,
        "key": _key(page.bitexts),
        "threshold": page.threshold,
        # the bar of the most suspicious share of the beads: "next suspicious" stops there too
        "suspect": top_share(suspects, page.suspect_share),
        "documents": documents,
    }
    rules = Counter(f.rule for f in findings)
    rules.update(f"possible-{s.what.split()[1]}" for s in omissions)
    parts = {
        "title": html.escape(page.title),
        "css": _asset("review.css"),
        "js": _asset("review.js"),
        "header": _header(page, rules),
        "kind_options": _kind_options(page.bitexts),
        "rule_options": _rule_options(rules),
        "data": _script_json(data),
    }
    template = _asset("page.html")
    return re.sub(r"\{(\w+)\}", lambda m: parts.get(m.group(1), m.group(0)), template)


def _asset(name: str) -> str:
    return resources.files("paralign").joinpath("data", "review", name).read_text("utf-8")


def _script_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _key(bitexts: Sequence[Bitext]) -> str:
    """Names the alignment the edits belong to: documents, sentence counts and original beads."""
    digest = hashlib.sha256()
    for bitext in bitexts:
        digest.update(f"{bitext.name}\t{len(bitext.source)}\t{len(bitext.target)}\n".encode())
        for link in bitext.links:
            digest.update(f"{link.src}{link.tgt}".encode())
    return digest.hexdigest()[:20]


def _sentences(bitext: Bitext, side: str) -> list[list[Any]]:
    # the page shows emphasis; a footnote marker (zero-width "note" span) is not shown
    sentences = bitext.source if side == "src" else bitext.target
    return [
        [
            s.text,
            s.block,
            _KIND_CODES.get(s.kind, "p"),
            [[p.start, p.end, p.kind] for p in s.spans if p.start < p.end],
        ]
        for s in sentences
    ]


def _tokens(anchors: list[list[Anchor]], keys: dict[str, int]) -> dict[int, list[int]]:
    """Per sentence, flat `start, end, key number` triples (`keys` numbers each key once a
    document); the page reads the words from the sentence. Tokens are a quarter of a page
    whose sentences are long, and this form makes them much smaller."""
    return {
        i: [n for a in found for n in (a.start, a.end, keys.setdefault(a.key, len(keys)))]
        for i, found in enumerate(anchors)
        if found
    }


def _document(
    bitext: Bitext,
    src_anchors: list[list[Anchor]],
    tgt_anchors: list[list[Anchor]],
    findings: list[tuple[str, int, Finding]],
    swallowed: list[Swallowed],
) -> dict[str, Any]:
    keys: dict[str, int] = {}
    notes: dict[str, dict[int, list[list[str]]]] = {"src": {}, "tgt": {}}
    marks: dict[str, dict[int, list[list[Any]]]] = {"src": {}, "tgt": {}}
    for side, index, finding in findings:
        notes[side].setdefault(index, []).append([finding.rule, _finding_text(finding)])
        sentence = (bitext.source if side == "src" else bitext.target)[index].text
        found = finding.term.found if finding.term else ""
        start = sentence.find(found) if found else -1
        if start >= 0:
            title = f"{finding.rule}: {_finding_text(finding)}"
            marks[side].setdefault(index, []).append([start, start + len(found), title])
    for flag in swallowed:
        side = "src" if flag.side == "source" else "tgt"
        rule = "possible-omission" if side == "src" else "possible-addition"
        message = (
            "nothing in the other side matches this sentence (no shared number, name or "
            "term, and the bead's lengths fit better without it)"
        )
        notes[side].setdefault(flag.sentence, []).append([rule, message])
        length = len(flag.text)
        marks[side].setdefault(flag.sentence, []).append([0, length, f"{rule}: {message}"])
    return {
        "name": bitext.name,
        "src_lang": bitext.src_lang,
        "tgt_lang": bitext.tgt_lang,
        "src_path": bitext.src_path,
        "tgt_path": bitext.tgt_path,
        "src": _sentences(bitext, "src"),
        "tgt": _sentences(bitext, "tgt"),
        "beads": [[list(k.src), list(k.tgt), round(k.score, 4)] for k in bitext.links],
        "tokens": {"src": _tokens(src_anchors, keys), "tgt": _tokens(tgt_anchors, keys)},
        "keys": list(keys),
        "findings": notes,
        "marks": marks,
    }


def _finding_text(finding: Finding) -> str:
    text = finding.message
    if finding.term is not None and finding.term.concept:
        text += f" [concept {finding.term.concept}"
        text += f", preferred {finding.term.expected!r}]" if finding.term.expected else "]"
    return text


def _locate_findings(
    bitexts: Sequence[Bitext], findings: Sequence[Finding]
) -> dict[int, list[tuple[str, int, Finding]]]:
    """Each finding's document, side and sentence: by file path, then line and sentence text."""
    by_file: dict[str, list[tuple[int, str]]] = {}
    for number, bitext in enumerate(bitexts):
        for side, path in (("src", bitext.src_path), ("tgt", bitext.tgt_path)):
            for key in _path_keys(path) | {bitext.name}:
                by_file.setdefault(key, []).append((number, side))
    located: dict[int, list[tuple[str, int, Finding]]] = {}
    for finding in findings:
        for number, side in by_file.get(finding.location.file, []) or by_file.get(
            finding.location.file.rsplit("/", 1)[-1], []
        ):
            bitext = bitexts[number]
            sentences = bitext.source if side == "src" else bitext.target
            index = _sentence_index(sentences, finding)
            if index is not None:
                located.setdefault(number, []).append((side, index, finding))
                break
    return located


def _path_keys(path: str) -> set[str]:
    if not path:
        return set()
    posix = path.replace("\\", "/")
    keys = {posix, posix.rsplit("/", 1)[-1]}
    parts = posix.split("/")
    keys.update("/".join(parts[i:]) for i in range(len(parts)))
    return keys


def _sentence_index(sentences: Sequence[Any], finding: Finding) -> int | None:
    text, line = finding.sentence, finding.location.line
    for index, sentence in enumerate(sentences):
        if sentence.text == text and (not line or sentence.line == line):
            return index
    for index, sentence in enumerate(sentences):
        if text and sentence.text == text:
            return index
    return None


# ------------------------------------------------------------------------------ the header


def _header(page: ReviewPage, rules: Counter[str]) -> str:
    bitexts = page.bitexts
    kinds = Counter(link.kind for b in bitexts for link in b.links)
    scores = [link.score for b in bitexts for link in b.links]
    total = len(scores)
    low = sum(s < page.threshold for s in scores)
    out = [f"<h1>{html.escape(page.title)}</h1>"]
    out.append(
        f"<p>{len(bitexts)} document(s), {sum(len(b.source) for b in bitexts)} source and "
        f"{sum(len(b.target) for b in bitexts)} target sentences, {total} beads; {low} below "
        f"the confidence threshold {page.threshold:g}.</p>"
    )
    out.append('<div class="summary">')
    out.append("<section><h2>Documents</h2><table class='small'>")
    for number, bitext in enumerate(bitexts):
        out.append(
            f"<tr><td><a href='#doc-{number}'>{html.escape(bitext.name)}</a></td>"
            f"<td class='n'>{len(bitext.links)} beads</td></tr>"
        )
    out.append("</table></section>")
    out.append("<section><h2>Bead types</h2><table class='small'>")
    for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"<tr><td>{html.escape(kind)}</td><td class='n'>{count}</td></tr>")
    out.append("</table></section>")
    out.append(f"<section><h2>Confidence</h2>{_histogram(scores, page.threshold)}</section>")
    out.append("<section><h2>Findings by rule</h2><table class='small'>")
    if not rules:
        out.append("<tr><td>none</td></tr>")
    for rule, count in sorted(rules.items()):
        summary = html.escape(page.rules.get(rule, ""))
        out.append(
            f"<tr><td title='{summary}'>{html.escape(rule)}</td><td class='n'>{count}</td></tr>"
        )
    out.append("</table></section></div>")
    out.append("<details class='signature'><summary>Signature of the run</summary>")
    out.append("<table class='small'>")
    for key, value in page.signature.items():
        out.append(f"<tr><th>{html.escape(key)}</th><td>{html.escape(value)}</td></tr>")
    out.append("</table></details>")
    return "\n".join(out)


def _histogram(scores: Sequence[float], threshold: float) -> str:
    """Ten bins over [0, 1] as inline SVG; bins below the threshold in red."""
    bins = [0] * 10
    for score in scores:
        bins[min(max(int(score * 10), 0), 9)] += 1
    top = max(bins) or 1
    width, height, bar = 220, 80, 20
    out = [
        f"<svg class='histogram' width='{width}' height='{height + 14}' role='img' "
        f"aria-label='confidence histogram: {' '.join(map(str, bins))} beads per tenth'>"
    ]
    for k, count in enumerate(bins):
        h = round(height * count / top)
        cls = " class='low'" if (k + 1) / 10 <= threshold else ""
        out.append(
            f"<rect{cls} x='{k * (bar + 2)}' y='{height - h}' width='{bar}' height='{h}'>"
            f"<title>{k / 10:.1f}–{(k + 1) / 10:.1f}: {count}</title></rect>"
        )
    out.append(f"<text x='0' y='{height + 12}'>0</text>")
    out.append(f"<text x='{width - 12}' y='{height + 12}'>1</text>")
    out.append("</svg>")
    return "".join(out)


def _kind_options(bitexts: Sequence[Bitext]) -> str:
    kinds = Counter(link.kind for b in bitexts for link in b.links)
    options = ["<option value=''>all</option>", "<option value='empty'>empty side</option>"]
    options.append("<option value='many'>merges</option>")
    for kind in sorted(kinds, key=lambda k: (-kinds[k], k)):
        options.append(f"<option value='{html.escape(kind)}'>{html.escape(kind)}</option>")
    return "".join(options)


def _rule_options(rules: Counter[str]) -> str:
    options = ["<option value=''>all</option>", "<option value='*'>any finding</option>"]
    for rule in sorted(rules):
        options.append(f"<option value='{html.escape(rule)}'>{html.escape(rule)}</option>")
    return "".join(options)
