"""What the hostile catalogue cannot show by an error alone: the good paths beside them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.files import check_output
from paralign.langid import check_tag, detect_script, language_mismatch, script_mismatch
from paralign.model import ParalignError
from paralign.segment.srx import repeat_bound
from tests.conftest import run_paralign
from tests.test_hostile import EN, RU


@pytest.mark.parametrize("tag", ["ru", "en", "en-GB", "sr-Latn", "zh-Hant-TW", "de-CH-1996"])
def test_well_formed_tags_pass(tag: str) -> None:
    assert check_tag(tag) == tag


@pytest.mark.parametrize("tag", ["", "r u", "ru_RU", "12", "e", "ru-"])
def test_malformed_tags_are_one_line(tag: str) -> None:
    with pytest.raises(ParalignError, match="not a BCP 47 language tag"):
        check_tag(tag)


def test_script_decides_only_with_enough_letters() -> None:
    assert detect_script("ОТГ 2026") is None
    assert detect_script(RU) == "Cyrillic" and detect_script(EN) == "Latin"
    assert script_mismatch(EN, "ru") is not None and script_mismatch(EN, "en") is None
    # names in the other script stay below the majority
    assert script_mismatch("Саммит ОТС (OTS) прошёл в Туркестане в мае.", "ru") is None


# Sentences we wrote for these tests, in the ARVAK corpus's subject matter.
DE = "Die Organisation der Turkstaaten hat sich im Mai in Turkestan zu ihrem Gipfel getroffen."
UK = "Організація тюркських держав зібралася в Туркестані на саміт у травні цього року."
NB = "Organisasjonen av tyrkiske stater holdt sitt toppmøte i Turkestan i mai i år."


def test_words_decide_where_the_script_is_shared() -> None:
    german = language_mismatch(DE, "en")
    assert german is not None and german.reads_as == "de"
    assert "reads as de" in german.describe()
    ukrainian = language_mismatch(UK, "ru")
    assert ukrainian is not None and ukrainian.reads_as == "uk"
    assert language_mismatch(DE, "de-CH") is None and language_mismatch(UK, "uk") is None
    assert language_mismatch(EN, "en") is None and language_mismatch(RU, "ru") is None
    # a Norwegian text under Danish is kin, not a mistake; too short a text decides nothing
    assert language_mismatch(NB, "da") is None and language_mismatch(NB, "nb") is None
    assert language_mismatch("Gipfel in Turkestan im Mai.", "en") is None


def test_segments_differing_in_their_numbers_alone_ask_the_model_once() -> None:
    from paralign.langid import _model_reads_as_other

    # One sentence numbered and dated, as a TM repeats it, under the wrong language.
    texts = [
        f"Der Bericht Nr. {n} der Organisation vom {n % 28 + 1}. Mai {1990 + n} wurde vorgelegt"
        for n in range(40)
    ]
    before = _model_reads_as_other.cache_info().misses
    verdicts = {language_mismatch(text, "en") for text in texts}
    assert [v.reads_as if v else None for v in verdicts] == ["de"]
    assert _model_reads_as_other.cache_info().misses - before == 1


def test_segments_differing_in_their_digits_alone_are_one_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from paralign import langid

    counted = []
    letters = langid._letters_by_script
    monkeypatch.setattr(langid, "_letters_by_script", lambda t: counted.append(t) or letters(t))
    texts = [f"Доклад № {n} о деятельности Организации за {1990 + n} год." for n in range(10, 50)]
    assert {language_mismatch(text, "ru") for text in texts} == {None}
    # One question (every digit read as 0): its first sight is worked out and forgotten,
    # its second kept (`paralign.memo`).
    assert counted == ["Доклад № 00 о деятельности Организации за 0000 год."] * 2


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("aeiouxyzабвгдеёжзыэ0123456789٣ .,-'"), max_size=80))
def test_digits_never_change_the_language_verdict(text: str) -> None:
    from paralign.langid import _mismatch

    for lang in ("en", "ru"):
        assert language_mismatch(text, lang) == _mismatch.__wrapped__(text, lang)


def test_a_german_side_declared_english_is_refused_and_reported(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "de.txt").write_text(DE + " " + DE, encoding="utf-8")
    done = run_paralign("align", "ru.txt", "de.txt", "-o", "a.tmx", cwd=tmp_path)
    assert done.returncode == 2 and not (tmp_path / "a.tmx").exists()
    assert "de.txt" in done.stderr and "declared en but reads as de" in done.stderr
    forced = run_paralign(
        "align", "ru.txt", "de.txt", "--force-languages", "-o", "a.tmx", cwd=tmp_path
    )
    assert forced.returncode == 0, forced.stderr
    validated = run_paralign("tmx", "validate", "a.tmx", cwd=tmp_path)
    assert validated.returncode == 1 and "reads as de" in validated.stdout
    (tmp_path / "g.csv").write_text("id,en,ru\nc,corridor,коридор\n", encoding="utf-8")
    checked = run_paralign("check", "a.tmx", "--glossary", "g.csv", cwd=tmp_path)
    assert checked.returncode == 1 and "[language-mismatch]" in checked.stdout
    assert "reads as de" in checked.stdout


def test_repeat_bound_multiplies_nested_bounds_only() -> None:
    assert repeat_bound(r"(?:a{1000}){1000}") == 1_000_000
    assert repeat_bound(r"a{2}b{3}[{}]{4}\{9}") == 4
    assert repeat_bound(r"(\w{1,100}\s?){0,100}") == 10_000


def test_check_output_accepts_a_new_file_and_a_folder(tmp_path: Path) -> None:
    check_output(tmp_path / "new.tmx")
    check_output(tmp_path / "new-folder", folder=True)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(ParalignError, match="is a file, a folder is needed"):
        check_output(tmp_path / "f", folder=True)


def _corpus(root: Path, *stems: str, extra: str = "") -> None:
    for lang, text in (("ru", RU), ("en", EN)):
        (root / lang).mkdir(parents=True, exist_ok=True)
        for stem in stems:
            (root / lang / f"{stem}.md").write_text(text, encoding="utf-8")
    if extra:
        (root / "ru" / f"{extra}.md").write_text(RU, encoding="utf-8")


def test_folders_with_a_tmx_output_give_one_tmx_of_the_whole_corpus(tmp_path: Path) -> None:
    _corpus(tmp_path, "a", "b")
    done = run_paralign("align", "ru", "en", "-o", "all.tmx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "all.tmx").read_text(encoding="utf-8")
    assert text.count('<prop type="x-document">a</prop>') == 3
    assert text.count('<prop type="x-document">b</prop>') == 3
    done = run_paralign("align", "ru", "en", "-o", "out", cwd=tmp_path)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.tmx", "b.tmx"]


def test_allow_unpaired_aligns_the_rest_with_a_warning(tmp_path: Path) -> None:
    _corpus(tmp_path, "a", extra="lonely")
    done = run_paralign("align", "ru", "en", "--allow-unpaired", "-o", "a.tmx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "warning" in done.stderr and "lonely.md" in done.stderr
    assert (tmp_path / "a.tmx").is_file()


def test_force_languages_aligns_a_swapped_pair_and_check_reports_it(tmp_path: Path) -> None:
    (tmp_path / "ru.md").write_text(RU, encoding="utf-8")
    (tmp_path / "en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "g.csv").write_text("id,en,ru\nc,corridor,коридор\n", encoding="utf-8")
    done = run_paralign("align", "en.md", "ru.md", "--force-languages", "-o", "s.tmx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    checked = run_paralign("check", "s.tmx", "--glossary", "g.csv", cwd=tmp_path)
    assert checked.returncode == 1 and checked.stdout.count("[language-mismatch]") == 3
    validated = run_paralign("tmx", "validate", "s.tmx", cwd=tmp_path)
    assert validated.returncode == 1 and "language-mismatch" in validated.stdout


def test_help_is_not_garbled_and_completion_installs(tmp_path: Path) -> None:
    shown = run_paralign("run", "--help", env={"COLUMNS": "200"})
    assert "[tool.paralign] names" in shown.stdout
    done = run_paralign(
        "--install-completion", env={"SHELL": "/bin/bash", "HOME": str(tmp_path)}, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "paralign" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_concurrent_writers_leave_one_whole_output(tmp_path: Path) -> None:
    """Two `align` runs racing for one -o: each writes a private temporary file and renames
    it, so the result is the whole TMX of one of them, never a mix, and no temp file stays."""
    import subprocess
    import sys

    from lxml import etree

    for name, text in (("a", RU), ("b", RU.replace("Баку", "Анкаре"))):
        (tmp_path / f"{name}.ru.md").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.en.md").write_text(EN, encoding="utf-8")
    align = [sys.executable, "-m", "paralign.cli", "align"]
    runs = [
        subprocess.Popen(
            [*align, f"{n}.ru.md", f"{n}.en.md", "-o", "same.tmx"],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in ("a", "b")
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
    segs = etree.parse(str(tmp_path / "same.tmx")).findall(".//seg")
    assert len(segs) == 6 and ("Баку" in segs[4].text) != ("Анкаре" in segs[4].text)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.ru.md", "a.en.md", "b.ru.md", "b.en.md", "same.tmx"]
    )
