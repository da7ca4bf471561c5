"""metrics.py computes corpus and segment scores from one statistics pass through three of
sacrebleu's private methods (the bootstrap and paired tests of sacrebleu itself use them),
and reads a score's `_verbose` detail; all four in one section of metrics.py.
They are not public API, so sacrebleu is pinned to the versions tested (pyproject.toml) and
this test fails first when an upgrade moves them."""

from __future__ import annotations

from importlib.metadata import version

import pytest

PRIVATE = ("_check_corpus_score_args", "_extract_corpus_statistics", "_aggregate_and_compute")


def test_sacrebleu_is_a_tested_version() -> None:
    major, minor = (int(part) for part in version("sacrebleu").split(".")[:2])
    assert (2, 4) <= (major, minor) < (2, 7)


@pytest.mark.parametrize("metric", ["BLEU", "CHRF", "TER"])
def test_the_private_methods_metrics_uses_exist_and_agree_with_corpus_score(
    metric: str,
) -> None:
    import sacrebleu.metrics as metrics

    scorer = getattr(metrics, metric)()
    for name in PRIVATE:
        assert callable(getattr(scorer, name)), name
    hyps = ["The summit was held on May 15.", "The leaders signed it."]
    refs = [["The summit took place on May 15.", "The leaders signed a declaration."]]
    scorer._check_corpus_score_args(hyps, refs)
    stats = scorer._extract_corpus_statistics(hyps, refs)
    assert scorer._aggregate_and_compute(stats).score == scorer.corpus_score(hyps, refs).score


def test_the_verbose_detail_metrics_reads_is_there() -> None:
    from sacrebleu.metrics import BLEU

    score = BLEU().corpus_score(["The leaders signed it."], [["The leaders signed a text."]])
    assert isinstance(score._verbose, str) and "BP" in score._verbose
