"""Validating a TMX against the 1.4b DTD and what the DTD cannot say, one TU at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paralign.lang import is_bcp47
from paralign.lang import matches as lang_matches
from paralign.model import ParalignError
from paralign.tmx.inline import XML_LANG, tuv_lang
from paralign.urls import Location
from paralign.xmlsafe import clear_read, iterparse

if TYPE_CHECKING:
    from lxml import etree


@dataclass(frozen=True, slots=True)
class TmxProblem:
    line: int
    message: str


def _dtd() -> etree.DTD:
    from importlib.resources import files

    from lxml import etree

    with files("paralign.data").joinpath("tmx14.dtd").open("rb") as handle:
        return etree.DTD(handle)


def validate_tmx(path: Location, targets: Sequence[str] = ()) -> list[TmxProblem]:
    """Check a TMX against the 1.4b DTD, one TU at a time (memory stays flat), and against
    what the DTD cannot say: bpt/ept pairing, BCP 47 codes, one seg per tuv, each TU's
    languages among srclang and the targets (`targets`, else the first other language met).

    Unreadable files (not well-formed, entity declarations) raise ParalignError.
    """
    dtd = _dtd()
    problems: list[TmxProblem] = []
    allowed_targets = [t for t in targets if t]
    header_checked = False
    srclang: str | None = None
    for _, element in iterparse(path, ("header", "tu")):
        if not header_checked:
            problems.extend(_check_root(element.getroottree().getroot()))
            header_checked = True
        if element.tag == "header":
            problems.extend(_dtd_problems(dtd, element))
            srclang = element.get("srclang", "")
            if srclang and not is_bcp47(srclang):
                problems.append(
                    TmxProblem(
                        element.sourceline or 0, f"header srclang '{srclang}' is not a BCP 47 code"
                    )
                )
            clear_read(element)
            continue
        if element.getparent() is None or element.getparent().tag != "body":
            continue
        if srclang is None:
            problems.append(TmxProblem(element.sourceline or 0, "<tu> before any <header>"))
            srclang = ""
        problems.extend(_dtd_problems(dtd, element))
        langs = _tuv_problems(element, problems)
        problems.extend(_language_problems(langs, srclang, allowed_targets))
        clear_read(element)
    if not header_checked:
        raise ParalignError(f"{path}: not a TMX file (no <header> or <tu>)")
    return sorted(problems, key=lambda p: p.line)


def collapse_repeats(problems: Sequence[TmxProblem]) -> list[TmxProblem]:
    """One line for each distinct message, at its first line, with how often and how far it
    recurs: a wrong code in every TU is one mistake, and 97 lines of it hide the others."""
    first: dict[str, TmxProblem] = {}
    seen: dict[str, tuple[int, int]] = {}  # message -> (count, last line)
    for problem in problems:
        first.setdefault(problem.message, problem)
        count, _ = seen.get(problem.message, (0, 0))
        seen[problem.message] = (count + 1, problem.line)
    collapsed = []
    for message, problem in first.items():
        count, last = seen[message]
        if count > 1:
            message = f"{message} ({count} times, lines {problem.line}–{last})"
        collapsed.append(TmxProblem(problem.line, message))
    return sorted(collapsed, key=lambda p: p.line)


def _tuv_problems(tu: etree._Element, problems: list[TmxProblem]) -> list[tuple[str, int]]:
    """Problems of each tuv of a TU (its language code, its one seg, the seg's codes),
    added to `problems`; the (language, line) of each tuv that has one."""
    langs: list[tuple[str, int]] = []
    for tuv in tu.iter("tuv"):
        line = tuv.sourceline or 0
        lang = tuv_lang(tuv)
        if not lang:
            problems.append(TmxProblem(line, "<tuv> without xml:lang"))
            continue
        if tuv.get(XML_LANG) is None:
            # libxml2 only warns on this #REQUIRED xml:lang, so the DTD pass misses it
            problems.append(
                TmxProblem(line, f'<tuv lang="{lang}"> is TMX 1.1–1.3; TMX 1.4b requires xml:lang')
            )
        if not is_bcp47(lang):
            problems.append(TmxProblem(line, f"language '{lang}' is not a BCP 47 code"))
        langs.append((lang, line))
        segs = [c for c in tuv if c.tag == "seg"]
        if len(segs) != 1:
            problems.append(TmxProblem(line, f"<tuv> has {len(segs)} <seg>, needs one"))
        for seg in segs:
            problems.extend(_pairing_problems(seg))
    return langs


def _language_problems(
    langs: list[tuple[str, int]], srclang: str, allowed_targets: list[str]
) -> list[TmxProblem]:
    """A language twice in one TU, or neither the source nor a target; the first other
    language met becomes the target when none was given (`allowed_targets` grows)."""
    problems: list[TmxProblem] = []
    seen: set[str] = set()
    for lang, line in langs:
        low = lang.lower()
        if low in seen:
            problems.append(TmxProblem(line, f"second <tuv> in '{lang}' in one TU"))
        seen.add(low)
        if not srclang or srclang == "*all*" or lang_matches(lang, srclang):
            continue
        if not allowed_targets:
            allowed_targets.append(lang)
        elif not any(lang_matches(lang, t) for t in allowed_targets):
            problems.append(
                TmxProblem(
                    line,
                    f"language '{lang}' is neither the source '{srclang}' nor a target "
                    f"({', '.join(allowed_targets)})",
                )
            )
    return problems


def _check_root(root: etree._Element) -> list[TmxProblem]:
    line = root.sourceline or 0
    if root.tag != "tmx":
        return [TmxProblem(line, f"root element <{root.tag}>, TMX needs <tmx>")]
    version = root.get("version")
    if version != "1.4":
        return [
            TmxProblem(
                line,
                f'<tmx version="{version}">: TMX 1.4b requires version "1.4" (the DTD fixes it)',
            )
        ]
    return []


def _dtd_problems(dtd: etree.DTD, element: etree._Element) -> list[TmxProblem]:
    if dtd.validate(element):
        return []
    return [
        TmxProblem(error.line, f"DTD: {error.message}")
        for error in dtd.error_log
        # validating a subtree makes libxml2 see the implicit xml namespace declaration
        if "xmlns:xml" not in error.message
    ]


def _pairing_problems(seg: etree._Element) -> list[TmxProblem]:
    problems: list[TmxProblem] = []
    opened: dict[str, int] = {}
    for code in seg.iter("bpt", "ept"):
        line, i = code.sourceline or 0, code.get("i", "")
        if code.tag == "bpt":
            if i in opened:
                problems.append(TmxProblem(line, f'<bpt i="{i}"> opened twice in one <seg>'))
            opened[i] = line
        elif i not in opened:
            problems.append(TmxProblem(line, f'<ept i="{i}"> without a <bpt i="{i}"> before it'))
        else:
            del opened[i]
    problems.extend(
        TmxProblem(line, f'<bpt i="{i}"> without its <ept i="{i}">') for i, line in opened.items()
    )
    return problems
