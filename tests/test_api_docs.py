"""docs/api.md: its examples run as written (doctest), so the documented API stays true."""

from __future__ import annotations

import doctest
from pathlib import Path

import paralign

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_the_examples_of_docs_api_run() -> None:
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0


def test_every_documented_entry_point_is_in_the_package() -> None:
    for name in paralign.__all__:
        assert callable(getattr(paralign, name)) or name == "__version__", name


def test_align_takes_plain_strings() -> None:
    from paralign.align import align

    links = align(["Саммит прошёл 15 мая."], ["The summit was held on May 15."])
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,))]
