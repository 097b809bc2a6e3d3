"""Exceptions raised by jingzhun. Every one carries a readable bilingual message."""

from __future__ import annotations


class JingzhunError(Exception):
    """Base class of every error jingzhun raises on purpose."""


class UnknownRegionError(JingzhunError, LookupError):
    """A region code or name that is not a known division (未知行政区划)."""


class UnknownClauseError(JingzhunError, LookupError):
    """A clause or document id that is not in the citation registry."""


class ParameterError(JingzhunError):
    """A parameter file that does not follow the schema, or a value that cannot be used."""


class UnknownParameterError(ParameterError, LookupError):
    """A parameter name that no parameter file defines."""


class NoValueInForceError(ParameterError, LookupError):
    """A parameter that has no value in force on the requested date."""


class ParameterConflictError(ParameterError):
    """Two overlays (or two entries) claim a value for the same parameter and date."""


class InputError(JingzhunError, ValueError):
    """Input records that could not be read or validated (see ``errors`` for the list)."""
