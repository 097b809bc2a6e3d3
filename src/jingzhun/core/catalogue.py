"""The rule catalogue: each rule declared once, by its :class:`RuleSpec`.

A spec says what the rule asks (question), of what (subject type), from which parameters,
with which reason codes (created through the spec), under which clauses, and — when the
rule is offered on the command line — under which command. The implementation registers
with the spec used as a decorator::

    SPEC = RuleSpec(id="exit.village", ...)
    NO_POPULATION = SPEC.code("VX_NO_RURAL_POPULATION", zh=..., en=...)

    @SPEC.implementation
    def village_exit(village, *, on, params=None) -> Decision:
        ...
        return SPEC.decide(village.village_id, on, reasons)

Batch, command line and docs are driven from the specs; nothing keeps a second list.
Discovery (importing every module of ``jingzhun.rules``) is :func:`jingzhun.rules.catalogue`.
Clauses that are not machine-checkable are listed in ``data/clause_status.json`` with why.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar, cast

import attrs

from jingzhun.core.citations import Citation, clause
from jingzhun.core.dates import DateLike
from jingzhun.core.decisions import Decision, Outcome, Reason, ReasonCode, combine
from jingzhun.core.errors import UnknownOptionError
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.provenance import Provenance
from jingzhun.core.resources import list_data, load_json

F = TypeVar("F", bound=Callable[..., Decision])


class RuleFunction(Protocol):
    """The one call shape of every rule: ``rule(case, *, on, params=None) -> Decision``."""

    def __call__(self, case: Any, /, *, on: DateLike, params: Any = None) -> Decision: ...


@attrs.frozen(kw_only=True)
class RuleOption:
    """A yes/no option a rule takes besides its case (offered as ``--name`` on the CLI)."""

    name: str
    help: str


@attrs.frozen(kw_only=True, eq=False)
class RuleSpec:
    """A rule's single declaration.

    ``command`` is the command-line path (``("exit", "villages")``) for rules offered over
    record files; ``dated_by="year_node"`` makes the command take ``--year`` and decide on
    31 December of that year. ``details`` fills the ``details`` object of batch output rows
    (``details(case, decision) -> mapping``); ``tally`` labels a row's verdict for the
    summary (default: the outcome), from the enum ``tally_labels``. ``composes`` names the
    rules whose decisions may appear in ``Decision.basis``.
    """

    id: str
    title_zh: str
    title_en: str
    question_zh: str
    question_en: str
    subject: type
    parameters: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    command: tuple[str, ...] | None = None
    dated_by: str = attrs.field(default="on", validator=attrs.validators.in_(("on", "year_node")))
    options: tuple[RuleOption, ...] = ()
    composes: tuple[str, ...] = ()
    details: Callable[[Any, Decision], Mapping[str, Any]] | None = None
    tally: Callable[[Decision], Any] | None = None
    tally_labels: type | None = None
    _codes: dict[str, ReasonCode] = attrs.field(factory=dict, init=False, repr=False)
    _implementation: list[RuleFunction] = attrs.field(factory=list, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for clause_id in self.clauses:
            clause(clause_id)  # raises UnknownClauseError for a typo

    @property
    def family(self) -> str:
        """The rule family: the first part of the id (``exit`` of ``exit.village``)."""
        return self.id.split(".", 1)[0]

    # --- reason codes -------------------------------------------------------------------

    def code(
        self, code: str, *, zh: str, en: str, citations: Iterable[Citation] = ()
    ) -> ReasonCode:
        """Create one of this rule's reason codes (bilingual ``str.format`` templates)."""
        made = ReasonCode(code=code, zh=zh, en=en, citations=tuple(citations))
        self.uses(made)
        return made

    def uses(self, *codes: ReasonCode) -> None:
        """Declare codes created by another spec (shared blocks such as the procedure)."""
        for made in codes:
            known = self._codes.get(made.code)
            if known is not None and known is not made:
                raise ValueError(f"{self.id}: reason code {made.code} declared twice")
            self._codes[made.code] = made

    @property
    def reason_codes(self) -> tuple[ReasonCode, ...]:
        return tuple(self._codes.values())

    # --- the implementation -------------------------------------------------------------

    def implementation(self, fn: F) -> F:
        """Register ``fn`` as this rule (decorator); the spec enters the catalogue.

        Returns a wrapper (``functools.wraps``, so it keeps ``fn``'s name) that gives
        ``fn`` the bundled parameters when ``params`` is None and stamps the decision with
        the parameters' :class:`~jingzhun.core.provenance.Provenance` — the one place
        provenance is set.
        """
        if self._implementation:
            raise ValueError(f"rule {self.id} has two implementations")

        @functools.wraps(fn)
        def rule(case: Any, /, *, on: DateLike, params: Any = None, **options: Any) -> Decision:
            if params is None:
                params = bundled()
            if options:
                decision = fn(case, on=on, params=params, **options)
            else:
                decision = fn(case, on=on, params=params)
            if decision.provenance is None:
                stamp_provenance(decision, params)
            return decision

        bundled = ParameterSet.bundled

        self._implementation.append(rule)
        register(self)
        return cast(F, rule)

    @property
    def function(self) -> str:
        """The implementing function's qualified name."""
        fn = self.rule
        return f"{fn.__module__}.{getattr(fn, '__qualname__', repr(fn))}"

    @property
    def rule(self) -> RuleFunction:
        """The implementing function, ``rule(case, *, on, params=None) -> Decision``."""
        if not self._implementation:
            raise LookupError(f"rule {self.id} has no implementation")
        return self._implementation[0]

    def apply(
        self,
        case: Any,
        *,
        on: DateLike,
        params: Any = None,
        options: Mapping[str, bool] | None = None,
    ) -> Decision:
        """Run the rule on ``case``, with the declared ``options`` given (others refused)."""
        given = dict(options or {})
        unknown = set(given) - {o.name for o in self.options}
        if unknown:
            raise UnknownOptionError(f"rule {self.id} takes no option {', '.join(sorted(unknown))}")
        fn: Callable[..., Decision] = self.rule
        return fn(case, on=on, params=params, **given)

    def decide(
        self,
        subject: str,
        on: dt.date,
        reasons: Iterable[Reason],
        *,
        outcome: Outcome | None = None,
        basis: Iterable[Decision] = (),
        question: tuple[str, str] | None = None,
    ) -> Decision:
        """This rule's decision; every reason must carry one of the spec's codes."""
        reasons = tuple(reasons)
        codes = self._codes
        for r in reasons:
            if r.code not in codes:
                raise ValueError(f"rule {self.id} emitted undeclared reason code {r.code}")
        zh, en = question if question is not None else (self.question_zh, self.question_en)
        return Decision(
            rule=self.id,
            subject=subject,
            on=on,
            outcome=combine(reasons) if outcome is None else outcome,
            question_zh=zh,
            question_en=en,
            reasons=reasons,
            basis=tuple(basis),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "function": self.function,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "question_zh": self.question_zh,
            "question_en": self.question_en,
            "subject": self.subject.__name__,
            "parameters": list(self.parameters),
            "command": " ".join(self.command) if self.command else None,
            "composes": list(self.composes),
            "clauses": [
                {"id": c, "locator": clause(c).locator, "document": clause(c).document}
                for c in self.clauses
            ],
            "reason_codes": [{"code": r.code, "zh": r.zh, "en": r.en} for r in self.reason_codes],
        }


def stamp_provenance(decision: Decision, params: Any = None) -> Decision:
    """Give a decision just made by :meth:`RuleSpec.decide` (and not stamped yet) the
    provenance of ``params`` (None: the bundled set); returns it. Used by the wrapper of
    :meth:`RuleSpec.implementation`, and by the few public functions that return a rule's
    decision without calling the rule (such as ``adjust_entry``)."""
    if decision.provenance is None:
        stamp = getattr(ParameterSet.bundled() if params is None else params, "provenance", None)
        if isinstance(stamp, Provenance):
            # the decision is new: stamp it in place, no copy (a hot path of every batch)
            object.__setattr__(decision, "provenance", stamp)
    return decision


_REGISTRY: dict[str, RuleSpec] = {}


def register(spec: RuleSpec) -> RuleSpec:
    """Enter a spec into the catalogue (done by :meth:`RuleSpec.implementation`)."""
    if spec.id in _REGISTRY and _REGISTRY[spec.id] is not spec:
        raise ValueError(f"rule {spec.id} registered twice")
    _REGISTRY[spec.id] = spec
    return spec


def unregister(rule_id: str) -> RuleSpec | None:
    """Take a rule out of the catalogue (for examples and tests that declare rules of their
    own); returns it, or None if it was not registered."""
    return _REGISTRY.pop(rule_id, None)


def registered_rules() -> tuple[RuleSpec, ...]:
    """The specs registered so far, by id (see :func:`jingzhun.rules.catalogue`)."""
    return tuple(sorted(_REGISTRY.values(), key=lambda r: r.id))


def clause_status() -> dict[str, dict[str, str]]:
    """Clauses not implemented as rules, with the reason (``{"id": {"status", "why"}}``).

    Read from ``data/clause_status.json`` and one file per family in ``data/clause_status/``;
    a clause listed twice is an error."""
    out: dict[str, dict[str, str]] = {}
    files = [("clause_status.json",)] + [
        ("clause_status", p.name) for p in list_data("data", "clause_status")
    ]
    for parts in files:
        raw: dict[str, dict[str, str]] = load_json("data", *parts)["clauses"]
        for key, value in raw.items():
            if key in out:
                raise ValueError(f"clause {key} is explained twice ({'/'.join(parts)})")
            out[key] = dict(value)
    return out
