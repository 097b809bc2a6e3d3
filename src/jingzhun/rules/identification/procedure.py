"""The identification procedure (两公示一公告)."""

from __future__ import annotations

from typing import Final

from jingzhun.core.catalogue import RuleSpec, register
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    combine,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import ProcedureFile
from jingzhun.rules.common.params import param_set
from jingzhun.rules.common.procedure import PROCEDURE_CODES, check_steps

PROCEDURE_RULE: Final = "identification.procedure"


_PROCEDURE = cite("BOOK2017-ch5-1.1-c")


_ENTRY = cite("BOOK2017-ch5-1.1-a")


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
    national system (《精准扶贫精准脱贫》第五章 一、（一）).
    """
    day = as_date(on)
    ps = param_set(params)
    name = (
        "identification.household_procedure"
        if file.level == "household"
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
    return Decision(
        rule=PROCEDURE_RULE,
        subject=file.subject_id,
        on=day,
        outcome=combine(reasons),
        question_zh="识别程序是否完整合规",
        question_en="Was the identification procedure complete and in order?",
        reasons=tuple(reasons),
    )


register(
    RuleSpec(
        id=PROCEDURE_RULE,
        function="jingzhun.check_identification_procedure",
        title_zh="识别程序（两公示一公告）",
        title_en="Identification procedure (two notices, one announcement)",
        clauses=("BOOK2017-ch5-1.1-c", "BOOK2017-ch5-1.1-a", "BOOK2017-ch5-1.1-e"),
        reason_codes=PROCEDURE_CODES,
    )
)
