"""``jingzhun duties``: who answers for what on a day (the duty table, 脱贫攻坚责任制).

Lists the rows of ``responsibility.duties`` in force on ``--on`` — for one ``--level`` or all
— with their clauses, as text or JSON. Parameter overlays apply (``--overlay``,
``--region``). An unknown level is a usage error (status 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from jingzhun.cli import EXIT_OK, _date, _overlays
from jingzhun.domain.responsibility import DutyLevel, duties_of
from jingzhun.engine.overlays import with_overlays


def add_duties_command(sub: Any) -> None:
    """The ``duties`` subcommand and its options."""
    p = sub.add_parser("duties", help="who answers for what (脱贫攻坚责任制), with the clauses")
    p.add_argument("--on", type=_date, required=True, help="the day, YYYY-MM-DD")
    p.add_argument("--level", choices=[x.value for x in DutyLevel], help="one level (default: all)")
    p.add_argument("--region", help="a division code (its overlays apply)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--overlay", action="append", metavar="TOML")
    p.set_defaults(func=cmd_duties)


def cmd_duties(args: argparse.Namespace) -> int:
    params = with_overlays(_overlays(args))
    duties = duties_of(args.level, on=args.on, params=params, region=args.region)
    if args.json:
        rows = [
            {
                "level": d.level.value,
                "level_zh": d.level.zh,
                "duty_zh": d.duty_zh,
                "duty_en": d.duty_en,
                "clauses": list(d.clauses),
                "since": d.since.isoformat(),
                "status": d.status,
            }
            for d in duties
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    for d in duties:
        mark = " (interpretation)" if d.status == "interpretation" else ""
        sys.stdout.write(f"{d.level.zh} | {', '.join(d.clauses)} | {d.duty_zh}{mark}\n")
        sys.stdout.write(f"    {d.duty_en}\n")
    sys.stdout.write(f"{len(duties)} duties on {args.on}\n")
    return EXIT_OK
