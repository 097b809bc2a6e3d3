"""The same rules written for OpenFisca-core, for the columnar benchmark only.

The outcomes the rules give on the benchmark population (``population.py``), as OpenFisca
formulas, three-valued like jingzhun's (``MET``, ``NOT_MET``, ``UNDETERMINED``):

- identification (``identification.household``, mode ``income_or_unmet_within_margin``):
  income below the line; else an unmet guarantee qualifies while the income is below the
  line widened by the margin; an unrecorded guarantee leaves it undetermined there;
- household exit (``exit.household``, standard of 2016, stability read as a recorded stable
  income source): income above the line, the counted guarantees met and a stable source;
  a known failure is not met, an unrecorded fact undetermined;
- village poor people (identified and not exited) and village exit (incidence at or below
  the village threshold, 以下 including it, west or not).

Every value (line, margin, whether drinking water counts, thresholds) is read from jingzhun's
parameters by the caller and passed in: there is no second copy of a value here.
OpenFisca is a benchmark-only dependency (``requirements/bench.txt``); nothing in ``src/``
imports this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

MET, NOT_MET, UNDETERMINED = 0, 1, 2
"""Outcomes as integers (OpenFisca variables are arrays of numbers)."""

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

GUARANTEES = (
    "food",
    "clothing",
    "compulsory_education",
    "basic_medical_care",
    "housing_safety",
    "drinking_water",
)


@attrs.frozen
class Values:
    """The parameter values the formulas use, resolved from jingzhun's parameters."""

    line_fen: int  # the income year's line, in fen
    margin: tuple[int, int]  # identification.guarantee_margin as numerator, denominator
    water_counts: bool  # guarantees.drinking_water_counts
    west: tuple[int, int]  # the village threshold, west, as numerator, denominator
    other: tuple[int, int]  # elsewhere


def _variable(name: str, entity: Any, value_type: type, formula: Callable[..., Any] | None) -> Any:
    body: dict[str, Any] = {
        "value_type": value_type,
        "entity": entity,
        "definition_period": DateUnit.YEAR,
        "label": name,
    }
    if formula is not None:
        body["formula"] = formula
    return type(name, (Variable,), body)


def system(values: Values) -> TaxBenefitSystem:
    """The system: inputs (net income in fen; each guarantee and the stable income source as
    1 met, 0 not met, -1 unrecorded; the village's west flag) and the rules' formulas."""
    counted = [g for g in GUARANTEES if g != "drinking_water" or values.water_counts]
    line = values.line_fen

    def facts(household: Any, period: Any) -> tuple[Any, Any, Any]:
        size = household.nb_persons()
        states = [household(f"g_{g}", period) for g in counted]
        unmet = np.logical_or.reduce([s == 0 for s in states])
        unknown = np.logical_or.reduce([s < 0 for s in states])
        return size, unmet, unknown

    def identification(household: Any, period: Any) -> Any:
        size, unmet, unknown = facts(household, period)
        net = household("net_income_fen", period)
        below = net < line * size
        num, den = values.margin
        within = net * den < line * (den + num) * size
        on_margin = np.where(unmet, np.where(within, MET, NOT_MET), NOT_MET)
        on_margin = np.where(~unmet & unknown & within, UNDETERMINED, on_margin)
        return np.where(below, MET, on_margin)

    def household_exit(household: Any, period: Any) -> Any:
        size, unmet, unknown = facts(household, period)
        above = household("net_income_fen", period) > line * size
        stable = household("stable_income_source", period)
        opposed = ~above | unmet | (stable == 0)
        blocked = unknown | (stable < 0)
        return np.where(opposed, NOT_MET, np.where(blocked, UNDETERMINED, MET))

    def poor_after_exit(person: Any, period: Any) -> Any:
        h = person.household
        return (h("identification", period) == MET) & (h("household_exit", period) != MET)

    def poor_people(village: Any, period: Any) -> Any:
        return village.sum(village.members("poor_after_exit", period))

    def village_exit(village: Any, period: Any) -> Any:
        west = village("west", period)
        num = np.where(west, values.west[0], values.other[0])
        den = np.where(west, values.west[1], values.other[1])
        ok = village("poor_people", period) * den <= num * village.nb_persons()
        return np.where(ok, MET, NOT_MET)

    tbs = TaxBenefitSystem([Person, Household, Village])
    for var in (
        _variable("net_income_fen", Household, int, None),
        *(_variable(f"g_{g}", Household, int, None) for g in GUARANTEES),
        _variable("stable_income_source", Household, int, None),
        _variable("west", Village, bool, None),
        _variable("identification", Household, int, identification),
        _variable("household_exit", Household, int, household_exit),
        _variable("poor_after_exit", Person, bool, poor_after_exit),
        _variable("poor_people", Village, int, poor_people),
        _variable("village_exit", Village, int, village_exit),
    ):
        tbs.add_variable(var)
    return tbs


def run(
    tbs: TaxBenefitSystem,
    *,
    year: str,
    sizes: np.ndarray,
    village_of_household: np.ndarray,
    village_west: np.ndarray,
    net_income_fen: np.ndarray,
    guarantees: dict[str, np.ndarray],
    stable_income_source: np.ndarray,
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
    for g in GUARANTEES:
        sim.set_input(f"g_{g}", year, guarantees[g])
    sim.set_input("stable_income_source", year, stable_income_source)
    sim.set_input("west", year, village_west)
    return {
        "identification": sim.calculate("identification", year),
        "household_exit": sim.calculate("household_exit", year),
        "poor_people": sim.calculate("poor_people", year),
        "village_exit": sim.calculate("village_exit", year),
    }
