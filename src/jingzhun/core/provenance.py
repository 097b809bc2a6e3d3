"""Where a decision came from: the library version and the exact parameters it read.

Every decision made by a catalogue rule carries a :class:`Provenance` (stamped once, by the
wrapper :meth:`jingzhun.core.catalogue.RuleSpec.implementation` puts around the rule):

- ``library`` and ``version``: ``jingzhun`` and its installed version
  (:func:`library_version`, ``"0+unknown"`` when the package metadata is missing);
- ``parameters``: the fingerprint of the parameter set — ``"sha256:"`` and the hex digest of
  a canonical JSON (keys sorted, no spaces, UTF-8) of every parameter of the baseline (name,
  unit, type and every dated value with its period, status, source, note and alternatives)
  and every overlay (origin, region, title and its values), computed once per
  :class:`~jingzhun.core.parameters.ParameterSet` and cached;
- ``overlays``: the origins of the overlays in the set, in order.

Two decisions with the same fingerprint read the same parameter values; a changed value,
date, status, source or overlay changes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import attrs

if TYPE_CHECKING:
    from jingzhun.core.parameters import DatedValue, Overlay, Parameter

LIBRARY: Final = "jingzhun"
UNKNOWN_VERSION: Final = "0+unknown"


@cache
def library_version() -> str:
    """The installed version of jingzhun (``"0+unknown"`` without package metadata)."""
    from importlib import metadata

    try:
        return metadata.version(LIBRARY)
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


@attrs.frozen(kw_only=True)
class Provenance:
    """The library, its version, the parameter fingerprint and the overlays of a decision."""

    library: str = LIBRARY
    version: str
    parameters: str
    overlays: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "library": self.library,
            "version": self.version,
            "parameters": self.parameters,
            "overlays": list(self.overlays),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        return cls(
            library=data["library"],
            version=data["version"],
            parameters=data["parameters"],
            overlays=tuple(data.get("overlays", ())),
        )


def canonical_json(obj: Any) -> str:
    """The canonical JSON text fingerprints and ids hash: keys sorted, no spaces, Decimal
    and dates as strings, tuples and mappings as lists and objects."""
    return json.dumps(
        obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )


def short_hash(obj: Any, length: int = 12) -> str:
    """The first ``length`` hex digits of the sha256 of ``canonical_json(obj)``."""
    return hashlib.sha256(canonical_json(obj).encode("utf-8")).hexdigest()[:length]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | list | frozenset | set):
        return list(value)
    if attrs.has(type(value)):
        return attrs.asdict(value, recurse=False)
    raise TypeError(f"cannot fingerprint {type(value).__name__}: {value!r}")


def _dated(values: Iterable[DatedValue]) -> list[dict[str, Any]]:
    return [
        {
            "value": v.value,
            "from": v.period.start.isoformat(),
            "until": v.period.end.isoformat() if v.period.end else None,
            "status": v.status,
            "source": v.source.to_dict(),
            "note": v.note,
            "alternatives": [a.to_dict() for a in v.alternatives],
        }
        for v in values
    ]


def fingerprint(baseline: Iterable[Parameter], overlays: Iterable[Overlay]) -> str:
    """``"sha256:<hex>"`` over every parameter entry of the baseline and of the overlays."""
    document = {
        "parameters": sorted(
            (
                {"name": p.name, "unit": p.unit, "type": p.type, "values": _dated(p.values)}
                for p in baseline
            ),
            key=lambda entry: str(entry["name"]),
        ),
        "overlays": [
            {
                "origin": ov.origin,
                "region": ov.region,
                "title": ov.title,
                "values": {name: _dated(vs) for name, vs in sorted(ov.values.items())},
            }
            for ov in overlays
        ],
    }
    return "sha256:" + hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def provenance_of(baseline: Iterable[Parameter], overlays: tuple[Overlay, ...]) -> Provenance:
    """The provenance of decisions made with these parameters (see :func:`fingerprint`)."""
    return Provenance(
        version=library_version(),
        parameters=fingerprint(baseline, overlays),
        overlays=tuple(ov.origin for ov in overlays),
    )
