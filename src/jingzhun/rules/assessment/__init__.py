"""Provincial effectiveness assessment (成效考核), its calendar, and assessment plans.

《省级党委和政府扶贫开发工作成效考核办法》（2016）and the three-year guidance
七、（二）, 八、（三）.
The scoring model is a parameter set (``data/parameters/assessment.toml``): there are no
national weights or grade cut-offs, and an example profile is offered as an interpretation.
"""

from jingzhun.rules.assessment.province import province_assessment

__all__ = ["province_assessment"]
