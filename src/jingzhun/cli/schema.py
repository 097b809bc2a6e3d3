"""``jingzhun schema [NAME]``: the JSON Schemas jingzhun ships, as the service serves them.

Without a name, the names (one a line); with one, the schema as JSON on standard output.
An unknown name is status 2 with the list of names.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from jingzhun.cli import EXIT_OK
from jingzhun.core.errors import UnknownSchemaError
from jingzhun.serve.payloads import schema_document, schema_names


def add_schema_command(sub: Any) -> None:
    """The ``schema`` subcommand."""
    p = sub.add_parser("schema", help="the shipped JSON Schemas (decision, household, …)")
    p.add_argument("name", nargs="?", help="a schema name (without: list the names)")
    p.set_defaults(func=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print one schema, or the names of all."""
    if args.name is None:
        print("\n".join(schema_names()))
        return EXIT_OK
    try:
        document = schema_document(args.name)
    except LookupError:
        names = "、".join(schema_names())
        message = f"没有该模式 / no schema {args.name!r}; 可用 / schemas: {names}"
        raise UnknownSchemaError(message) from None  # printed with its code, status 2
    print(json.dumps(document, ensure_ascii=False, indent=1))
    return EXIT_OK
