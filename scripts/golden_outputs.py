"""Record or check the command-line outputs over the whole sample county, byte for byte.

The outputs of ``jingzhun rules --json``, ``params --json``, the demo, and identification,
consistency, exit and the yearly adjustment over the sample county are fingerprinted
(SHA-256 of stdout, plus the exit status) and compared with ``tests/golden/outputs.json``.
A reshaping of the code must leave every fingerprint unchanged; a change of behaviour
updates them on purpose (``--update``) and says why in the CHANGELOG.

    python scripts/golden_outputs.py            # check (exit 1 and list the differences)
    python scripts/golden_outputs.py --update   # record the current outputs
    python scripts/golden_outputs.py --dump DIR # also write every output into DIR
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "outputs.json"

COUNTIES: list[dict[str, Any]] = [
    {
        "county_code": "640422",
        "name": "西吉县",
        "key_county": True,
        "incidence": "0",
        "wrong_exit_rate": {"below": "0.02"},
        "missed_rate": {"below": "0.02"},
        "approval": "0.989",
    },
    {
        "county_code": "610999",
        "name": "样例县",
        "key_county": True,
        "rural_population": 52000,
        "remaining_poor": 1300,
        "wrong_exit_rate": "0.01",
        "missed_rate": "0.025",
        "approval": "0.92",
        "poor_villages": 10,
        "poor_villages_exited": 9,
    },
    {
        "county_code": "410225",
        "name": "兰考县",
        "key_county": True,
        "incidence": "0.0146",
        "wrong_exit_rate": "0",
        "missed_rate": "0",
        "approval": "0.9893",
        "poor_villages": 115,
        "poor_villages_exited": 114,
        "steps": [
            {"step": "county_application", "first_day": "2016-12-20"},
            {"step": "city_review", "first_day": "2016-12-25"},
            {"step": "provincial_verification", "first_day": "2017-01-05"},
            {"step": "public_notice", "first_day": "2017-01-10", "last_day": "2017-01-17"},
            {"step": "national_assessment", "first_day": "2017-02-01"},
            {"step": "provincial_government_approval", "first_day": "2017-03-27"},
        ],
    },
    {"county_code": "370102", "name": "not a poor county"},
]


def _registry(households: list[dict[str, Any]]) -> list[dict[str, Any]]:
    try:
        from jingzhun.demo.sample import sample_registry
    except ImportError:  # the flat layout before the reshaping
        from jingzhun.demo.sample import sample_registry
    import jingzhun as jz

    loaded = jz.load_households_text(json.dumps({"households": households}, ensure_ascii=False))
    ids = [
        h.household_id
        for h in loaded.records
        if jz.identify_household(h, on="2017-06-30").outcome is jz.Outcome.MET
    ]
    return sample_registry(ids)


def _commands(d: Path) -> dict[str, list[str]]:
    hh, vv, cc, rr = (str(d / n) for n in ("h.json", "v.json", "c.json", "r.jsonl"))
    runs: dict[str, list[str]] = {
        "rules.json": ["rules", "--json"],
        "rules.txt": ["rules"],
        "demo.txt": ["demo"],
        "sample-households.json": ["sample", "--out", str(d / "sample")],
    }
    for on, region in (("2015-06-30", None), ("2017-12-31", "52"), ("2019-06-30", "610902")):
        extra = ["--region", region] if region else []
        runs[f"params-{on}-{region}.json"] = ["params", "--on", on, "--json", *extra]
        runs[f"params-{on}-{region}.txt"] = ["params", "--on", on, *extra]
    for on in ("2014-12-31", "2016-12-31", "2017-06-30"):
        for fmt in ("json", "table"):
            runs[f"identify-households-{on}.{fmt}"] = [
                "identify", "households", hh, "--on", on, "--format", fmt, "--jobs", "2",
            ]  # fmt: skip
    runs["identify-villages.jsonl"] = ["identify", "villages", vv, "--on", "2014-06-30",
                                       "--format", "jsonl"]  # fmt: skip
    runs["check-households.json"] = ["check", "households", hh, "--on", "2017-06-30",
                                     "--format", "json", "--jobs", "1"]  # fmt: skip
    for on in ("2016-12-31", "2017-12-31", "2019-06-30"):
        runs[f"exit-households-{on}.jsonl"] = ["exit", "households", rr, "--on", on,
                                               "--format", "jsonl"]  # fmt: skip
        runs[f"exit-villages-{on}.json"] = ["exit", "villages", vv, "--on", on, "--format",
                                            "json"]  # fmt: skip
    for on in ("2016-06-30", "2017-03-31", "2018-08-31", "2020-11-16"):
        runs[f"exit-counties-{on}.jsonl"] = ["exit", "counties", cc, "--on", on, "--format",
                                             "jsonl"]  # fmt: skip
    for year in (2016, 2017, 2018):
        for fmt in ("jsonl", "table"):
            runs[f"adjust-{year}.{fmt}"] = ["adjust", rr, "--year", str(year), "--format", fmt]
    return runs


def _run(argv: list[str]) -> tuple[int, bytes]:
    from jingzhun.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, (out.getvalue() + "\n--- stderr ---\n" + err.getvalue()).encode()


def outputs(dump: Path | None = None) -> dict[str, str]:
    """Every fingerprint: ``name → "<exit status> <sha256>"``."""
    from jingzhun.cli import main

    result: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        with contextlib.redirect_stdout(io.StringIO()):
            main(["sample", "--out", str(d)])
        households = json.loads((d / "households.json").read_text(encoding="utf-8"))
        (d / "h.json").write_text(json.dumps(households, ensure_ascii=False), encoding="utf-8")
        (d / "v.json").write_bytes((d / "villages.json").read_bytes())
        (d / "c.json").write_text(json.dumps({"counties": COUNTIES}, ensure_ascii=False))
        with (d / "r.jsonl").open("w", encoding="utf-8") as f:
            for rec in _registry(households["households"]):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        for name, argv in _commands(d).items():
            code, data = _run(argv)
            data = data.replace(str(d).encode(), b"<tmp>")
            result[name] = f"{code} {hashlib.sha256(data).hexdigest()}"
            if dump is not None:
                dump.mkdir(parents=True, exist_ok=True)
                (dump / name).write_bytes(data)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="record the current outputs")
    parser.add_argument("--dump", type=Path, help="write every output into this folder")
    args = parser.parse_args(argv)
    current = outputs(args.dump)
    if args.update:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(current)} outputs in {GOLDEN.relative_to(ROOT)}")
        return 0
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    differ = sorted(
        k for k in current.keys() | recorded.keys() if current.get(k) != recorded.get(k)
    )
    for name in differ:
        print(f"differs: {name}  recorded {recorded.get(name)}  now {current.get(name)}")
    print(f"{len(current) - len(differ)} of {len(current)} outputs byte-identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
