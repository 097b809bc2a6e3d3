"""The same rules written for OpenFisca-core, for the columnar benchmark only.

Identification (per-capita net income below the line), household exit (above the line and
the guarantees met), village incidence (poor people still registered after exits over the
rural population) and village exit (incidence below the village threshold, west or not),
on one population given as arrays. The line and the thresholds are read from jingzhun's
own parameters by the caller and passed in: there is no second copy of a value here.

OpenFisca is a benchmark-only dependency (``requirements/bench.txt``); nothing in
``src/`` imports this module.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Person = build_entity(key="person", plural="persons", label="Person", is_person=True)
Household = build_entity(
    key="household",
    plural="households",
    label="Household",
    roles=[{"key": "member", "plural": "members", "label": "Member"}],
)
Village = build_entity(
    key="village",
    plural="villages",
    label="Village",
    roles=[{"key": "resident", "plural": "residents", "label": "Resident"}],
)

YEAR = DateUnit.YEAR


def _input(name: str, entity: Any, value_type: type) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {"value_type": value_type, "entity": entity, "definition_period": YEAR, "label": name},
    )


_INPUTS = [
    _input("net_income_fen", Household, int),
    _input("guarantees_met", Household, bool),
    _input("line_fen", Household, int),
    _input("west", Village, bool),
]


class identified(Variable):  # noqa: N801 - OpenFisca names variables by their class
    value_type = bool
    entity = Household
    definition_period = YEAR
    label = "per-capita net income below the line (net < line × size)"

    def formula(household, period, parameters):  # type: ignore[no-untyped-def]  # noqa: N805
        size = household.nb_persons()
        return household("net_income_fen", period) < household("line_fen", period) * size


class exits(Variable):  # noqa: N801
    value_type = bool
    entity = Household
    definition_period = YEAR
    label = "per-capita net income above the line and the guarantees met"

    def formula(household, period, parameters):  # type: ignore[no-untyped-def]  # noqa: N805
        size = household.nb_persons()
        above = household("net_income_fen", period) > household("line_fen", period) * size
        return above * household("guarantees_met", period)


class poor_after_exit(Variable):  # noqa: N801
    value_type = bool
    entity = Person
    definition_period = YEAR
    label = "member of an identified household that does not exit"

    def formula(person, period, parameters):  # type: ignore[no-untyped-def]  # noqa: N805
        h = person.household
        return h("identified", period) * np.logical_not(h("exits", period))


class poor_people(Variable):  # noqa: N801
    value_type = int
    entity = Village
    definition_period = YEAR
    label = "people of the village still poor after the year's exits"

    def formula(village, period, parameters):  # type: ignore[no-untyped-def]  # noqa: N805
        return village.sum(village.members("poor_after_exit", period))


def _village_exit_class(west: tuple[int, int], other: tuple[int, int]) -> type[Variable]:
    """Incidence below ``numerator / denominator``, compared exactly in integers."""

    def formula(village: Any, period: Any, parameters: Any) -> Any:
        is_west = village("west", period)
        num = np.where(is_west, west[0], other[0])
        den = np.where(is_west, west[1], other[1])
        return village("poor_people", period) * den < num * village.nb_persons()

    return type(
        "village_exits",
        (Variable,),
        {
            "value_type": bool,
            "entity": Village,
            "definition_period": YEAR,
            "label": "incidence below the village threshold",
            "formula": formula,
        },
    )


def system(west: tuple[int, int], other: tuple[int, int]) -> TaxBenefitSystem:
    """The system; ``west``/``other`` are the village thresholds as (numerator, denominator)."""
    tbs = TaxBenefitSystem([Person, Household, Village])
    for var in (*_INPUTS, identified, exits, poor_after_exit, poor_people):
        tbs.add_variable(var)
    tbs.add_variable(_village_exit_class(west, other))
    return tbs


def run(
    tbs: TaxBenefitSystem,
    *,
    year: str,
    sizes: np.ndarray,
    village_of_household: np.ndarray,
    village_west: np.ndarray,
    net_income_fen: np.ndarray,
    guarantees_met: np.ndarray,
    line_fen: int,
) -> dict[str, np.ndarray]:
    """Build the simulation from the arrays and compute every rule; the outputs as arrays."""
    households = len(sizes)
    persons = int(sizes.sum())
    household_of_person = np.repeat(np.arange(households), sizes)
    village_of_person = village_of_household[household_of_person]
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", np.arange(persons))
    h = builder.declare_entity("household", np.arange(households))
    builder.join_with_persons(h, household_of_person, np.full(persons, "member"))
    v = builder.declare_entity("village", np.arange(len(village_west)))
    builder.join_with_persons(v, village_of_person, np.full(persons, "resident"))
    sim = builder.build(tbs)
    sim.set_input("net_income_fen", year, net_income_fen)
    sim.set_input("guarantees_met", year, guarantees_met)
    sim.set_input("line_fen", year, np.full(households, line_fen))
    sim.set_input("west", year, village_west)
    return {
        "identified": sim.calculate("identified", year),
        "exits": sim.calculate("exits", year),
        "poor_people": sim.calculate("poor_people", year),
        "village_exits": sim.calculate("village_exits", year),
    }
