"""The kernels inside Spark: a function for ``DataFrame.mapInArrow``, and its output schema.

    from jingzhun.engine.columnar.spark import output_schema, spark_mapper

    registry = spark_columns(spark.read.parquet("registry.parquet"))   # household layout
    decisions = registry.mapInArrow(
        spark_mapper("identify", on="2016-12-31"), schema=output_schema("identify")
    )

Each Arrow record batch Spark hands a Python worker is decided exactly as
:func:`jingzhun.engine.columnar.decide` decides a frame (the same kernel, parameters resolved
per region from the bundled parameters and the overlays given, rows the kernel leaves sent
through the scalar rule): the rules are not changed and Spark needs nothing of jingzhun but
the package installed on its workers (with the ``columnar`` extra). Columns of the layout the
registry lacks are taken as absent (null). Spark's ``mapInArrow`` cannot pass a column whose
name has a dot (it resolves ``income.wages`` as a field of ``income``):
:func:`spark_columns` renames the layout's dotted columns with ``__`` (``income__wages``),
and the mapper reads either spelling. The output has plain Spark types: ``id``,
``outcome`` and ``engine`` strings, ``codes`` an array of strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, Final

from jingzhun.core.dates import DateLike, as_date

SEPARATOR: Final = "__"
"""What stands for the dot of a layout column name inside Spark."""

OUTPUT_DDL: Final = "id string, outcome string, codes array<string>, engine string"

Mapper = Callable[[Iterator[Any]], Iterator[Any]]


def output_schema(name: str) -> str:
    """The Spark DDL of the decision rows of ``name`` (a short name or a rule id)."""
    from jingzhun.engine.columnar.files import kernel_entry

    kernel_entry(name)  # an unknown name is refused here, on the driver
    return OUTPUT_DDL


def spark_columns(df: Any) -> Any:
    """A Spark DataFrame with its dotted column names spelt with ``__`` (for mapInArrow)."""
    return df.toDF(*[c.replace(".", SEPARATOR) for c in df.columns])


@cache
def _params(overlays: tuple[tuple[str, str], ...]) -> Any:
    from jingzhun.engine.overlays import with_overlays

    return with_overlays(overlays)


def _arrow_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("outcome", pa.string()),
            ("codes", pa.list_(pa.string())),
            ("engine", pa.string()),
        ]
    )


def decide_batch(
    batch: Any, rule_id: str, on: DateLike, overlays: tuple[tuple[str, str], ...]
) -> Any:
    """One Arrow record batch of households → record batches of decisions (a list)."""
    import polars as pl
    import pyarrow as pa

    from jingzhun.engine.columnar import decide
    from jingzhun.engine.columnar.layout_cast import to_layout

    frame: Any = pl.from_arrow(pa.Table.from_batches([batch]))
    frame = frame.rename({c: c.replace(SEPARATOR, ".") for c in frame.columns})
    table = decide(rule_id, to_layout(frame), on=on, params=_params(overlays))
    plain = table.with_columns(
        pl.col("outcome").cast(pl.String),
        pl.col("codes").cast(pl.List(pl.String)),
        pl.col("engine").cast(pl.String),
    )
    return plain.to_arrow().cast(_arrow_schema()).combine_chunks().to_batches()


def spark_mapper(name: str, *, on: DateLike, overlays: Sequence[tuple[str, str]] = ()) -> Mapper:
    """A function for ``mapInArrow``: record batches of households in, decisions out.

    ``overlays`` are ``(origin, text)`` pairs (the text travels with the function to the
    workers, so no file need be readable there)."""
    from jingzhun.engine.columnar.files import kernel_entry
    from jingzhun.engine.overlays import with_overlays

    rule_id = kernel_entry(name).rule_id
    day = as_date(on).isoformat()
    pairs = tuple((str(o), str(t)) for o, t in overlays)
    with_overlays(pairs)  # a bad overlay is reported on the driver, before the job

    def mapper(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield from decide_batch(batch, rule_id, day, pairs)

    return mapper
