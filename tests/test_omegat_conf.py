"""paralign's SRX rules as OmegaT's segmentation.conf (java.beans.XMLEncoder form)."""

from __future__ import annotations

from lxml import etree

from paralign.omegat import OMEGAT_SRX_VERSION, java_pattern, segmentation_conf
from paralign.segment import DEFAULT_RULES
from paralign.segment.srx import load_srx


def test_every_map_and_rule_is_carried_in_order() -> None:
    srx = load_srx(DEFAULT_RULES)
    root = etree.fromstring(segmentation_conf(srx))
    assert root.tag == "java" and root.get("class") == "java.beans.XMLDecoder"
    maps = root.findall("object/void[@property='mappingRules']/object/void/object")
    assert [m.find("void[@property='pattern']/string").text for m in maps] == [
        p for p, _ in srx.maps
    ]
    by_name = dict(srx.language_rules)
    for item, (_, name) in zip(maps, srx.maps, strict=True):
        rules = item.findall("void[@property='rules']/object/void/object")
        assert len(rules) == len(by_name[name])
        flags = [r.find("void[@property='breakRule']/boolean").text for r in rules]
        assert flags == ["true" if r.is_break else "false" for r in by_name[name]]
    assert root.find("object/void[@property='version']/string").text == OMEGAT_SRX_VERSION


def test_java_patterns_are_bounded_and_unrolled_inside_lookbehind() -> None:
    assert java_pattern(r"\s+a") == r"(?U)\s{1,100}a"
    assert java_pattern(r"(?<=^\d(?:\.\d)*)x(?:\.\d)*") == (
        r"(?U)(?<=^\d(?:\.\d)?(?:\.\d)?(?:\.\d)?(?:\.\d)?)x(?:\.\d){0,100}"
    )
    # a character class with brackets and parentheses inside is not a group
    assert java_pattern(r"(?<![(\]])a") == r"(?U)(?<![(\]])a"


def test_cli_writes_the_project_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_paralign

    out = tmp_path / "project" / "omegat" / "segmentation.conf"
    done = run_paralign("omegat", "rules", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == segmentation_conf(load_srx(DEFAULT_RULES))
    missing = run_paralign("omegat", "rules", tmp_path / "x.conf", "--rules", tmp_path / "no.srx")
    assert missing.returncode == 2 and not (tmp_path / "x.conf").exists()
