"""Record kinds: for each subject type a rule decides on, how its records are read.

A kind names the JSON wrapper key (``{"households": [...]}``), the JSON Schema a record
must satisfy, the id field used in error messages and duplicate checks, and the converter
to the domain object. Batch and the command line find the kind from a rule's declared
subject type, so a rule over an existing subject needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from jingzhun.core.errors import InputError, UnknownRecordKindError
from jingzhun.domain.cases import VillageCase
from jingzhun.domain.classification import PlanCase
from jingzhun.domain.model import CountyExitCase, Household, Village
from jingzhun.domain.registry import RegistryEntry
from jingzhun.io.converters import (
    county_case_from_dict,
    household_from_dict,
    registry_entry_from_dict,
    village_from_dict,
)
from jingzhun.io.plan_cases import plan_case_from_dict

Context = Mapping[str, Any] | None


@attrs.frozen(kw_only=True)
class RecordKind:
    """How records of one subject type are read."""

    subject: type
    key: str
    schema: str
    id_field: str
    convert: Callable[[Mapping[str, Any], Context], Any]
    noun_zh: str
    noun_en: str
    reads_reference: bool = False


def _village(raw: Mapping[str, Any], context: Context) -> Village:
    return village_from_dict(raw, context).village


def _village_case(raw: Mapping[str, Any], context: Context) -> VillageCase:
    """A village with its reference area, which identification cannot do without."""
    case = village_from_dict(raw, context)
    if case.reference is None:
        message = (
            "缺少参照区域 / no reference area: give a top-level 'reference' or one per village"
        )
        raise InputError(message, [("/reference", message)])
    return case


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        subject=Household,
        key="households",
        schema="household.schema.json",
        id_field="household_id",
        convert=lambda raw, _context: household_from_dict(raw),
        noun_zh="户",
        noun_en="households",
    ),
    RecordKind(
        subject=RegistryEntry,
        key="households",
        schema="household.schema.json",
        id_field="household_id",
        convert=lambda raw, _context: registry_entry_from_dict(raw),
        noun_zh="户（含建档立卡状态）",
        noun_en="registry entries",
    ),
    RecordKind(
        subject=VillageCase,
        key="villages",
        schema="village.schema.json",
        id_field="village_id",
        convert=_village_case,
        noun_zh="村（含参照区域）",
        noun_en="villages with their reference area",
        reads_reference=True,
    ),
    RecordKind(
        subject=Village,
        key="villages",
        schema="village.schema.json",
        id_field="village_id",
        convert=_village,
        noun_zh="村",
        noun_en="villages",
        reads_reference=True,
    ),
    RecordKind(
        subject=PlanCase,
        key="households",
        schema="plan_case.schema.json",
        id_field="household_id",
        convert=lambda raw, _context: plan_case_from_dict(raw),
        noun_zh="户（含在档脱贫计划）",
        noun_en="households with their plan on file",
    ),
    RecordKind(
        subject=CountyExitCase,
        key="counties",
        schema="county_exit.schema.json",
        id_field="county_code",
        convert=lambda raw, _context: county_case_from_dict(raw),
        noun_zh="县",
        noun_en="counties",
    ),
)


def record_kind(subject: type) -> RecordKind:
    """The record kind of a subject type (if records of it cannot
    be read, :class:`~jingzhun.core.errors.UnknownRecordKindError`, a ``LookupError``)."""
    for kind in KINDS:
        if kind.subject is subject:
            return kind
    raise UnknownRecordKindError(f"no record kind reads {subject.__name__} records")


def has_record_kind(subject: type) -> bool:
    return any(kind.subject is subject for kind in KINDS)
