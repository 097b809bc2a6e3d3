"""The identification procedure (两公示一公告)."""

from __future__ import annotations

from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import ProcedureFile
from jingzhun.domain.vocabulary import ProcedureLevel
from jingzhun.rules.common.params import param_set
from jingzhun.rules.common.procedure import PROCEDURE_CODES, check_steps

PROCEDURE_RULE: Final = "identification.procedure"

SPEC = RuleSpec(
    id=PROCEDURE_RULE,
    title_zh="识别程序（两公示一公告）",
    title_en="Identification procedure (two notices, one announcement)",
    question_zh="识别程序是否完整合规",
    question_en="Was the identification procedure complete and in order?",
    subject=ProcedureFile,
    parameters=(
        "identification.household_procedure",
        "identification.village_procedure",
        "identification.notice_period_days",
    ),
    clauses=("BOOK2017-ch5-1.1-c", "BOOK2017-ch5-1.1-a", "BOOK2017-ch5-1.1-e"),
)
SPEC.uses(*PROCEDURE_CODES)


_PROCEDURE = cite("BOOK2017-ch5-1.1-c")


_ENTRY = cite("BOOK2017-ch5-1.1-a")


@SPEC.implementation
def check_identification_procedure(
    file: ProcedureFile,
    *,
    on: DateLike,
    params: ParameterSet | None = None,
    region: str | None = None,
) -> Decision:
    """Whether an identification file followed the procedure (两公示一公告).

    Steps must all be present, in order, on or before ``on``; each notice must run the
    notice period (days counted without the day of posting) and end with no unresolved
    objection before the next step (经公示无异议后); the file ends with entry into the
    national system (《精准扶贫精准脱贫》第五章 一、（一）). ``region`` (default: the file's)
    selects the overlays that apply.
    """
    day = as_date(on)
    ps = param_set(params)
    region = region if region is not None else file.region
    name = (
        "identification.household_procedure"
        if file.level is ProcedureLevel.HOUSEHOLD
        else "identification.village_procedure"
    )
    reasons = check_steps(
        file.steps,
        ps.resolve(name, on=day, region=region),
        ps.resolve("identification.notice_period_days", on=day, region=region),
        on=day,
        citations=(_PROCEDURE,),
        step_citations={"data_entry": (_ENTRY,)},
    )
    return SPEC.decide(file.subject_id, day, reasons)
