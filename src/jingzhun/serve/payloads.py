"""The documents the service and the command line share: the rule catalogue, the parameters
in force, the shipped JSON Schemas. Plain data, no web framework (``jingzhun rules --json``
and ``jingzhun params --json`` print the same documents)."""

from __future__ import annotations

from typing import Any

from jingzhun.core.catalogue import clause_status
from jingzhun.core.errors import UnknownSchemaError
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.regions import normalize_code, province
from jingzhun.core.resources import list_data, load_json
from jingzhun.rules import catalogue

SUFFIX = ".schema.json"


def catalogue_document() -> dict[str, Any]:
    """Every rule of the catalogue, and the clauses not implemented with why."""
    return {"rules": [r.to_dict() for r in catalogue()], "not_implemented": clause_status()}


def region_code(region: str | None, province_name: str | None) -> str | None:
    """A division code from ``region`` (any code) or ``province_name`` (code or name)."""
    if region:
        return normalize_code(region)
    if province_name:
        return province(province_name).code
    return None


def parameters_document(params: ParameterSet, on: str, region: str | None) -> dict[str, Any]:
    """The parameters in force on ``on`` (ISO date) in ``region`` (None: national)."""
    return {
        "on": on,
        "region": region,
        "parameters": [
            {
                "name": r.name,
                "label_zh": r.label_zh,
                "label_en": r.label_en,
                **{k: v for k, v in r.use().to_dict().items() if k != "name"},
                "note": r.note,
            }
            for r in params.in_force(on=on, region=region)
        ],
    }


def schema_names() -> list[str]:
    """The shipped JSON Schemas by name (``household`` for ``household.schema.json``)."""
    return [p.name[: -len(SUFFIX)] for p in list_data("schemas") if p.name.endswith(SUFFIX)]


def schema_document(name: str) -> dict[str, Any]:
    """A shipped JSON Schema by name (``household`` or ``household.schema.json``);
    :class:`~jingzhun.core.errors.UnknownSchemaError` (a ``LookupError``) if there is none."""
    short = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    if short not in schema_names():
        raise UnknownSchemaError(f"no schema {name!r}; schemas: {', '.join(schema_names())}")
    document: dict[str, Any] = load_json("schemas", short + SUFFIX)
    return document


def schema_registry() -> Any:
    """A :class:`referencing.Registry` of every shipped schema by its ``$id``, so that a
    schema referring to another by ``$id`` (a decision row to the decision) resolves:
    ``jsonschema.Draft202012Validator(schema_document("decision-row"), registry=...)``."""
    import referencing

    resources = []
    for name in schema_names():
        document = schema_document(name)
        resources.append((document["$id"], referencing.Resource.from_contents(document)))
    return referencing.Registry().with_resources(resources)
