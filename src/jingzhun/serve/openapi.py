"""The OpenAPI components built from the shipped JSON Schemas.

Each record schema (``household.schema.json`` …) becomes a component (``HouseholdRecord``),
its ``$defs`` components of their own (``HouseholdRecord_member``), and every ``$ref``
is rewritten to point at them, so the OpenAPI document holds the very schemas the loaders
validate against. Each rule gets a request component naming its record schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.decisions import SCHEMA_ID
from jingzhun.io.kinds import record_kind
from jingzhun.serve.payloads import schema_document
from jingzhun.serve.requests import MAX_RECORDS

DECISION: Final = "Decision"
ERRORS: Final = "RecordErrors"
PREFIX: Final = "#/components/schemas/"
_DECISION_ID: Final = SCHEMA_ID


def component_name(schema_file: str) -> str:
    """``plan_case.schema.json`` → ``PlanCaseRecord``; the decision schema → ``Decision``."""
    stem = schema_file.split(".")[0]
    if stem == "decision":
        return DECISION
    return "".join(part.capitalize() for part in stem.split("_")) + "Record"


def _rewrite(node: Any, name: str) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite(v, name) for k, v in node.items() if k not in ("$schema", "$id")}
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref == "#":
                out["$ref"] = PREFIX + name
            elif ref.startswith("#/$defs/"):
                out["$ref"] = f"{PREFIX}{name}_{ref[len('#/$defs/') :]}"
            elif ref == _DECISION_ID:
                out["$ref"] = PREFIX + DECISION
        return out
    if isinstance(node, list):
        return [_rewrite(v, name) for v in node]
    return node


def schema_components(schema_file: str) -> dict[str, Any]:
    """A shipped schema and its ``$defs`` as OpenAPI components, references rewritten."""
    name = component_name(schema_file)
    document = dict(schema_document(schema_file))
    defs: Mapping[str, Any] = document.pop("$defs", {})
    out = {name: _rewrite(document, name)}
    out.update({f"{name}_{key}": _rewrite(value, name) for key, value in defs.items()})
    return out


def errors_component() -> dict[str, Any]:
    """The error body every 4xx response carries: a stable error code (``JZ-REQUEST``,
    ``JZ-INPUT``, …; see :mod:`jingzhun.core.errors`), a message and the record errors."""
    error = {
        "type": "object",
        "required": ["index", "record_id", "path", "message", "line"],
        "properties": {
            "index": {"type": ["integer", "null"], "description": "record position (from 1)"},
            "record_id": {"type": ["string", "null"]},
            "path": {"type": "string", "description": "JSON Pointer into the record"},
            "message": {"type": "string"},
            "line": {"type": ["integer", "null"]},
        },
    }
    return {
        "type": "object",
        "required": ["code", "message", "errors"],
        "properties": {
            "code": {"type": "string", "pattern": "^JZ-[A-Z0-9-]+$"},
            "message": {"type": "string"},
            "errors": {"type": "array", "items": error},
        },
    }


def request_name(spec: RuleSpec) -> str:
    return "Request_" + spec.id.replace(".", "_")


def request_component(spec: RuleSpec) -> dict[str, Any]:
    """The request body of one rule's endpoint."""
    kind = record_kind(spec.subject)
    record = {"$ref": PREFIX + component_name(kind.schema)}
    properties: dict[str, Any] = {
        "record": record,
        "records": {"type": "array", "items": record, "minItems": 1, "maxItems": MAX_RECORDS},
        "options": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                o.name: {"type": "boolean", "description": o.help} for o in spec.options
            },
        },
    }
    if spec.dated_by == "year_node":
        date_key = "year"
        properties["year"] = {"type": "integer", "minimum": 1949, "maximum": 2100}
    else:
        date_key = "on"
        properties["on"] = {"type": "string", "format": "date"}
    if kind.reads_reference:
        properties["reference"] = {"$ref": PREFIX + "VillageRecord_reference"}
    return {
        "type": "object",
        "title": f"{spec.title_en} ({spec.id})",
        "required": [date_key],
        "oneOf": [{"required": ["record"]}, {"required": ["records"]}],
        "additionalProperties": False,
        "properties": properties,
    }


def components(specs: list[RuleSpec]) -> dict[str, Any]:
    """Every component the service's OpenAPI document refers to."""
    out: dict[str, Any] = {ERRORS: errors_component()}
    out.update(schema_components("decision.schema.json"))
    for spec in specs:
        out.update(schema_components(record_kind(spec.subject).schema))
        out[request_name(spec)] = request_component(spec)
    return out
