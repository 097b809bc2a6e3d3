"""Decision tables on disk: the rows, and what they were decided with, written once.

A decision table holds one row per subject: ``id``, ``outcome``, ``codes`` (a list of the
rule's reason codes) and ``engine``, the three dictionary-encoded (Arrow dictionaries of
the rule's values: a code is stored as a small integer, its text once per file). What every
row shares is written once, beside the rows, as one JSON document (:func:`read_document`):

- ``run``: the rule, the decision date, the overlays applied (origin and full text), the
  jingzhun version, the rows per outcome and per engine: enough for ``jingzhun explain`` to
  decide any row again with the scalar rule;
- ``parameters``: the dimension table of parameter uses, one row per distinct use (``id``,
  ``name``, ``value``, ``unit``, ``valid_from``, ``valid_until``, ``status``, ``overlay``,
  ``source``: a citation id, ``regions``: the counties it was resolved for): the rule's
  declared parameters resolved on the decision date for each county of the input, and the
  poverty line of each income year met;
- ``citations``: the dimension table of citations (``id`` and the citation's fields): the
  rule's clauses, its reason codes' citations and the parameters' sources.

Where: in a Parquet file, the footer's key-value metadata (key ``jingzhun.decisions``), so
the file stands alone; an Arrow IPC or CSV file gets a sidecar ``OUT.jingzhun.json`` (an IPC
footer is fixed when the writer opens; CSV has none). CSV (for small results) writes the
codes joined by ``;``. The ids are those of :mod:`jingzhun.core.references` (compact
decisions use the same ones).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import polars as pl

from jingzhun.core.citations import Citation, cite
from jingzhun.core.decisions import ParameterUse
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.references import citation_id as core_citation_id
from jingzhun.core.references import parameter_id
from jingzhun.engine.columnar.groups import resolve_or_none, valid_region
from jingzhun.engine.columnar.registry import KERNELS

METADATA_KEY: Final = b"jingzhun.decisions"
SIDECAR_SUFFIX: Final = ".jingzhun.json"
DOCUMENT_FORMAT: Final = "jingzhun-decisions-v1"
OUTPUT_FORMATS: Final = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".arrow": "arrow",
    ".feather": "arrow",
    ".ipc": "arrow",
    ".csv": "csv",
}


def citation_id(c: Citation) -> str:
    """A citation's id: :func:`jingzhun.core.references.citation_id` (its clause id, or
    ``c:`` and a short content hash) — the same ids as compact decisions."""
    return core_citation_id(c)


def parameter_use_id(use: ParameterUse) -> str:
    """A parameter use's id: :func:`jingzhun.core.references.parameter_id` (``p:`` and a short
    content hash) — the same ids as compact decisions."""
    return parameter_id(use)


def output_format(path: Path) -> str:
    """``parquet``, ``arrow`` or ``csv`` by the file's suffix."""
    from jingzhun.core.errors import InputError

    kind = OUTPUT_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: 不认识的后缀 / unknown suffix (.parquet, .arrow or .csv)")
    return kind


class Dimensions:
    """The parameter uses and citations of a run, gathered chunk by chunk (each county and
    income year resolved once)."""

    def __init__(self, rule_id: str, on: dt.date, ps: ParameterSet) -> None:
        self.spec = KERNELS[rule_id].spec
        self.on, self.ps = on, ps
        self.uses: dict[str, dict[str, Any]] = {}
        self.citations: dict[str, dict[str, Any]] = {}
        self._seen: set[tuple[str, int | None]] = set()
        for clause_id in self.spec.clauses:
            self._cite(cite(clause_id))
        for code in self.spec.reason_codes:
            for c in code.citations:
                self._cite(c)

    def _cite(self, c: Citation) -> str:
        key = citation_id(c)
        self.citations.setdefault(key, {"id": key, **c.to_dict()})
        return key

    def _use(self, use: ParameterUse, region: str) -> None:
        key = parameter_use_id(use)
        row = self.uses.get(key)
        if row is None:
            row = {"id": key, **use.to_dict(), "source": self._cite(use.source), "regions": []}
            row.pop("alternatives", None)
            self.uses[key] = row
        if region not in row["regions"]:
            row["regions"].append(region)

    def add(self, frame: pl.DataFrame) -> None:
        """The counties (and income years) of a chunk of the household layout."""
        years = "income_year" in frame.columns and "poverty_line.nominal" in self.spec.parameters
        cols = ["county_code", "income_year"] if years else ["county_code"]
        if "county_code" not in frame.columns:
            return
        for row in frame.select(cols).unique().iter_rows():
            county, year = row[0], (row[1] if years else None)
            if not valid_region(county):
                continue
            if (county, None) not in self._seen:
                self._seen.add((county, None))
                for name in self.spec.parameters:
                    got = resolve_or_none(self.ps, name, self.on, county)
                    if got is not None:
                        self._use(got.use(), county)
            if year is not None and (county, year) not in self._seen:
                self._seen.add((county, year))
                from jingzhun.rules.common.income import line_of_year

                line = line_of_year(self.ps, int(year), county)
                if line is not None:
                    self._use(line.use(), county)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        uses = [dict(u, regions=sorted(u["regions"])) for u in self.uses.values()]
        return {"parameters": uses, "citations": list(self.citations.values())}


def run_document(
    rule_id: str,
    on: dt.date,
    overlays: Sequence[tuple[str, str]],
    dimensions: Dimensions,
    counts: Mapping[str, Mapping[str, int]],
) -> dict[str, Any]:
    """The JSON document written beside the rows (see the module's doc)."""
    from importlib.metadata import PackageNotFoundError, version

    try:  # the engine layer does not import the package's top level
        release = version("jingzhun")
    except PackageNotFoundError:
        release = "unknown"
    return {
        "format": DOCUMENT_FORMAT,
        "run": {
            "rule": rule_id,
            "on": on.isoformat(),
            "overlays": [{"origin": o, "text": t} for o, t in overlays],
            "jingzhun": release,
            "rows": sum(counts.get("engine", {}).values()),
            **{k: dict(v) for k, v in counts.items()},
        },
        **dimensions.tables(),
    }


def decision_schema(rule_id: str) -> Any:
    """The Arrow schema of a decision table (as polars writes :func:`output_schema`)."""
    from jingzhun.engine.columnar import output_schema

    return pl.DataFrame(schema=output_schema(rule_id)).to_arrow().schema


class DecisionWriter:
    """Writes decision tables chunk by chunk to a temporary file; :meth:`close` adds the
    document and renames the file into place (nothing is left on failure)."""

    def __init__(self, path: Path, rule_id: str) -> None:
        import tempfile

        from jingzhun.engine.output import check_target

        self.path, self.kind = path, output_format(path)
        check_target(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.schema = decision_schema(rule_id)
        self._writer: Any = None
        self.rows = 0

    def _open(self) -> Any:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.kind == "parquet":
            return pq.ParquetWriter(str(self.tmp), self.schema, compression="zstd")
        if self.kind == "arrow":
            return pa.ipc.new_file(str(self.tmp), self.schema)
        return self.tmp.open("w", encoding="utf-8", newline="")

    def write(self, table: pl.DataFrame) -> None:
        if self._writer is None:
            self._writer = self._open()
        if self.kind == "csv":
            flat = table.with_columns(pl.col("codes").cast(pl.List(pl.String)).list.join(";"))
            flat.write_csv(self._writer, include_header=self.rows == 0)
        else:
            self._writer.write(table.to_arrow().cast(self.schema))
        self.rows += table.height

    def close(self, document: Mapping[str, Any]) -> None:
        if self._writer is None:
            self._writer = self._open()
        text = json.dumps(document, ensure_ascii=False)
        if self.kind == "parquet":
            self._writer.add_key_value_metadata({METADATA_KEY: text.encode()})
        self._writer.close()
        if self.kind != "parquet":
            sidecar = sidecar_path(self.path)
            sidecar.write_text(text + "\n", encoding="utf-8")
        from jingzhun.engine.output import _mode

        os.chmod(self.tmp, _mode(self.path))
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):  # the partial file is removed anyway
                self._writer.close()
        self.tmp.unlink(missing_ok=True)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_document(path: str | Path) -> dict[str, Any]:
    """The run document of a decision table (Parquet metadata, else the sidecar)."""
    from jingzhun.core.errors import InputError

    path = Path(path)
    if output_format(path) == "parquet":
        import pyarrow.parquet as pq

        try:
            meta = pq.read_metadata(str(path)).metadata or {}
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: 不是 Parquet 文件 / not a Parquet file ({exc})") from None
        if METADATA_KEY in meta:
            document: dict[str, Any] = json.loads(meta[METADATA_KEY])
            return document
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        loaded: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
        return loaded
    raise InputError(
        f"{path}: 不是 jingzhun 的判定表 / not a jingzhun decision table "
        f"(no {METADATA_KEY.decode()} metadata, no {sidecar.name})"
    )


def dimension_tables(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document's ``parameters`` and ``citations`` as ``pyarrow.Table`` s."""
    import pyarrow as pa

    out = {}
    for name in ("parameters", "citations"):
        rows: Iterable[Mapping[str, Any]] = document.get(name, [])
        clean = [
            {k: json.dumps(v, ensure_ascii=False) if k == "value" else v for k, v in r.items()}
            for r in rows
        ]  # a value may be a number, text, a flag or a list: kept as its JSON text
        out[name] = pa.Table.from_pylist(clean)
    return out
