"""The contract a decision keeps: its versioned schema, its provenance, the compact form with
references by id, the input models as plain dicts, and errors with stable codes.

    python examples/contract_walkthrough.py
"""

from __future__ import annotations

import json

import jsonschema

import jingzhun as jz
from jingzhun.serve.payloads import schema_document, schema_registry


def main() -> None:
    household = jz.Household.from_dict(
        {
            "household_id": "H1",
            "county_code": "522701",
            "declared_size": 3,
            "income_year": 2015,
            "income": {"wages": "6000", "transfers": "1500"},
        }
    )
    decision = jz.identify_household(household, on="2016-12-31")
    full = decision.to_dict()
    schema = schema_document("decision")
    jsonschema.Draft202012Validator(schema, registry=schema_registry()).validate(full)
    print(full["schema"], full["outcome"], full["provenance"]["library"])
    print("parameters fingerprint:", full["provenance"]["parameters"][:15] + "…")

    refs = jz.References().add(decision)
    compact = decision.to_json(compact=True)
    print(f"full {len(decision.to_json())} bytes, compact {len(compact)} bytes,", end=" ")
    print(f"{len(refs.citations)} citations and {len(refs.parameters)} parameter uses by id")
    back = jz.Decision.from_json(compact, references=jz.References.from_dict(refs.to_dict()))
    print("read back equal:", back == decision)
    print("the household as a dict:", json.dumps(household.to_dict(), ensure_ascii=False))

    try:
        jz.Household.from_dict({"household_id": "H2", "county_code": "522701", "size": 3})
    except jz.InputError as exc:
        print(exc.code, [e.path for e in exc.errors])


if __name__ == "__main__":
    main()
