"""Responsibility (脱贫攻坚责任制): the duties that logs can show were done.

Pure functions of the log types of :mod:`jingzhun.domain.responsibility` and a date ``on``.
Frequencies, minimums and the dates they apply from are parameters
(``data/parameters/responsibility.toml``); who answers for what is the duty table
(:func:`jingzhun.domain.responsibility.duties_of`).
"""

from jingzhun.rules.responsibility.leader_tenure import leader_tenure
from jingzhun.rules.responsibility.meetings import meetings
from jingzhun.rules.responsibility.unit_pairing import unit_pairing
from jingzhun.rules.responsibility.visits import visits
from jingzhun.rules.responsibility.working_days import working_days

__all__ = ["leader_tenure", "meetings", "unit_pairing", "visits", "working_days"]
