"""两不愁三保障 facts of a household as decision evidence (shared by identification and exit)."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from jingzhun.core.decisions import Evidence
from jingzhun.domain.model import Guarantees
from jingzhun.domain.vocabulary import Guarantee

GUARANTEE_ORDER: Final = tuple(Guarantee)


@lru_cache(maxsize=1024)
def guarantee_facts(
    g: Guarantees, water: bool
) -> tuple[tuple[Evidence, ...], tuple[Guarantee, ...], tuple[Guarantee, ...]]:
    """Evidence, unmet and unrecorded guarantees; ``water`` adds safe drinking water.

    Few distinct combinations exist, so the result is cached.
    """
    considered = GUARANTEE_ORDER if water else GUARANTEE_ORDER[:-1]
    ev = tuple(Evidence(name=f"guarantees.{x.value}", value=g.get(x)) for x in considered)
    unmet = tuple(x for x in considered if g.get(x) is False)
    unknown = tuple(x for x in considered if g.get(x) is None)
    return ev, unmet, unknown
