"""Glossary and Bitexts built from the corpus's real sentences, shared by the check tests."""

from __future__ import annotations

from paralign.model import Bitext, Concept, Glossary, Link, Sentence, Status, Term

P, A, D, S = Status.PREFERRED, Status.ADMITTED, Status.DEPRECATED, Status.SUPERSEDED


def concept(cid: str, *terms: tuple[str, str, Status], term_type: str = "") -> Concept:
    return Concept(cid, tuple(Term(text, lang, status) for text, lang, status in terms))


GLOSSARY = Glossary(
    (
        concept(
            "ots",
            ("Organization of Turkic States", "en", P),
            ("OTS", "en", A),
            ("Organisation of Turkic States", "en", D),
            ("Organization of Turkic Countries", "en", D),
            ("Организация тюркских государств", "ru", P),
            ("ОТГ", "ru", A),
        ),
        concept(
            "turkic-council",
            ("Turkic Council", "en", P),
            ("Тюркский совет", "ru", P),
        ),
        concept("erdogan", ("Erdoğan", "en", P), ("Erdogan", "en", D), ("Эрдоган", "ru", P)),
        concept("tokayev", ("Tokayev", "en", P), ("Tokaev", "en", D), ("Токаев", "ru", P)),
        concept(
            "ozal",
            ("Turgut Özal", "en", P),
            ("Özal", "en", A),
            ("Ozal", "en", D),
            ("Тургут Озал", "ru", P),
            ("Озал", "ru", A),
        ),
        concept("digital-corridor", ("Digital Corridor", "en", P), ("Цифровой коридор", "ru", P)),
        concept(
            "pan-turanism",
            ("Pan-Turanism", "en", P),
            ("Pan-Turanianism", "en", D),
            ("пантуранизм", "ru", P),
        ),
        concept("pan-turkism", ("Pan-Turkism", "en", P), ("пантюркизм", "ru", P)),
        concept(
            "prc",
            ("People's Republic of China", "en", P),
            ("PRC", "en", A),
            ("Китайская Народная Республика", "ru", P),
            ("КНР", "ru", A),
        ),
        concept("alma-ata", ("Alma-Ata", "en", P), ("Almaty", "en", A), ("Алма-Ата", "ru", P)),
    ),
    path="glossary/test.tbx",
)


def bitext(
    pairs: list[tuple[str, str]],
    name: str = "doc",
    src_path: str = "texts/ru/doc.md",
    tgt_path: str = "texts/en/doc.md",
) -> Bitext:
    """One 1-1 link per (ru, en) pair, an empty side making a 1-0 or 0-1 link."""
    source: list[Sentence] = []
    target: list[Sentence] = []
    links = []
    for number, (ru, en) in enumerate(pairs):
        src_ids: tuple[int, ...] = ()
        tgt_ids: tuple[int, ...] = ()
        if ru:
            src_ids = (len(source),)
            source.append(Sentence(ru, line=10 + 2 * number))
        if en:
            tgt_ids = (len(target),)
            target.append(Sentence(en, line=20 + 2 * number))
        links.append(Link(src_ids, tgt_ids))
    return Bitext(name, "ru", "en", tuple(source), tuple(target), tuple(links), src_path, tgt_path)
