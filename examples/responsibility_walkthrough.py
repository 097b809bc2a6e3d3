"""Responsibility walkthrough: who answers for what, and the duties a county's logs show.

Run: python examples/responsibility_walkthrough.py  (CI runs it; it reads no files.)
"""

from __future__ import annotations

from jingzhun.core.decisions import Outcome
from jingzhun.domain.audit import Responsible
from jingzhun.domain.responsibility import (
    AssistancePairing,
    CountyLeadership,
    LeaderTerm,
    MeetingLog,
    Visit,
    VisitLog,
    WorkingDaysLog,
    citations_for,
    duties_of,
)
from jingzhun.rules.responsibility import (
    leader_tenure,
    meetings,
    unit_pairing,
    visits,
    working_days,
)

ON = "2019-06-30"

# 1. The county's duties on the day (the table responsibility.duties), with their clauses.
for duty in duties_of("county", on=ON):
    print(f"{', '.join(duty.clauses):22} {duty.duty_zh}")

# 2. The article a county-level audit finding cites (第十四条, 主体责任).
print("\n县级 findings cite:", [c.clause_id for c in citations_for(Responsible.COUNTY)])

# 3. A poor county's dedicated meetings: one a month. March 2019 had none.
log = MeetingLog(
    body_id="640422",
    body="county",
    subject_to_duty=True,
    start="2019-01-01",
    meetings=["2019-01-08", "2019-02-27", "2019-04-02", "2019-05-06", "2019-06-30"],
)
decision = meetings(log, on=ON)
print("\n", decision.outcome.zh, decision.reasons[0].message_zh)
assert decision.outcome is Outcome.NOT_MET

# 4. The county secretary's working days: 5 is enough (至少), 4 is not.
days = WorkingDaysLog(
    county_code="640422",
    poor_county=True,
    person_id="县委书记甲",
    role="secretary",
    start="2019-01-01",
    months={"2019-01": 5, "2019-02": 4, "2019-03": 6, "2019-04": 5, "2019-05": 7, "2019-06": 5},
)
decision = working_days(days, on=ON)
print(" ", decision.outcome.zh, decision.reasons[0].message_zh)
assert decision.outcome is Outcome.NOT_MET

# 5. 五级书记遍访: the county secretary's round of the poor villages (2019), still open.
round_ = VisitLog(
    secretary_id="县委书记甲",
    level="county",
    targets=["V01", "V02", "V03"],
    start="2019-01-01",
    end="2020-01-01",
    visits=[Visit(target_id="V01", on="2019-03-12"), Visit(target_id="V02", on="2019-05-20")],
)
decision = visits(round_, on=ON)
print(" ", decision.outcome.zh, decision.reasons[0].message_zh)
assert decision.outcome is Outcome.UNDETERMINED

# 6. 不摘帽不调离: the county head was transferred before the county exited.
leadership = CountyLeadership(
    county_code="640422",
    poor_county=True,
    exited_on="2019-04-28",
    terms=[
        LeaderTerm(
            person_id="县长乙",
            role="head",
            start="2016-01-10",
            end="2018-09-01",
            reason="transferred",
        ),
    ],
)
decision = leader_tenure(leadership, on=ON)
print(" ", decision.outcome.zh, decision.reasons[0].message_zh)
assert decision.outcome is Outcome.NOT_MET

# 7. 不脱贫不脱钩: the assisting unit stayed until the county exited.
pairing = AssistancePairing(
    unit="某中央单位",
    target_id="640422",
    start="2015-08-01",
    end="2019-04-28",
    target_exited_on="2019-04-28",
)
decision = unit_pairing(pairing, on=ON)
print(" ", decision.outcome.zh, decision.reasons[0].message_zh)
assert decision.outcome is Outcome.MET
