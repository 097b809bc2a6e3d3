"""Closed vocabularies of the registry, each member with its Chinese label.

The codes (``.value``) are stable English identifiers; ``.zh`` is the label printed on
the national forms, ``.en`` an English gloss. ``parse`` accepts any of the three and,
where the national form numbers its options, the form code.
"""

from __future__ import annotations

from jingzhun.core.labels import Labelled, add_aliases

# Spellings seen in real registry exports (peers.md §0) that map onto a form label.
add_aliases("PovertyCause", {"缺劳动力": "lack_of_labour", "其他": "other"})
add_aliases("LabourCapacity", {"弱劳动力": "weak", "半劳动力": "weak"})


class PovertyCause(Labelled):
    """致贫原因, in the order of the 2014 《贫困户登记表》 field A3a (facts.md §3a).

    The form codes 01–11 follow the registry systems' field A22 (partial evidence);
    因婚 was added later by the national system (year unconfirmed) and has no known code.
    """

    ILLNESS = ("illness", "因病", "illness", "01")
    DISABILITY = ("disability", "因残", "disability", "02")
    SCHOOLING = ("schooling", "因学", "cost of schooling", "03")
    DISASTER = ("disaster", "因灾", "natural disaster", "04")
    LACK_OF_LAND = ("lack_of_land", "缺土地", "lack of land", "05")
    LACK_OF_WATER = ("lack_of_water", "缺水", "lack of water", "06")
    LACK_OF_SKILLS = ("lack_of_skills", "缺技术", "lack of skills", "07")
    LACK_OF_LABOUR = ("lack_of_labour", "缺劳力", "lack of labour", "08")
    LACK_OF_CAPITAL = ("lack_of_capital", "缺资金", "lack of capital", "09")
    POOR_TRANSPORT = ("poor_transport", "交通条件落后", "poor transport", "10")
    LACK_OF_MOTIVATION = ("lack_of_motivation", "自身发展动力不足", "lack of motivation", "11")
    MARRIAGE = ("marriage", "因婚", "cost of marriage")
    OTHER = ("other", "其它", "other")


class Sex(Labelled):
    MALE = ("male", "男", "male", "1")
    FEMALE = ("female", "女", "female", "2")


class Relation(Labelled):
    """与户主关系 (relation to the household head)."""

    HEAD = ("head", "户主", "household head", "01")
    SPOUSE = ("spouse", "配偶", "spouse")
    CHILD = ("child", "子女", "child")
    PARENT = ("parent", "父母", "parent")
    GRANDCHILD = ("grandchild", "孙子女", "grandchild")
    GRANDPARENT = ("grandparent", "祖父母", "grandparent")
    SIBLING = ("sibling", "兄弟姐妹", "sibling")
    CHILD_IN_LAW = ("child_in_law", "儿媳/女婿", "child-in-law")
    OTHER = ("other", "其他", "other")


class LabourCapacity(Labelled):
    """劳动技能 / 劳动能力 of a member, as kept by the registry."""

    SKILLED = ("skilled", "技能劳动力", "skilled labour")
    ORDINARY = ("ordinary", "普通劳动力", "ordinary labour")
    WEAK = ("weak", "弱劳动力或半劳动力", "weak or half labour")
    LOST = ("lost", "丧失劳动力", "lost labour capacity")
    NONE = ("none", "无劳动力", "no labour capacity")

    @property
    def can_work(self) -> bool:
        return self in (LabourCapacity.SKILLED, LabourCapacity.ORDINARY, LabourCapacity.WEAK)


class HealthStatus(Labelled):
    """健康状况 of a member (national form); disability is a separate flag."""

    HEALTHY = ("healthy", "健康", "healthy")
    CHRONIC_ILLNESS = ("chronic_illness", "长期慢性病", "long-term chronic illness")
    SERIOUS_ILLNESS = ("serious_illness", "患有大病", "serious illness")


class SchoolStatus(Labelled):
    """在校生状况 of a member."""

    NOT_ENROLLED = ("not_enrolled", "非在校生", "not a student")
    PRESCHOOL = ("preschool", "学前教育", "pre-school")
    PRIMARY = ("primary", "小学", "primary school")
    JUNIOR_SECONDARY = ("junior_secondary", "初中", "junior secondary")
    SENIOR_SECONDARY = ("senior_secondary", "高中", "senior secondary")
    VOCATIONAL = ("vocational", "中职", "secondary vocational")
    HIGHER = ("higher", "高职高专及以上", "higher education")
    DROPPED_OUT = ("dropped_out", "义务教育阶段辍学", "dropped out of compulsory education")

    @property
    def is_student(self) -> bool:
        return self not in (SchoolStatus.NOT_ENROLLED, SchoolStatus.DROPPED_OUT)


class HouseholdType(Labelled):
    """贫困户属性 of 2014–2016: 一般 / 低保 / 五保 (特困供养)."""

    GENERAL = ("general", "一般贫困户", "general poor household")
    DIBAO = ("dibao", "低保贫困户", "minimum-living-guarantee poor household")
    WUBAO = ("wubao", "五保贫困户", "five-guarantee (destitute) poor household")


class Guarantee(Labelled):
    """两不愁三保障 (and, from 2019 practice, safe drinking water).

    《精准扶贫精准脱贫》第一章 三、: “两不愁”，就是稳定实现农村贫困人口不愁吃、不愁穿；
    “三保障”，就是农村贫困人口义务教育、基本医疗、住房安全有保障.
    """

    FOOD = ("food", "不愁吃", "food secured")
    CLOTHING = ("clothing", "不愁穿", "clothing secured")
    COMPULSORY_EDUCATION = ("compulsory_education", "义务教育有保障", "compulsory education")
    BASIC_MEDICAL_CARE = ("basic_medical_care", "基本医疗有保障", "basic medical care")
    HOUSING_SAFETY = ("housing_safety", "住房安全有保障", "safe housing")
    DRINKING_WATER = ("drinking_water", "饮水安全有保障", "safe drinking water")


class VehicleKind(Labelled):
    PRIVATE_CAR = ("private_car", "私家车", "private car")
    LARGE_FARM_VEHICLE = ("large_farm_vehicle", "大型农用车", "large farm vehicle")
    ENGINEERING_MACHINERY = ("engineering_machinery", "工程机械", "engineering machinery")
    MOTORCYCLE = ("motorcycle", "摩托车", "motorcycle")
    MOBILITY_AID = ("mobility_aid", "残疾人代步车", "disability mobility vehicle")
    OTHER = ("other", "其他机动车", "other motor vehicle")


class ExclusionCriterion(Labelled):
    """Facts that local exclusion lists (几不评 / 红线) test. Lists themselves are overlays."""

    TOWN_PROPERTY = (
        "town_property",
        "在城镇购建商品房或门面房",
        "owns housing or a shop in a town",
    )
    VEHICLE = ("vehicle", "拥有机动车辆或工程机械", "owns a motor vehicle or machinery")
    PUBLIC_PAYROLL_MEMBER = (
        "public_payroll_member",
        "家庭成员财政供养",
        "a member is paid from the public payroll",
    )
    PUBLIC_SERVANT_RELATIVE = (
        "public_servant_relative",
        "户主父母、配偶、子女为国家公职人员",
        "a parent, spouse or child of the head is a public servant",
    )
    VILLAGE_CADRE_MEMBER = (
        "village_cadre_member",
        "家庭成员任村干部",
        "a member is a village cadre",
    )
    REGISTERED_BUSINESS = (
        "registered_business",
        "注册公司企业并经营",
        "runs a registered business",
    )


class QuotaUnit(Labelled):
    PERSONS = ("persons", "人", "persons")
    HOUSEHOLDS = ("households", "户", "households")


class ReferenceLevel(Labelled):
    """The level of the area a village is compared with in identification (一高一低一无)."""

    PROVINCE = ("province", "省", "province")
    COUNTY = ("county", "县", "county")


class ProcedureLevel(Labelled):
    """Whose identification file a procedure is (两公示一公告 for households, villages)."""

    HOUSEHOLD = ("household", "贫困户", "household")
    VILLAGE = ("village", "贫困村", "village")


class ExitLevel(Labelled):
    """What exits: a household, a village or a county (retention after exit is per level)."""

    HOUSEHOLD = ("household", "贫困户", "household")
    VILLAGE = ("village", "贫困村", "village")
    COUNTY = ("county", "贫困县", "county")


class DibaoKind(Labelled):
    """低保 households by their review interval (《精准扶贫精准脱贫》第六章 五、（二）)."""

    THREE_WITHOUT = ("three_without", "三无人员", "person with no income, ability or support")
    STABLE_INCOME = ("stable_income", "收入变化不大的家庭", "household with a stable income")
