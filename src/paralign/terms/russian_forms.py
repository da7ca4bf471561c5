"""Russian candidates grouped by lemma and written as a term is written.

Forms are grouped into one candidate by their lemmas (`resolve_lemmas`) when the whole corpus
has voted on which lemma an ambiguous word has («Токаева»: the surname Токаев, not the name
Токаева). `dictionary_form` writes a candidate as a term is written: head and its adjectives
in the nominative, the genitive tail as it stands («Организации тюркских государств» →
«Организация тюркских государств»); foreign names the dictionary does not know keep the
form the corpus attests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from paralign.glossary import morph
from paralign.terms.association import transliteration
from paralign.terms.russian import (
    CASE_ALIAS,
    PLACE_PREPOSITIONS,
    Reading,
    agree,
    form_word,
    heads,
    norm,
    readings,
    spans,
    word_readings,
)
from paralign.terms.words import Word, written_word


def form_readings(form_word: str) -> tuple[Reading, ...]:
    if form_word.startswith("="):
        return (Reading("N", "*", "*", "*", form_word, True),)
    return readings(form_word)


# Endings of a masculine name declined like «стол» (Халкетт, Халкетта, Халкетту,
# Халкеттом, о Халкетте): a foreign consonant-final name the dictionary does not know.
_MASCULINE_ENDINGS = ("ом", "а", "у", "е")
# Russian-pattern surnames (Мирзиёев, Мирзиёева, Мирзиёеву): the guesser declines them
# by the possessive paradigm, rightly, even when the corpus shows one form only.
_SURNAME_STEMS = ("ов", "ев", "ин", "ын")
_INDECLINABLE_ENDS = frozenset("иуюэоы")  # not е: «в Бернастоне» is a locative
_VOWELS = frozenset("аеиоуыэюяь")


@lru_cache(maxsize=200_000)
def known(lower: str) -> bool:
    """Whether the dictionary knows the word (its readings are not the guesser's)."""
    return lower.startswith("=") or any(p.is_known for p in morph().parse(lower))


def _masculine_stem(word: str, word_counts: Mapping[str, int]) -> str:
    """The bare stem of `word` when the corpus shows it too and the dictionary knows neither:
    «бретта» beside «бретт» (a masculine foreign name declined like «стол»), else ''."""
    for ending in _MASCULINE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem in word_counts and not known(stem):
            return stem
    return ""


def _lemma_options(word: str, word_counts: Mapping[str, int], shared: set[str]) -> list[str]:
    """The lemmas a word form may have, likeliest first. A word the dictionary does not
    know that ends in a vowel other than а/я is what Russian leaves indeclinable when it is
    foreign («Пелоси», «Роналду», «Манати», «Кавано»): the guesser's lemmas for it (the
    «Пелось» it builds from the ending) count only where the corpus attests them (the lemma
    is itself a form seen, or two forms seen share it) or where they follow the Russian
    surname paradigm («Мирзиёеву» → Мирзиёев); else the word is its own lemma."""
    every = form_readings(word)
    lemmas = list(dict.fromkeys(r.lemma for r in every)) or [word]
    if known(word):
        return lemmas
    stem = _masculine_stem(word, word_counts)
    if stem and stem not in lemmas:
        lemmas.append(stem)
    if word[-1:] not in _VOWELS and word in lemmas:
        # a consonant-final name is a masculine nominative as it stands («Обрадор»), likelier
        # than the genitive plural of a feminine the guesser makes of it («Обрадора»)
        return [word, *(lemma for lemma in lemmas if lemma != word)]
    if not _indeclinable(word):
        return lemmas
    surnames = {r.lemma for r in every if r.name and r.lemma.endswith(_SURNAME_STEMS)}
    return [
        lemma
        for lemma in lemmas
        if lemma == word or lemma in word_counts or lemma in surnames or lemma in shared
    ] or [word]


def resolve_lemmas(word_counts: Mapping[str, int]) -> dict[str, str]:
    """The lemma of each word form: of its readings' lemmas, the one the most occurrences
    of all the corpus's forms could share («токаева» → токаев, because «токаев» and
    «токаеву» vote for it and nothing else votes for the name Токаева). A tie goes to a
    masculine stem the corpus shows declined («Бретт» beside «Бретта», «Касым-Жомарт»
    beside «Касым-Жомарта»: the same way for every form, so the two are not split between
    two lemmas), then to the likelier reading («Баку», not the dative of «бак»)."""
    sharing: Counter[str] = Counter()
    for word in word_counts:
        sharing.update({r.lemma for r in form_readings(word)})
    shared = {lemma for lemma, n in sharing.items() if n >= 2}
    stems = {_masculine_stem(word, word_counts) for word in word_counts} - {""}
    support: Counter[str] = Counter()
    lemmas_of: dict[str, list[str]] = {}
    for word, count in word_counts.items():
        lemmas = _lemma_options(word, word_counts, shared)
        lemmas_of[word] = lemmas
        for lemma in lemmas:
            support[lemma] += count
    return {
        word: max(lemmas, key=lambda lemma: (support[lemma], lemma in stems, -lemmas.index(lemma)))
        for word, lemmas in lemmas_of.items()
    }


def lemma_key(form: tuple[str, ...], lemmas: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(lemmas.get(w, w) for w in form)


# --------------------------------------------------------------------------- dictionary form


def dictionary_form(
    written: tuple[str, ...],
    forms: Mapping[tuple[str, ...], int],
    lemmas: Mapping[str, str],
    kind: str = "np",
) -> str:
    """The candidate as a glossary writes it, from one written occurrence (`written`), the
    counts of all its forms (which decide between singular and plural) and the lemma the
    corpus chose for each word form."""
    if len(written) > 2 and written[-2] in PLACE_PREPOSITIONS:
        before = dictionary_form(written[:-2], _trimmed(forms, 2), lemmas, kind)
        return f"{before} {written[-2]} {written[-1]}"
    words = list(written)
    analysed: list[tuple[Reading, ...]] = []
    everything: list[tuple[Reading, ...]] = []
    for k, word in enumerate(written):
        as_word = written_word(word)
        form = form_word(as_word)
        chosen = lemmas.get(form, "")
        every = word_readings(as_word)
        if every and chosen and every[0].case != "*" and all(r.lemma != chosen for r in every):
            # a lemma no reading of this form has: the bare stem of a masculine foreign
            # name the corpus also shows («Бретта», «Бретт» → Бретт), written as it is
            words[k] = _cased_like(word, chosen)
            every = (Reading("N", "nomn", "sing", "*", chosen, True),)
        everything.append(every)
        analysed.append(tuple(r for r in every if r.lemma == chosen) or every)
    structure = [s for s in spans(analysed) if s[0] == 0 and s[1] == len(words)]
    if structure and kind != "name":
        head = structure[0][2]
        number = _number(head, forms, lemmas)
        nouns = [r for r in analysed[head] if r.pos == "N"]
        candidates = heads(analysed[:head], nouns)
        chosen_heads = [r for r in candidates if r.number == number] or candidates
        # A nominative that is not the word's own lemma is a feminine surname reading
        # («Путина» as Путина); the masculine genitive is the likelier one.
        own = norm(words[head])
        nominative = [
            r
            for r in chosen_heads
            if r.case == "nomn" and (r.number == "plur" or r.lemma == own or not r.name)
        ]
        chosen_heads = nominative or [r for r in chosen_heads if r.case != "nomn"] or chosen_heads
        noun = next(iter(nominative or chosen_heads), None)
        if noun is not None and noun.case != "*":
            if noun.case != "nomn":
                words[head] = _inflect(words[head], noun, {"nomn", number})
            for k in range(head):
                adjective = next((a for a in analysed[k] if a.pos == "A" and agree(a, noun)), None)
                if adjective is not None and (adjective.case != "nomn" or noun.case != "nomn"):
                    wanted = {"nomn", number} | (
                        {noun.gender} if number == "sing" and noun.gender != "*" else set()
                    )
                    words[k] = _inflect(words[k], adjective, wanted)
        return " ".join(words)
    return _name_form(words, analysed, everything)


def _name_form(
    words: list[str],
    analysed: list[tuple[Reading, ...]],
    everything: list[tuple[Reading, ...]],
) -> str:
    """A name, each word in the nominative (initials and abbreviations as they are). The
    words of a name share one case: where they can all be read in one oblique case and not
    all in the nominative, each is read in that case («Реджепа Тайипа Эрдогана»: Тайипа
    as the genitive of Тайип, not the feminine Тайипа the corpus-wide vote chose)."""
    shared = _run_case(words, everything)
    for k, own_readings in enumerate(analysed):
        own = norm(words[k])
        nouns = [r for r in own_readings if r.pos == "N" and r.case != "*"]
        if shared:
            in_case = [r for r in nouns if r.case == shared]
            if not in_case and not _indeclinable(own):  # «Линдси Грэма»: Линдси stays
                in_case = [r for r in everything[k] if r.pos == "N" and r.case == shared]
            if in_case:
                words[k] = _inflect(words[k], in_case[0], {"nomn", "sing"})
                continue
        if nouns and not any(r.case == "nomn" and r.lemma == own for r in nouns):
            oblique = [r for r in nouns if r.case != "nomn"] or nouns
            words[k] = _inflect(words[k], oblique[0], {"nomn", "sing"})
    return " ".join(words)


def _indeclinable(lower: str) -> bool:
    """Unknown to the dictionary and ending as Russian leaves foreign names indeclinable."""
    return lower[-1:] in _INDECLINABLE_ENDS and not known(lower)


def _run_case(words: list[str], everything: list[tuple[Reading, ...]]) -> str:
    """The oblique case every word of a name can be read in, when not all can be read in
    the nominative ('' otherwise, or when fewer than two words inflect). The nominative
    `readings` offers every noun form as its own (for «Токаев») does not count here."""
    cases = []
    for word, every in zip(words, everything, strict=True):
        own = norm(word)
        found = {
            r.case
            for r in every
            if r.pos == "N" and r.case != "*" and not (r.lemma == own and r.gender == "*")
        }
        if found:
            cases.append(found)
    if len(cases) < 2:
        return ""
    common = set.intersection(*cases)
    return "" if not common or "nomn" in common else min(common)


def attested_name(
    written: str, text: str, forms: Mapping[tuple[str, ...], int], lemmas: Mapping[str, str]
) -> str:
    """The dictionary form `text` of a one-word name written `written` inside sentences,
    unless it is a foreign indeclinable name the dictionary mistakes for an oblique case of
    a Russian common noun («Палу», which it reads as the dative of «пал»): a form ending as
    Russian leaves such names (и, у, ю, э, о, ы), read only as a common noun, whose
    nominative the corpus never shows, is written as seen."""
    form = form_word(Word(written, 0, False, 0))
    if form[-1:] not in _INDECLINABLE_ENDS or (norm(text),) in forms or not known(form):
        return text
    lemma = lemmas.get(form, form)
    nouns = [r for r in readings(form) if r.pos == "N" and r.lemma == lemma]
    return written if nouns and not any(r.name for r in nouns) else text


def _trimmed(forms: Mapping[tuple[str, ...], int], cut: int) -> dict[tuple[str, ...], int]:
    return {form[:-cut]: count for form, count in forms.items()}


def _number(head: int, forms: Mapping[tuple[str, ...], int], lemmas: Mapping[str, str]) -> str:
    """Singular unless the forms seen could be plural more often than singular."""
    singular = plural = 0
    for form, count in forms.items():
        if head >= len(form):
            continue
        word = form[head]
        every = [r for r in form_readings(word) if r.pos == "N"]
        numbers = {r.number for r in every if r.lemma == lemmas.get(word, r.lemma)}
        singular += count if "sing" in numbers or "*" in numbers else 0
        plural += count if "plur" in numbers else 0
    return "plur" if plural > singular else "sing"


def _inflect(written: str, reading: Reading, wanted: set[str]) -> str:
    lower = norm(written)
    for parse in morph().parse(lower):
        tag = parse.tag
        case = str(tag.case or "")
        case = CASE_ALIAS.get(case, case)
        if (
            parse.normal_form.replace("ё", "е") == reading.lemma
            and case == reading.case
            and str(tag.number or "*") == reading.number
        ):
            inflected = parse.inflect(wanted)
            if inflected is None:
                return written
            return _cased_like(written, inflected.word)
    return written


def _cased_like(written: str, word: str) -> str:
    """The inflected `word` written like `written`: its capitals, and its ё, which the
    analysis reads as е («Мирзиёева» → «Мирзиёев», not «Мирзиеев»)."""
    word = "".join(
        "ё" if ch == "е" and k < len(written) and written[k] in "ёЁ" else ch
        for k, ch in enumerate(word)
    )
    if len(written) > 1 and written.isupper():
        return word.upper()
    if written[:1].isupper():
        # Касым-Жомарт: each hyphenated part keeps its capital
        parts = word.split("-")
        shown = written.split("-")
        return "-".join(
            p[:1].upper() + p[1:] if k < len(shown) and shown[k][:1].isupper() else p
            for k, p in enumerate(parts)
        )
    return word


def named_as_rendered(text: str, rendering: str) -> str:
    """A name in the form its English rendering shows, where the corpus alone could not
    undo a case: Russian declines a consonant-final foreign name by adding the ending to the
    name as it stands (Brett → «Бретта», «Бретту», «Бреттом»), so a word the dictionary does
    not know that is the transliteration of its English word plus such an ending is written
    as that stem («Бретта Кавано», seen only in the genitive, → Бретт Кавано). Words are
    paired by position; a name of another length is left as it is."""
    words, english_words = text.split(), rendering.split()
    if len(words) != len(english_words):
        return text
    return " ".join(_stem_as_rendered(w, e) for w, e in zip(words, english_words, strict=True))


def _stem_as_rendered(word: str, english_word: str) -> str:
    from paralign.align.names import transliterate

    lower = word.lower()
    if known(lower) or transliterate(english_word)[-1:] in "aeiouy":  # Ronaldo: «Роналду»
        return word
    as_written = transliteration(word, english_word)
    for ending in _MASCULINE_ENDINGS:
        stem = word[: -len(ending)]
        if (
            lower.endswith(ending)
            and stem[-1:].lower() not in _VOWELS
            and transliteration(stem, english_word) > as_written
        ):
            return stem
    return word
