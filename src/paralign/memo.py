"""A cache for what is asked of the same text again and again: a TM repeats segments
(headings, boilerplate, one sentence in many documents, TMs merged together), and check asks
each rule's questions of both sides of every TU.

Where texts do not repeat, every answer kept is a cost: on 100,000 TUs whose texts all
differ, a plain `lru_cache` of 16,384 texts on five of check's questions made it 13% slower
(7% at 4,096, nothing at 256), the texts and answers it kept alive costing more than its
lookups. So an answer is kept only from a text's second sight on, and only for the costly
questions: near terms (0.2 ms a text and concept), term matching (13 µs a text), the
language test (9 µs). The cheap ones, numbers (3.7 µs) and quotes (0.8 µs), are asked
again: a miss here costs 0.3 µs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def repeated(maxsize: int) -> Callable[[F], F]:
    """`lru_cache(maxsize)` for the arguments seen before (by hash; up to 4 × maxsize of
    them remembered); the first sight of arguments computes without keeping the answer.
    The arguments must be hashable, and positional."""

    def wrap(function: F) -> F:
        seen: set[int] = set()
        kept = lru_cache(maxsize)(function)

        @wraps(function)
        def call(*args: Hashable) -> Any:
            key = hash(args)
            if key in seen:
                return kept(*args)
            if len(seen) >= 4 * maxsize:
                seen.clear()
            seen.add(key)
            return function(*args)

        return cast(F, call)

    return wrap
