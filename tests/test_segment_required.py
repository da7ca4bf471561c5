"""The characters a rule needs (segment/required.py): a rule is skipped on a text only where
it could never match, on hand-made patterns, on paralign's rules and on random text."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.segment import segmenter_for
from paralign.segment.required import needs, satisfied
from paralign.segment.srx import finitize, translate


def _sets(pattern: str) -> list[str]:
    return ["".join(sorted(clause)) for clause in needs(pattern)]


def test_literals_classes_and_lookarounds_are_needed() -> None:
    assert _sets(r"\.") == ["."]
    assert _sets(r"[«“]x") == ["x", "«“"]
    assert _sets(r"(?<=q)z") == ["q", "z"]
    assert _sets(r"a-c") == ["-", "a", "c"]
    assert _sets(r"[a-c]") == ["abc"]


def test_what_may_be_absent_is_not_needed() -> None:
    assert _sets(r"a?b") == ["b"]
    assert _sets(r"a{0,3}b*c+") == ["c"]
    assert _sets(r"(?!x)y") == ["y"]
    assert _sets(r"(?<!x)") == []
    assert _sets(r"\p{Lu}\s\d") == []
    assert _sets(r"[^a]") == []


def test_alternatives_need_one_of_their_characters() -> None:
    assert _sets(r"(?:ab|cd)") == ["ac"]
    assert _sets(r"x|\d") == []  # one branch needs nothing: neither does the whole
    assert _sets("|".join("abcdefghij")) == []  # too many characters to be worth a test


def test_constructs_not_read_ask_for_nothing() -> None:
    for pattern in (
        r"(?i:abc)",
        r"(?i)abc",
        r"(?x)a b",
        r"(a)\1",
        r"(?:abc){e<=1}",
        r"\x41",
        r"(?(1)a|b)",
        r"[[:alpha:]]",
        r"[a-z&&[^b]]",
        r"a)",
        r"[abc",
    ):
        assert needs(pattern) == (), pattern


def _rule_patterns(lang: str) -> list[str]:
    """Each rule of paralign's file as the engine compiles it: a break rule's scanner (both
    parts), a no-break rule's guard (its afterbreak ahead, its beforebreak behind)."""
    patterns = []
    for rule in segmenter_for(lang).rules:
        if rule.is_break:
            before, after = translate(rule.before), translate(rule.after)
            patterns.append(f"(?:{before})(?={after})" if before else f"(?={after})")
        else:
            before, after = translate(finitize(rule.before)), translate(rule.after)
            patterns.append(f"(?={after})(?<={before})")
    return patterns


PATTERNS = [regex.compile(p, flags=regex.V1) for p in _rule_patterns("ru") + _rule_patterns("en")]
CLAUSES = [needs(p.pattern) for p in PATTERNS]
ALPHABET = " .!?…«»“”\"'()[]-—,;:§\n12АВГгвдтТсеИиПпNoVletaIg"


def test_the_rules_need_characters() -> None:
    # the analysis reads paralign's own rules: most need at least the stop or a quote
    assert sum(bool(clauses) for clauses in CLAUSES) > len(CLAUSES) * 2 // 3


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_a_rule_never_matches_a_text_that_lacks_what_it_needs(text: str) -> None:
    for pattern, clauses in zip(PATTERNS, CLAUSES, strict=True):
        if not satisfied(clauses, text):
            assert pattern.search(text) is None, (pattern.pattern[:80], text)


def test_a_gate_opens_for_the_patterns_a_text_may_match() -> None:
    from paralign.segment.required import Gate

    gate = Gate.of([needs(r"\."), needs(r"[«“]x"), needs(r"\p{L}"), needs(r"\.\.")])
    assert len(gate.clauses) == 3  # the stop is one clause, tested once for two patterns
    assert gate.open("Слово.") == [True, False, True, True]
    assert gate.open("«x") == [False, True, True, False]
    assert gate.open("") == [False, False, True, False]
