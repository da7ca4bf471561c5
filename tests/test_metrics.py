"""`paralign score` gives sacrebleu's numbers and signatures, on the corpus's own English text.

The reference is the English rendering of the shipped comment split into sentences; the
hypothesis is a revised copy in which every third sentence was edited the way an editor would
(a word replaced, a phrase dropped, two clauses swapped). Each figure is compared with
sacrebleu's Python API and with the `sacrebleu` command run as a subprocess.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER
from typer.testing import CliRunner

from paralign.cli import app
from paralign.metrics import (
    MetricOptions,
    corpus_scores,
    join_by_source,
    paired_test,
    segment_scores,
    worst_segments,
)
from paralign.model import ParalignError
from tests.conftest import STEM, TEXTS

SACREBLEU = Path(sys.executable).with_name("sacrebleu")
runner = CliRunner()


def english_sentences() -> list[str]:
    """The English text without markdown emphasis, one sentence a line."""
    text = (TEXTS / "en" / f"{STEM}.md").read_text(encoding="utf-8")
    sentences = []
    for paragraph in text.split("\n\n"):
        plain = re.sub(r"<sup>\d+</sup>|[*#]|^-+$", "", paragraph.strip()).strip()
        if len(plain) < 3:
            continue
        sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", plain) if s.strip()]
    return sentences


def revise(sentences: list[str]) -> list[str]:
    """An editor's pass: every third sentence changed, the others kept."""
    revised = []
    for i, sentence in enumerate(sentences):
        words = sentence.split()
        if i % 3 == 0 and len(words) > 6:
            if i % 2 == 0:
                words[2], words[3] = words[3], words[2]
                words = [w for w in words if w not in {"the", "a"}]
            else:
                words = [*words[:2], "indeed,", *words[2:-3], words[-1]]
            revised.append(" ".join(words).replace("Turkic", "Turkish"))
        elif i % 3 == 0:
            revised.append(sentence.upper())
        else:
            revised.append(sentence)
    return revised


REFERENCE = english_sentences()
HYPOTHESIS = revise(REFERENCE)
# A second system for the paired tests: fewer edits than HYPOTHESIS.
SYSTEM2 = [h if i % 2 else r for i, (h, r) in enumerate(zip(HYPOTHESIS, REFERENCE, strict=True))]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("score")
    paths = {}
    for name, lines in (("ref", REFERENCE), ("hyp", HYPOTHESIS), ("sys2", SYSTEM2)):
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths["ref2"] = folder / "ref2.txt"
    paths["ref2"].write_text("\n".join(SYSTEM2) + "\n", encoding="utf-8")
    return paths


def test_the_fixture_is_real_text() -> None:
    assert len(REFERENCE) > 80
    assert sum(h != r for h, r in zip(HYPOTHESIS, REFERENCE, strict=True)) > 25


def _sacrebleu_api(name: str, lowercase: bool = False, tokenize: str = "13a"):
    return {
        "bleu": BLEU(lowercase=lowercase, tokenize=tokenize),
        "chrf": CHRF(lowercase=lowercase),
        "chrf++": CHRF(word_order=2, lowercase=lowercase),
        "ter": TER(),
    }[name]


@pytest.mark.parametrize("lowercase", [False, True])
def test_corpus_scores_equal_sacrebleu_api(lowercase: bool) -> None:
    refs = [REFERENCE, SYSTEM2]
    ours = corpus_scores(HYPOTHESIS, refs, MetricOptions(lowercase=lowercase))
    assert [s.metric for s in ours] == ["bleu", "chrf", "chrf++", "ter"]
    for item in ours:
        metric = _sacrebleu_api(item.metric, lowercase)
        expected = metric.corpus_score(HYPOTHESIS, refs)
        assert item.score == expected.score
        assert item.name == expected.name
        assert item.signature == str(metric.get_signature())
        assert "nrefs:2" in item.signature
    assert 0 < ours[0].score < 100


def test_intl_tokenizer_changes_bleu_and_its_signature() -> None:
    (ours,) = corpus_scores(HYPOTHESIS, [REFERENCE], MetricOptions(("bleu",), "intl"))
    expected = BLEU(tokenize="intl").corpus_score(HYPOTHESIS, [REFERENCE])
    assert ours.score == expected.score
    assert "tok:intl" in ours.signature


def _sacrebleu_cli(*args: str) -> str:
    run = subprocess.run(
        [str(SACREBLEU), *args], capture_output=True, text=True, check=True, timeout=60
    )
    return run.stdout


def _score_json(*args: str) -> dict:
    result = runner.invoke(app, ["score", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_equals_the_sacrebleu_command(files: dict[str, Path]) -> None:
    ours = _score_json(str(files["hyp"]), str(files["ref"]))["metrics"]
    out = _sacrebleu_cli(
        str(files["ref"]),
        "-i",
        str(files["hyp"]),
        "-m",
        "bleu",
        "chrf",
        "ter",
        "-w",
        "6",
        "-f",
        "text",
    )
    out += _sacrebleu_cli(
        str(files["ref"]),
        "-i",
        str(files["hyp"]),
        "-m",
        "chrf",
        "--chrf-word-order",
        "2",
        "-w",
        "6",
        "-f",
        "text",
    )
    theirs = {
        name: (signature, float(value))
        for name, signature, value in re.findall(r"^\s*(\S+?)\|(\S+) = ([\d.]+)", out, re.M)
    }
    names = {"bleu": "BLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER"}
    assert set(ours) == set(names)
    for metric, name in names.items():
        signature, value = theirs[name]
        assert round(ours[metric]["score"], 6) == pytest.approx(value, abs=1e-6)
        assert ours[metric]["signature"] == signature
        assert ours[metric]["name"] == name


def test_lowercase_and_two_references_equal_the_sacrebleu_command(files: dict[str, Path]) -> None:
    ours = _score_json(
        str(files["hyp"]),
        str(files["ref"]),
        str(files["ref2"]),
        "--metrics",
        "bleu,chrf",
        "--lowercase",
    )["metrics"]
    out = _sacrebleu_cli(
        str(files["ref"]),
        str(files["ref2"]),
        "-i",
        str(files["hyp"]),
        "-m",
        "bleu",
        "chrf",
        "-lc",
        "--chrf-lowercase",
        "-w",
        "6",
        "-f",
        "text",
    )
    theirs = dict(re.findall(r"^\s*(\S+?)\|\S+ = ([\d.]+)", out, re.M))
    assert round(ours["bleu"]["score"], 6) == pytest.approx(float(theirs["BLEU"]), abs=1e-6)
    assert round(ours["chrf"]["score"], 6) == pytest.approx(float(theirs["chrF2"]), abs=1e-6)
    assert "case:lc" in ours["bleu"]["signature"] and "nrefs:2" in ours["bleu"]["signature"]


def test_segment_scores_are_sacrebleu_sentence_scores() -> None:
    segments, signatures = segment_scores(HYPOTHESIS[:30], [REFERENCE[:30]])
    sentence_bleu = BLEU(effective_order=True)
    chrf, ter = CHRF(), TER()
    assert "eff:yes" in signatures["bleu"]
    for seg, hyp, ref in zip(segments, HYPOTHESIS, REFERENCE, strict=False):
        assert seg.scores["bleu"] == sentence_bleu.sentence_score(hyp, [ref]).score
        assert seg.scores["chrf"] == chrf.sentence_score(hyp, [ref]).score
        expected_ter = ter.sentence_score(hyp, [ref])
        assert seg.scores["ter"] == expected_ter.score
        assert seg.ter_edits == expected_ter.num_edits
        assert seg.ter_ref_length == expected_ter.ref_length
    untouched = [s for s in segments if s.hypothesis == s.references[0]]
    assert untouched
    assert all(s.scores["ter"] == 0 and s.scores["bleu"] == pytest.approx(100) for s in untouched)


def test_hter_counts_the_post_editors_edits() -> None:
    mt = ["the cat sat on mat", "a dog barked loudly at night", "Hello world"]
    post_edited = ["the cat sat on the mat", "a dog barked at night", "Hello world"]
    segments, _ = segment_scores(mt, [post_edited], MetricOptions(("ter",)))
    assert [(s.ter_edits, s.ter_ref_length) for s in segments] == [(1, 6), (1, 5), (0, 2)]
    (corpus,) = corpus_scores(mt, [post_edited], MetricOptions(("ter",)))
    assert corpus.score == pytest.approx(100 * 2 / 13)
    assert corpus.detail == "edits = 2 ref_len = 13.0"


def test_worst_segments_are_the_edited_ones(files: dict[str, Path]) -> None:
    doc = _score_json(str(files["hyp"]), str(files["ref"]), "--metrics", "chrf", "--worst", "5")
    by_line = {s["line"]: s for s in doc["segments"]}
    assert len(doc["worst"]) == 5
    assert all(
        by_line[line]["hypothesis"] != by_line[line]["references"][0] for line in doc["worst"]
    )
    worst_score = max(by_line[line]["chrf"] for line in doc["worst"])
    others = [s for s in doc["segments"] if s["line"] not in doc["worst"]]
    assert all(s["chrf"] >= worst_score for s in others)
    assert doc["segment_signatures"]["chrf"].startswith("nrefs:1|")


def test_worst_by_ter_takes_the_highest() -> None:
    segments, _ = segment_scores(
        ["a b c", "x y z", "a b"], [["a b c", "a b c", "a b c"]], MetricOptions(("ter",))
    )
    assert [s.line for s in worst_segments(segments, 2, "ter")] == [2, 3]


_ROW = re.compile(r"│\s*(?:Baseline: )?(\S+) │(.*)│")


def _sacrebleu_paired(out: str) -> dict[str, list[tuple[float, ...]]]:
    """System → per metric (score, mean, ci[, p]) from sacrebleu's paired-test table."""
    rows: dict[str, list[tuple[float, ...]]] = {}
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if match := _ROW.match(line):
            cells = match.group(2).split("│")
            numbers = [tuple(float(x) for x in re.findall(r"-?\d+\.\d+", c)) for c in cells]
            following = _ROW.match(lines[i + 1]) is None and "│" in lines[i + 1]
            if following:
                p_values = [re.findall(r"p = ([\d.]+)", c) for c in lines[i + 1].split("│")[2:]]
                numbers = [(*n, float(p[0])) for n, p in zip(numbers, p_values, strict=False)]
            rows[Path(match.group(1)).name] = numbers
    return rows


@pytest.mark.parametrize(
    ("test", "flag", "n"), [("bs", "--paired-bs", 300), ("ar", "--paired-ar", 400)]
)
def test_paired_test_reports_what_sacrebleu_reports(
    files: dict[str, Path], test: str, flag: str, n: int
) -> None:
    doc = _score_json(
        str(files["hyp"]),
        str(files["ref"]),
        "--paired",
        str(files["sys2"]),
        "--metrics",
        "bleu,chrf",
        "--paired-tests",
        test,
        f"--paired-{test}-n",
        str(n),
    )
    out = _sacrebleu_cli(
        str(files["ref"]),
        "-i",
        str(files["hyp"]),
        str(files["sys2"]),
        "-m",
        "bleu",
        "chrf",
        flag,
        f"{flag}-n",
        str(n),
        "-w",
        "4",
        "-f",
        "text",
    )
    theirs = _sacrebleu_paired(out)
    assert (doc["paired"]["baseline"], doc["paired"]["system"]) == (
        str(files["hyp"]),
        str(files["sys2"]),
    )
    for column, metric in enumerate(("bleu", "chrf")):
        ours = doc["paired"][metric][test]
        assert ours["n"] == n
        assert f"{test}:{n}" in ours["signature"] and "seed:12345" in ours["signature"]
        baseline, system = theirs["hyp.txt"][column], theirs["sys2.txt"][column]
        assert round(ours["baseline"]["score"], 4) == pytest.approx(baseline[0], abs=1e-4)
        assert round(ours["system"]["score"], 4) == pytest.approx(system[0], abs=1e-4)
        assert round(ours["p_value"], 4) == pytest.approx(system[-1], abs=1e-4)
        if test == "bs":
            assert round(ours["system"]["mean"], 4) == pytest.approx(system[1], abs=1e-4)
            assert round(ours["system"]["ci"], 4) == pytest.approx(system[2], abs=1e-4)
            assert round(ours["baseline"]["ci"], 4) == pytest.approx(baseline[2], abs=1e-4)
        else:
            assert ours["system"]["ci"] > 0  # sacrebleu's CLI prints no interval for AR
    assert doc["paired"]["bleu"][test]["p_value"] < 0.05


def test_paired_test_on_ter_uses_sacrebleus_significance_module() -> None:
    from sacrebleu.significance import PairedTest

    hyps, sys2, refs = HYPOTHESIS[:20], SYSTEM2[:20], [REFERENCE[:20]]
    (ours,) = paired_test(
        hyps, sys2, refs, MetricOptions(("ter",)), tests=("bs",), n_samples={"bs": 200}
    )
    _, table = PairedTest([("a", hyps), ("b", sys2)], {"TER": TER()}, refs, "bs", 200)()
    assert (ours.system.score, ours.p_value) == (table["TER"][1].score, table["TER"][1].p_value)
    assert ours.baseline.ci == pytest.approx(table["TER"][0].ci)


def test_table_for_people_shows_scores_and_signatures(files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["score", str(files["hyp"]), str(files["ref"]), "--worst", "2"])
    assert result.exit_code == 0, result.output
    metric = BLEU()
    bleu = metric.corpus_score(HYPOTHESIS, [REFERENCE])
    assert f"{bleu.score:.2f}" in result.stdout
    assert f"BLEU|{metric.get_signature()}" in result.stdout
    assert "TER (segment)|" in result.stdout and "segment scores" in result.stdout


def test_spm_tokenizer_names_the_model_by_its_sha256(tmp_path: Path) -> None:
    import sentencepiece as spm

    from paralign.pieces import save_pieces, train_pieces

    pieces = train_pieces(REFERENCE, vocab_size=300)
    model, _ = save_pieces(pieces, tmp_path / "en")
    options = MetricOptions(("bleu",), f"spm:{model}")
    (ours,) = corpus_scores(HYPOTHESIS, [REFERENCE], options)
    processor = spm.SentencePieceProcessor(model_file=str(model))

    def piece(line: str) -> str:
        return " ".join(processor.encode(line, out_type=str))

    expected = BLEU(tokenize="none").corpus_score(
        [piece(h) for h in HYPOTHESIS], [[piece(r) for r in REFERENCE]]
    )
    assert ours.score == expected.score
    assert f"tok:spm-sha256:{pieces.sha256[:12]}|" in ours.signature
    assert "flores" not in ours.signature
    assert ours.score != corpus_scores(HYPOTHESIS, [REFERENCE], MetricOptions(("bleu",)))[0].score


def _fails(args: list[str]) -> str:
    result = runner.invoke(app, ["score", *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    return result.stderr


def test_different_line_counts_name_both_files_and_counts(
    files: dict[str, Path], tmp_path: Path
) -> None:
    short = tmp_path / "short.txt"
    short.write_text("\n".join(HYPOTHESIS[:10]) + "\n", encoding="utf-8")
    message = _fails([str(short), str(files["ref"])])
    assert f"{short} has 10 segments but {files['ref']} has {len(REFERENCE)}" in message
    message = _fails([str(files["hyp"]), str(files["ref"]), "--paired", str(short)])
    assert str(short) in message and "has 10" in message


def test_bad_input_is_one_line_and_exit_2(files: dict[str, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert "empty file" in _fails([str(empty), str(files["ref"])])
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café\n".encode("latin-1"))
    assert "not UTF-8" in _fails([str(latin), str(latin)])
    assert "unknown metric 'meteor'" in _fails(
        [str(files["hyp"]), str(files["ref"]), "--metrics", "bleu,meteor"]
    )
    assert "unknown tokenizer 'flores200'" in _fails(
        [str(files["hyp"]), str(files["ref"]), "--tokenize", "flores200"]
    )
    assert "no such file" in _fails(
        [str(files["hyp"]), str(files["ref"]), "--tokenize", f"spm:{tmp_path / 'x.model'}"]
    )
    not_model = tmp_path / "x.model"
    not_model.write_bytes(b"not a model")
    assert "not a SentencePiece model" in _fails(
        [str(files["hyp"]), str(files["ref"]), "--tokenize", f"spm:{not_model}"]
    )
    assert "unknown paired test" in _fails(
        [
            str(files["hyp"]),
            str(files["ref"]),
            "--paired",
            str(files["sys2"]),
            "--paired-tests",
            "t-test",
        ]
    )


def test_metric_names_are_checked_in_the_library() -> None:
    with pytest.raises(ParalignError, match="unknown metric"):
        MetricOptions(("bleu", "comet"))


def _write_tmx(path: Path, source: list[str], target: list[str], order: list[int]) -> Path:
    from paralign.model import Bitext, Link, Sentence
    from paralign.tmx import write_tmx

    bitext = Bitext(
        "doc",
        "ru",
        "en",
        tuple(Sentence(source[i]) for i in order),
        tuple(Sentence(target[i]) for i in order),
        tuple(Link((k,), (k,)) for k in range(len(order))),
    )
    write_tmx([bitext], path)
    return path


def test_two_tmx_files_are_joined_by_source_text(tmp_path: Path) -> None:
    source = [f"Исходное предложение номер {i}." for i in range(len(REFERENCE))]
    order = list(range(len(REFERENCE)))
    hyp = _write_tmx(tmp_path / "mt.tmx", source, HYPOTHESIS, order)
    # The reference TM holds the units in another order and lacks the first two.
    ref = _write_tmx(tmp_path / "ref.tmx", source, REFERENCE, order[::-1][:-2])
    result = runner.invoke(app, ["score", str(hyp), str(ref), "--metrics", "bleu,ter", "--json"])
    assert result.exit_code == 0, result.output
    assert f"2 of {len(REFERENCE)} translation units of {hyp} have no match" in result.stderr
    ours = json.loads(result.stdout)["metrics"]
    assert ours["bleu"]["score"] == BLEU().corpus_score(HYPOTHESIS[2:], [REFERENCE[2:]]).score
    assert ours["ter"]["score"] == TER().corpus_score(HYPOTHESIS[2:], [REFERENCE[2:]]).score


def test_tmx_against_a_text_file_and_language_errors(
    files: dict[str, Path], tmp_path: Path
) -> None:
    source = [f"Предложение {i}." for i in range(len(REFERENCE))]
    hyp = _write_tmx(tmp_path / "mt.tmx", source, HYPOTHESIS, list(range(len(REFERENCE))))
    doc = _score_json(str(hyp), str(files["ref"]), "--metrics", "chrf", "--tmx-lang", "en")
    assert doc["metrics"]["chrf"]["score"] == CHRF().corpus_score(HYPOTHESIS, [REFERENCE]).score
    assert "is the source language" in _fails([str(hyp), str(files["ref"]), "--tmx-lang", "ru"])
    assert "holds both ru and de" in _fails([str(hyp), str(files["ref"]), "--tmx-lang", "de"])


def test_a_multilingual_tm_is_scored_in_the_language_asked_for(tmp_path: Path) -> None:
    units = "".join(
        f'<tu><tuv xml:lang="ru-RU"><seg>Фраза {i}</seg></tuv>'
        f'<tuv xml:lang="en-GB"><seg>Phrase number {i}</seg></tuv>'
        f'<tuv xml:lang="de"><seg>Satz Nummer {i}</seg></tuv></tu>'
        for i in range(3)
    )
    tm = tmp_path / "tm.tmx"
    tm.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="ru-RU" segtype="sentence" '
        'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" '
        f'creationtoolversion="1"/><body>{units}</body></tmx>',
        encoding="utf-8",
    )
    ref = tmp_path / "de.txt"
    ref.write_text("Satz Nummer 0\nSatz Nummer 1\nSatz Numer 2\n", encoding="utf-8")
    doc = _score_json(str(tm), str(ref), "--metrics", "chrf", "--tmx-lang", "de")
    hyps = [f"Satz Nummer {i}" for i in range(3)]
    refs = ref.read_text(encoding="utf-8").splitlines()
    assert doc["metrics"]["chrf"]["score"] == CHRF().corpus_score(hyps, [refs]).score
    assert "cannot tell the target language" in _fails([str(tm), str(ref)])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abcdef"), st.text(max_size=3)), max_size=8),
    st.lists(st.tuples(st.sampled_from("abcdef"), st.text(max_size=3)), max_size=8),
)
def test_join_by_source_keeps_only_units_found_everywhere(
    first: list[tuple[str, str]], second: list[tuple[str, str]]
) -> None:
    (hyps, refs), dropped = join_by_source([first, second])
    ref_of = {}
    for source, segment in second:
        ref_of.setdefault(source, segment)
    kept = [(source, segment) for source, segment in first if source in ref_of]
    assert hyps == [segment for _, segment in kept]
    assert refs == [ref_of[source] for source, _ in kept]
    assert dropped == len(first) - len(kept)
